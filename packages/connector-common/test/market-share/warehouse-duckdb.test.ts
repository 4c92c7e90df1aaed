import {DuckDBConnection, DuckDBInstance} from '@duckdb/node-api';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {warehouseSuite} from './warehouse-suite';

describe('market-share on DuckDB (in process, a database file)', () => {
  let dir: string;
  let file: string;
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;

  // The CLI opens the same file; DuckDB allows one process, so the test's own connection is
  // opened per statement and closed before the CLI runs.
  async function withConn<T>(f: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    instance = await DuckDBInstance.create(file);
    conn = await instance.connect();
    try {
      return await f(conn);
    } finally {
      conn.closeSync();
      instance.closeSync();
      conn = undefined;
      instance = undefined;
    }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'market-share-duckdb-'));
    file = join(dir, 'warehouse.duckdb');
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  warehouseSuite(() => ({
    args: () => ['--duckdb', file],
    exec: (sql) => withConn(async (c) => void (await c.run(sql))),
    rows: (sql) =>
      withConn(
        async (c) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]
      ),
    types: {text: 'VARCHAR', json: 'JSON', uuid: 'UUID'},
  }));
});
