import {Cell, Table} from './csv';
import {MarketShareReport} from './report';
import {coverageTable, dailyByAssetTable, dailyShareTable, hourlyShareTable} from './tables';
import {SqlStatement, Statement, WarehouseConnection} from './warehouse';
import {KstPeriod, qualified, SqlDialect, TableRef} from './warehouse-query';

/** The tables written back, named like the CSV files they mirror (same columns). */
export const RESULT_TABLES: readonly {name: string; build: (r: MarketShareReport) => Table}[] = [
  {name: 'market_share_daily_share', build: dailyShareTable},
  {name: 'market_share_hourly_share', build: hourlyShareTable},
  {name: 'market_share_coverage', build: coverageTable},
  {name: 'market_share_daily_by_asset', build: dailyByAssetTable},
];

const DECIMAL = new Set([
  'value_krw',
  'exact_value_krw',
  'converted_value_krw',
  'estimated_value_krw',
  'period_total_krw',
  'asset_total_krw',
  'share',
  'share_percent',
  'share_of_asset',
]);
const BOOLEAN = new Set([
  'has_converted',
  'has_estimated',
  'complete',
  'is_edge_day',
  'is_complete',
]);
const BIGINT = new Set([
  'candles_exact',
  'candles_converted',
  'candles_estimated',
  'candles_excluded',
  'candles_carried_rate',
  'hours_present',
  'hours_expected',
  'hours_missing',
  'markets_present',
]);

export function columnType(d: SqlDialect, column: string): string {
  if (column === 'kst_date') return d.types.date;
  if (column === 'hour_start_utc') return d.types.timestamp;
  if (DECIMAL.has(column)) return d.types.decimal(d.maxDecimalScale);
  if (BOOLEAN.has(column)) return d.types.boolean;
  if (BIGINT.has(column)) return d.types.bigint;
  return d.types.text;
}

function cellText(c: Cell): string | null {
  if (c === undefined || c === '') return null;
  return String(c);
}

/**
 * The statements that replace one period's rows of one result table: DELETE the period's KST
 * days, then insert the report's rows. Run in one transaction, re-running a period leaves
 * exactly one copy of its rows. Decimal cells are inserted from their text, exactly.
 */
export function replacePeriodStatements(
  d: SqlDialect,
  table: TableRef,
  t: Table,
  period: KstPeriod
): Statement[] {
  const q = (c: string) => d.quoteIdent(c);
  const dateCol = t.header.indexOf('kst_date');
  if (dateCol < 0) throw new Error(`${table.parts.join('.')}: a result table needs kst_date`);
  const rows = t.rows.map((r) => r.map(cellText));
  for (const r of rows) {
    const day = r[dateCol];
    if (day === null || day === undefined || day < period.from || day > period.to) {
      throw new Error(`row for ${String(day)} is outside the period ${period.from}..${period.to}`);
    }
    t.header.forEach((col, i) => {
      const v = r[i];
      if (v && DECIMAL.has(col)) checkScale(d, col, v);
    });
  }
  return [
    {
      sql:
        `DELETE FROM ${qualified(d, table)} WHERE ${q('kst_date')} >= CAST(${d.param(1)} AS ${d.types.date}) ` +
        `AND ${q('kst_date')} <= CAST(${d.param(2)} AS ${d.types.date})`,
      params: [period.from, period.to],
    },
    {table, columns: t.header.map((name) => ({name, type: columnType(d, name)})), rows},
  ];
}

function checkScale(d: SqlDialect, col: string, v: string): void {
  const frac = v.split('.')[1]?.length ?? 0;
  if (frac > d.maxDecimalScale) {
    throw new Error(
      `${col} ${v} has ${frac} decimals; ${d.engine} columns hold ${d.maxDecimalScale} exactly`
    );
  }
}

export function createTableSql(d: SqlDialect, table: TableRef, header: readonly string[]): string {
  const name = qualified(d, table);
  const cols = header.map((c) => `${d.quoteIdent(c)} ${columnType(d, c)}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${name} (${cols})`;
}

/**
 * Writes the four result tables into `schema` (created if missing), replacing the period's rows
 * of every table in one transaction. Returns the number of rows written per table.
 */
export async function writeReportToWarehouse(
  conn: WarehouseConnection,
  schema: string,
  report: MarketShareReport,
  period: KstPeriod
): Promise<Record<string, number>> {
  const d = conn.dialect;
  const statements: Statement[] = [];
  const written: Record<string, number> = {};
  const ddl: SqlStatement[] = [{sql: d.createSchema(schema), params: []}];
  for (const rt of RESULT_TABLES) {
    const table: TableRef = {parts: [schema, rt.name]};
    const t = rt.build(report);
    ddl.push({sql: createTableSql(d, table, t.header), params: []});
    statements.push(...replacePeriodStatements(d, table, t, period));
    written[rt.name] = t.rows.length;
  }
  await conn.transaction(ddl);
  await conn.transaction(statements);
  return written;
}
