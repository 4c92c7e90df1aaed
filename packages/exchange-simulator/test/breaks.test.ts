import {parseCli, startSimulator, type RunningSimulator} from '../src';
import {FIXED_NOW, candleRequest, candlesUrl, get, post, rowsOf, type Row} from './helpers';

const ALL = ['upbit', 'bithumb', 'coinone', 'korbit'] as const;
type Ex = (typeof ALL)[number];
const HOUR = 3_600_000;
/** An exact hour start, for bound tests. */
const H = Date.parse('2024-02-01T12:00:00Z');
/** A thin market (hours without trades) every exchange lists. */
const THIN = 'KRW-ADA';

describe('assumption-breaking modes', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // count-mode candles so that count-slots changes Upbit/Bithumb too.
    sim = await startSimulator({
      clock: {now: FIXED_NOW},
      countMode: 'candles',
      rateLimits: {enabled: false},
    });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clearBreaks());

  const rows = async (ex: Ex, market: string, n: number, bound?: number): Promise<Row[]> => {
    const res = await get(candleRequest(sim, ex, market, n, bound));
    expect(res.status).toBe(200);
    return rowsOf(ex, res.body);
  };
  const starts = (r: Row[]) => r.map((x) => x.start);

  test.each(ALL)('%s order-reversed: the same rows in the opposite order', async (ex) => {
    const normal = await rows(ex, 'KRW-BTC', 5, H);
    const newestFirst = ex !== 'korbit';
    expect(normal[0]!.start > normal[4]!.start).toBe(newestFirst);
    sim.setBreaks([{mode: 'order-reversed', exchange: ex}]);
    expect(await rows(ex, 'KRW-BTC', 5, H)).toEqual([...normal].reverse());
    // Other exchanges are untouched.
    const other = ALL.find((e) => e !== ex)!;
    const otherRows = await rows(other, 'KRW-BTC', 5, H);
    expect(otherRows[0]!.start > otherRows[4]!.start).toBe(other !== 'korbit');
  });

  test.each(ALL)('%s bound-flipped: the bound at an hour start changes side', async (ex) => {
    const normal = starts(await rows(ex, 'KRW-BTC', 2, H));
    sim.setBreaks([{mode: 'bound-flipped', exchange: ex}]);
    const broken = starts(await rows(ex, 'KRW-BTC', 2, H));
    const exclusive = [H - HOUR, H - 2 * HOUR];
    const inclusive = [H, H - HOUR];
    const sorted = (xs: number[]) => [...xs].sort((a, b) => b - a);
    // Upbit/Bithumb `to` is exclusive; Coinone `timestamp` and Korbit `end` inclusive.
    const upbitLike = ex === 'upbit' || ex === 'bithumb';
    expect(sorted(normal)).toEqual(upbitLike ? exclusive : inclusive);
    expect(sorted(broken)).toEqual(upbitLike ? inclusive : exclusive);
  });

  test.each(ALL)('%s count-slots: the page size counts hour slots, not candles', async (ex) => {
    const n = 100;
    const normal = await rows(ex, THIN, n, H);
    expect(normal).toHaveLength(n);
    sim.setBreaks([{mode: 'count-slots', exchange: ex}]);
    const broken = await rows(ex, THIN, n, H);
    const lastHour = ex === 'upbit' || ex === 'bithumb' ? H - HOUR : H;
    const firstHour = lastHour - (n - 1) * HOUR;
    expect(broken.length).toBeLessThan(n);
    expect(broken.every((r) => r.start >= firstHour && r.start <= lastHour)).toBe(true);
    // Exactly the candles of those n slots.
    const inSlots = normal.filter((r) => r.start >= firstHour);
    expect(starts(broken).sort()).toEqual(starts(inSlots).sort());
  });

  test.each(ALL)(
    '%s empty-hours-zero: hours without trades as flat zero-volume candles',
    async (ex) => {
      sim.setBreaks([{mode: 'count-slots', exchange: ex}]);
      const normal = await rows(ex, THIN, 100, H);
      sim.setBreaks([
        {mode: 'count-slots', exchange: ex},
        {mode: 'empty-hours-zero', exchange: ex},
      ]);
      const broken = await rows(ex, THIN, 100, H);
      expect(broken).toHaveLength(100);
      const real = new Set(starts(normal));
      const zero = broken.filter((r) => !real.has(r.start));
      expect(zero.length).toBe(100 - normal.length);
      expect(zero.length).toBeGreaterThan(0);
      const byStart = [...broken].sort((a, b) => a.start - b.start);
      for (const [i, r] of byStart.entries()) {
        if (real.has(r.start)) continue;
        expect(r.volume).toBe('0');
        expect([r.open, r.high, r.low]).toEqual([r.close, r.close, r.close]);
        if (i > 0) expect(r.close).toBe(byStart[i - 1]!.close);
      }
      // The real candles are unchanged.
      expect(broken.filter((r) => real.has(r.start)).sort((a, b) => a.start - b.start)).toEqual(
        [...normal].sort((a, b) => a.start - b.start)
      );
    }
  );

  test.each(ALL)(
    '%s unknown-market-empty: 200 with an empty list instead of an error',
    async (ex) => {
      const url = candleRequest(sim, ex, 'KRW-NOPE', 5);
      const normal = await get(url);
      // Normally an error: Upbit/Bithumb 404, Korbit 400, Coinone an error envelope in HTTP 200.
      if (ex === 'coinone') expect(JSON.parse(normal.body)).toMatchObject({error_code: '108'});
      else expect(normal.status).toBe(ex === 'korbit' ? 400 : 404);
      sim.setBreaks([{mode: 'unknown-market-empty', exchange: ex}]);
      const broken = await get(url);
      expect(broken.status).toBe(200);
      expect(rowsOf(ex, broken.body)).toEqual([]);
      const parsed = JSON.parse(broken.body);
      if (ex === 'coinone') expect(parsed).toMatchObject({result: 'success', error_code: '0'});
      if (ex === 'korbit') expect(parsed).toEqual({success: true, data: []});
      if (ex === 'upbit' || ex === 'bithumb') expect(parsed).toEqual([]);
      // The delisted market is answered the same way (Korbit keeps it as a stopped pair, with history).
      const trx = rowsOf(ex, (await get(candleRequest(sim, ex, 'KRW-TRX', 5))).body);
      expect(trx.length).toBe(ex === 'korbit' ? 5 : 0);
    }
  );

  test.each(['upbit', 'bithumb'] as const)(
    '%s bare-zone-flipped: a bare `to` is read in the other zone',
    async (ex) => {
      const url = candlesUrl(ex === 'upbit' ? sim.upbitUrl : sim.bithumbUrl, {
        market: 'KRW-BTC',
        to: '2024-02-01T12:00:00',
      });
      const first = async () => rowsOf(ex, (await get(url)).body)[0]!.start;
      const utc = Date.parse('2024-02-01T11:00:00Z');
      const kst = Date.parse('2024-02-01T02:00:00Z');
      expect(await first()).toBe(ex === 'upbit' ? utc : kst);
      sim.setBreaks([{mode: 'bare-zone-flipped'}]);
      expect(await first()).toBe(ex === 'upbit' ? kst : utc);
      // An explicit offset is not affected.
      const explicit = candlesUrl(ex === 'upbit' ? sim.upbitUrl : sim.bithumbUrl, {
        market: 'KRW-BTC',
        to: '2024-02-01T12:00:00Z',
      });
      expect(rowsOf(ex, (await get(explicit)).body)[0]!.start).toBe(utc);
    }
  );

  test('bare-zone-flipped cannot be aimed at Coinone or Korbit', () => {
    expect(() => sim.setBreaks([{mode: 'bare-zone-flipped', exchange: 'korbit'}])).toThrow(
      /does not apply/
    );
    expect(() => parseCli(['--break', 'bare-zone-flipped,exchange=coinone'])).toThrow(
      /--break bare-zone-flipped,exchange=coinone: exchange: this mode does not apply/
    );
  });

  test('admin API: GET, POST (replace/append), DELETE; bad input names the field', async () => {
    const set = await post(`${sim.url}/__admin/breaks`, [{mode: 'order-reversed'}]);
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body)).toEqual({breaks: [{mode: 'order-reversed'}]});
    await post(`${sim.url}/__admin/breaks`, {
      breaks: [{mode: 'no-rate-headers', exchange: 'korbit'}],
      mode: 'append',
    });
    expect(JSON.parse((await get(`${sim.url}/__admin/breaks`)).body).breaks).toHaveLength(2);
    const reversed = rowsOf('korbit', (await get(candleRequest(sim, 'korbit', 'KRW-BTC', 3))).body);
    expect(reversed[0]!.start).toBeGreaterThan(reversed[2]!.start);
    // reset() keeps break modes (they describe the server, like latency and clock).
    await post(`${sim.url}/__admin/reset`, {});
    expect(sim.breaks()).toHaveLength(2);
    const bad = await post(`${sim.url}/__admin/breaks`, [{mode: 'order-shuffled'}]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/0\.mode/);
    const del = await fetch(`${sim.url}/__admin/breaks`, {method: 'DELETE'});
    expect(await del.json()).toEqual({breaks: []});
    expect(sim.breaks()).toEqual([]);
  });
});

