import {Candle} from '../../src/model/candle';
import {candle, recordLine} from './fixtures';

/**
 * One scenario read three ways (JSONL, DuckDB, PostgreSQL); the same hand-computed report must
 * come out of each. Period: KST day 2025-01-01 = 2024-12-31T15:00Z .. 2025-01-01T15:00Z.
 *
 * upbit:   KRW-BTC 00Z 600 (volume 2 -> 300 KRW/BTC), BTC-ETH 00Z 1 BTC -> 300 KRW,
 *          KRW-BTC 01Z read as 100, re-read later as 300 (latest wins)   => 1200
 * bithumb: KRW-BTC 00Z 500.000000000000000001 (a float would lose the 1), 01Z 300
 *                                                                     => 800.000000000000000001
 * Outside the period (KST 2025-01-02): upbit KRW-BTC 15Z 999, not read from the warehouse.
 */
export const H0 = '2025-01-01T00:00:00Z';
export const H1 = '2025-01-01T01:00:00Z';
export const PERIOD = {from: '2025-01-01', to: '2025-01-01'};

export const EXPECTED_DAILY_SHARE =
  'kst_date,exchange,value_krw,share,share_percent,period_total_krw,has_converted,has_estimated,candles_excluded,exchanges_missing,complete\n' +
  '2025-01-01,bithumb,800.000000000000000001,0.400000,40.0000,2000.000000000000000001,false,false,0,,false\n' +
  '2025-01-01,upbit,1200,0.600000,60.0000,2000.000000000000000001,true,false,0,,false\n';

/** A row of a Destinations V2 final table: the record's fields plus Airbyte's columns. */
export interface FinalRow {
  readonly candle: Candle;
  readonly extractedAt: string;
  readonly rawId: string;
}

let rawIds = 0;
export function row(c: Candle, extractedAt: string): FinalRow {
  rawIds++;
  return {
    candle: c,
    extractedAt,
    rawId: `00000000-0000-4000-8000-${String(rawIds).padStart(12, '0')}`,
  };
}

const T1 = '2025-01-01T01:10:00.000Z';
const T2 = '2025-01-01T02:10:00.000Z';

/** The upbit table as Append writes it: the later re-read of 01Z is stored first, to prove order does not decide. */
export const UPBIT_ROWS: FinalRow[] = [
  row(candle({market: 'KRW-BTC', hour: H1, value: '300'}), T2),
  row(candle({market: 'KRW-BTC', hour: H0, value: '600', volume: '2'}), T1),
  row(candle({market: 'BTC-ETH', hour: H0, value: '1'}), T1),
  row(candle({market: 'KRW-BTC', hour: H1, value: '100'}), T1),
  row(candle({market: 'KRW-BTC', hour: '2025-01-01T15:00:00Z', value: '999'}), T2),
];
export const BITHUMB_ROWS: FinalRow[] = [
  row(
    candle({exchange: 'bithumb', market: 'KRW-BTC', hour: H0, value: '500.000000000000000001'}),
    T1
  ),
  row(candle({exchange: 'bithumb', market: 'KRW-BTC', hour: H1, value: '300'}), T2),
];

/** The same records as `read` printed them, in read order (the re-read after the first read). */
export const UPBIT_JSONL = [
  recordLine(candle({market: 'KRW-BTC', hour: H0, value: '600', volume: '2'})),
  recordLine(candle({market: 'BTC-ETH', hour: H0, value: '1'})),
  recordLine(candle({market: 'KRW-BTC', hour: H1, value: '100'})),
  recordLine(candle({market: 'KRW-BTC', hour: H1, value: '300'})),
].join('\n');
export const BITHUMB_JSONL = BITHUMB_ROWS.map((r) => recordLine(r.candle)).join('\n');

