import {InputItem} from './pipeline';
import {DAY_MS, formatHourUtc, kstDateOf, kstDayStartMs} from './time';

/**
 * Reading candles_hourly from the destination's final tables (Airbyte Destinations V2): one
 * query, built here for every engine, so DuckDB, PostgreSQL and BigQuery read the same rows.
 */

/** What differs between engines; everything else in the SQL is shared. */
export interface SqlDialect {
  readonly engine: string;
  /** Quotes one identifier part (schema, table, column). */
  quoteIdent(part: string): string;
  /** The n-th (1-based) query parameter. */
  param(n: number): string;
  /** Exact text of a column (decimal strings stay strings; a numeric column is printed exactly). */
  text(expr: string): string;
  /** A timestamp column as `YYYY-MM-DDTHH:MM:SSZ` in UTC. */
  utcText(expr: string): string;
  /** A text parameter holding an ISO-8601 UTC instant, as a timestamp with time zone. */
  timestampParam(n: number): string;
  /** SQL types of the written tables. */
  readonly types: {
    readonly text: string;
    readonly date: string;
    readonly timestamp: string;
    readonly boolean: string;
    readonly bigint: string;
    /** An exact decimal: `scale` is the largest number of fractional digits it must hold. */
    decimal(scale: number): string;
  };
  /** Largest number of fractional digits `types.decimal` can hold exactly (Infinity: unbounded). */
  readonly maxDecimalScale: number;
  /** `CREATE SCHEMA IF NOT EXISTS` for the schema (BigQuery: dataset) the results go to. */
  createSchema(schema: string): string;
}

function doubleQuoted(part: string): string {
  return `"${part.replace(/"/g, '""')}"`;
}

function bigQueryQuoted(part: string): string {
  return `\`${part.replace(/[`\\]/g, (c) => `\\${c}`)}\``;
}

export const DUCKDB_DIALECT: SqlDialect = {
  engine: 'duckdb',
  quoteIdent: doubleQuoted,
  param: (n) => `$${n}`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  utcText: (e) => `strftime(${e} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`,
  timestampParam: (n) => `CAST($${n} AS TIMESTAMPTZ)`,
  types: {
    text: 'VARCHAR',
    date: 'DATE',
    timestamp: 'TIMESTAMPTZ',
    boolean: 'BOOLEAN',
    bigint: 'BIGINT',
    decimal: () => 'DECIMAL(38, 18)',
  },
  maxDecimalScale: 18,
  createSchema: (schema) => `CREATE SCHEMA IF NOT EXISTS ${doubleQuoted(schema)}`,
};

export const POSTGRES_DIALECT: SqlDialect = {
  engine: 'postgres',
  quoteIdent: doubleQuoted,
  param: (n) => `$${n}`,
  text: (e) => `CAST(${e} AS TEXT)`,
  utcText: (e) => `to_char(${e} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  timestampParam: (n) => `CAST($${n} AS TIMESTAMPTZ)`,
  types: {
    text: 'TEXT',
    date: 'DATE',
    timestamp: 'TIMESTAMPTZ',
    boolean: 'BOOLEAN',
    bigint: 'BIGINT',
    decimal: () => 'NUMERIC',
  },
  maxDecimalScale: Infinity,
  createSchema: (schema) => `CREATE SCHEMA IF NOT EXISTS ${doubleQuoted(schema)}`,
};

export const BIGQUERY_DIALECT: SqlDialect = {
  engine: 'bigquery',
  quoteIdent: bigQueryQuoted,
  param: (n) => `@p${n}`,
  text: (e) => `CAST(${e} AS STRING)`,
  utcText: (e) => `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', ${e}, 'UTC')`,
  // The format is spelled out, so no reading of ISO-8601 by TIMESTAMP() is relied on.
  timestampParam: (n) => `PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', @p${n}, 'UTC')`,
  types: {
    text: 'STRING',
    date: 'DATE',
    timestamp: 'TIMESTAMP',
    boolean: 'BOOL',
    bigint: 'INT64',
    decimal: () => 'BIGNUMERIC',
  },
  // BIGNUMERIC holds 38 fractional digits.
  maxDecimalScale: 38,
  createSchema: (schema) => `CREATE SCHEMA IF NOT EXISTS ${bigQueryQuoted(schema)}`,
};

/** A table named by the user, e.g. `airbyte_upbit.candles_hourly` (dot-separated parts). */
export interface TableRef {
  readonly parts: readonly string[];
}

const IDENT_PART = /^[A-Za-z_][A-Za-z0-9_$-]*$/;

export function parseTableRef(text: string): TableRef {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 3 || !parts.every((p) => IDENT_PART.test(p))) {
    throw new Error(
      `table "${text}": expected [project.]schema.table or table, each part letters, digits, _ or -`
    );
  }
  return {parts};
}

export function qualified(dialect: SqlDialect, t: TableRef): string {
  return t.parts.map((p) => dialect.quoteIdent(p)).join('.');
}

