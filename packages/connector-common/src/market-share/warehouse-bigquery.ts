import {Statement, WarehouseConnection} from './warehouse';
import {BIGQUERY_DIALECT, WarehouseRow} from './warehouse-query';
import {asSqlStatements} from './warehouse-write';

/** The part of @google-cloud/bigquery's BigQuery client used here (a fake in tests). */
export interface BigQueryLike {
  query(options: {
    query: string;
    params: Record<string, string | null>;
    types: Record<string, string>;
    location?: string;
  }): Promise<[Record<string, unknown>[], ...unknown[]]>;
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
  return {
    dialect: BIGQUERY_DIALECT,
    description: `bigquery ${spec.projectId ?? '(default project)'}`,
    async *query(sql: string, params: readonly string[]): AsyncGenerator<WarehouseRow> {
      const {values, types} = named(params, '');
      const [rows] = await c.query({query: sql, params: values, types, location});
      yield* rows;
    },
    async transaction(statements: readonly Statement[]): Promise<void> {
      // One multi-statement query: BigQuery commits the whole transaction or nothing.
      const values: Record<string, string | null> = {};
      const types: Record<string, string> = {};
      const sql = asSqlStatements(BIGQUERY_DIALECT, statements);
      const body = sql.map((s, k) => {
        const n = named(s.params, `s${k}_`);
        Object.assign(values, n.values);
        Object.assign(types, n.types);
        return renumber(s.sql, k) + ';';
      });
      const ddl = sql.every((s) => /^CREATE /.test(s.sql));
      // DDL cannot run inside a BigQuery transaction; the CREATE ... IF NOT EXISTS batch runs as a plain script.
      const query = ddl
        ? body.join('\n')
        : ['BEGIN TRANSACTION;', ...body, 'COMMIT TRANSACTION;'].join('\n');
      await c.query({query, params: values, types, location});
    },
    async close(): Promise<void> {},
  };
}
