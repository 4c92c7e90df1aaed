import {Client} from 'pg';
import {main} from '../../src/market-share/cli';
import {PERIOD} from './warehouse-fixture';
import {PgServer, startPgServer} from './pg-server';
import {warehouseSuite} from './warehouse-suite';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';

/** A real PostgreSQL server started by the test (initdb in a temp dir), stopped by pid. */
describe('market-share on PostgreSQL (a server of its own)', () => {
  let server: PgServer;
  let client: Client;

  beforeAll(async () => {
    server = await startPgServer();
    client = new Client({connectionString: server.url});
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  }, 60_000);

  warehouseSuite(() => ({
    args: () => ['--postgres', server.url],
    exec: async (sql) => void (await client.query(sql)),
    rows: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[],
    types: {text: 'TEXT', json: 'JSONB', uuid: 'UUID'},
  }));

  it('connects from the PG* variables, and never prints the password', async () => {
    const saved = {...process.env};
    const out = mkdtempSync(join(tmpdir(), 'market-share-pgenv-'));
    const err = {text: '', isTTY: false, write: (s: string) => (err.text += s)};
    const io = {stdin: Readable.from(['']), stderr: err};
    const args = ['--postgres', '--table', 'upbit=airbyte_upbit.candles_hourly'];
    const period = ['--from', PERIOD.from, '--to', PERIOD.to, '-o', out];
    try {
      Object.assign(process.env, {
        PGHOST: '127.0.0.1',
        PGPORT: String(server.port),
        PGUSER: 'postgres',
        PGDATABASE: 'postgres',
        PGPASSWORD: 'wrong-' + server.password,
      });
      expect(await main([...args, ...period], io)).toBe(1);
      expect(err.text).toContain(
        `cannot connect to postgres postgres@127.0.0.1:${server.port}/postgres`
      );
      expect(err.text).toContain('password authentication failed');
      expect(err.text).not.toContain(server.password);
      process.env.PGPASSWORD = server.password;
      err.text = '';
      expect(await main([...args, ...period], io)).toBe(0);
      expect(err.text).toContain('3 candle records');
      expect(readFileSync(join(out, 'daily_share.csv'), 'utf8')).toContain(
        // 1400: the write-back test above re-read 01Z as 500
        '2025-01-01,upbit,1400,1.000000,'
      );
    } finally {
      process.env = saved;
      rmSync(out, {recursive: true, force: true});
    }
  });
});
