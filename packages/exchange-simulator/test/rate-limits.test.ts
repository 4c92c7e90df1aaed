import {setTimeout as sleep} from 'node:timers/promises';
import {startSimulator, type RunningSimulator} from '../src';
import {FIXED_NOW, candlesUrl, get} from './helpers';

describe('rate limits', () => {
  let sim: RunningSimulator;
  let ipCounter = 0;
  /** Every test acts as its own client IP, so windows and blocks never leak between tests. */
  const asNewIp = () => ({'X-Forwarded-For': `10.0.0.${++ipCounter}`});

  beforeAll(async () => {
    sim = await startSimulator({
      clock: {now: FIXED_NOW},
      trustForwardedFor: true,
      rateLimits: {
        upbit: {abuse429Count: 3, abuseWindowMs: 3000, blockBaseMs: 1000, blockGrowthFactor: 3},
        bithumb: {perSecond: 5, blockMs: 1500},
      },
    });
  });
  afterAll(() => sim.close());

  const upbitCandles = () => candlesUrl(sim.upbitUrl, {market: 'KRW-BTC', count: 1});

  test('Upbit Remaining-Req counts down per group; the market group has its own budget', async () => {
    const ip = asNewIp();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++)
      seen.push((await get(upbitCandles(), ip)).headers.get('remaining-req')!);
    expect(seen).toEqual([
      'group=candles; min=600; sec=9',
      'group=candles; min=600; sec=8',
      'group=candles; min=600; sec=7',
    ]);
    const market = await get(`${sim.upbitUrl}/v1/market/all`, ip);
    expect(market.headers.get('remaining-req')).toBe('group=market; min=600; sec=9');
  });

  test('11 Upbit candle requests within a second: one 429 with a plain-text body', async () => {
    const ip = asNewIp();
    const results = await Promise.all(Array.from({length: 11}, () => get(upbitCandles(), ip)));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(limited).toHaveLength(1);
    expect(limited[0]!.body).toBe('Too many API requests.');
    expect(limited[0]!.headers.get('content-type')).toMatch(/^text\/plain/);
    // The window slides: a second later the budget is back.
    await sleep(1050);
    expect((await get(upbitCandles(), ip)).status).toBe(200);
  });

  test('continuing through 429s gets the IP blocked with 418, and the next block is longer', async () => {
    const ip = asNewIp();
    // 13 requests at once: 10 fit the second, the 3rd excess one starts the block.
    const hammer = async () => {
      const results = await Promise.all(Array.from({length: 13}, () => get(upbitCandles(), ip)));
      const count = (status: number) => results.filter((r) => r.status === status).length;
      return {
        ok: count(200),
        limited: count(429),
        blocked: results.filter((r) => r.status === 418),
      };
    };
    const first = await hammer();
    expect([first.ok, first.limited, first.blocked.length]).toEqual([10, 2, 1]);
    expect(first.blocked[0]!.body).toBe('Too many API requests. Your IP is blocked for 1 seconds.');
    // While blocked, every group answers 418.
    expect((await get(`${sim.upbitUrl}/v1/market/all`, ip)).status).toBe(418);

    await sleep(1100);
    const second = await hammer();
    expect([second.ok, second.limited, second.blocked.length]).toEqual([10, 2, 1]);
    expect(second.blocked[0]!.body).toBe(
      'Too many API requests. Your IP is blocked for 3 seconds.'
    );
    expect(sim.stats().blocksStarted.upbit).toBeGreaterThanOrEqual(2);
  });

  test('a request with an Origin header falls into the origin group: 1 per 10 s', async () => {
    const ip = {...asNewIp(), Origin: 'https://example.com'};
    const first = await get(upbitCandles(), ip);
    expect(first.status).toBe(200);
    expect(first.headers.get('remaining-req')).toBe('group=origin; min=6; sec=0');
    const second = await get(`${sim.upbitUrl}/v1/market/all`, ip);
    expect(second.status).toBe(429);
    expect(second.body).toBe('Too many API requests.');
  });

  test('Bithumb sends the token-bucket headers and counts down', async () => {
    const ip = asNewIp();
    const url = candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC'});
    const a = await get(url, ip);
    const b = await get(url, ip);
    expect(a.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(b.headers.get('x-ratelimit-remaining')).toBe('3');
    expect(a.headers.get('x-ratelimit-burst-capacity')).toBe('5');
    expect(a.headers.get('x-ratelimit-replenish-rate')).toBe('5');
    expect(a.headers.get('x-ratelimit-requested-tokens')).toBe('1');
  });

  test('Bithumb over the limit: 429 JSON, the category stays blocked, failed calls count too', async () => {
    const ip = asNewIp();
    // Five failing calls (unknown market) use up the candle budget.
    for (let i = 0; i < 5; i++) {
      expect((await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-NOPE'}), ip)).status).toBe(404);
    }
    const refused = await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC'}), ip);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({error: {name: 429, message: 'Too Many Requests'}});
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    // Other categories are not affected.
    expect((await get(`${sim.bithumbUrl}/v1/market/all`, ip)).status).toBe(200);
    // After the one-second window the block still holds...
    await sleep(1100);
    expect((await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC'}), ip)).status).toBe(429);
    // ...until blockMs has passed.
    await sleep(500);
    expect((await get(candlesUrl(sim.bithumbUrl, {market: 'KRW-BTC'}), ip)).status).toBe(200);
    expect(sim.stats().rateLimited429.bithumb).toBeGreaterThanOrEqual(2);
  });

  test('limits can be switched off', async () => {
    const open = await startSimulator({clock: {now: FIXED_NOW}, rateLimits: {enabled: false}});
    try {
      const results = await Promise.all(
        Array.from({length: 30}, () => get(candlesUrl(open.upbitUrl, {market: 'KRW-BTC'})))
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(results[0]!.headers.get('remaining-req')).toBeNull();
    } finally {
      await open.close();
    }
  });
});
