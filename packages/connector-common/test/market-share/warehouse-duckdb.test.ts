import {DuckDBConnection, DuckDBInstance} from '@duckdb/node-api';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {main} from '../../src/market-share/cli';
import {candle, recordLine} from './fixtures';
import {
  BITHUMB_ROWS,
  DUCKDB_DESTINATION,
  DUCKDB_STAND_IN,
  EXPECTED_DAILY_SHARE,
  FinalRow,
  finalTableSql,
  PERIOD,
  row,
  UPBIT_ROWS,
} from './warehouse-fixture';
import {warehouseSuite} from './warehouse-suite';

async function run(args: string[]): Promise<{code: number; err: string}> {
  const err = {text: '', isTTY: false, write: (s: string) => (err.text += s)};
  const code = await main(args, {stdin: Readable.from(['']), stderr: err});
  return {code, err: err.text};
}

function csvs(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('market-share on DuckDB (in process, a database file)', () => {
  let dir: string;
  let file: string;
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;

  // The CLI opens the same file; DuckDB allows one process, so the test's own connection is
  // opened per statement and closed before the CLI runs.
  async function withConn<T>(f: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    instance = await DuckDBInstance.create(file);
    conn = await instance.connect();
    try {
      return await f(conn);
    } finally {
      conn.closeSync();
      instance.closeSync();
      conn = undefined;
      instance = undefined;
    }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'market-share-duckdb-'));
    file = join(dir, 'warehouse.duckdb');
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  warehouseSuite(() => ({
    args: () => ['--duckdb', file],
    exec: (sql) => withConn(async (c) => void (await c.run(sql))),
    rows: (sql) =>
      withConn(
        async (c) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]
      ),
    layout: DUCKDB_STAND_IN,
  }));

  it('reads a period longer than a week, a week per query, exactly as JSONL gives it', async () => {
    const start = Date.parse('2025-02-28T15:00:00Z'); // 2025-03-01 00:00 KST
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
    const rows: FinalRow[] = [];
    for (let h = 0; h < 9 * 24; h++) {
      const hour = iso(start + h * 3_600_000);
      const read = new Date(start + (h + 1) * 3_600_000).toISOString();
      rows.push(row(candle({market: 'KRW-BTC', hour, value: `${1000 + h}`, volume: '2'}), read));
      rows.push(row(candle({market: 'BTC-ETH', hour, value: '0.5'}), read));
    }
    // The first hour of the second week's query, read again later: the later read must win
    // whichever query reads it, and the carried state must cross the query boundary.
    const boundary = iso(start + 7 * 24 * 3_600_000);
    rows.push(
      row(candle({market: 'BTC-ETH', hour: boundary, value: '0.75'}), '2025-03-20T00:00:00Z')
    );
    await withConn(async (c) => {
      await c.run('CREATE SCHEMA long_read');
      for (const s of finalTableSql('long_read.candles_hourly', rows, DUCKDB_STAND_IN))
        await c.run(s);
    });
    writeFileSync(join(dir, 'long.jsonl'), rows.map((r) => recordLine(r.candle)).join('\n') + '\n');

    const fromJsonl = await run([join(dir, 'long.jsonl'), '-o', join(dir, 'long-jsonl')]);
    expect(fromJsonl.err).toContain('433 candle records, 1 duplicates replaced');
    const fromWh = await run([
      ...['--duckdb', file, '--table', 'upbit=long_read.candles_hourly'],
      ...['--from', '2025-03-01', '--to', '2025-03-09', '-o', join(dir, 'long-wh')],
    ]);
    expect(fromWh).toEqual({
      code: 0,
      err: expect.stringContaining(
        '432 candle records, 0 duplicates replaced, 1 exchanges, 9 KST days'
      ),
    });
    expect(csvs(join(dir, 'long-wh'))).toEqual(csvs(join(dir, 'long-jsonl')));
    expect(readFileSync(join(dir, 'long-wh', 'daily_share.csv'), 'utf8')).toContain(
      '2025-03-08,upbit,'
    );
  });

  it("reads tables as Airbyte's DuckDB destination writes them (_airbyte_raw_<stream>, naive TIMESTAMPs)", async () => {
    await withConn(async (c) => {
      for (const [schema, rows] of [
        ['dd_upbit', UPBIT_ROWS],
        ['dd_bithumb', BITHUMB_ROWS],
      ] as const) {
        await c.run(`CREATE SCHEMA ${schema}`);
        const sql = finalTableSql(
          `${schema}._airbyte_raw_candles_hourly`,
          rows,
          DUCKDB_DESTINATION
        );
        for (const s of sql) await c.run(s);
      }
    });
    const r = await run([
      ...['--duckdb', file, '--table', 'upbit=dd_upbit._airbyte_raw_candles_hourly'],
      ...['--table', 'bithumb=dd_bithumb._airbyte_raw_candles_hourly'],
      ...['--from', PERIOD.from, '--to', PERIOD.to, '-o', join(dir, 'dd')],
    ]);
    expect(r).toEqual({code: 0, err: expect.stringContaining('5 candle records')});
    expect(readFileSync(join(dir, 'dd', 'daily_share.csv'), 'utf8')).toBe(EXPECTED_DAILY_SHARE);
  });
});
