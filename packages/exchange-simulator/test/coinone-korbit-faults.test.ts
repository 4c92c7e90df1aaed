import {startSimulator, type FaultRule, type RunningSimulator} from '../src';
import {FIXED_NOW, coinoneChartUrl, get, korbitCandlesUrl} from './helpers';

describe.each(['coinone', 'korbit'] as const)('%s: every fault kind in its own envelope', (ex) => {
  let sim: RunningSimulator;
  const candles = () =>
    ex === 'coinone'
      ? coinoneChartUrl(sim.coinoneUrl, 'KRW/BTC', {size: 3})
      : korbitCandlesUrl(sim.korbitUrl, {symbol: 'btc_krw', limit: 3});
  const markets = () =>
    ex === 'coinone'
      ? `${sim.coinoneUrl}/public/v2/markets/KRW`
      : `${sim.korbitUrl}/v2/currencyPairs`;
  const rowsOf = (body: string) => {
    const parsed = JSON.parse(body);
    return (ex === 'coinone' ? parsed.chart : parsed.data) as Record<string, unknown>[];
  };

  beforeAll(async () => {
    sim = await startSimulator({clock: {now: FIXED_NOW}, trustForwardedFor: true});
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  async function once(rule: Omit<FaultRule, 'exchange'>, url = candles()) {
    sim.setFaults([{count: 1, exchange: ex, ...rule}]);
    const faulty = await get(url);
    const normal = await get(url);
    expect(normal.status).toBe(200);
    expect(() => JSON.parse(normal.body)).not.toThrow();
    return {faulty, normal};
  }

  test('http5xx: 500 in the exchange envelope, 503 as a gateway page', async () => {
    const {faulty} = await once({kind: 'http5xx'});
    expect(faulty.status).toBe(500);
    expect(JSON.parse(faulty.body)).toEqual(
      ex === 'coinone'
        ? {result: 'error', error_code: '500', error_msg: 'Internal Server Error'}
        : {success: false, error: {message: 'INTERNAL_SERVER_ERROR'}}
    );
    const gateway = (await once({kind: 'http5xx', status: 503})).faulty;
    expect(gateway.status).toBe(503);
    expect(gateway.body).toContain('503 Service Temporarily Unavailable');
  });

  test('reset and timeout', async () => {
    sim.setFaults([{kind: 'reset', count: 1, exchange: ex}]);
    await expect(fetch(candles())).rejects.toThrow(/fetch failed/);
    sim.setFaults([{kind: 'timeout', count: 1, exchange: ex}]);
    await expect(fetch(candles(), {signal: AbortSignal.timeout(300)})).rejects.toThrow(
      /aborted|timeout/i
    );
    expect((await get(candles())).status).toBe(200);
    expect(sim.stats().faultsInjected).toMatchObject({reset: 1, timeout: 1});
  });

  test('truncated and malformed: 200 that no JSON parser accepts', async () => {
    const cut = await once({kind: 'truncated'});
    expect(cut.faulty.status).toBe(200);
    expect(() => JSON.parse(cut.faulty.body)).toThrow();
    expect(cut.normal.body.startsWith(cut.faulty.body)).toBe(true);
    const bad = await once({kind: 'malformed'});
    expect(() => JSON.parse(bad.faulty.body)).toThrow();
  });

  test('renameField renames `close`; numberAsString turns `timestamp` into a string', async () => {
    const renamed = rowsOf((await once({kind: 'renameField'})).faulty.body);
    expect(renamed).toHaveLength(3);
    for (const row of renamed) {
      expect(row).not.toHaveProperty('close');
      expect(typeof row.close_renamed).toBe('string');
    }
    const stringly = rowsOf((await once({kind: 'numberAsString'})).faulty.body);
    for (const row of stringly) expect(row.timestamp).toMatch(/^\d{13}$/);
  });

  test('emptyPage: the success envelope with no rows (candles and markets); quota headers kept', async () => {
    const empty = (await once({kind: 'emptyPage'})).faulty;
    expect(empty.status).toBe(200);
    const parsed = JSON.parse(empty.body);
    if (ex === 'coinone') {
      expect(parsed).toMatchObject({result: 'success', error_code: '0', chart: []});
      expect(empty.headers.get('public-ratelimit-remaining')).not.toBeNull();
    } else {
      expect(parsed).toEqual({success: true, data: []});
      expect(empty.headers.get('ratelimit')).not.toBeNull();
    }
    const noMarkets = JSON.parse((await once({kind: 'emptyPage'}, markets())).faulty.body);
    expect(noMarkets).toMatchObject(
      ex === 'coinone' ? {result: 'success', markets: []} : {success: true, data: []}
    );
  });

  test('errorIn200: the error envelope with HTTP 200', async () => {
    const err = (await once({kind: 'errorIn200'})).faulty;
    expect(err.status).toBe(200);
    expect(JSON.parse(err.body)).toEqual(
      ex === 'coinone'
        ? {result: 'error', error_code: '107', error_msg: 'Parameter value is wrong'}
        : {success: false, error: {message: 'TRY_AGAIN'}}
    );
  });

  test('exchange and endpoint filters', async () => {
    const other = ex === 'coinone' ? 'korbit' : 'coinone';
    sim.setFaults([{kind: 'http5xx', exchange: other}]);
    expect((await get(candles())).status).toBe(200);
    sim.setFaults([{kind: 'http5xx', exchange: ex, endpoint: 'markets'}]);
    expect((await get(candles())).status).toBe(200);
    expect((await get(markets())).status).toBe(500);
    expect(sim.stats().requests[ex]).toEqual({candles: 2, markets: 1, other: 0});
  });
});
