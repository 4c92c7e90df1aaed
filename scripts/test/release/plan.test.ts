import semver from 'semver';

import {GitRepo} from '../../src/release/git';
import {planRelease} from '../../src/release/plan';
import {connectorFiles, fixtureContents, GitFixture} from './git-fixture';

describe('plan-release', () => {
  let repo: GitFixture;
  let base: string;
  const sha = '0123456789abcdef0123456789abcdef01234567';
  beforeEach(() => {
    repo = new GitFixture();
    repo.write({
      ...connectorFiles({name: 'source-a'}),
      ...connectorFiles({name: 'source-b', version: '1.2.3'}),
    });
    base = repo.commit('base');
  });
  afterEach(() => repo.cleanup());

  const plan = (channel: 'dev' | 'prod', b: string | undefined = base) =>
    planRelease(
      new GitRepo(repo.dir),
      {base: b, head: 'HEAD', channel, sha, runNumber: 42},
      fixtureContents(repo)
    );

  it('is an empty, non-failing plan when nothing shipped changed', () => {
    repo.write({'packages/source-a/test/a.test.ts': 'x\n'});
    repo.commit();
    expect(plan('dev')).toEqual({any: false, matrix: {include: []}});
    expect(plan('prod')).toEqual({any: false, matrix: {include: []}});
  });

  it('plans a unique, valid semver dev tag for a connector whose code changed', () => {
    repo.write({'packages/source-b/src/index.ts': 'export const x = 2;\n'});
    repo.commit();
    const result = plan('dev');
    expect(result.any).toBe(true);
    expect(result.matrix.include).toEqual([
      {
        connector: 'source-b',
        dir: 'packages/source-b',
        name: 'korea-candles/source-b',
        version: '1.2.3',
        repository: 'dev/korea-candles/source-b',
        tag: '1.2.3-dev.42.g0123456',
        moving_tags: 'dev',
        reason: 'shipped files changed',
      },
    ]);
    const tag = result.matrix.include[0]?.tag as string;
    expect(semver.valid(tag)).toBe(tag);
    expect(semver.lt(tag, '1.2.3')).toBe(true);
  });

  it('publishes to prod only the connectors whose version changed, with prod and latest', () => {
    repo.write(connectorFiles({name: 'source-a', version: '0.2.0'}));
    repo.write({'packages/source-b/src/index.ts': 'export const x = 2;\n'});
    repo.commit();
    expect(plan('prod').matrix.include).toEqual([
      expect.objectContaining({
        connector: 'source-a',
        repository: 'korea-candles/source-a',
        tag: '0.2.0',
        moving_tags: 'prod,latest',
        reason: 'version 0.1.0 -> 0.2.0',
      }),
    ]);
  });

  it('never moves prod or latest to a release candidate', () => {
    repo.write(connectorFiles({name: 'source-a', version: '0.2.0-rc.1'}));
    repo.commit();
    expect(plan('prod').matrix.include[0]).toMatchObject({tag: '0.2.0-rc.1', moving_tags: ''});
    expect(plan('dev').matrix.include[0]).toMatchObject({
      tag: '0.2.0-rc.1.dev.42.g0123456',
      moving_tags: 'dev',
    });
  });

  it('plans every connector on a first push (all-zero base)', () => {
    const zero = '0000000000000000000000000000000000000000';
    expect(plan('prod', zero).matrix.include.map((e) => e.tag)).toEqual(['0.1.0', '1.2.3']);
    expect(plan('dev', '').matrix.include.map((e) => e.reason)).toEqual([
      'no base commit to compare with',
      'no base commit to compare with',
    ]);
  });

  it('keeps an all-digit sha from producing a leading-zero numeric identifier', () => {
    repo.write({'packages/source-a/src/index.ts': 'export const x = 9;\n'});
    repo.commit();
    const tag = planRelease(
      new GitRepo(repo.dir),
      {
        base,
        head: 'HEAD',
        channel: 'dev',
        sha: '0123456000ffffffffffffffffffffffffffffff',
        runNumber: 7,
      },
      fixtureContents(repo)
    ).matrix.include[0]?.tag as string;
    expect(tag).toBe('0.1.0-dev.7.g0123456');
    expect(semver.valid(tag)).toBe(tag);
  });

  it('refuses to plan from invalid metadata or a version that went down', () => {
    repo.write(connectorFiles({name: 'source-b', version: '1.2.2'}));
    repo.commit();
    expect(() => plan('prod')).toThrow(/went down from 1\.2\.3 to 1\.2\.2/);
    repo.write(connectorFiles({name: 'source-b', version: 'v1.3.0'}));
    repo.commit();
    expect(() => plan('prod')).toThrow(/data\.dockerImageTag/);
  });

  it('rejects a bad run number', () => {
    repo.write(connectorFiles({name: 'source-a', version: '0.2.0'}));
    repo.commit();
    expect(() =>
      planRelease(
        new GitRepo(repo.dir),
        {base, head: 'HEAD', channel: 'dev', sha, runNumber: 0},
        fixtureContents(repo)
      )
    ).toThrow(/run-number/);
  });

  it('releases a connector whose bundle carries a locked package that changed, and no other', () => {
    const lock = (zod: string, jest: string) =>
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          'node_modules/zod': {version: zod, resolved: `https://r/zod-${zod}.tgz`},
          'node_modules/jest': {version: jest, dev: true},
        },
      });
    repo.write({'package-lock.json': lock('4.6.7', '30.0.0')});
    const before = repo.commit();
    const bundles = {'source-a': ['node_modules/zod'], 'source-b': []};
    const planFrom = (b: string) =>
      planRelease(
        new GitRepo(repo.dir),
        {base: b, head: 'HEAD', channel: 'dev', sha, runNumber: 1},
        fixtureContents(repo, bundles)
      );

    repo.write({'package-lock.json': lock('4.6.7', '30.1.0')});
    const devOnly = repo.commit();
    expect(planFrom(before).matrix.include).toEqual([]);

    repo.write({'package-lock.json': lock('4.7.0', '30.1.0')});
    repo.commit();
    expect(planFrom(devOnly).matrix.include.map((e) => e.connector)).toEqual(['source-a']);
  });

  it('releases nothing for a change to a file no bundle carries', () => {
    repo.write({'packages/connector-common/src/market-share/report.ts': 'export const r = 1;\n'});
    const withReport = repo.commit();
    const contents = fixtureContents(repo);
    for (const c of contents.values()) {
      c.files = c.files.filter((f) => !f.includes('market-share'));
    }
    repo.write({'packages/connector-common/src/market-share/report.ts': 'export const r = 2;\n'});
    repo.commit();
    const planned = planRelease(
      new GitRepo(repo.dir),
      {base: withReport, head: 'HEAD', channel: 'dev', sha, runNumber: 1},
      contents
    );
    expect(planned.matrix.include).toEqual([]);
  });
});
