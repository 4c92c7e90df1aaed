import nock from 'nock';
import {
  AIRBYTE,
  DEFINITION_ID,
  DOCS_URL,
  ECR,
  fixture,
  NAME,
  REPOSITORY,
  registerArgs,
  run,
  trackUnmatched,
  WORKSPACE,
} from './harness';

type ReadList = {sourceDefinitions: {custom: boolean; dockerImageTag: string}[]};

const unmatched = trackUnmatched();

function listAnswer(tag: string | undefined): ReadList {
  const list = fixture<ReadList>('config/list-for-workspace.json');
  list.sourceDefinitions = list.sourceDefinitions
    .filter((d) => tag !== undefined || !d.custom)
    .map((d) => (d.custom ? {...d, dockerImageTag: tag as string} : d));
  return list;
}

function expectList(tag: string | undefined) {
  return nock(AIRBYTE)
    .post('/api/v1/source_definitions/list_for_workspace', {workspaceId: WORKSPACE})
    .reply(200, listAnswer(tag));
}

describe('airbyte-register with the config API', () => {
  it('creates the custom definition when the workspace has none for the image', async () => {
    const list = expectList(undefined);
    const create = nock(AIRBYTE)
      .post('/api/v1/source_definitions/create_custom', {
        workspaceId: WORKSPACE,
        sourceDefinition: {
          name: NAME,
          dockerRepository: REPOSITORY,
          dockerImageTag: '0.2.0',
          documentationUrl: DOCS_URL,
        },
      })
      .reply(200, fixture('config/created.json'));

    const result = await run(registerArgs());

    expect(result).toMatchObject({code: 0, stderr: ''});
    expect(result.stdout).toContain(
      `plan:      create custom source definition "${NAME}" with ${REPOSITORY}:0.2.0`
    );
    expect(result.stdout).toContain(
      `done:      created definition ${DEFINITION_ID} "${NAME}" -> ${REPOSITORY}:0.2.0`
    );
    expect(list.isDone() && create.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('moves the existing definition to the new tag', async () => {
    expectList('0.1.0');
    const update = nock(AIRBYTE)
      .post('/api/v1/source_definitions/update', {
        sourceDefinitionId: DEFINITION_ID,
        workspaceId: WORKSPACE,
        name: NAME,
        dockerImageTag: '0.2.0',
      })
      .reply(200, fixture('config/updated.json'));

    const result = await run(registerArgs());

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `plan:      update definition ${DEFINITION_ID} (${REPOSITORY}): tag 0.1.0 -> 0.2.0`
    );
    expect(result.stdout).toContain(`done:      updated definition ${DEFINITION_ID}`);
    expect(update.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('changes nothing on a second run and says so', async () => {
    expectList('0.1.0');
    nock(AIRBYTE)
      .post('/api/v1/source_definitions/update', {
        sourceDefinitionId: DEFINITION_ID,
        workspaceId: WORKSPACE,
        name: NAME,
        dockerImageTag: '0.2.0',
      })
      .reply(200, fixture('config/updated.json'));
    expect((await run(registerArgs())).code).toBe(0);

    const list = expectList('0.2.0');
    const second = await run(registerArgs());

    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      `plan:      nothing to do: definition ${DEFINITION_ID} "${NAME}" already uses ${REPOSITORY}:0.2.0`
    );
    expect(second.stdout).not.toContain('done:');
    expect(list.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });

  it('prints the plan and sends no mutating call on --dry-run', async () => {
    expectList('0.1.0');

    const result = await run(registerArgs('--dry-run'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tag 0.1.0 -> 0.2.0');
    expect(result.stdout).toContain('dry run:   nothing was changed');
    expect(unmatched.requests).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('plans a create on --dry-run without creating', async () => {
    expectList(undefined);

    const result = await run(registerArgs('--dry-run'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plan:      create custom source definition');
    expect(unmatched.requests).toEqual([]);
  });

  it('rolls back to an older tag given with --tag', async () => {
    expectList('0.2.0');
    const update = nock(AIRBYTE)
      .post('/api/v1/source_definitions/update', {
        sourceDefinitionId: DEFINITION_ID,
        workspaceId: WORKSPACE,
        name: NAME,
        dockerImageTag: '0.1.0',
      })
      .reply(200, {...fixture<object>('config/updated.json'), dockerImageTag: '0.1.0'});

    const result = await run(registerArgs('--tag', '0.1.0'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tag 0.2.0 -> 0.1.0 (downgrade: rollback)');
    expect(result.stdout).toContain(`-> ${REPOSITORY}:0.1.0`);
    expect(update.isDone()).toBe(true);
  });

  it('refuses to touch a same-named definition that pulls another repository', async () => {
    nock(AIRBYTE)
      .post('/api/v1/source_definitions/list_for_workspace', {workspaceId: WORKSPACE})
      .reply(200, listAnswer('0.1.0'));

    // Without --image-registry the image is korea-candles/source-upbit-candles (Docker Hub).
    const result = await run(registerArgs().slice(0, 5));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `a source definition named "${NAME}" (${DEFINITION_ID}) already exists but pulls ${REPOSITORY}, not korea-candles/source-upbit-candles`
    );
    expect(result.stderr).toContain('check --image-registry');
    expect(unmatched.requests).toEqual([]);
  });

  it('registers the dev image next to the prod definition under --name', async () => {
    expectList('0.1.0');
    const devTag = '0.2.0-dev.41.g1a2b3c4';
    const create = nock(AIRBYTE)
      .post('/api/v1/source_definitions/create_custom', {
        workspaceId: WORKSPACE,
        sourceDefinition: {
          name: `${NAME} (dev)`,
          dockerRepository: `${ECR}/dev/korea-candles/source-upbit-candles`,
          dockerImageTag: devTag,
          documentationUrl: DOCS_URL,
        },
      })
      .reply(200, {
        ...fixture<object>('config/created.json'),
        sourceDefinitionId: 'a1b2c3d4-0000-4000-8000-000000000001',
        name: `${NAME} (dev)`,
        dockerRepository: `${ECR}/dev/korea-candles/source-upbit-candles`,
        dockerImageTag: devTag,
      });

    const result = await run([
      ...registerArgs().slice(0, 5),
      '--image-registry',
      `${ECR}/dev`,
      '--tag',
      devTag,
      '--name',
      `${NAME} (dev)`,
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`-> ${ECR}/dev/korea-candles/source-upbit-candles:${devTag}`);
    expect(create.isDone()).toBe(true);
    expect(unmatched.requests).toEqual([]);
  });
});

describe('airbyte-register with the config API: null optional fields', () => {
  it('reads definitions whose custom flag is JSON null', async () => {
    const list = listAnswer('0.2.0');
    nock(AIRBYTE)
      .post('/api/v1/source_definitions/list_for_workspace', {workspaceId: WORKSPACE})
      .reply(200, {
        sourceDefinitions: list.sourceDefinitions.map((d) => ({...d, custom: null})),
      });

    const result = await run(registerArgs());

    expect(result).toMatchObject({code: 0, stderr: ''});
    expect(result.stdout).toContain('nothing to do');
    expect(unmatched.requests).toEqual([]);
  });
});
