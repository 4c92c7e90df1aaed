import nock from 'nock';
import {AIRBYTE, fixture, registerArgs, run, trackUnmatched, WORKSPACE} from './harness';

const unmatched = trackUnmatched();
const LIST = '/api/v1/source_definitions/list_for_workspace';
const TOKEN_PATH = '/api/public/v1/applications/token';
const ACCESS_TOKEN = fixture<{access_token: string}>('public/token.json').access_token;
const UPDATED_LIST = {
  sourceDefinitions: [
    {
      ...fixture<object>('config/created.json'),
      dockerImageTag: '0.2.0',
    },
  ],
};

describe('airbyte-register authentication', () => {
  it('sends basic auth from AIRBYTE_USERNAME/AIRBYTE_PASSWORD', async () => {
    const list = nock(AIRBYTE)
      .matchHeader('authorization', `Basic ${Buffer.from('ops:pa55word!').toString('base64')}`)
      .post(LIST, {workspaceId: WORKSPACE})
      .reply(200, UPDATED_LIST);

    const result = await run(registerArgs(), {
      AIRBYTE_USERNAME: 'ops',
      AIRBYTE_PASSWORD: 'pa55word!',
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('basic auth from AIRBYTE_USERNAME/AIRBYTE_PASSWORD');
    expect(list.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('sends AIRBYTE_TOKEN as a bearer token, ahead of other credentials', async () => {
    const list = nock(AIRBYTE)
      .matchHeader('authorization', 'Bearer tok-123')
      .post(LIST)
      .reply(200, UPDATED_LIST);

    const result = await run(registerArgs(), {
      AIRBYTE_TOKEN: 'tok-123',
      AIRBYTE_USERNAME: 'ops',
      AIRBYTE_PASSWORD: 'unused',
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('bearer token from AIRBYTE_TOKEN');
    expect(list.isDone()).toBe(true);
  });

  it('exchanges client credentials once and uses the access token on every call', async () => {
    const token = nock(AIRBYTE)
      .post(TOKEN_PATH, {
        client_id: 'app-id',
        client_secret: 'app-secret-value',
        'grant-type': 'client_credentials',
      })
      .once()
      .reply(200, fixture('public/token.json'));
    const calls = nock(AIRBYTE)
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .post(LIST)
      .reply(200, {sourceDefinitions: []})
      .post('/api/v1/source_definitions/create_custom')
      .reply(200, fixture('config/created.json'));

    const result = await run(registerArgs(), {
      AIRBYTE_CLIENT_ID: 'app-id',
      AIRBYTE_CLIENT_SECRET: 'app-secret-value',
    });

    expect(result.code).toBe(0);
    expect(token.isDone() && calls.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(ACCESS_TOKEN);
  });

  it('sends no Authorization header when no credentials are set', async () => {
    const list = nock(AIRBYTE, {badheaders: ['authorization']})
      .post(LIST)
      .reply(200, UPDATED_LIST);

    const result = await run(registerArgs(), {});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no credentials');
    expect(list.isDone()).toBe(true);
  });

  it.each([401, 403])('names the env vars to set on HTTP %i', async (status) => {
    nock(AIRBYTE).post(LIST).reply(status, {message: 'Unauthorized'});

    const result = await run(registerArgs());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `(HTTP ${status}) with basic auth from AIRBYTE_USERNAME/AIRBYTE_PASSWORD`
    );
    expect(result.stderr).toContain(
      'set AIRBYTE_USERNAME and AIRBYTE_PASSWORD (basic auth), or AIRBYTE_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET'
    );
  });

  it('explains a rejected client-credentials exchange', async () => {
    nock(AIRBYTE).post(TOKEN_PATH).reply(401, {message: 'Invalid client credentials'});

    const result = await run(registerArgs(), {
      AIRBYTE_CLIENT_ID: 'app-id',
      AIRBYTE_CLIENT_SECRET: 'wrong-secret',
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: could not exchange AIRBYTE_CLIENT_ID/AIRBYTE_CLIENT_SECRET for a token on ${AIRBYTE} (HTTP 401: Invalid client credentials): check both values (UI > User settings > Applications)\n`
    );
    expect(unmatched.requests).toEqual([]);
  });

  it.each([
    [{AIRBYTE_USERNAME: 'ops'}, 'AIRBYTE_USERNAME is set but AIRBYTE_PASSWORD is not'],
    [{AIRBYTE_PASSWORD: 'x-secret'}, 'AIRBYTE_PASSWORD is set but AIRBYTE_USERNAME is not'],
    [{AIRBYTE_CLIENT_ID: 'app'}, 'AIRBYTE_CLIENT_ID is set but AIRBYTE_CLIENT_SECRET is not'],
  ])('refuses half a credential pair %j (usage error, nothing sent)', async (env, message) => {
    const result = await run(registerArgs(), env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(unmatched.requests).toEqual([]);
  });
});

describe('secrets never reach the output', () => {
  const PASSWORD = 'pw-Zq9!never-print';
  const TOKEN = 'tok-Zq9-never-print';
  const CLIENT_SECRET = 'cs-Zq9-never-print';
  const BASIC = Buffer.from(`ops:${PASSWORD}`).toString('base64');
  const SECRETS = [PASSWORD, TOKEN, CLIENT_SECRET, BASIC, ACCESS_TOKEN];

  function expectClean(output: {stdout: string; stderr: string}) {
    const all = output.stdout + output.stderr;
    for (const secret of SECRETS) {
      expect(all).not.toContain(secret);
    }
  }

  it('on success, with every kind of credential', async () => {
    for (const env of [
      {AIRBYTE_USERNAME: 'ops', AIRBYTE_PASSWORD: PASSWORD},
      {AIRBYTE_TOKEN: TOKEN},
    ]) {
      nock(AIRBYTE).post(LIST).reply(200, UPDATED_LIST);
      const result = await run(registerArgs(), env);
      expect(result.code).toBe(0);
      expectClean(result);
    }
  });

  it('when the server echoes the credentials in an error body', async () => {
    nock(AIRBYTE)
      .post(LIST)
      .reply(401, {message: `bad header Basic ${BASIC} (password ${PASSWORD})`});
    const basic = await run(registerArgs(), {AIRBYTE_USERNAME: 'ops', AIRBYTE_PASSWORD: PASSWORD});
    expect(basic.code).toBe(1);
    expect(basic.stderr).toContain('bad header Basic *** (password ***)');
    expectClean(basic);

    nock(AIRBYTE).post(TOKEN_PATH).reply(200, fixture('public/token.json'));
    nock(AIRBYTE)
      .post(LIST)
      .reply(500, {message: `token ${ACCESS_TOKEN} from secret ${CLIENT_SECRET} broke`});
    const exchanged = await run(registerArgs(), {
      AIRBYTE_CLIENT_ID: 'app',
      AIRBYTE_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(exchanged.code).toBe(1);
    expectClean(exchanged);
  });

  it('when the token exchange itself fails and echoes the secret', async () => {
    nock(AIRBYTE)
      .post(TOKEN_PATH)
      .reply(400, {message: `client_secret ${CLIENT_SECRET} invalid`});
    const result = await run(registerArgs(), {
      AIRBYTE_CLIENT_ID: 'app',
      AIRBYTE_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(result.code).toBe(1);
    expectClean(result);
  });

  it('when a secret is passed as a flag (refused without echoing it)', async () => {
    for (const flag of [
      ['--password', PASSWORD],
      [`--token=${TOKEN}`],
      ['--client-secret', CLIENT_SECRET],
    ]) {
      const result = await run([...registerArgs(), ...flag], {});
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/credentials are read only from the environment; set AIRBYTE_/);
      expectClean(result);
    }
    expect(unmatched.requests).toEqual([]);
  });

  it('in usage errors', async () => {
    const result = await run(['--bogus', TOKEN], {AIRBYTE_TOKEN: TOKEN});
    expect(result.code).toBe(2);
    expectClean(result);
  });
});

describe('--dry-run with client credentials', () => {
  it('sends the token exchange and the list request, nothing else, and says so', async () => {
    const token = nock(AIRBYTE).post(TOKEN_PATH).once().reply(200, fixture('public/token.json'));
    const list = nock(AIRBYTE)
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .post(LIST)
      .reply(200, {sourceDefinitions: []});

    const result = await run(registerArgs('--dry-run'), {
      AIRBYTE_CLIENT_ID: 'app-id',
      AIRBYTE_CLIENT_SECRET: 'app-secret-value',
    });

    expect(result.code).toBe(0);
    expect(token.isDone() && list.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
    expect(result.stdout).toContain(
      `dry run:   nothing was changed (sent only POST ${TOKEN_PATH}, POST ${LIST}); re-run without --dry-run to apply`
    );
  });

  it('names only the list request when no token has to be exchanged', async () => {
    nock(AIRBYTE).post(LIST).reply(200, {sourceDefinitions: []});

    const result = await run(registerArgs('--dry-run'), {AIRBYTE_TOKEN: 'tok-123456'});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`dry run:   nothing was changed (sent only POST ${LIST});`);
  });
});
