import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {main} from '../../src/market-share/cli';
import {
  BITHUMB_JSONL,
  BITHUMB_ROWS,
  EXPECTED_DAILY_SHARE,
  finalTableSql,
  TableLayout,
  PERIOD,
  UPBIT_JSONL,
  UPBIT_ROWS,
} from './warehouse-fixture';

export interface Engine {
  /** CLI arguments that select the warehouse, e.g. ['--duckdb', file]. */
  args(): string[];
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** How the engine's destination lays out the tables. */
  readonly layout: TableLayout;
}

function fakeIo() {
  const err = {text: '', isTTY: false, write: (s: string) => (err.text += s)};
  return {io: {stdin: Readable.from(['']), stderr: err}, err};
}

const TABLES = [
  '--table',
  'upbit=airbyte_upbit.candles_hourly',
  '--table',
  'bithumb=airbyte_bithumb.candles_hourly',
];
const PERIOD_ARGS = ['--from', PERIOD.from, '--to', PERIOD.to];

function csvs(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

/** The tests every warehouse engine must pass; `engine()` is ready once beforeAll ran. */
export function warehouseSuite(engine: () => Engine): void {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'market-share-wh-'));
    const e = engine();
    for (const schema of ['airbyte_upbit', 'airbyte_bithumb']) {
      await e.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await e.exec(`CREATE SCHEMA ${schema}`);
    }
    await e.exec('DROP SCHEMA IF EXISTS market_share CASCADE');
    for (const s of finalTableSql('airbyte_upbit.candles_hourly', UPBIT_ROWS, e.layout))
      await e.exec(s);
    for (const s of finalTableSql('airbyte_bithumb.candles_hourly', BITHUMB_ROWS, e.layout))
      await e.exec(s);
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  async function run(args: string[]): Promise<{code: number; err: string}> {
    const {io, err} = fakeIo();
    const code = await main(args, io);
    return {code, err: err.text};
  }

  it('gives the hand-computed report, identical to the JSONL input', async () => {
    writeFileSync(join(dir, 'upbit.jsonl'), UPBIT_JSONL + '\n');
    writeFileSync(join(dir, 'bithumb.jsonl'), BITHUMB_JSONL + '\n');
    const fromJsonl = await run([
      join(dir, 'upbit.jsonl'),
      join(dir, 'bithumb.jsonl'),
      '-o',
      join(dir, 'jsonl'),
    ]);
    expect(fromJsonl).toEqual({
      code: 0,
      err: expect.stringContaining('6 candle records, 1 duplicates replaced'),
    });
    const fromWh = await run([
      ...engine().args(),
      ...TABLES,
      ...PERIOD_ARGS,
      '-o',
      join(dir, 'wh'),
    ]);
    // Deduplicated in SQL: 3 upbit + 2 bithumb rows, no duplicate left for the pipeline.
    expect(fromWh).toEqual({
      code: 0,
      err: expect.stringContaining('5 candle records, 0 duplicates replaced'),
    });
    expect(readFileSync(join(dir, 'wh', 'daily_share.csv'), 'utf8')).toBe(EXPECTED_DAILY_SHARE);
    expect(csvs(join(dir, 'wh'))).toEqual(csvs(join(dir, 'jsonl')));
  });

  it('writes the result tables back, and re-running a period replaces its rows', async () => {
    const e = engine();
    const args = [
      ...e.args(),
      ...TABLES,
      ...PERIOD_ARGS,
      '-o',
      join(dir, 'wb'),
      '--write-schema',
      'market_share',
    ];
    expect((await run(args)).code).toBe(0);
    // Another period written alongside must survive re-runs of this one.
    await e.exec(
      "INSERT INTO market_share.market_share_daily_share (kst_date, exchange, value_krw) VALUES (CAST('2024-12-30' AS DATE), 'upbit', 7)"
    );
    const second = await run(args);
    expect(second.code).toBe(0);
    expect(second.err).toContain('wrote 11 rows');
    const daily = await e.rows(
      'SELECT CAST(kst_date AS VARCHAR(10)) AS kst_date, exchange, CAST(value_krw AS VARCHAR(60)) AS value_krw, ' +
        'CAST(share AS VARCHAR(60)) AS share, complete FROM market_share.market_share_daily_share ORDER BY kst_date, exchange'
    );
    expect(
      daily.map((r) => [
        r.kst_date,
        r.exchange,
        trimZeros(r.value_krw),
        trimZeros(r.share),
        r.complete,
      ])
    ).toEqual([
      ['2024-12-30', 'upbit', '7', null, null],
      ['2025-01-01', 'bithumb', '800.000000000000000001', '0.4', false],
      ['2025-01-01', 'upbit', '1200', '0.6', false],
    ]);
    const counts = await e.rows(
      'SELECT (SELECT COUNT(*) FROM market_share.market_share_hourly_share) AS hourly, ' +
        '(SELECT COUNT(*) FROM market_share.market_share_coverage) AS coverage, ' +
        '(SELECT COUNT(*) FROM market_share.market_share_daily_by_asset) AS asset'
    );
    // hourly: 2 hours x 2 exchanges; coverage: 1 day x 2; by asset: BTC x 2 + ETH x 1.
    expect(counts.map((c) => [Number(c.hourly), Number(c.coverage), Number(c.asset)])).toEqual([
      [4, 2, 3],
    ]);

    // The source data of the period changes (a later re-read): the re-run replaces, never adds.
    await e.exec(
      "UPDATE airbyte_upbit.candles_hourly SET traded_value_quote = '500' WHERE market = 'KRW-BTC' AND traded_value_quote = '300'"
    );
    expect((await run(args)).code).toBe(0);
    const after = await e.rows(
      "SELECT CAST(value_krw AS VARCHAR(60)) AS v FROM market_share.market_share_daily_share WHERE exchange = 'upbit' AND kst_date = CAST('2025-01-01' AS DATE)"
    );
    expect(after.map((r) => trimZeros(r.v))).toEqual(['1400']);
  });
}

/** DuckDB prints DECIMAL(38, 18) with its trailing zeros, PostgreSQL NUMERIC without. */
function trimZeros(v: unknown): unknown {
  if (typeof v !== 'string' || !v.includes('.')) return v;
  return v.replace(/0+$/, '').replace(/\.$/, '');
}
