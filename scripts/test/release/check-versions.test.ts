import {checkVersions} from '../../src/release/check-versions';
import {GitRepo} from '../../src/release/git';
import {connectorFiles, fixtureContents, GitFixture, metadataYaml} from './git-fixture';

describe('check-versions', () => {
  let repo: GitFixture;
  let base: string;
  beforeEach(() => {
    repo = new GitFixture();
    repo.write({
      ...connectorFiles({name: 'source-a', version: '0.1.0'}),
      ...connectorFiles({name: 'source-b'}),
    });
    repo.write({'packages/connector-common/src/index.ts': 'export {};\n', 'README.md': '# repo\n'});
    base = repo.commit('base');
  });
  afterEach(() => repo.cleanup());

  const check = () => checkVersions(new GitRepo(repo.dir), base, 'HEAD', fixtureContents(repo));
  const fields = () => check().problems.map((p) => `${p.file} ${p.field}`);

  it('passes when nothing shipped changed', () => {
    repo.write({'README.md': '# docs only\n', 'packages/source-a/test/x.test.ts': 'test\n'});
    repo.commit();
    expect(check()).toEqual({checked: ['source-a', 'source-b'], problems: []});
  });

  it('requires a version bump when a connector source file changed', () => {
    repo.write({'packages/source-a/src/index.ts': 'export const x = 2;\n'});
    repo.commit();
    const {problems} = check();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: 'packages/source-a/metadata.yaml',
      field: 'data.dockerImageTag',
    });
    expect(problems[0]?.message).toContain('packages/source-a/src/index.ts');
    expect(problems[0]?.fix).toContain('0.1.1');
  });

  it('treats a connector-common change as a change to every connector', () => {
    repo.write({'packages/connector-common/src/index.ts': 'export const y = 1;\n'});
    repo.commit();
    expect(fields()).toEqual([
      'packages/source-a/metadata.yaml data.dockerImageTag',
      'packages/source-b/metadata.yaml data.dockerImageTag',
    ]);
  });

  it('accepts a bump with matching package.json and changelog entry', () => {
    repo.write({
      ...connectorFiles({
        name: 'source-a',
        version: '0.2.0',
        changelogVersions: ['0.2.0', '0.1.0'],
      }),
      'packages/source-a/src/index.ts': 'export const x = 2;\n',
    });
    repo.commit();
    expect(check().problems).toEqual([]);
  });

  it('rejects a bump without a changelog entry and a package.json that disagrees', () => {
    repo.write({
      ...connectorFiles({
        name: 'source-a',
        version: '0.1.1',
        packageVersion: '0.1.0',
        changelogVersions: ['0.1.0'],
      }),
    });
    repo.commit();
    const problems = check().problems;
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual([
      'packages/source-a/package.json version',
      'packages/source-a/CHANGELOG.md ## 0.1.1',
    ]);
    expect(problems[0]?.fix).toBe('set "version": "0.1.1" (metadata.yaml is the source of truth)');
    expect(problems[1]?.fix).toContain('## 0.1.1 - YYYY-MM-DD');
  });

  it('rejects a version that goes down', () => {
    repo.write(connectorFiles({name: 'source-a', version: '0.0.9'}));
    repo.commit();
    expect(check().problems.map((p) => p.message)).toEqual([
      '0.0.9 is not higher than 0.1.0 at the base',
    ]);
  });

  it('rejects non-canonical and numeric YAML versions', () => {
    repo.write({'packages/source-a/metadata.yaml': metadataYaml('source-a', 'v0.2.0')});
    repo.write({'packages/source-b/metadata.yaml': metadataYaml('source-b', '1.10')});
    repo.commit();
    const problems = check().problems;
    expect(
      problems.find((p) => p.file.includes('source-a') && p.message.includes('canonical'))?.fix
    ).toContain('0.2.0');
    expect(
      problems.find((p) => p.file.includes('source-b') && p.message.includes('string'))?.fix
    ).toContain('quote the version');
  });

  it('reports schema violations with the field and the fix', () => {
    repo.write({
      'packages/source-a/metadata.yaml': metadataYaml('source-a', '0.1.0').replace(
        'license: MIT',
        'registries: {}'
      ),
    });
    repo.commit();
    const problems = check().problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({field: 'data.license', message: 'is required'}),
        expect.objectContaining({
          field: 'data.registries',
          fix: expect.stringContaining('registryOverrides'),
        }),
      ])
    );
  });

  it('requires a breaking-change entry for a new major version', () => {
    repo.write(connectorFiles({name: 'source-a', version: '1.0.0'}));
    repo.commit();
    expect(fields()).toEqual([
      'packages/source-a/metadata.yaml data.releases.breakingChanges.1.0.0',
    ]);
    repo.write(
      connectorFiles({
        name: 'source-a',
        version: '1.0.0',
        extraData:
          '  releases:\n    breakingChanges:\n      1.0.0:\n        upgradeDeadline: "2027-01-31"\n        message: Candles moved.\n',
      })
    );
    repo.commit();
    expect(check().problems).toEqual([]);
  });

  it('checks a new connector for a changelog entry but not for an increment', () => {
    repo.write(connectorFiles({name: 'source-c', version: '0.1.0', changelogVersions: []}));
    repo.commit();
    expect(fields()).toEqual(['packages/source-c/CHANGELOG.md ## 0.1.0']);
  });

  it('skips the increment rule when metadata opts out, as Airbyte does', () => {
    repo.write({
      'packages/source-a/metadata.yaml': metadataYaml(
        'source-a',
        '0.1.0',
        '  ab_internal:\n    requireVersionIncrementsInPullRequests: false\n'
      ),
      'packages/source-a/src/index.ts': 'export const x = 3;\n',
    });
    repo.commit();
    expect(check().problems).toEqual([]);
  });

  it('validates everything, without increments, when there is no base', () => {
    const result = checkVersions(new GitRepo(repo.dir), '0'.repeat(40), 'HEAD', new Map());
    expect(result.problems).toEqual([]);
  });

  it('fails clearly on a ref that was not fetched', () => {
    expect(() => checkVersions(new GitRepo(repo.dir), 'deadbeef', 'HEAD', new Map())).toThrow(
      /fetch-depth: 0/
    );
  });
});
