import nock from 'nock';
import {AIRBYTE, CONNECTOR_DIR, registerArgs, run, trackUnmatched, WORKSPACE} from './harness';

const unmatched = trackUnmatched();

describe('airbyte-register usage', () => {
  it('prints help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run airbyte-register --');
    expect(result.stdout).toContain('AIRBYTE_CLIENT_ID + AIRBYTE_CLIENT_SECRET');
  });

  it.each([
    [['--airbyte-url', AIRBYTE, '--workspace-id', WORKSPACE], 'missing <connector>'],
    [[CONNECTOR_DIR, '--workspace-id', WORKSPACE], 'missing --airbyte-url'],
    [[CONNECTOR_DIR, '--airbyte-url', AIRBYTE], 'missing --workspace-id'],
    [registerArgs('--api', 'graphql'), '--api must be "config" or "public", got "graphql"'],
    [registerArgs('--tag', '1.2.3+sha'), '--tag "1.2.3+sha" is not a valid image tag'],
    [
      [CONNECTOR_DIR, '--airbyte-url', AIRBYTE, '--workspace-id', 'default'],
      '--workspace-id "default" is not a UUID',
    ],
    [
      [CONNECTOR_DIR, '--airbyte-url', 'localhost:8000', '--workspace-id', WORKSPACE],
      '--airbyte-url must be http(s)',
    ],
    [
      [CONNECTOR_DIR, '--airbyte-url', `${AIRBYTE}/api/v1`, '--workspace-id', WORKSPACE],
      `--airbyte-url should be the server root without the API path: use ${AIRBYTE}`,
    ],
    [
      registerArgs('--image-registry', 'https://123.dkr.ecr.ap-northeast-2.amazonaws.com'),
      '--image-registry "https://',
    ],
    [registerArgs('--timeout', '0'), '--timeout must be a positive number'],
    [registerArgs('--frobnicate'), "Unknown option '--frobnicate'"],
    [
      ['/nonexistent/pkg', '--airbyte-url', AIRBYTE, '--workspace-id', WORKSPACE],
      'connector "/nonexistent/pkg" not found',
    ],
  ])('exits 2 for %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(unmatched.requests).toEqual([]);
  });

  it('accepts the metadata.yaml path as well as the package directory', async () => {
    nock(AIRBYTE)
      .post('/api/v1/source_definitions/list_for_workspace')
      .reply(200, {sourceDefinitions: []});

    const result = await run([
      `${CONNECTOR_DIR}/metadata.yaml`,
      ...registerArgs('--dry-run').slice(1),
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `connector: Upbit Hourly Candles (${CONNECTOR_DIR}/metadata.yaml)`
    );
  });

  it('the harness itself notices requests nobody planned for', async () => {
    // Guards every "no mutating call" assertion: if nock stopped reporting unmatched requests,
    // those assertions would pass vacuously.
    const result = await run(registerArgs());
    expect(result.code).toBe(1);
    expect(unmatched.requests).toEqual(['POST /api/v1/source_definitions/list_for_workspace']);
  });
});
