import {startSimulator, type ExpectedKorbitCandle, type RunningSimulator} from '../src';
import {FIXED_NOW, get, korbitCandlesUrl} from './helpers';

const HISTORY_START = '2024-01-01T00:00:00Z';
const HOUR = 3_600_000;
const BAD_REQUEST = '{"success":false,"error":{"message":"BAD_REQUEST"}}';

type KorbitRow = Omit<ExpectedKorbitCandle, 'timestamp'> & {timestamp: number};

describe('Korbit v2 over HTTP', () => {
  let sim: RunningSimulator;
  const candles = (params: Record<string, string | number>) =>
    korbitCandlesUrl(sim.korbitUrl, params);
  const data = async (url: string) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    const parsed = JSON.parse(res.body) as {success: boolean; data: KorbitRow[]};
    expect(parsed.success).toBe(true);
    return parsed.data;
  };

  beforeAll(async () => {
    sim = await startSimulator({seed: 42, clock: {now: FIXED_NOW}, rateLimits: {enabled: false}});
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setClock({now: FIXED_NOW}));

  test('currencyPairs: every KRW pair, stopped ones included with status "stopped"', async () => {
    const res = await get(`${sim.korbitUrl}/v2/currencyPairs`);
    expect(res.status).toBe(200);
    const parsed = JSON.parse(res.body);
    expect(parsed.success).toBe(true);
    expect(parsed.data[0]).toEqual({
      symbol: 'btc_krw',
      status: 'launched',
      baseCurrency: 'btc',
      quoteCurrency: 'krw',
      minOrderValue: '5000',
      maxOrderValue: '1000000000',
    });
    const status = Object.fromEntries(
      parsed.data.map((p: {symbol: string; status: string}) => [p.symbol, p.status])
    );
    // The delisted KRW-TRX and Korbit's halted pair (the next coin, KRW-LINK) stay, stopped.
    expect(status).toMatchObject({trx_krw: 'stopped', link_krw: 'stopped', eth_krw: 'launched'});
    expect(Object.values(status).filter((s) => s === 'launched')).toHaveLength(7);
    expect(Object.keys(status)).toHaveLength(9);
    expect(sim.listedMarkets('korbit')).toContain('KRW-LINK');
    const admin = JSON.parse((await get(`${sim.url}/__admin/markets?exchange=korbit`)).body);
    expect(admin.korbit.find((m: {market: string}) => m.market === 'KRW-LINK')).toMatchObject({
      delistedAt: '2024-01-08T00:00:00Z',
      listedNow: true,
      tradingNow: false,
    });
    // In the first week the halted pair still trades.
    sim.setClock({now: '2024-01-03T00:00:00Z'});
    const early = JSON.parse((await get(`${sim.korbitUrl}/v2/currencyPairs`)).body);
    expect(early.data.every((p: {status: string}) => p.status === 'launched')).toBe(true);
  });

  test('candles: oldest first, decimal strings, timestamp = hour start, no traded value', async () => {
    const rows = await data(candles({symbol: 'btc_krw', limit: 5}));
    expect(rows.map((r) => r.timestamp)).toEqual(
      [4, 3, 2, 1, 0].map((i) => Date.parse('2024-02-10T05:00:00Z') - i * HOUR)
    );
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
      for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
        expect(r[f]).toMatch(/^\d+(\.\d+)?$/);
      }
    }
  });

  test('end is inclusive; with start, end and limit: the latest `limit` candles in [start, end]', async () => {
    const end = Date.parse('2024-02-01T12:00:00Z');
    const last3 = await data(candles({symbol: 'btc_krw', limit: 3, end}));
    expect(last3.map((r) => r.timestamp)).toEqual([end - 2 * HOUR, end - HOUR, end]);
    const start = end - 10 * HOUR;
    const window = await data(candles({symbol: 'btc_krw', limit: 4, start, end}));
    expect(window.map((r) => r.timestamp)).toEqual([3, 2, 1, 0].map((i) => end - i * HOUR));
    const all = await data(candles({symbol: 'btc_krw', limit: 200, start, end}));
    expect(all).toHaveLength(11);
    expect(all[0]!.timestamp).toBe(start);
    // start inside an hour: that hour started before it, so it is left out.
    const mid = await data(candles({symbol: 'btc_krw', limit: 200, start: start + 1, end}));
    expect(mid[0]!.timestamp).toBe(start + HOUR);
  });

  test('paging back on end = min(timestamp) - 1 yields exactly the ground truth', async () => {
    for (const symbol of ['eth_krw', 'ada_krw']) {
      const rows: KorbitRow[] = [];
      let end: number | undefined;
      for (let page = 0; page < 30; page++) {
        const got = await data(candles({symbol, limit: 200, ...(end === undefined ? {} : {end})}));
        if (got.length === 0) break;
        rows.unshift(...got);
        end = got[0]!.timestamp - 1;
      }
      const expected = sim.expectedApiCandles(
        'korbit',
        symbol,
        HISTORY_START,
        '2024-03-01T00:00:00Z'
      );
      expect(rows).toEqual([...expected].reverse());
      if (symbol === 'ada_krw') {
        const span = (rows[rows.length - 1]!.timestamp - rows[0]!.timestamp) / HOUR + 1;
        expect(rows.length).toBeLessThan(span); // hours without trades are absent
      }
    }
  });

  test('limit is required, 1..200: otherwise 400 BAD_REQUEST', async () => {
    for (const limit of [undefined, '0', '201', 'x']) {
      const res = await get(candles({symbol: 'btc_krw', ...(limit === undefined ? {} : {limit})}));
      expect(res.status).toBe(400);
      expect(res.body).toBe(BAD_REQUEST);
    }
    expect(await data(candles({symbol: 'btc_krw', limit: 200}))).toHaveLength(200);
  });

  test('missing symbol, other intervals, bad or crossed bounds: 400 BAD_REQUEST', async () => {
    const urls = [
      korbitCandlesUrl(sim.korbitUrl, {limit: 5}),
      candles({symbol: 'btc_krw', limit: 5, interval: '1D'}),
      candles({symbol: 'btc_krw', limit: 5, interval: '1h'}),
      candles({symbol: 'btc_krw', limit: 5, end: 'yesterday'}),
      candles({symbol: 'btc_krw', limit: 5, start: 2000, end: 1000}),
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.body).toBe(BAD_REQUEST);
    }
  });

  test('unknown symbol: 400 INVALID_CURRENCY_PAIR; a stopped pair still serves its history', async () => {
    for (const symbol of ['nope_krw', 'KRW-BTC', 'BTC_KRW']) {
      const res = await get(candles({symbol, limit: 5}));
      expect(res.status).toBe(400);
      expect(res.body).toBe('{"success":false,"error":{"message":"INVALID_CURRENCY_PAIR"}}');
    }
    const trx = await data(candles({symbol: 'trx_krw', limit: 200}));
    expect(trx.length).toBeGreaterThan(100);
    expect(trx[trx.length - 1]!.timestamp).toBeLessThan(Date.parse('2024-01-15T00:00:00Z'));
    const link = await data(candles({symbol: 'link_krw', limit: 200}));
    expect(link[link.length - 1]!.timestamp).toBeLessThan(Date.parse('2024-01-08T00:00:00Z'));
  });

  test('unknown path -> 404 and non-GET -> 405, in the Korbit envelope', async () => {
    const res = await get(`${sim.korbitUrl}/v2/tickers`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({success: false, error: {message: 'NOT_FOUND'}});
    const del = await fetch(`${sim.korbitUrl}/v2/currencyPairs`, {method: 'DELETE'});
    expect(del.status).toBe(405);
  });
});