function lit(v: string | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replace(/'/g, "''")}'`;
}

/** How a destination lays out and types a stream's table; see the layouts below. */
export interface TableLayout {
  readonly text: string;
  readonly json: string;
  readonly rawId: string;
  /** `format: date-time` fields and `_airbyte_extracted_at`. */
  readonly timestamp: string;
  /** `kst_date`: a plain string in the schema, so the destinations' string type. */
  readonly kstDate: string;
  readonly generationId: boolean;
  /** Airbyte's columns before the stream's fields (else after). */
  readonly airbyteFirst: boolean;
}

/** The demo's local stand-in (scripts/demo-warehouse.js): Destinations V2 columns in DuckDB. */
export const DUCKDB_STAND_IN: TableLayout = {
  text: 'VARCHAR',
  json: 'JSON',
  rawId: 'UUID',
  timestamp: 'TIMESTAMPTZ',
  kstDate: 'DATE',
  generationId: true,
  airbyteFirst: true,
};

/**
 * Airbyte's Postgres destination (PostgresColumnUtils.kt): `_airbyte_raw_id varchar NOT NULL`,
 * `_airbyte_extracted_at timestamp with time zone NOT NULL`, `_airbyte_meta jsonb NOT NULL`,
 * `_airbyte_generation_id bigint`, then the fields: string -> varchar, boolean -> boolean,
 * timestamp with time zone -> timestamp with time zone.
 */
export const POSTGRES_DESTINATION: TableLayout = {
  text: 'varchar',
  json: 'jsonb',
  rawId: 'varchar',
  timestamp: 'timestamp with time zone',
  kstDate: 'varchar',
  generationId: true,
  airbyteFirst: true,
};

/**
 * Airbyte's DuckDB destination (destination_duckdb/destination.py with the CDK's
 * SQLTypeConverter): table `_airbyte_raw_<stream>`, the fields first (string -> VARCHAR,
 * date-time -> TIMESTAMP without time zone, boolean -> BOOLEAN), then `_airbyte_raw_id VARCHAR`,
 * `_airbyte_extracted_at TIMESTAMP`, `_airbyte_meta JSON`; no `_airbyte_generation_id`.
 */
export const DUCKDB_DESTINATION: TableLayout = {
  text: 'VARCHAR',
  json: 'JSON',
  rawId: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  kstDate: 'VARCHAR',
  generationId: false,
  airbyteFirst: false,
};

/** DDL and INSERTs of a stream's table as the layout's destination writes it. */
export function finalTableSql(
  name: string,
  rows: readonly FinalRow[],
  layout: TableLayout
): string[] {
  const {text, json, rawId, timestamp: ts, kstDate} = layout;
  const airbyteCols = [
    `_airbyte_raw_id ${rawId} NOT NULL`,
    `_airbyte_extracted_at ${ts} NOT NULL`,
    `_airbyte_meta ${json} NOT NULL`,
    ...(layout.generationId ? ['_airbyte_generation_id BIGINT'] : []),
  ];
  const fieldCols = [
    `exchange ${text}, market ${text}, base_currency ${text}, quote_currency ${text}`,
    `candle_start_utc ${ts}, candle_start_kst ${ts}, kst_date ${kstDate}`,
    `open ${text}, high ${text}, low ${text}, close ${text}`,
    `volume_base ${text}, traded_value_quote ${text}, traded_value_is_estimated BOOLEAN`,
    `last_trade_at_utc ${ts}, source_api ${text}`,
  ];
  const cols = layout.airbyteFirst
    ? [...airbyteCols, ...fieldCols]
    : [...fieldCols, ...airbyteCols];
  return [
    `CREATE TABLE ${name} (${cols.join(',\n      ')})`,
    ...rows.map((r) => {
      const c = r.candle;
      const airbyte = [
        r.rawId,
        r.extractedAt,
        '{"changes":[],"sync_id":1}',
        ...(layout.generationId ? ['0'] : []),
      ];
      const fields = [
        c.exchange,
        c.market,
        c.base_currency,
        c.quote_currency,
        c.candle_start_utc,
        c.candle_start_kst,
        c.kst_date,
        c.open,
        c.high,
        c.low,
        c.close,
        c.volume_base,
        c.traded_value_quote,
        c.traded_value_is_estimated,
        c.last_trade_at_utc,
        c.source_api,
      ];
      const values = layout.airbyteFirst ? [...airbyte, ...fields] : [...fields, ...airbyte];
      return `INSERT INTO ${name} VALUES (${values.map(lit).join(', ')})`;
    }),
  ];
}
