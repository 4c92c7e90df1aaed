import {createServer} from 'node:net';
import nock from 'nock';
import {
  AIRBYTE,
  fixture,
  REPOSITORY,
  registerArgs,
  run,
  trackUnmatched,
  WORKSPACE,
} from './harness';

const unmatched = trackUnmatched();
const LIST = '/api/v1/source_definitions/list_for_workspace';
const CREATE = '/api/v1/source_definitions/create_custom';

function emptyList() {
  nock(AIRBYTE).post(LIST).reply(200, {sourceDefinitions: []});
}

describe('airbyte-register failures', () => {
  it.each([
    ['404 ConfigNotFound', 404, 'config/error-workspace-not-found.json'],
    ['404 with only an errorId', 404, 'config/error-uncaught.json'],
    ['400 validation error', 400, 'config/error-invalid-input.json'],
    ['422 validation error', 422, 'config/error-invalid-input.json'],
  ])('names the workspace flag on %s', async (_label, status, body) => {
    nock(AIRBYTE).post(LIST, {workspaceId: WORKSPACE}).reply(status, fixture(body));

    const result = await run(registerArgs());

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('plan:');
    expect(result.stderr).toMatch(
      new RegExp(`^error: workspace ${WORKSPACE} not found on ${AIRBYTE}: check --workspace-id`)
    );
    expect(unmatched.requests).toEqual([]);
  });

  it('tells a wrong --airbyte-url apart from a wrong workspace', async () => {
    nock(AIRBYTE).post(LIST).reply(404, fixture('config/error-route-not-found.json'));

    const result = await run(registerArgs());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: no Airbyte API at ${AIRBYTE}${LIST} (HTTP 404)`);
  });

  it.each([
    ['the "Get Spec Job failed" message', 500, 'config/error-spec-job-failed.json'],
    ['an opaque errorId', 500, 'config/error-uncaught.json'],
    [
      'a 422 about the docker image',
      422,
      {
        message: `Encountered an issue while validating input docker image from ${REPOSITORY}:0.2.0 - java.lang.NullPointerException`,
        exceptionClassName: 'io.airbyte.commons.server.errors.KnownException',
      },
    ],
  ])('maps a failed spec run (%s) to the missing-image message', async (_label, status, body) => {
    emptyList();
    nock(AIRBYTE)
      .post(CREATE)
      .reply(status, typeof body === 'string' ? fixture(body) : body);

    const result = await run(registerArgs());

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: image ${REPOSITORY.replace(/\./g, '\\.')}:0\\.2\\.0 could not be pulled by Airbyte: was it published\\? check the tag and the cluster's registry credentials`
      )
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('reports other server errors with the status and the server message', async () => {
    emptyList();
    nock(AIRBYTE).post(CREATE).reply(409, {message: 'definition already being created'});

    const result = await run(registerArgs());

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: Airbyte answered HTTP 409 to POST ${AIRBYTE}${CREATE}: definition already being created\n`
    );
  });

  it('rejects an answer of the wrong shape instead of guessing', async () => {
    nock(AIRBYTE).post(LIST).reply(200, {definitions: []});

    const result = await run(registerArgs());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('answered an unexpected shape (sourceDefinitions:');
  });

  it('says the server is unreachable, without a stack trace', async () => {
    const port = await closedPort();
    nock.enableNetConnect('127.0.0.1');

    const result = await run([
      ...registerArgs().slice(0, 1),
      '--airbyte-url',
      `http://127.0.0.1:${port}`,
      ...registerArgs().slice(3),
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: cannot reach Airbyte at http://127.0.0.1:${port} (ECONNREFUSED): check --airbyte-url and that the server is up (for a cluster: kubectl port-forward svc/airbyte-airbyte-server-svc 8000:8001)\n`
    );
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}
