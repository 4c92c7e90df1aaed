import {Client} from 'pg';
import {Statement, WarehouseConnection} from './warehouse';
import {POSTGRES_DIALECT, WarehouseRow} from './warehouse-query';
import {asSqlStatements} from './warehouse-write';

/**
 * PostgreSQL through `pg`: a connection URL, or without one the libpq variables (PGHOST,
 * PGPORT, PGDATABASE, PGUSER, PGPASSWORD). The password is never put in a message.
 */
export async function openPostgres(url?: string, fetchRows = 10_000): Promise<WarehouseConnection> {
  const client = new Client(url ? {connectionString: url} : {});
  const where = `postgres ${client.user ?? ''}@${client.host}:${client.port}/${client.database ?? ''}`;
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`cannot connect to ${where}: ${(e as Error).message}`, {cause: e});
  }
  // Timestamps are formatted in SQL; make sure no session setting shifts them.
  await client.query("SET TIME ZONE 'UTC'");
  return {
    dialect: POSTGRES_DIALECT,
    description: where,
    async *query(sql: string, params: readonly string[]): AsyncGenerator<WarehouseRow> {
      // Streamed through a cursor, fetchRows at a time, so a long period is not held in memory.
      // Every selected column is text or boolean, which pg returns as string / boolean.
      await client.query('BEGIN READ ONLY');
      let committed = false;
      try {
        await client.query(`DECLARE market_share_rows NO SCROLL CURSOR FOR ${sql}`, [...params]);
        for (;;) {
          const res = await client.query(`FETCH ${fetchRows} FROM market_share_rows`);
          yield* res.rows as WarehouseRow[];
          if (res.rows.length < fetchRows) break;
        }
        await client.query('COMMIT');
        committed = true;
      } finally {
        // An error, or a consumer that stopped early (invalid input): end the read transaction.
        if (!committed) await client.query('ROLLBACK');
      }
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      await client.query('BEGIN');
      try {
        for (const s of asSqlStatements(POSTGRES_DIALECT, statements)) {
          await client.query(s.sql, [...s.params]);
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    },
    async close(): Promise<void> {
      await client.end();
    },
  };
}
