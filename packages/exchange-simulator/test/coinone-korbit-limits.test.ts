import {setTimeout as sleep} from 'node:timers/promises';
import {startSimulator, type RunningSimulator} from '../src';
import {FIXED_NOW, coinoneChartUrl, get, korbitCandlesUrl} from './helpers';

describe('Coinone and Korbit rate limits', () => {
  let sim: RunningSimulator;
  let ipCounter = 0;
  const asNewIp = () => ({'X-Forwarded-For': `10.1.0.${++ipCounter}`});

  beforeAll(async () => {
    sim = await startSimulator({
      clock: {now: FIXED_NOW},
      trustForwardedFor: true,
      rateLimits: {coinone: {perMinute: 5, blockMs: 1500}, korbit: {perSecond: 5}},
    });
  });
  afterAll(() => sim.close());

  const coinone = () => coinoneChartUrl(sim.coinoneUrl, 'KRW/BTC', {size: 2});
  const korbit = () => korbitCandlesUrl(sim.korbitUrl, {symbol: 'btc_krw', limit: 2});

  test('Coinone: Public-Ratelimit-Remaining counts down over every public endpoint', async () => {
    const ip = asNewIp();
    const a = await get(coinone(), ip);
    const b = await get(`${sim.coinoneUrl}/public/v2/markets/KRW`, ip);
    expect(a.headers.get('public-ratelimit-remaining')).toBe('4');
    expect(b.headers.get('public-ratelimit-remaining')).toBe('3');
  });

  test('Coinone over the limit: error_code 4 "Blocked user access." and a block of blockMs', async () => {
    const ip = asNewIp();
    for (let i = 0; i < 5; i++) expect((await get(coinone(), ip)).status).toBe(200);
    const refused = await get(coinone(), ip);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      result: 'error',
      error_code: '4',
      error_msg: 'Blocked user access.',
    });
    expect(refused.headers.get('public-ratelimit-remaining')).toBe('0');
    expect((await get(`${sim.coinoneUrl}/public/v2/markets/KRW`, ip)).status).toBe(429);
    // Another IP is not affected.
    expect((await get(coinone(), asNewIp())).status).toBe(200);
    await sleep(1600);
    // The block is over, but the one-minute window is still full: refused again.
    expect((await get(coinone(), ip)).status).toBe(429);
    expect(sim.stats().rateLimited429.coinone).toBeGreaterThanOrEqual(3);
    expect(sim.stats().blocksStarted.coinone).toBeGreaterThanOrEqual(2);
  });

  test('Coinone: the refusal status is configurable (e.g. HTTP 200 with the error body)', async () => {
    const other = await startSimulator({
      clock: {now: FIXED_NOW},
      rateLimits: {coinone: {perMinute: 1, limitStatus: 200}},
    });
    try {
      const url = coinoneChartUrl(other.coinoneUrl, 'KRW/BTC', {size: 1});
      expect(JSON.parse((await get(url)).body).result).toBe('success');
      const refused = await get(url);
      expect(refused.status).toBe(200);
      expect(JSON.parse(refused.body)).toMatchObject({result: 'error', error_code: '4'});
    } finally {
      await other.close();
    }
  });

  test('Korbit: Ratelimit and Ratelimit-Policy headers count down per second', async () => {
    const ip = asNewIp();
    const a = await get(korbit(), ip);
    const b = await get(`${sim.korbitUrl}/v2/currencyPairs`, ip);
    expect(a.headers.get('ratelimit')).toBe('limit=5, remaining=4, reset=1');
    expect(b.headers.get('ratelimit')).toBe('limit=5, remaining=3, reset=1');
    expect(a.headers.get('ratelimit-policy')).toBe('5;w=1');
  });

  test('Korbit over the limit: HTTP 429 with Retry-After, then the window slides', async () => {
    const ip = asNewIp();
    const results = await Promise.all(Array.from({length: 7}, () => get(korbit(), ip)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(refused[0]!.headers.get('ratelimit')).toMatch(/^limit=5, remaining=0, reset=1$/);
    expect(JSON.parse(refused[0]!.body)).toEqual({
      success: false,
      error: {message: 'TOO_MANY_REQUESTS'},
    });
    await sleep(1050);
    expect((await get(korbit(), ip)).status).toBe(200);
    expect(sim.stats().rateLimited429.korbit).toBeGreaterThanOrEqual(2);
  });

  test('defaults: Coinone 1200 per minute, Korbit 50 per second', async () => {
    const other = await startSimulator({clock: {now: FIXED_NOW}});
    try {
      const c = await get(coinoneChartUrl(other.coinoneUrl, 'KRW/BTC', {size: 1}));
      expect(c.headers.get('public-ratelimit-remaining')).toBe('1199');
      const k = await get(korbitCandlesUrl(other.korbitUrl, {symbol: 'btc_krw', limit: 1}));
      expect(k.headers.get('ratelimit')).toBe('limit=50, remaining=49, reset=1');
      expect(k.headers.get('ratelimit-policy')).toBe('50;w=1');
    } finally {
      await other.close();
    }
  });
});
