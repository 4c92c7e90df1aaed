/* eslint-disable @typescript-eslint/no-require-imports -- the test is about what require() loads */
jest.mock('pg', () => {
  throw new Error('driver loaded: pg');
});
jest.mock('@duckdb/node-api', () => {
  throw new Error('driver loaded: @duckdb/node-api');
});
jest.mock('@google-cloud/bigquery', () => {
  throw new Error('driver loaded: @google-cloud/bigquery');
});

import {Readable} from 'node:stream';
import {main} from '../../src/market-share/cli';

function fakeIo() {
  const err = {text: '', isTTY: false, write: (s: string) => (err.text += s)};
  return {io: {stdin: Readable.from(['']), stderr: err}, err};
}

async function run(args: string[]) {
  const {io, err} = fakeIo();
  return {code: await main(args, io), err: err.text};
}

describe('market-share warehouse options', () => {
  it.each([
    [['--table', 'upbit=a.b', '-o', 'x'], 'need a warehouse'],
    [['in.jsonl', '--duckdb', 'w.db', '--table', 'upbit=a.b', '-o', 'x'], 'not both'],
    [['--duckdb', 'w.db', '--postgres', '-o', 'x'], 'give one warehouse'],
    [['--duckdb', 'w.db', '--from', '2025-01-01', '--to', '2025-01-01', '-o', 'x'], '--table'],
    [['--duckdb', 'w.db', '--table', 'upbit=a.b', '-o', 'x'], '--from <kst-date> --to <kst-date>'],
    [
      [
        '--duckdb',
        'w.db',
        '--table',
        'upbit=a.b',
        '--from',
        '2025-02-30',
        '--to',
        '2025-03-01',
        '-o',
        'x',
      ],
      '--from must be a KST date',
    ],
    [
      [
        '--duckdb',
        'w.db',
        '--table',
        'upbit=a.b',
        '--from',
        '2025-03-02',
        '--to',
        '2025-03-01',
        '-o',
        'x',
      ],
      'is before --from',
    ],
    [
      [
        '--duckdb',
        'w.db',
        '--table',
        'upbit=a;drop',
        '--from',
        '2025-03-01',
        '--to',
        '2025-03-01',
        '-o',
        'x',
      ],
      'table "a;drop"',
    ],
    [
      [
        '--duckdb',
        'w.db',
        '--table',
        'a.b',
        '--from',
        '2025-03-01',
        '--to',
        '2025-03-01',
        '-o',
        'x',
      ],
      '<exchange>=<table>',
    ],
    [
      [
        ...['--duckdb', 'w.db', '--table', 'upbit=a.b', '--table', 'upbit=c.d'],
        ...['--from', '2025-03-01', '--to', '2025-03-01', '-o', 'x'],
      ],
      '--table names upbit twice',
    ],
  ])('%j is refused before anything is opened (exit 2)', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('still needs JSONL inputs when no warehouse is given', async () => {
    const r = await run(['-o', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("missing required argument 'inputs'");
  });

  it('the SDK root (what connectors load) and the command load no database driver', () => {
    // Each driver module throws if anything requires it (see the jest.mock calls above).
    expect(() =>
      jest.isolateModules(() => {
        require('../../src/index');
        require('../../src/market-share/cli');
      })
    ).not.toThrow();
    expect(() => jest.isolateModules(() => require('pg'))).toThrow('driver loaded: pg');
  });
});