describe('no-rate-headers', () => {
  test.each([
    ['upbit', 'remaining-req'],
    ['bithumb', 'x-ratelimit-remaining'],
    ['coinone', 'public-ratelimit-remaining'],
    ['korbit', 'ratelimit'],
  ] as const)('%s: %s is gone while the limit still applies', async (ex, header) => {
    const sim = await startSimulator({
      clock: {now: FIXED_NOW},
      breaks: [{mode: 'no-rate-headers', exchange: ex}],
      rateLimits: {
        upbit: {candlesPerSecond: 2},
        bithumb: {perSecond: 2},
        coinone: {perMinute: 2},
        korbit: {perSecond: 2},
      },
    });
    try {
      const url = candleRequest(sim, ex, 'KRW-BTC', 1);
      const first = await get(url);
      expect(first.status).toBe(200);
      expect(first.headers.get(header)).toBeNull();
      if (ex === 'korbit') expect(first.headers.get('ratelimit-policy')).toBeNull();
      await get(url);
      const refused = await get(url);
      expect(refused.status).toBe(429);
      expect(refused.headers.get(header)).toBeNull();
      // Without the break the header is there (another exchange of the same server).
      const other = ex === 'upbit' ? 'bithumb' : 'upbit';
      const otherHeader = other === 'upbit' ? 'remaining-req' : 'x-ratelimit-remaining';
      expect(
        (await get(candleRequest(sim, other, 'KRW-BTC', 1))).headers.get(otherHeader)
      ).not.toBeNull();
    } finally {
      await sim.close();
    }
  });
});
