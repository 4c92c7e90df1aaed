import {existsSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';

import {main} from '../../src/new-connector/cli';
import {connectorNames} from '../../src/new-connector/exchange-name';
import {createTempRepo} from './temp-repo';

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date('2026-12-01T09:00:00Z'),
  });
  return {code, stdout, stderr};
}

describe('new-connector rejections', () => {
  let root: string;
  beforeAll(() => {
    root = createTempRepo();
  });
  afterAll(() => rmSync(root, {recursive: true, force: true}));

  const packagesNow = () => readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8');

  it.each([
    ['Coinone', /lower-case letters, digits and single hyphens/],
    ['1exchange', /starting with a letter/],
    ['--', '-coinone', /starting with a letter/],
    ['coin--one', /single hyphens/],
    ['coinone-', /not ending with a hyphen/],
    ['coin_one', /lower-case letters/],
    ['a'.repeat(41), /longer than 40 characters/],
    ['common', /reserved in this repository/],
    ['exchange-simulator', /reserved in this repository/],
    ['delete', /JavaScript reserved word/],
    ['source-coinone-candles', /give the bare id, e.g. "coinone"/],
    ['coinone-candles', /give the bare id, e.g. "coinone"/],
  ])('rejects %s with exit code 2 and writes nothing', (...args) => {
    const why = args.pop() as RegExp;
    const id = args.at(-1) as string;
    const before = packagesNow();
    const result = run(['--root', root, ...(args as string[])]);
    expect(result.code).toBe(2);
    // The first line is the reason; the usage text follows.
    expect(result.stderr.split('\n')[0]).toMatch(why);
    expect(result.stderr).toContain('usage: npm run new-connector -- <exchange>');
    expect(packagesNow()).toBe(before);
    expect(existsSync(path.join(root, 'packages', `source-${id}-candles`))).toBe(false);
  });

  it('rejects a missing id and a second id with exit code 2', () => {
    expect(run(['--root', root])).toMatchObject({
      code: 2,
      stderr: /^error: missing the exchange id/,
    });
    expect(run(['korbit', 'gopax', '--root', root])).toMatchObject({
      code: 2,
      stderr: /^error: expected one exchange id, got 2/,
    });
  });

  it('rejects an unknown option (or an id starting with a hyphen) with exit code 2', () => {
    expect(run(['korbit', '--force', '--root', root])).toMatchObject({
      code: 2,
      stderr: /^error: Unknown option '--force'/,
    });
    expect(run(['-coinone', '--root', root])).toMatchObject({
      code: 2,
      stderr: /^error: Unknown option '-c'/,
    });
  });

  it('refuses an exchange whose package exists, and leaves the package untouched', () => {
    const existing = path.join(root, 'packages', 'source-upbit-candles');
    mkdirSync(existing);
    const result = run(['upbit', '--root', root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'packages/source-upbit-candles already exists: exchange "upbit" has a connector'
    );
    expect(existsSync(path.join(existing, 'package.json'))).toBe(false);
    expect(existsSync(path.join(root, 'docs', 'sources', 'upbit-candles.md'))).toBe(false);
  });

  it('refuses a directory that is not the repository root', () => {
    const result = run(['korbit', '--root', path.join(root, 'packages')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not the repository root/);
  });
});

describe('connector names', () => {
  it('derives every name from a hyphenated id', () => {
    expect(connectorNames('gopax-kr')).toEqual({
      id: 'gopax-kr',
      exportName: 'gopaxKr',
      displayName: 'Gopax Kr',
      connector: 'source-gopax-kr-candles',
      packageName: '@korea-candles/source-gopax-kr-candles',
      dockerRepository: 'korea-candles/source-gopax-kr-candles',
      docPath: 'docs/sources/gopax-kr-candles.md',
    });
  });

  it('accepts a 40-character id with digits', () => {
    expect(connectorNames(`x${'1'.repeat(39)}`).connector).toBe(
      `source-x${'1'.repeat(39)}-candles`
    );
  });
});
