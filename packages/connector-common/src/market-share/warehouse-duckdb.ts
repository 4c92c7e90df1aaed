import {DuckDBConnection, DuckDBInstance} from '@duckdb/node-api';
import {BulkInsert, isBulkInsert, Statement, WarehouseConnection} from './warehouse';
import {DUCKDB_DIALECT, qualified, WarehouseRow} from './warehouse-query';

/**
 * A DuckDB database file (created if missing), through @duckdb/node-api.
 * @public warehouse.ts imports this module on demand (the driver is optional).
 */
export async function openDuckDb(path: string): Promise<WarehouseConnection> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  // Timestamps are formatted in SQL; a machine in KST must not shift them.
  await conn.run("SET TimeZone = 'UTC'");
  return {
    dialect: DUCKDB_DIALECT,
    description: `duckdb ${path}`,
    // DuckDB runs in this process: a week per query keeps its sort and window state small.
    daysPerQuery: 7,
    async *query(sql: string, params: readonly string[]): AsyncGenerator<WarehouseRow> {
      const result = await conn.stream(sql, [...params]);
      // JS values: VARCHAR -> string, BOOLEAN -> boolean, NULL -> null; decimals were cast to text.
      for await (const rows of result.yieldRowObjectJs()) yield* rows;
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      // Binding parameters of multi-row INSERTs cost ~27 s for 7,560 rows; the appender takes
      // the rows in as text into session-private staging tables first, and the transaction then
      // only runs INSERT ... SELECT CAST(...): the same exact text-to-type casts, all in SQL.
      const staged = new Map<BulkInsert, string>();
      try {
        for (const s of statements) {
          if (isBulkInsert(s)) staged.set(s, await stage(conn, s, staged.size));
        }
        await conn.run('BEGIN TRANSACTION');
        try {
          for (const s of statements) {
            if (isBulkInsert(s)) await conn.run(insertFromStaging(s, staged.get(s) ?? ''));
            else await conn.run(s.sql, [...s.params]);
          }
          await conn.run('COMMIT');
        } catch (e) {
          await conn.run('ROLLBACK');
          throw e;
        }
      } finally {
        for (const name of staged.values()) await conn.run(`DROP TABLE IF EXISTS temp.${name}`);
      }
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Appends the rows, as VARCHAR, to a new temporary table; returns its name. */
async function stage(conn: DuckDBConnection, ins: BulkInsert, k: number): Promise<string> {
  const name = `market_share_staging_${k}`;
  const cols = ins.columns.map((c, i) => `c${i} VARCHAR`).join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${name} (${cols})`);
  const appender = await conn.createAppender(name, 'main', 'temp');
  try {
    for (const row of ins.rows) {
      for (let i = 0; i < ins.columns.length; i++) {
        const v = row[i];
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  return name;
}

function insertFromStaging(ins: BulkInsert, staging: string): string {
  const q = DUCKDB_DIALECT.quoteIdent;
  const cols = ins.columns.map((c) => q(c.name)).join(', ');
  const casts = ins.columns.map((c, i) => `CAST(c${i} AS ${c.type})`).join(', ');
  return `INSERT INTO ${qualified(DUCKDB_DIALECT, ins.table)} (${cols}) SELECT ${casts} FROM temp.${staging}`;
}
