import {DuckDBInstance} from '@duckdb/node-api';
import {Statement, WarehouseConnection} from './warehouse';
import {DUCKDB_DIALECT, WarehouseRow} from './warehouse-query';

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
    async *query(sql: string, params: readonly string[]): AsyncGenerator<WarehouseRow> {
      const result = await conn.stream(sql, [...params]);
      // JS values: VARCHAR -> string, BOOLEAN -> boolean, NULL -> null; decimals were cast to text.
      for await (const rows of result.yieldRowObjectJs()) yield* rows;
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      await conn.run('BEGIN TRANSACTION');
      try {
        for (const s of statements) await conn.run(s.sql, [...s.params]);
        await conn.run('COMMIT');
      } catch (e) {
        await conn.run('ROLLBACK');
        throw e;
      }
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
