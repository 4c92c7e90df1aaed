import {InputItem} from './pipeline';
import {
  buildCandleQuery,
  KstPeriod,
  parseTableRef,
  splitPeriod,
  SqlDialect,
  TableRef,
  warehouseItems,
  WarehouseRow,
} from './warehouse-query';

/** One statement with positional text parameters (NULL for an empty cell). */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly (string | null)[];
}

/**
 * Rows for one table, as text (NULL for an empty cell), each cell cast in SQL to its column's
 * type, so a decimal goes from its exact text to the exact column and never through a float.
 * Each engine inserts them its own bulk way.
 */
export interface BulkInsert {
  readonly table: TableRef;
  readonly columns: readonly {readonly name: string; readonly type: string}[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export type Statement = SqlStatement | BulkInsert;

export function isBulkInsert(s: Statement): s is BulkInsert {
  return 'rows' in s;
}

/** What market share needs of an engine: stream a query's rows, run statements in one transaction. */
export interface WarehouseConnection {
  readonly dialect: SqlDialect;
  /** Where the connection goes, for messages; never contains a password. */
  readonly description: string;
  /**
   * Read a long period this many KST days per query (default: the whole period in one). Each
   * query deduplicates and sorts its rows in the engine, which an in-process engine does in this
   * process's memory.
   */
  readonly daysPerQuery?: number;
  query(sql: string, params: readonly string[]): AsyncIterable<WarehouseRow>;
  /** Runs the statements in order in one transaction: all of them take effect, or none. */
  transaction(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}

export type WarehouseSpec =
  | {readonly engine: 'duckdb'; readonly path: string}
  | {readonly engine: 'postgres'; readonly url?: string}
  | {readonly engine: 'bigquery'; readonly projectId?: string; readonly location?: string};

/**
 * Opens a connection. Each engine's module (and its driver) is required only here, so the
 * connectors, which load the SDK root, never load a database driver.
 */
export async function openWarehouse(spec: WarehouseSpec): Promise<WarehouseConnection> {
  switch (spec.engine) {
    case 'duckdb': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('./warehouse-duckdb') as typeof import('./warehouse-duckdb');
      return m.openDuckDb(spec.path);
    }
    case 'postgres': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('./warehouse-postgres') as typeof import('./warehouse-postgres');
      return m.openPostgres(spec.url);
    }
    case 'bigquery': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('./warehouse-bigquery') as typeof import('./warehouse-bigquery');
      return m.openBigQuery(spec);
    }
  }
}

/** A table's candles of the period, one query per `conn.daysPerQuery` days, in hour order. */
async function* periodRows(
  conn: WarehouseConnection,
  table: TableRef,
  period: KstPeriod
): AsyncGenerator<WarehouseRow> {
  // The dedupe key includes the hour, so days can be read apart and stay deduplicated.
  for (const part of splitPeriod(period, conn.daysPerQuery ?? Infinity)) {
    const q = buildCandleQuery(conn.dialect, table, part);
    yield* conn.query(q.sql, q.params);
  }
}

/** `upbit=airbyte_upbit.candles_hourly`: the final table an exchange's connection writes. */
export interface ExchangeTable {
  readonly exchange: string;
  readonly table: TableRef;
  readonly text: string;
}

export function parseExchangeTable(spec: string): ExchangeTable {
  const eq = spec.indexOf('=');
  const exchange = spec.slice(0, eq).trim().toLowerCase();
  const text = spec.slice(eq + 1).trim();
  if (eq <= 0 || !/^[a-z0-9_-]+$/.test(exchange) || text === '') {
    throw new Error(
      `--table expects <exchange>=<table>, e.g. upbit=airbyte_upbit.candles_hourly; got "${spec}"`
    );
  }
  return {exchange, table: parseTableRef(text), text};
}

/**
 * The candles of every table for the period, as pipeline items, one table after the other. A
 * row whose `exchange` is not the exchange the table was named for is invalid: the wrong table
 * was given.
 */
export async function* warehouseCandleItems(
  conn: WarehouseConnection,
  tables: readonly ExchangeTable[],
  period: KstPeriod
): AsyncGenerator<InputItem> {
  for (const t of tables) {
    for await (const item of warehouseItems(t.text, periodRows(conn, t.table, period))) {
      if (item.msg.kind === 'candle') {
        const ex = (item.msg.data as {exchange?: unknown}).exchange;
        if (typeof ex === 'string' && ex.toLowerCase() !== t.exchange) {
          yield {
            ...item,
            msg: {
              kind: 'invalid',
              field: 'exchange',
              message: `is "${ex}" but --table named this table for ${t.exchange}`,
            },
          };
          continue;
        }
      }
      yield item;
    }
  }
}
