import {startSimulator, type FaultRule, type RunningSimulator} from '../src';
import {FIXED_NOW, candlesUrl, get, post} from './helpers';

describe('fault injection and the admin API', () => {
  let sim: RunningSimulator;
  const candles = () => candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 3});
  const bithumbCandles = () => candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC', count: 3});

  beforeAll(async () => {
    sim = await startSimulator({clock: {now: FIXED_NOW}, rateLimits: {enabled: false}});
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  async function once(rule: FaultRule, url = candles()) {
    sim.setFaults([{count: 1, ...rule}]);
    const faulty = await get(url);
    const normal = await get(url); // the rule is spent: back to normal
    expect(normal.status).toBe(200);
    expect(() => JSON.parse(normal.body)).not.toThrow();
    return {faulty, normal};
  }

  test('http5xx: 500 as a JSON envelope, 502/503/504 as a gateway HTML page', async () => {
    const {faulty} = await once({kind: 'http5xx'});
    expect(faulty.status).toBe(500);
    expect(JSON.parse(faulty.body)).toEqual({error: {name: 500, message: 'Internal Server Error'}});
    const gateway = (await once({kind: 'http5xx', status: 503})).faulty;
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect(gateway.body).toContain('503 Service Temporarily Unavailable');
  });

  test('a burst: the next N requests fail, then service resumes', async () => {
    sim.setFaults([{kind: 'http5xx', status: 502, count: 3, exchange: 'upbit'}]);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(candles())).status);
    expect(statuses).toEqual([502, 502, 502, 200, 200]);
    expect(sim.stats().faultsInjected.http5xx).toBe(3);
    expect(sim.faults()).toEqual([]);
  });

  test('after N: the first N matching requests pass, the fault strikes from the next', async () => {
    sim.setFaults([{kind: 'http5xx', after: 2, count: 2, exchange: 'upbit'}]);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(candles())).status);
    expect(statuses).toEqual([200, 200, 500, 500, 200]);
    expect(sim.stats().faultsInjected.http5xx).toBe(2);
  });

  test('reset: the socket is destroyed without a response', async () => {
    sim.setFaults([{kind: 'reset', count: 1}]);
    await expect(fetch(candles())).rejects.toThrow(/fetch failed/);
    expect((await get(candles())).status).toBe(200);
    expect(sim.stats().faultsInjected.reset).toBe(1);
  });

  test('timeout: the server never answers', async () => {
    sim.setFaults([{kind: 'timeout', count: 1}]);
    await expect(fetch(candles(), {signal: AbortSignal.timeout(300)})).rejects.toThrow(
      /aborted|timeout/i
    );
    expect((await get(candles())).status).toBe(200);
    expect(sim.stats().faultsInjected.timeout).toBe(1);
  });

  test('truncated: HTTP 200 carrying the first half of the real JSON', async () => {
    const {faulty, normal} = await once({kind: 'truncated'});
    expect(faulty.status).toBe(200);
    expect(() => JSON.parse(faulty.body)).toThrow();
    expect(normal.body.startsWith(faulty.body)).toBe(true);
    expect(faulty.body.length).toBe(Math.floor(normal.body.length / 2));
  });

  test('malformed: HTTP 200 that no JSON parser accepts', async () => {
    const {faulty, normal} = await once({kind: 'malformed'});
    expect(faulty.status).toBe(200);
    expect(() => JSON.parse(faulty.body)).toThrow();
    expect(faulty.body.length).toBe(normal.body.length);
  });

  test('renameField and numberAsString change the schema of every row', async () => {
    const renamed = (await once({kind: 'renameField', field: 'trade_price', renameTo: 'close'}))
      .faulty;
    const rows = JSON.parse(renamed.body) as Record<string, unknown>[];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).not.toHaveProperty('trade_price');
      expect(typeof row.close).toBe('number');
    }
    const stringly = (await once({kind: 'numberAsString', field: 'candle_acc_trade_price'})).faulty;
    for (const row of JSON.parse(stringly.body) as Record<string, unknown>[]) {
      expect(row.candle_acc_trade_price).toMatch(/^\d+\.\d{8}$/);
      expect(typeof row.trade_price).toBe('number');
    }
  });

  test('emptyPage and errorIn200 answer 200 with the wrong content', async () => {
    const empty = (await once({kind: 'emptyPage'})).faulty;
    expect(empty.status).toBe(200);
    expect(empty.body).toBe('[]');
    const err = (await once({kind: 'errorIn200'}, bithumbCandles())).faulty;
    expect(err.status).toBe(200);
    expect(JSON.parse(err.body)).toEqual({
      error: {name: 'invalid_parameter', message: '잘못된 파라미터 입니다.'},
    });
  });

  test('filters: exchange and endpoint', async () => {
    sim.setFaults([{kind: 'emptyPage', exchange: 'bithumb', endpoint: 'markets'}]);
    expect((await get(`${sim.bithumbUrl}/v1/market/all`)).body).toBe('[]');
    expect((await get(`${sim.upbitUrl}/v1/market/all`)).body).not.toBe('[]');
    expect((await get(bithumbCandles())).body).not.toBe('[]');
  });

  test('filter: market (one market gets the fault, the others are served)', async () => {
    sim.setFaults([{kind: 'emptyPage', market: 'KRW-ETH'}]);
    const eth = candlesUrl(sim.upbitUrl, {market: 'KRW-ETH', count: 3});
    expect((await get(eth)).body).toBe('[]');
    expect((await get(eth)).body).toBe('[]');
    expect(JSON.parse((await get(candles())).body)).toHaveLength(3);
  });

  test('filter: market on Coinone, whose code is in the chart path (QUOTE-BASE)', async () => {
    sim.setFaults([{kind: 'emptyPage', market: 'KRW-ETH', exchange: 'coinone'}]);
    const chart = (base: string) =>
      `${sim.coinoneUrl}/public/v2/chart/KRW/${base}?interval=1h&size=3`;
    const rows = async (base: string) =>
      (JSON.parse((await get(chart(base))).body) as {chart: unknown[]}).chart;
    expect(await rows('ETH')).toEqual([]);
    expect(await rows('eth')).toEqual([]);
    expect(await rows('BTC')).toHaveLength(3);
    expect(sim.stats().faultsInjected.emptyPage).toBe(2);
  });

  test('notFound: 404 Code not found for a market the list shows', async () => {
    const listed = JSON.parse((await get(`${sim.upbitUrl}/v1/market/all`)).body) as {
      market: string;
    }[];
    expect(listed.map((m) => m.market)).toContain('KRW-BTC');
    const {faulty} = await once({kind: 'notFound', market: 'KRW-BTC'});
    expect(faulty.status).toBe(404);
    expect(JSON.parse(faulty.body)).toEqual({error: {name: 404, message: 'Code not found'}});
    expect(sim.stats().faultsInjected.notFound).toBe(1);
  });

  test('probabilities: 0 never fires, 1 always, 0.5 sometimes', async () => {
    sim.setFaults([{kind: 'http5xx', probability: 0}]);
    for (let i = 0; i < 10; i++) expect((await get(candles())).status).toBe(200);
    sim.setFaults([{kind: 'http5xx', probability: 0.5}]);
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await get(candles())).status);
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  test('POST /__admin/faults sets rules at runtime; GET /__admin/stats counts everything', async () => {
    const set = await post(`${sim.url}/__admin/faults`, {
      faults: [{kind: 'numberAsString', count: 2, exchange: 'upbit'}],
    });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body).faults[0]).toMatchObject({kind: 'numberAsString', remaining: 2});
    await get(candles());
    await get(candles());
    await get(`${sim.upbitUrl}/v1/market/all`);
    await get(bithumbCandles());
    await get(candlesUrl(sim.upbitUrl, {market: 'KRW-NOPE'}));

    const stats = JSON.parse((await get(`${sim.url}/__admin/stats`)).body);
    expect(stats.requests).toEqual({
      total: 5,
      upbit: {candles: 3, markets: 1, other: 0},
      bithumb: {candles: 1, markets: 0, other: 0},
      coinone: {candles: 0, markets: 0, other: 0},
      korbit: {candles: 0, markets: 0, other: 0},
    });
    expect(stats.responsesByStatus).toEqual({200: 4, 404: 1});
    expect(stats.faultsInjected).toMatchObject({numberAsString: 2, total: 2});
    expect(stats.rateLimited429).toEqual({upbit: 0, bithumb: 0, coinone: 0, korbit: 0});

    expect((await post(`${sim.url}/__admin/reset`, {})).status).toBe(200);
    expect(JSON.parse((await get(`${sim.url}/__admin/stats`)).body).requests.total).toBe(0);
  });

  test('bad admin input is refused with a message naming the field', async () => {
    const bad = await post(`${sim.url}/__admin/faults`, [{kind: 'explode'}]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/0\.kind/);
    const badLatency = await post(`${sim.url}/__admin/latency`, {latencyMs: -1});
    expect(badLatency.status).toBe(400);
    expect(JSON.parse(badLatency.body).error).toMatch(/latencyMs/);
  });

  test('latency applies to exchange responses and can change at runtime', async () => {
    await post(`${sim.url}/__admin/latency`, {latencyMs: 150});
    const t0 = performance.now();
    await get(candles());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    await post(`${sim.url}/__admin/latency`, {latencyMs: 0});
    const t1 = performance.now();
    await get(candles());
    expect(performance.now() - t1).toBeLessThan(145);
  });

  test('the clock can be moved at runtime: later now, newer open candle', async () => {
    const res = await post(`${sim.url}/__admin/clock`, {now: '2024-02-10T08:05:00Z'});
    expect(JSON.parse(res.body)).toEqual({
      now: '2024-02-10T08:05:00.000Z',
      fixed: true,
      offsetMs: 0,
    });
    const rows = JSON.parse((await get(candles())).body);
    expect(rows[0].candle_date_time_utc).toBe('2024-02-10T08:00:00');
    await post(`${sim.url}/__admin/clock`, {now: FIXED_NOW});
  });

  test('admin markets lists the universe with listing state', async () => {
    const body = JSON.parse((await get(`${sim.url}/__admin/markets?exchange=upbit`)).body);
    const trx = body.upbit.find((m: {market: string}) => m.market === 'KRW-TRX');
    expect(trx).toMatchObject({delistedAt: '2024-01-15T00:00:00Z', listedNow: false});
  });
});

describe('start-up options', () => {
  test('faults and latency given at start take effect', async () => {
    const sim = await startSimulator({
      clock: {now: FIXED_NOW},
      latencyMs: 120,
      faults: [{kind: 'emptyPage', count: 1}],
    });
    try {
      const t0 = performance.now();
      expect((await get(candlesUrl(sim.upbitUrl, {market: 'KRW-BTC'}))).body).toBe('[]');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    } finally {
      await sim.close();
    }
  });

  test('close() does not wait for a hanging (timeout-fault) request', async () => {
    const sim = await startSimulator({faults: [{kind: 'timeout'}]});
    const pending = fetch(`${sim.upbitUrl}/v1/market/all`).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    await sim.close();
    expect(String(await pending)).toMatch(/fetch failed/);
  });
});