/** A run of whole KST days, inclusive. */
export interface KstPeriod {
  readonly from: string;
  readonly to: string;
}

export function parseKstPeriod(from: string, to: string): KstPeriod {
  for (const [name, d] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    const ms = Date.parse(`${d}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(d) ||
      Number.isNaN(ms) ||
      new Date(ms).toISOString().slice(0, 10) !== d
    ) {
      throw new Error(`${name} must be a KST date YYYY-MM-DD, got "${d}"`);
    }
  }
  if (to < from) throw new Error(`--to ${to} is before --from ${from}`);
  return {from, to};
}

/** [start, end) of the period as UTC instants: 00:00 KST of `from` to 00:00 KST after `to`. */
export function periodUtcBounds(p: KstPeriod): {startUtc: string; endUtc: string} {
  return {
    startUtc: formatHourUtc(kstDayStartMs(p.from)),
    endUtc: formatHourUtc(kstDayStartMs(p.to) + DAY_MS),
  };
}

/** The period as consecutive runs of at most `days` KST days, oldest first. */
export function splitPeriod(p: KstPeriod, days: number): KstPeriod[] {
  const parts: KstPeriod[] = [];
  const end = kstDayStartMs(p.to);
  for (let start = kstDayStartMs(p.from); start <= end; start += days * DAY_MS) {
    const last = Math.min(end, start + (days - 1) * DAY_MS);
    parts.push({from: kstDateOf(start), to: kstDateOf(last)});
    if (!Number.isFinite(days)) break;
  }
  return parts;
}

/** The columns market share reads (parseCandleData); nothing else is selected. */
export const CANDLE_COLUMNS = [
  'exchange',
  'market',
  'base_currency',
  'quote_currency',
  'candle_start_utc',
  'close',
  'volume_base',
  'traded_value_quote',
  'traded_value_is_estimated',
] as const;

const DECIMAL_COLUMNS = new Set(['close', 'volume_base', 'traded_value_quote']);

export interface BuiltQuery {
  readonly sql: string;
  /** Positional parameters, all text. */
  readonly params: readonly string[];
}

/**
 * One exchange's candles of a period in hour order (the pipeline seals each hour as the next
 * begins), deduplicated as Incremental | Append + Deduped does: per
 * primary key (market, candle_start_utc) the row with the latest `_airbyte_extracted_at` (ties:
 * the greater `_airbyte_raw_id`, so the choice is deterministic). On an Append + Deduped table
 * this changes nothing; on an Append table it drops the earlier reads of a once-open hour.
 * Decimals are read as text, never through a float.
 */
export function buildCandleQuery(
  dialect: SqlDialect,
  table: TableRef,
  period: KstPeriod
): BuiltQuery {
  const q = (c: string) => dialect.quoteIdent(c);
  const {startUtc, endUtc} = periodUtcBounds(period);
  const inner = [...CANDLE_COLUMNS, '_airbyte_extracted_at', '_airbyte_raw_id'].map(q).join(', ');
  const outer = CANDLE_COLUMNS.map((c) => {
    if (c === 'candle_start_utc') return `${dialect.utcText(q(c))} AS ${q(c)}`;
    if (DECIMAL_COLUMNS.has(c)) return `${dialect.text(q(c))} AS ${q(c)}`;
    return q(c);
  }).join(', ');
  const sql =
    `SELECT ${outer}\n` +
    `FROM (\n` +
    `  SELECT ${inner},\n` +
    `    ROW_NUMBER() OVER (PARTITION BY ${q('market')}, ${q('candle_start_utc')} ` +
    `ORDER BY ${q('_airbyte_extracted_at')} DESC, ${q('_airbyte_raw_id')} DESC) AS ${q('_ms_rank')}\n` +
    `  FROM ${qualified(dialect, table)}\n` +
    `  WHERE ${q('candle_start_utc')} >= ${dialect.timestampParam(1)} ` +
    `AND ${q('candle_start_utc')} < ${dialect.timestampParam(2)}\n` +
    `) AS ${q('latest')}\n` +
    `WHERE ${q('_ms_rank')} = 1\n` +
    `ORDER BY ${q('candle_start_utc')}, ${q('market')}`;
  return {sql, params: [startUtc, endUtc]};
}

/** A row as the engine returns it; values are strings, booleans or null. */
export type WarehouseRow = Record<string, unknown>;

/**
 * Turns rows into pipeline items: each row is validated by parseCandleData like a JSONL record,
 * so a NULL or malformed value is an invalid input named `<table>:<row>`.
 */
export async function* warehouseItems(
  tableName: string,
  rows: AsyncIterable<WarehouseRow>
): AsyncGenerator<InputItem> {
  let n = 0;
  for await (const row of rows) {
    n++;
    const data: Record<string, unknown> = {};
    for (const c of CANDLE_COLUMNS) {
      const v = row[c];
      // NULL is an absent field, reported by the same validation as a JSONL record without it.
      if (v !== null && v !== undefined) data[c] = v;
    }
    yield {name: tableName, lineNo: n, msg: {kind: 'candle', data}};
  }
}
