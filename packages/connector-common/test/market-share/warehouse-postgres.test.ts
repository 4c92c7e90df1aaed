import {Client} from 'pg';
import {main} from '../../src/market-share/cli';
import {parseExchangeTable, warehouseCandleItems} from '../../src/market-share/warehouse';
import {openPostgres} from '../../src/market-share/warehouse-postgres';
import {PERIOD, POSTGRES_DESTINATION} from './warehouse-fixture';
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
    layout: POSTGRES_DESTINATION,
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

  it('streams through a cursor in batches, and ends the read transaction when the reader stops early', async () => {
    const conn = await openPostgres(server.url, 2);
    try {
      const tables = [parseExchangeTable('upbit=airbyte_upbit.candles_hourly')];
      const markets: string[] = [];
      for await (const item of warehouseCandleItems(conn, tables, PERIOD)) {
        if (item.msg.kind === 'candle') {
          const d = item.msg.data as {market: string; candle_start_utc: string};
          markets.push(`${d.market} ${d.candle_start_utc}`);
        }
      }
      // 3 rows after deduplication, fetched 2 at a time.
      expect(markets).toEqual([
        'BTC-ETH 2025-01-01T00:00:00Z',
        'KRW-BTC 2025-01-01T00:00:00Z',
        'KRW-BTC 2025-01-01T01:00:00Z',
      ]);
      for await (const item of warehouseCandleItems(conn, tables, PERIOD)) {
        expect(item.lineNo).toBe(1);
        break;
      }
      // Left open, the first cursor would make this DECLARE fail ("cursor already exists").
      let again = 0;
      for await (const item of warehouseCandleItems(conn, tables, PERIOD))
        again += item.lineNo > 0 ? 1 : 0;
      expect(again).toBe(3);
    } finally {
      await conn.close();
    }
  });
});
