import {Client} from 'pg';
import {BulkInsert, isBulkInsert, Statement, WarehouseConnection} from './warehouse';
import {POSTGRES_DIALECT, qualified, WarehouseRow} from './warehouse-query';

/** Rows per INSERT, bounding the size of one statement's parameters. */
const ROWS_PER_INSERT = 50_000;

/**
 * A bulk insert as `INSERT ... SELECT CAST(r.c0 AS type), ... FROM unnest($1::text[], ...)`: one
 * text[] parameter per column, so a statement binds as many parameters as the table has columns,
 * whatever the number of rows. Yields [sql, parameters] per chunk of rows.
 */
function* unnestInserts(ins: BulkInsert): Generator<[string, (string | null)[][]]> {
  const d = POSTGRES_DIALECT;
  const cols = ins.columns.map((c) => d.quoteIdent(c.name)).join(', ');
  const arrays = ins.columns.map((_c, i) => `$${i + 1}::text[]`).join(', ');
  const names = ins.columns.map((_c, i) => `c${i}`).join(', ');
  const casts = ins.columns.map((c, i) => `CAST(r.c${i} AS ${c.type})`).join(', ');
  const sql =
    `INSERT INTO ${qualified(d, ins.table)} (${cols}) ` +
    `SELECT ${casts} FROM unnest(${arrays}) AS r(${names})`;
  for (let start = 0; start < ins.rows.length; start += ROWS_PER_INSERT) {
    const chunk = ins.rows.slice(start, start + ROWS_PER_INSERT);
    yield [sql, ins.columns.map((_c, i) => chunk.map((r) => r[i] ?? null))];
  }
}

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
        for (const s of statements) {
          if (!isBulkInsert(s)) await client.query(s.sql, [...s.params]);
          else for (const [sql, params] of unnestInserts(s)) await client.query(sql, params);
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
