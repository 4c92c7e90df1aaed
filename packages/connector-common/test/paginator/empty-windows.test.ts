import type {Candle} from '../../src/model/candle';
import {planHourWindows, type HourWindow} from '../../src/paginator/hour-windows';
import type {Logger} from '../../src/protocol/logger';
import type {ExchangeApi} from '../../src/retriever/exchange-api';
import type {MarketRef} from '../../src/definition/exchange-definition';
import {
  readMarketWindows,
  UnconfirmedEmptyWindowsError,
  type WindowBatch,
} from '../../src/paginator/candle-windows';
import {
  completeSpan,
  contradictsSeenCandle,
  isSuspectEmpty,
  judgeEmptyWindow,
  probeRequest,
  showsLaterCandle,
} from '../../src/paginator/empty-windows';
import {HOUR_MS, toUtcIso} from '../../src/time/hours';
import {candle} from '../support/candles';
import {testExchange} from '../support/test-exchange';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const h = (n: number) => T0 + n * HOUR_MS;
const at = (n: number) => candle(toUtcIso(h(n)));
const W = (from: number, to: number): HourWindow => ({startMs: h(from), endMs: h(to)});
const BTC: MarketRef = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};

describe('empty-window rules (pure)', () => {
  it('an empty answer is suspect only once the market is known to have traded', () => {
    expect(isSuspectEmpty([], {tradedBefore: true})).toBe(true);
    expect(isSuspectEmpty([], {tradedBefore: false})).toBe(false);
    expect(isSuspectEmpty([at(1)], {tradedBefore: true})).toBe(false);
  });

  it('a `before` page is complete from its oldest row to `to`; an empty one shows nothing', () => {
    expect(completeSpan([], {kind: 'before', toMs: h(10), count: 5})).toBeUndefined();
    expect(completeSpan([at(8), at(3)], {kind: 'before', toMs: h(10), count: 5})).toEqual({
      startMs: h(3),
      endMs: h(10),
    });
  });

  it('a `between` page: from its oldest row to `end`, or only between its rows when full', () => {
    const between = {kind: 'between', startMs: h(0), endMs: h(10), limit: 3} as const;
    expect(completeSpan([at(2), at(5)], between)).toEqual({startMs: h(2), endMs: h(10)});
    expect(completeSpan([at(2), at(5), at(6)], between)).toEqual({startMs: h(2), endMs: h(7)});
  });

  it('a later page with a later candle proves a window empty only if it also reaches back past it', () => {
    const window = W(4, 8);
    // Only later candles: an exchange counting candles would claim nothing older exists, which
    // the market's history disproves; so this shows nothing about hours 4..7.
    const later = [at(9), at(8)];
    expect(showsLaterCandle(later, window)).toBe(true);
    expect(judgeEmptyWindow(later, {kind: 'before', toMs: h(10), count: 10}, window)).toEqual({
      kind: 'unproven',
    });
    // The same page reaching back to hour 2: hours 4..7 had no trades.
    expect(
      judgeEmptyWindow([at(9), at(8), at(2)], {kind: 'before', toMs: h(10), count: 10}, window)
    ).toEqual({kind: 'no-trades', shownBy: {startMs: h(2), endMs: h(10)}});
    // A page ending before the window's end shows nothing of its last hours.
    expect(judgeEmptyWindow([at(2)], {kind: 'before', toMs: h(7), count: 10}, window)).toEqual({
      kind: 'unproven',
    });
  });

  it('a page that covers the window and has candles in it gives them (the empty answer was wrong)', () => {
    const verdict = judgeEmptyWindow(
      [at(9), at(6), at(4), at(1)],
      {kind: 'before', toMs: h(10), count: 10},
      W(4, 8)
    );
    expect(verdict).toEqual({kind: 'candles', candles: [at(4), at(6)]});
  });

  it('an empty `before` answer is contradicted by a candle read within its reach, not by one outside it', () => {
    const probe = {kind: 'before', toMs: h(48), count: 50} as const;
    expect(contradictsSeenCandle([], probe, h(23))).toBe(true);
    expect(contradictsSeenCandle([], probe, h(-2))).toBe(true);
    // Older than the reach (a quiet stretch longer than a page), or nothing read yet: no proof.
    expect(contradictsSeenCandle([], probe, h(-3))).toBe(false);
    expect(contradictsSeenCandle([], probe, undefined)).toBe(false);
    // A candle at or after `to` is not asked for; a page with rows is not an empty answer.
    expect(contradictsSeenCandle([], probe, h(48))).toBe(false);
    expect(contradictsSeenCandle([at(30)], probe, h(23))).toBe(false);
  });

  it('the probe ends with the window and reaches as far back as the exchange allows', () => {
    expect(probeRequest(W(4, 8), 200)).toEqual({kind: 'before', toMs: h(8), count: 200});
  });
});

