import {startSimulator, type ExpectedCoinoneCandle, type RunningSimulator} from '../src';
import {FIXED_NOW, coinoneChartUrl, get} from './helpers';

const HISTORY_START = '2024-01-01T00:00:00Z';
const HOUR = 3_600_000;

interface ChartBody {
  result: string;
  error_code: string;
  server_time: number;
  is_last: boolean;
  chart: (Omit<ExpectedCoinoneCandle, 'timestamp'> & {timestamp: number})[];
}

describe('Coinone public v2 over HTTP', () => {
  let sim: RunningSimulator;
  const chart = (pair: string, params: Record<string, string | number> = {}) =>
    coinoneChartUrl(sim.coinoneUrl, pair, params);
  const body = async (url: string) => JSON.parse((await get(url)).body) as ChartBody;

  beforeAll(async () => {
    sim = await startSimulator({seed: 42, clock: {now: FIXED_NOW}, rateLimits: {enabled: false}});
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setClock({now: FIXED_NOW}));

  test('markets/KRW: the success envelope and the v2 market fields, upper-case codes', async () => {
    const res = await get(`${sim.coinoneUrl}/public/v2/markets/KRW`);
    expect(res.status).toBe(200);
    const parsed = JSON.parse(res.body);
    expect(Object.keys(parsed)).toEqual(['result', 'error_code', 'server_time', 'markets']);
    expect(parsed).toMatchObject({
      result: 'success',
      error_code: '0',
      server_time: Date.parse(FIXED_NOW),
    });
    expect(Object.keys(parsed.markets[0])).toEqual([
      'quote_currency',
      'target_currency',
      'price_unit',
      'qty_unit',
      'max_order_amount',
      'max_price',
      'max_qty',
      'min_order_amount',
      'min_price',
      'min_qty',
      'order_book_units',
      'maintenance_status',
      'trade_status',
      'order_types',
    ]);
    expect(parsed.markets[0]).toMatchObject({
      quote_currency: 'KRW',
      target_currency: 'BTC',
      price_unit: '1000.0',
    });
    // KRW markets only, without the delisted KRW-TRX: the same list sim.listedMarkets gives.
    const codes = parsed.markets.map(
      (m: {quote_currency: string; target_currency: string}) =>
        `${m.quote_currency}-${m.target_currency}`
    );
    expect(codes).toEqual(sim.listedMarkets('coinone'));
    expect(codes).toHaveLength(7);
    expect(codes).not.toContain('KRW-TRX');
    // Lower case is read the same; another quote currency is a parameter error.
    expect((await get(`${sim.coinoneUrl}/public/v2/markets/krw`)).body).toBe(res.body);
    const btc = await get(`${sim.coinoneUrl}/public/v2/markets/BTC`);
    expect(btc.status).toBe(200);
    expect(JSON.parse(btc.body)).toMatchObject({result: 'error', error_code: '107'});
  });

  test('chart: envelope, numbers as strings, timestamp = hour start, newest first, default size 200', async () => {
    const res = await get(chart('KRW/BTC'));
    expect(res.status).toBe(200);
    expect(res.body).toMatch(
      /^\{"result":"success","error_code":"0","server_time":\d+,"is_last":false,"chart":\[\{"timestamp":\d+,"open":"\d+\.\d+","high":"/
    );
    const parsed = JSON.parse(res.body) as ChartBody;
    expect(parsed.chart).toHaveLength(200);
    expect(Object.keys(parsed.chart[0]!)).toEqual([
      'timestamp',
      'open',
      'high',
      'low',
      'close',
      'target_volume',
      'quote_volume',
    ]);
    const starts = parsed.chart.map((c) => c.timestamp);
    expect(starts[0]).toBe(Date.parse('2024-02-10T05:00:00Z')); // the open hour
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBe(starts[i - 1]! - HOUR);
    for (const c of parsed.chart) {
      for (const f of ['open', 'high', 'low', 'close', 'target_volume', 'quote_volume'] as const) {
        expect(c[f]).toMatch(/^\d+\.\d+$/);
      }
    }
  });

  test('timestamp is inclusive: the candle starting at it is the first row', async () => {
    const at = Date.parse('2024-02-01T12:00:00Z');
    const exact = await body(chart('KRW/BTC', {timestamp: at, size: 3}));
    expect(exact.chart.map((c) => c.timestamp)).toEqual([at, at - HOUR, at - 2 * HOUR]);
    const inside = await body(chart('KRW/BTC', {timestamp: at + 1_800_000, size: 1}));
    expect(inside.chart.map((c) => c.timestamp)).toEqual([at]);
    const before = await body(chart('KRW/BTC', {timestamp: at - 1, size: 1}));
    expect(before.chart.map((c) => c.timestamp)).toEqual([at - HOUR]);
  });

  test('paging on min(timestamp) - 1 until is_last yields exactly the ground truth', async () => {
    for (const pair of ['KRW/BTC', 'KRW/ADA']) {
      const rows: ChartBody['chart'] = [];
      let cursor: number | undefined;
      let last = false;
      for (let page = 0; page < 20 && !last; page++) {
        const res = await body(
          chart(pair, {size: 500, ...(cursor === undefined ? {} : {timestamp: cursor})})
        );
        expect(res.result).toBe('success');
        rows.push(...res.chart);
        last = res.is_last;
        cursor = res.chart[res.chart.length - 1]!.timestamp - 1;
      }
      expect(last).toBe(true);
      const expected = sim.expectedApiCandles(
        'coinone',
        pair.replace('/', '-'),
        HISTORY_START,
        '2024-03-01T00:00:00Z'
      );
      const canon = (s: string) => (s.endsWith('.0') ? s.slice(0, -2) : s);
      expect(
        rows.map((c) => ({
          ...c,
          open: canon(c.open),
          high: canon(c.high),
          low: canon(c.low),
          close: canon(c.close),
          target_volume: canon(c.target_volume),
          quote_volume: canon(c.quote_volume),
        }))
      ).toEqual(expected);
      if (pair === 'KRW/ADA') {
        // A thin market: hours without trades are absent, never zero rows.
        const span = (rows[0]!.timestamp - rows[rows.length - 1]!.timestamp) / HOUR + 1;
        expect(rows.length).toBeLessThan(span);
        for (const c of rows) expect(Number(c.target_volume)).toBeGreaterThan(0);
      } else {
        expect(rows[rows.length - 1]!.timestamp).toBe(Date.parse(HISTORY_START));
      }
    }
  });

  test('size: 1..500 (default 200); outside, or not a number: error 107 in HTTP 200', async () => {
    expect((await body(chart('KRW/BTC', {size: 500}))).chart).toHaveLength(500);
    expect((await body(chart('KRW/BTC', {size: 1}))).chart).toHaveLength(1);
    for (const size of ['0', '501', 'ten', '-3']) {
      const res = await get(chart('KRW/BTC', {size}));
      expect(res.status).toBe(200);
      const parsed = JSON.parse(res.body);
      expect(Object.keys(parsed)).toEqual(['result', 'error_code', 'error_msg']);
      expect(parsed).toMatchObject({result: 'error', error_code: '107'});
      expect(parsed.error_msg).toMatch(/^Parameter value is wrong \(size: /);
    }
  });

  test('interval is required; only 1h is served; a bad timestamp is refused', async () => {
    const noInterval = await get(`${sim.coinoneUrl}/public/v2/chart/KRW/BTC?size=2`);
    expect(JSON.parse(noInterval.body)).toMatchObject({result: 'error', error_code: '107'});
    const day = JSON.parse((await get(chart('KRW/BTC', {interval: '1d'}))).body);
    expect(day).toMatchObject({result: 'error', error_code: '107'});
    expect(day.error_msg).toMatch(/only 1h/);
    const badTs = JSON.parse((await get(chart('KRW/BTC', {timestamp: '2024-01-01'}))).body);
    expect(badTs).toMatchObject({result: 'error', error_code: '107'});
  });

  test('unknown currency -> 108, delisted pair -> 109, both in HTTP 200; path case is free', async () => {
    const unknown = await get(chart('KRW/NOPE'));
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toEqual({
      result: 'error',
      error_code: '108',
      error_msg: 'Unknown cryptocurrency',
    });
    const delisted = await get(chart('KRW/TRX'));
    expect(JSON.parse(delisted.body)).toEqual({
      result: 'error',
      error_code: '109',
      error_msg: 'Unknown cryptocurrency pair',
    });
    // Before its delisting hour KRW-TRX is served.
    sim.setClock({now: '2024-01-14T23:30:00Z'});
    expect((await body(chart('KRW/TRX', {size: 5}))).chart.length).toBeGreaterThan(0);
    sim.setClock({now: FIXED_NOW});
    expect((await get(chart('krw/btc', {size: 3}))).body).toBe(
      (await get(chart('KRW/BTC', {size: 3}))).body
    );
  });

  test('before the first hour: an empty chart with is_last true', async () => {
    const res = await body(chart('KRW/BTC', {timestamp: Date.parse(HISTORY_START) - 1}));
    expect(res).toMatchObject({result: 'success', is_last: true, chart: []});
  });

  test('unknown path -> 404 and non-GET -> 405, in the Coinone envelope', async () => {
    const res = await get(`${sim.coinoneUrl}/public/v2/orderbook/KRW/BTC`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({result: 'error', error_code: '404'});
    const post = await fetch(chart('KRW/BTC'), {method: 'POST'});
    expect(post.status).toBe(405);
    expect(JSON.parse(await post.text())).toMatchObject({result: 'error', error_code: '405'});
  });
});
