import {BulkInsert, isBulkInsert, Statement, WarehouseConnection} from './warehouse';
import {BIGQUERY_DIALECT, qualified, SqlDialect, WarehouseRow} from './warehouse-query';

/** A query job's options as @google-cloud/bigquery takes them. */
export interface BigQueryQueryOptions {
  query: string;
  params: Record<string, unknown>;
  /** Needed for NULLs and for arrays of structs; see the client's `types` option. */
  types: Record<string, unknown>;
  location?: string;
}

/** The part of @google-cloud/bigquery's BigQuery client used here (a fake in tests). */
export interface BigQueryLike {
  /** Runs a script and waits for it; its rows are not used. */
  query(options: BigQueryQueryOptions): Promise<unknown>;
  /** The rows of a query, fetched page by page as they are consumed. */
  createQueryStream(options: BigQueryQueryOptions): AsyncIterable<Record<string, unknown>>;
}

export interface BigQuerySpec {
  readonly projectId?: string;
  readonly location?: string;
}

/** `@p1` .. `@pN` of one statement renamed `@s<k>_p<N>`, so statements can share one script. */
function renumber(sql: string, k: number): string {
  return sql.replace(/@p(\d+)\b/g, (_m, n: string) => `@s${k}_p${n}`);
}

function named(params: readonly (string | null)[], prefix: string) {
  const values: Record<string, string | null> = {};
  const types: Record<string, string> = {};
  params.forEach((v, i) => {
    values[`${prefix}p${i + 1}`] = v;
    // Every parameter is text, cast in SQL; the type is needed for NULLs.
    types[`${prefix}p${i + 1}`] = 'STRING';
  });
  return {values, types};
}

/**
 * A bulk insert as one statement with one parameter: the rows as an ARRAY<STRUCT<c0 STRING,
 * ...>>, each field cast in SQL to its column's type. The script stays a few lines long and has
 * a few parameters whatever the number of rows (BigQuery limits both the query's length and its
 * number of parameters; a multi-row VALUES with a parameter per cell would pass them).
 */
function unnestInsert(d: SqlDialect, ins: BulkInsert, name: string) {
  const field = (i: number) => `c${i}`;
  const cols = ins.columns.map((c) => d.quoteIdent(c.name)).join(', ');
  const casts = ins.columns.map((c, i) => `CAST(r.${field(i)} AS ${c.type})`).join(', ');
  const rowType = Object.fromEntries(ins.columns.map((_c, i) => [field(i), 'STRING']));
  return {
    sql: `INSERT INTO ${qualified(d, ins.table)} (${cols}) SELECT ${casts} FROM UNNEST(@${name}) AS r`,
    value: ins.rows.map((r) =>
      Object.fromEntries(ins.columns.map((_c, i) => [field(i), r[i] ?? null]))
    ),
    type: [rowType],
  };
}

/**
 * BigQuery with application default credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth
 * application-default login, or the metadata server). `client` replaces the real client in tests.
 */
export async function openBigQuery(
  spec: BigQuerySpec,
  client?: BigQueryLike
): Promise<WarehouseConnection> {
  let bq = client;
  if (!bq) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const {BigQuery} = require('@google-cloud/bigquery') as typeof import('@google-cloud/bigquery');
    bq = new BigQuery(spec.projectId ? {projectId: spec.projectId} : {}) as unknown as BigQueryLike;
  }
  const c = bq;
  const location = spec.location;
  const dialect: SqlDialect = {
    ...BIGQUERY_DIALECT,
    // A dataset's location is fixed when it is created: put it next to the candles' datasets.
    createSchema: (schema) =>
      BIGQUERY_DIALECT.createSchema(schema) +
      (location ? ` OPTIONS(location = '${location.replace(/[^A-Za-z0-9-]/g, '')}')` : ''),
  };
  return {
    dialect,
    description: `bigquery ${spec.projectId ?? '(default project)'}`,
    async *query(sql: string, params: readonly string[]): AsyncGenerator<WarehouseRow> {
      const {values, types} = named(params, '');
      // Streamed page by page: a long period is never held whole in memory.
      yield* c.createQueryStream({query: sql, params: values, types, location});
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      // One multi-statement query: BigQuery commits the whole transaction or nothing.
      const values: Record<string, unknown> = {};
      const types: Record<string, unknown> = {};
      const body = statements.map((s, k) => {
        if (isBulkInsert(s)) {
          const u = unnestInsert(dialect, s, `s${k}_rows`);
          values[`s${k}_rows`] = u.value;
          types[`s${k}_rows`] = u.type;
          return u.sql + ';';
        }
        const n = named(s.params, `s${k}_`);
        Object.assign(values, n.values);
        Object.assign(types, n.types);
        return renumber(s.sql, k) + ';';
      });
      const ddl = statements.every((s) => !isBulkInsert(s) && /^CREATE /.test(s.sql));
      // DDL on permanent tables and datasets cannot run inside a BigQuery transaction; the
      // CREATE ... IF NOT EXISTS batch runs as a plain script.
      const query = ddl
        ? body.join('\n')
        : ['BEGIN TRANSACTION;', ...body, 'COMMIT TRANSACTION;'].join('\n');
      await c.query({query, params: values, types, location});
    },
    async close(): Promise<void> {},
  };
}