/**
 * One market on a fake exchange that answers "the latest `count` before `to`", counting hour
 * slots or existing candles, with an optional fault that answers `[]`.
 */
function fakeMarket(
  tradedHours: number[],
  mode: 'slots' | 'candles',
  emptyWhen: (request: {toMs: number; count: number; n: number}) => boolean = () => false
) {
  const calls: Array<{to: string; count: number}> = [];
  const newestFirst = [...tradedHours].sort((a, b) => b - a).map((n) => h(n));
  const api = {
    exchange: testExchange,
    candlesBefore: async (market: MarketRef, toMs: number, count: number): Promise<Candle[]> => {
      expect(market.market).toBe('KRW-BTC');
      calls.push({to: toUtcIso(toMs), count});
      if (emptyWhen({toMs, count, n: calls.length})) return [];
      const before = newestFirst.filter((ms) => ms < toMs);
      const rows =
        mode === 'slots'
          ? before.filter((ms) => ms >= toMs - count * HOUR_MS)
          : before.slice(0, count);
      return rows.map((ms) => candle(toUtcIso(ms)));
    },
  };
  return {api: api as unknown as ExchangeApi, calls};
}

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(`INFO ${m}`),
    warn: (m) => lines.push(`WARN ${m}`),
    error: (m) => lines.push(`ERROR ${m}`),
  };
  return {logger, lines};
}

async function read(
  api: ExchangeApi,
  windows: HourWindow[],
  opts: {hasCursor: boolean; pageSize?: number; maxAttempts?: number}
) {
  const {logger, lines} = recordingLogger();
  const batches: WindowBatch[] = [];
  let error: unknown;
  try {
    for await (const b of readMarketWindows(
      BTC,
      windows,
      {
        api,
        pageSize: opts.pageSize ?? 24,
        maxAttempts: opts.maxAttempts ?? 3,
        prefetch: 2,
        logger,
        evidence: {countsCandles: false},
      },
      {hasCursor: opts.hasCursor}
    )) {
      batches.push(b);
    }
  } catch (err) {
    error = err;
  }
  const hours = batches.flatMap((b) =>
    b.candles.map((c) => (Date.parse(c.candle_start_utc) - T0) / HOUR_MS)
  );
  const cursor = batches.length ? (batches.at(-1)!.cursorMs - T0) / HOUR_MS : undefined;
  return {hours, cursor, error, lines, batches};
}

const range = (from: number, to: number) => Array.from({length: to - from}, (_, i) => from + i);

