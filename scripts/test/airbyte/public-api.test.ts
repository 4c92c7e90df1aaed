import nock from 'nock';
import {
  AIRBYTE,
  DEFINITION_ID,
  DOCS_URL,
  fixture,
  NAME,
  REPOSITORY,
  registerArgs,
  run,
  trackUnmatched,
  WORKSPACE,
} from './harness';

type Definitions = {data: {id: string; dockerImageTag: string}[]; next?: string};

const unmatched = trackUnmatched();
const COLLECTION = `/api/public/v1/workspaces/${WORKSPACE}/definitions/sources`;

function definitions(tag: string | undefined): Definitions {
  const answer = fixture<Definitions>('public/definitions.json');
  answer.data = answer.data
    .filter((d) => tag !== undefined || d.id !== DEFINITION_ID)
    .map((d) => (d.id === DEFINITION_ID ? {...d, dockerImageTag: tag as string} : d));
  return answer;
}

describe('airbyte-register with the public API', () => {
  it('creates the definition with POST', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions(undefined));
    const create = nock(AIRBYTE)
      .post(COLLECTION, {
        name: NAME,
        dockerRepository: REPOSITORY,
        dockerImageTag: '0.2.0',
        documentationUrl: DOCS_URL,
      })
      .reply(200, fixture('public/definition.json'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result).toMatchObject({code: 0, stderr: ''});
    expect(result.stdout).toContain('public API');
    expect(result.stdout).toContain(`done:      created definition ${DEFINITION_ID}`);
    expect(create.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('bumps the tag with PUT {name, dockerImageTag}', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions('0.1.0'));
    const put = nock(AIRBYTE)
      .put(`${COLLECTION}/${DEFINITION_ID}`, {name: NAME, dockerImageTag: '0.2.0'})
      .reply(200, fixture('public/definition.json'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tag 0.1.0 -> 0.2.0');
    expect(result.stdout).toContain(
      `done:      updated definition ${DEFINITION_ID} "${NAME}" -> ${REPOSITORY}:0.2.0`
    );
    expect(put.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('sends nothing but the GET when the tag is already registered', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions('0.2.0'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to do');
    expect(unmatched.requests).toEqual([]);
  });

  it('sends no PUT on --dry-run', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions('0.1.0'));

    const result = await run(registerArgs('--api', 'public', '--dry-run'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tag 0.1.0 -> 0.2.0');
    expect(result.stdout).toContain('dry run');
    expect(unmatched.requests).toEqual([]);
  });

  it('follows `next` pages on the server it was given to find the definition', async () => {
    const first = definitions(undefined);
    // The server may advertise its internal service name; the tool stays on --airbyte-url.
    first.next = `http://airbyte-airbyte-server-svc:8001${COLLECTION}?limit=1&offset=1`;
    nock(AIRBYTE).get(COLLECTION).reply(200, first);
    nock(AIRBYTE)
      .get(COLLECTION)
      .query({limit: '1', offset: '1'})
      .reply(200, {data: definitions('0.2.0').data.filter((d) => d.id === DEFINITION_ID)});

    const result = await run(registerArgs('--api', 'public'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to do');
    expect(unmatched.requests).toEqual([]);
  });

  it('says the workspace is wrong when the API answers 404', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(404, fixture('public/error-workspace-not-found.json'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^error: workspace ${WORKSPACE} not found on ${AIRBYTE}: check --workspace-id`)
    );
    expect(unmatched.requests).toEqual([]);
  });

  it('explains a PUT that fails because the image cannot be pulled', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions('0.1.0'));
    nock(AIRBYTE)
      .put(`${COLLECTION}/${DEFINITION_ID}`, {name: NAME, dockerImageTag: '0.2.0'})
      .reply(500, fixture('config/error-uncaught.json'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: image ${REPOSITORY}:0.2.0 could not be pulled by Airbyte: was it published? check the tag and the cluster's registry credentials`
    );
    expect(result.stderr).toContain('errorId 3f9a0d3c-5b1e-4c8e-9f3a-2d7b6e1c0a45');
  });
});

describe('airbyte-register with the public API: null optional fields', () => {
  it('reads a list whose next, previous and documentationUrl are JSON null', async () => {
    const answer = {
      data: definitions('0.1.0').data.map((d) => ({...d, documentationUrl: null})),
      next: null,
      previous: null,
    };
    nock(AIRBYTE).get(COLLECTION).reply(200, answer);
    const put = nock(AIRBYTE)
      .put(`${COLLECTION}/${DEFINITION_ID}`, {name: NAME, dockerImageTag: '0.2.0'})
      .reply(200, {...fixture<object>('public/definition.json'), documentationUrl: null});

    const result = await run(registerArgs('--api', 'public'));

    expect(result).toMatchObject({code: 0, stderr: ''});
    expect(result.stdout).toContain(`done:      updated definition ${DEFINITION_ID}`);
    expect(put.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('stops paging at a null `next` on a non-empty page', async () => {
    nock(AIRBYTE)
      .get(COLLECTION)
      .reply(200, {...definitions('0.2.0'), next: null, previous: null});

    const result = await run(registerArgs('--api', 'public'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to do');
    expect(unmatched.requests).toEqual([]);
  });
});

describe('airbyte-register with the public API: catalog connectors', () => {
  it('creates next to a same-named catalog connector (no custom flag: known by airbyte/)', async () => {
    const answer = definitions(undefined);
    answer.data.push({
      ...answer.data[0]!,
      id: '11111111-2222-4333-8444-555555555555',
      name: NAME,
      dockerRepository: 'airbyte/source-upbit-candles',
    } as Definitions['data'][number]);
    nock(AIRBYTE).get(COLLECTION).reply(200, answer);
    const create = nock(AIRBYTE).post(COLLECTION).reply(200, fixture('public/definition.json'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result).toMatchObject({code: 0, stderr: ''});
    expect(create.isDone()).toBe(true);
  });
});

describe('what the tool says Airbyte does while applying', () => {
  it('a roll back to a tag the definition knows does not claim a pull and spec run', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions('0.2.0'));
    nock(AIRBYTE)
      .put(`${COLLECTION}/${DEFINITION_ID}`, {name: NAME, dockerImageTag: '0.1.0'})
      .reply(200, {...fixture<object>('public/definition.json'), dockerImageTag: '0.1.0'});

    const result = await run(registerArgs('--api', 'public', '--tag', '0.1.0'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `applying:  Airbyte pulls ${REPOSITORY}:0.1.0 and runs spec before answering if this definition never had the tag 0.1.0 (minutes); a tag it already knows, e.g. a roll back, reuses the stored spec`
    );
  });

  it('the tag "dev" is re-read every time', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions('0.2.0'));
    nock(AIRBYTE)
      .put(`${COLLECTION}/${DEFINITION_ID}`, {name: NAME, dockerImageTag: 'dev'})
      .reply(200, {...fixture<object>('public/definition.json'), dockerImageTag: 'dev'});

    const result = await run(registerArgs('--api', 'public', '--tag', 'dev'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      're-runs spec before answering (it always does for the tag "dev")'
    );
  });

  it('a create always pulls and runs spec', async () => {
    nock(AIRBYTE).get(COLLECTION).reply(200, definitions(undefined));
    nock(AIRBYTE).post(COLLECTION).reply(200, fixture('public/definition.json'));

    const result = await run(registerArgs('--api', 'public'));

    expect(result.stdout).toContain(
      `applying:  Airbyte pulls ${REPOSITORY}:0.2.0 and runs spec before answering; this can take minutes`
    );
  });
});
