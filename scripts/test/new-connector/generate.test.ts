import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

import {main} from '../../src/new-connector/cli';
import {checkVersions} from '../../src/release/check-versions';
import {GitRepo} from '../../src/release/git';
import {parseMetadata} from '../../src/release/metadata';
import {createTempRepo, REPO_ROOT, runTool, type ToolRun} from './temp-repo';

const PKG = 'packages/source-gopax-candles';
const CANDLE_TODO =
  'not implemented: write the gopax candle parser in src/gopax.ts (see docs/adding-an-exchange.md#parsing)';
const MARKET_TODO =
  'not implemented: write the gopax market-list parser in src/gopax.ts (see docs/adding-an-exchange.md#parsing)';

interface JestAssertion {
  title: string;
  status: string;
  failureMessages: string[];
}
interface JestReport {
  testResults: Array<{name: string; message: string; assertionResults: JestAssertion[]}>;
}

/**
 * One generated connector in a temporary copy of the repository, carried through what CI does
 * with it: build, type-check, lint, the version gate, and its own tests.
 */
describe('npm run new-connector -- gopax', () => {
  let root: string;
  let stdout = '';
  let code: number;
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

  beforeAll(() => {
    root = createTempRepo();
    code = main(['gopax', '--root', root], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stdout += t),
      now: () => new Date('2026-12-01T09:00:00Z'),
    });
  });
  afterAll(() => rmSync(root, {recursive: true, force: true}));

  it('reports the files it wrote and the next steps', () => {
    expect(code).toBe(0);
    expect(stdout).toContain(`${PKG}/src/gopax.ts`);
    expect(stdout).toContain('docs/sources/gopax-candles.md');
    expect(stdout).toContain('tsconfig.build.json: added packages/source-gopax-candles');
    expect(stdout).toMatch(/npm install .*package-lock\.json/);
    expect(stdout).toContain('dev/korea-candles/source-gopax-candles');
  });

  it('writes a package the Dockerfile can build by name', () => {
    const pkg = JSON.parse(read(`${PKG}/package.json`));
    expect(pkg).toMatchObject({
      name: '@korea-candles/source-gopax-candles',
      version: '0.1.0',
      bin: {'source-gopax-candles': 'bin/main'},
      dependencies: {'@korea-candles/connector-common': expect.any(String)},
    });
    expect(statSync(path.join(root, PKG, 'bin/main')).mode & 0o111).toBe(0o111);
    expect(read(`${PKG}/bin/main`)).toContain('connectorMain(source.gopax, ');
    expect(JSON.parse(read('tsconfig.build.json')).references).toEqual([
      {path: 'packages/connector-common'},
      {path: PKG},
    ]);
  });

  it('writes metadata the release scripts accept, with a fresh definitionId', () => {
    const text = read(`${PKG}/metadata.yaml`);
    expect(parseMetadata(text, `${PKG}/metadata.yaml`).problems).toEqual([]);
    const data = YAML.parse(text).data;
    expect(data).toMatchObject({
      dockerRepository: 'korea-candles/source-gopax-candles',
      dockerImageTag: '0.1.0',
      documentationUrl: expect.stringMatching(/\/docs\/sources\/gopax-candles\.md$/),
    });
    expect(data.definitionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(read(`${PKG}/CHANGELOG.md`)).toContain('\n## 0.1.0 - 2026-12-01\n');
  });

  it('passes the pull-request version gate (metadata, package.json, CHANGELOG)', () => {
    const git = (...args: string[]) => execFileSync('git', args, {cwd: root, encoding: 'utf8'});
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', PKG);
    git(
      '-c',
      'user.email=t@example.com',
      '-c',
      'user.name=t',
      '-c',
      'commit.gpgsign=false',
      'commit',
      '-q',
      '-m',
      'generated'
    );
    const result = checkVersions(new GitRepo(root), undefined, 'HEAD', new Map());
    expect(result.checked).toEqual(['source-gopax-candles']);
    expect(result.problems).toEqual([]);
  });

  // Built once; then the type check, lint and the package's own tests run side by side.
  let afterBuild: Promise<Record<'typecheck' | 'format' | 'lint' | 'jest', ToolRun>> | undefined;
  const checks = () =>
    (afterBuild ??= (async () => {
      const [typecheck, format, lint, jest] = await Promise.all([
        runTool(root, 'typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']),
        runTool(root, 'prettier/bin/prettier.cjs', ['--check', PKG, 'tsconfig.build.json']),
        runTool(root, 'eslint/bin/eslint.js', [PKG]),
        // The unit and nock tests, and the conformance kit's spec, check and invalid-config
        // cases (each conformance case spawns the connector; the rest is left out for time).
        // jest matches the pattern case-insensitively.
        runTool(path.join(root, PKG), 'jest/bin/jest.js', [
          '--ci',
          '--json',
          `--outputFile=${path.join(root, 'jest-report.json')}`,
          '--testNamePattern',
          'parser|candles_hourly read|spec emits|invalid config #1 FAILS|check with the valid config',
        ]),
      ]);
      return {typecheck, format, lint, jest};
    })());

  // Generous: CI machines run other suites alongside.
  const SLOW = 120_000;

  it(
    'builds with tsc -b tsconfig.build.json',
    async () => {
      const build = await runTool(root, 'typescript/bin/tsc', ['-b', 'tsconfig.build.json']);
      expect(build.output).toBe('');
      expect(build.status).toBe(0);
      expect(statSync(path.join(root, PKG, 'lib/index.js')).isFile()).toBe(true);
    },
    SLOW
  );

  it(
    'type-checks its tests and is prettier- and eslint-clean',
    async () => {
      const {typecheck, format, lint} = await checks();
      expect(typecheck.output).toBe('');
      expect(format.status === 0 ? '' : format.output).toBe('');
      expect(lint.status === 0 ? '' : lint.output).toBe('');
    },
    SLOW
  );

  it(
    'runs its tests, failing only where the exchange-specific parts must be written',
    async () => {
      const {jest} = await checks();
      expect(jest.output).not.toMatch(/Test suite failed to run/);
      const report = JSON.parse(read('jest-report.json')) as JestReport;
      const suites = Object.fromEntries(
        report.testResults.map((s) => [path.basename(s.name), s] as const)
      );
      expect(Object.keys(suites).sort()).toEqual([
        'conformance.test.ts',
        'parse.test.ts',
        'read.test.ts',
      ]);
      for (const suite of report.testResults) {
        // Not a syntax, import or compile error: every suite ran its tests.
        expect(suite.message.includes('Test suite failed to run') ? suite.message : '').toBe('');
      }
      const outcome = (file: string) =>
        Object.fromEntries(
          suites[file]!.assertionResults.filter((a) => a.status !== 'pending').map((a) => [
            a.title,
            a.status === 'failed' ? a.failureMessages.join('\n') : a.status,
          ])
        );

      const parse = outcome('parse.test.ts');
      expect(Object.keys(parse)).toHaveLength(3);
      expect(
        parse['turns every row of the recorded response into one hour with exact decimals']
      ).toContain(CANDLE_TODO);
      expect(parse['maps the oldest row field for field']).toContain(CANDLE_TODO);
      expect(
        parse[
          'lists markets in the declared market-code form with their currencies, including MARKET'
        ]
      ).toContain(MARKET_TODO);
      expect(JSON.stringify(parse)).toContain('replace test/fixtures/candles.json');

      const nockRead = suites['read.test.ts']!.assertionResults;
      expect(nockRead.filter((a) => a.status === 'todo').length).toBeGreaterThanOrEqual(6);
      // The market list is the first request of a read.
      expect(
        outcome('read.test.ts')['emits each traded hour once, oldest first, then one state']
      ).toContain(MARKET_TODO);

      const conformance = outcome('conformance.test.ts');
      expect(conformance).toEqual({
        'spec emits one valid SPEC the valid config conforms to': 'passed',
        'check with invalid config #1 FAILS naming the problem (/page_size/), exit 0': 'passed',
        'check with the valid config SUCCEEDS': expect.stringContaining(MARKET_TODO),
        'read with invalid config #1 fails with a config_error before reading anything': 'passed',
      });
    },
    SLOW
  );
  it(
    'ships a spec placeholder that write-specs replaces, and npm test fails until it does',
    async () => {
      await checks(); // after the package's own checks, which read the same files
      const writeSpecs = path.join(REPO_ROOT, 'scripts', 'write-specs.js');
      const file = `${PKG}/src/connection-specification.ts`;
      expect(read(file)).toContain('= undefined;');
      const stale = await runTool(root, writeSpecs, ['--root', root, '--check']);
      expect(stale.status).toBe(1);
      expect(stale.output).toContain(`missing or stale spec`);
      expect(stale.output).toContain(file);
      expect((await runTool(root, writeSpecs, ['--root', root])).status).toBe(0);
      const written = read(file);
      expect(written).toContain('Generated by `npm run write-specs`');
      expect(written).toContain('requests_per_second: {');
      expect(await runTool(root, writeSpecs, ['--root', root, '--check'])).toEqual({
        status: 0,
        output: '',
      });
    },
    SLOW
  );
});