describe.each(['slots', 'candles'] as const)('readMarketWindows, exchange counting %s', (mode) => {
  it('a saved cursor and two empty answers in a row: no hour is lost', async () => {
    // The market traded every hour; a sync from a cursor a few hours old gets [] twice.
    const {api, calls} = fakeMarket(range(-300, 5), mode, ({n}) => n <= 2);
    const r = await read(api, [W(0, 5)], {hasCursor: true});
    expect(r.error).toBeUndefined();
    expect(r.hours).toEqual(range(0, 5));
    expect(r.cursor).toBe(4);
    expect(calls).toHaveLength(3); // the window, an empty probe, a probe 250 ms later
    expect(r.lines.join('\n')).toMatch(/an empty page before 2024-01-01T05:00:00Z was wrong/);
  });

  it('without a cursor or candles, two empty answers are believed (the market may be newer)', async () => {
    const {api} = fakeMarket(range(-300, 5), mode, ({n}) => n <= 2);
    const r = await read(api, [W(0, 5)], {hasCursor: false});
    expect(r.error).toBeUndefined();
    expect(r.hours).toEqual([]);
  });

  it('empty answers that persist mid-sync fail the stream; the cursor stays before them', async () => {
    const {api} = fakeMarket(range(-300, 120), mode, ({toMs}) => toMs > h(48));
    const r = await read(api, planHourWindows(h(0), h(120), 24), {hasCursor: false});
    expect(r.hours).toEqual(range(0, 48));
    expect(r.cursor).toBe(47);
    expect(r.error).toBeInstanceOf(UnconfirmedEmptyWindowsError);
    expect((r.error as Error).message).toBe(
      'TestEx answered no candles for KRW-BTC from 2024-01-03T00:00:00Z to 2024-01-06T00:00:00Z, ' +
        'although the market traded before, and no later answer confirmed that those hours had no ' +
        'trades. They were not skipped: the cursor of KRW-BTC stays before 2024-01-03T00:00:00Z. ' +
        'The exchange may be degraded; sync again later. If KRW-BTC really stopped trading, remove ' +
        'it from "markets" or set "end_date".'
    );
  });

  it('an empty window between answered ones fails the stream when its probe should hold candles already read', async () => {
    // The second window and every probe ending with it are answered [], the windows on both
    // sides are not: a degraded exchange, not a quiet day. The probe reaches 50 hours back, over
    // hours 0..23 that this sync has read, so its empty answer is wrong, whatever later windows say.
    const {api} = fakeMarket(range(-300, 120), mode, ({toMs}) => toMs > h(24) && toMs <= h(48));
    const r = await read(api, planHourWindows(h(0), h(120), 24), {hasCursor: true});
    expect(r.error).toBeInstanceOf(UnconfirmedEmptyWindowsError);
    expect(r.hours).toEqual(range(0, 24));
    expect(r.cursor).toBe(23);
  });

  it('empty answers for a while mid-sync: once the exchange answers again, every hour is read', async () => {
    // Requests 3 to 8 get [] (two windows and their probes), then the exchange recovers.
    const {api} = fakeMarket(range(-300, 240), mode, ({n}) => n >= 3 && n <= 8);
    const r = await read(api, planHourWindows(h(0), h(240), 24), {hasCursor: true});
    expect(r.error).toBeUndefined();
    expect(r.hours).toEqual(range(0, 240));
    expect(r.cursor).toBe(239);
  });

  it('a real gap within the probe reach is shown by one probe, without a warning', async () => {
    const traded = [...range(-300, 24), ...range(48, 72)];
    const {api, calls} = fakeMarket(traded, mode);
    const r = await read(api, planHourWindows(h(0), h(72), 24), {hasCursor: true});
    expect(r.error).toBeUndefined();
    expect(r.hours).toEqual([...range(0, 24), ...range(48, 72)]);
    expect(r.batches.map((b) => b.candles.length)).toEqual([24, 0, 24]);
    expect(r.lines.filter((l) => l.startsWith('WARN'))).toEqual([]);
    if (mode === 'candles') {
      // The window's own page reaches back to hour 23: not even empty.
      expect(calls).toHaveLength(3);
      return;
    }
    expect(calls).toHaveLength(4);
    expect(r.lines.join('\n')).toMatch(
      /no trades from 2024-01-02T00:00:00Z to 2024-01-03T00:00:00Z, shown by/
    );
  });

  it('a real gap longer than a page reaches is confirmed by later candles, never skipped', async () => {
    // Trades until hour 24, none for 96 hours, then again. Probes reach 50 hours back.
    const traded = [...range(-300, 24), ...range(120, 144)];
    const {api} = fakeMarket(traded, mode);
    const r = await read(api, planHourWindows(h(0), h(144), 24), {hasCursor: true});
    expect(r.error).toBeUndefined();
    expect(r.hours).toEqual([...range(0, 24), ...range(120, 144)]);
    expect(r.cursor).toBe(143);
    if (mode === 'slots') {
      expect(r.lines.filter((l) => l.startsWith('WARN')).join('\n')).toMatch(
        /no trades from 2024-01-04T00:00:00Z to 2024-01-05T00:00:00Z: answered empty again after the exchange showed later candles/
      );
    }
  });

  it('a market that stopped trading for longer than a page reaches fails (slots) or is shown (candles)', async () => {
    const {api} = fakeMarket(range(-300, 24), mode);
    const r = await read(api, planHourWindows(h(0), h(144), 24), {hasCursor: true});
    expect(r.hours).toEqual(range(0, 24));
    if (mode === 'candles') {
      // Counting candles, the probe reaches back to hour 23: every window is shown empty.
      expect(r.error).toBeUndefined();
      expect(r.cursor).toBe(143);
    } else {
      // Counting hour slots, nothing can show hours 72..143 had no trades.
      expect(r.error).toBeInstanceOf(UnconfirmedEmptyWindowsError);
      expect(r.cursor).toBe(71);
    }
  });
});
