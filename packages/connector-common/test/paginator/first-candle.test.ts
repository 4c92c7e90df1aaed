import type {Candle} from '../../src/model/candle';
import type {Logger} from '../../src/protocol/logger';
import {firstHourToRead, type FirstCandleSearch} from '../../src/paginator/first-candle';
import {HOUR_MS, toUtcIso} from '../../src/time/hours';
import {candle} from '../support/candles';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const h = (n: number) => T0 + n * HOUR_MS;
const N = 200;
const FROM_1900 = Date.parse('1900-01-01T00:00:00Z');
const range = (from: number, to: number) => Array.from({length: to - from}, (_, i) => from + i);

/** An exchange answering "the latest `count` before `to`", counting candles or hour slots. */
function exchange(
  tradedHours: number[],
  mode: 'candles' | 'slots',
  emptyWhen: (n: number) => boolean = () => false
) {
  const newestFirst = [...tradedHours].sort((a, b) => b - a).map(h);
  const calls: string[] = [];
  const candlesBefore = async (toMs: number, count: number): Promise<Candle[]> => {
    calls.push(toUtcIso(toMs));
    if (emptyWhen(calls.length)) return [];
    const before = newestFirst.filter((ms) => ms < toMs);
    const rows =
      mode === 'slots'
        ? before.filter((ms) => ms >= toMs - count * HOUR_MS)
        : before.slice(0, count);
    return rows.map((ms) => candle(toUtcIso(ms)));
  };
  return {candlesBefore, calls};
}

function search(countsCandles = false, count = N) {
  const lines: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(`INFO ${m}`),
    warn: (m) => lines.push(`WARN ${m}`),
    error: () => undefined,
  };
  const opts: FirstCandleSearch = {
    exchange: 'TestEx',
    market: {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'},
    count,
    evidence: {countsCandles},
    logger,
  };
  return {opts, lines};
}

/** The start must never be after a candle at or after `from`, nor before `from`. */
function expectSafe(start: number, from: number, traded: number[]) {
  expect(start).toBeGreaterThanOrEqual(from);
  const first = traded
    .map(h)
    .filter((ms) => ms >= from)
    .sort((a, b) => a - b)[0];
  if (first !== undefined) expect(start).toBeLessThanOrEqual(first);
}

const END = h(30_001);

describe('firstHourToRead', () => {
  it('start_date 1900, counting candles: starts at the first candle in a few requests', async () => {
    // A thin market: the latest page reaches back further than 200 hours, which shows the
    // exchange counts candles.
    const traded = range(0, 30_000).filter((n) => n % 3 === 0);
    const ex = exchange(traded, 'candles');
    const {opts, lines} = search();
    const start = await firstHourToRead(ex.candlesBefore, FROM_1900, END, opts);
    expect(start).toBe(h(0));
    expect(opts.evidence.countsCandles).toBe(true);
    expect(ex.calls.length).toBeLessThan(40);
    expect(lines.join('\n')).toMatch(
      /TestEx KRW-BTC: no candle before 2024-01-01T00:00:00Z \(found in \d+ requests\); reading from there instead of 1900-01-01T00:00:00Z/
    );
  });

  it('a market trading every hour since its first candle: starts exactly there', async () => {
    const ex = exchange(range(0, 30_000), 'candles');
    const {opts} = search(true);
    expect(await firstHourToRead(ex.candlesBefore, FROM_1900, END, opts)).toBe(h(0));
    expect(ex.calls.length).toBeLessThan(60);
  });

  it('sparse early candles behind long gaps are never skipped', async () => {
    // Three lone early candles, years apart, then trades every hour.
    const traded = [0, 700, 9_000, ...range(20_000, 30_000)];
    const ex = exchange(traded, 'candles');
    const {opts} = search(true); // another market of this sync showed that `count` counts candles
    const start = await firstHourToRead(ex.candlesBefore, FROM_1900, END, opts);
    expect(start).toBe(h(0));
    expect(ex.calls.length).toBeLessThan(40);
  });

  it('counting hour slots (or not yet shown): nothing is skipped', async () => {
    const traded = [0, 700, 9_000, ...range(20_000, 30_000)];
    for (const mode of ['slots', 'candles'] as const) {
      const ex = exchange(traded, mode);
      const {opts} = search(false); // the market trades every hour lately: nothing shows the counting
      // The latest page ends with the last traded hour: both ways of counting give 200 rows.
      expect(await firstHourToRead(ex.candlesBefore, FROM_1900, h(30_000), opts)).toBe(FROM_1900);
      expect(ex.calls).toHaveLength(1);
    }
  });

  it('a market with candles before start_date starts at start_date', async () => {
    const ex = exchange(range(0, 30_000), 'candles');
    const {opts} = search(true);
    expect(await firstHourToRead(ex.candlesBefore, h(5_000), END, opts)).toBe(h(5_000));
  });

  it('an empty answer that a second request contradicts does not move the start', async () => {
    const traded = range(0, 30_000).filter((n) => n % 3 === 0);
    // The second request (the first step back) wrongly answers [].
    const ex = exchange(traded, 'candles', (n) => n === 2);
    const {opts, lines} = search();
    expect(await firstHourToRead(ex.candlesBefore, FROM_1900, END, opts)).toBe(FROM_1900);
    expect(lines.join('\n')).toMatch(/a second request returned \d+; reading from 1900-01-01/);
  });

  it('random sparse histories, counting candles: never after the first candle at or after `from`', async () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 60; i++) {
      const traded: number[] = [];
      let t = Math.floor(rand() * 20_000);
      while (t < 30_000) {
        traded.push(t);
        // Mostly short steps, sometimes a gap of thousands of hours.
        t += rand() < 0.05 ? Math.floor(rand() * 5_000) + 1 : Math.floor(rand() * 5) + 1;
      }
      const from = rand() < 0.3 ? FROM_1900 : h(Math.floor(rand() * 30_000));
      const ex = exchange(traded, 'candles');
      const {opts} = search(true, i % 2 === 0 ? N : 24); // the page size decides the count
      const start = await firstHourToRead(ex.candlesBefore, from, END, opts);
      expectSafe(start, from, traded);
      expect(ex.calls.length).toBeLessThan(80);
    }
  });
});
