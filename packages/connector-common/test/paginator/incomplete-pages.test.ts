import type {Candle} from '../../src/model/candle';
import type {Logger} from '../../src/protocol/logger';
import type {ExchangeApi} from '../../src/retriever/exchange-api';
import type {MarketRef} from '../../src/definition/exchange-definition';
import {
  IncompletePageError,
  isIncompletePage,
  provesCandleCounting,
  readMarketWindows,
  UnconfirmedEmptyWindowsError,
  WindowBatch,
} from '../../src/paginator/candle-windows';
import {planHourWindows} from '../../src/paginator/hour-windows';
import {HOUR_MS, toUtcIso} from '../../src/time/hours';
import {candle, newestFirst} from '../support/candles';
import {testExchange} from '../support/test-exchange';

const at = (iso: string) => Date.parse(iso);
const BTC: MarketRef = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};
const T0 = '2024-01-01T00:00:00Z';
const PAGE = 3;
/** Two windows of three hours: [00:00, 03:00) and [03:00, 06:00). */
const WINDOWS = planHourWindows(at(T0), at(T0) + 6 * HOUR_MS, PAGE);
const W2 = WINDOWS[1]!;

describe('provesCandleCounting', () => {
  it('is true only for a row older than `count` hours before `to`', () => {
    const to = at('2024-01-01T06:00:00Z');
    expect(provesCandleCounting([candle('2024-01-01T03:00:00Z')], to, 3)).toBe(false);
    expect(provesCandleCounting([candle('2024-01-01T02:00:00Z')], to, 3)).toBe(true);
    expect(provesCandleCounting([], to, 3)).toBe(false);
  });
});

describe('isIncompletePage', () => {
  const older = {olderCandles: true};
  const hours = (...hs: string[]) => hs.map((h) => candle(`2024-01-01T${h}:00:00Z`));

  it('never doubts a page before any older candle was seen, or a full page', () => {
    for (const countsCandles of [false, true]) {
      expect(isIncompletePage([], W2, PAGE, {olderCandles: false, countsCandles})).toBe(false);
      expect(isIncompletePage(hours('05', '04', '03'), W2, PAGE, {...older, countsCandles})).toBe(
        false
      );
    }
  });

  it('counting candles: a short page that reaches nothing before its window is incomplete', () => {
    const seen = {...older, countsCandles: true};
    expect(isIncompletePage([], W2, PAGE, seen)).toBe(true);
    expect(isIncompletePage(hours('05'), W2, PAGE, seen)).toBe(true);
    // Short but reaching older hours: the exchange had nothing more to give.
    expect(isIncompletePage(hours('05', '01'), W2, PAGE, seen)).toBe(false);
  });

  it('counting unknown: only an empty page is doubted (hours without trades are normal)', () => {
    const seen = {...older, countsCandles: false};
    expect(isIncompletePage([], W2, PAGE, seen)).toBe(true);
    expect(isIncompletePage(hours('05'), W2, PAGE, seen)).toBe(false);
  });
});

/** A fake exchange answering from a script per `to`, recording each request. */
function fakeApi(script: Record<string, Array<Candle[]>>) {
  const calls: string[] = [];
  const api = {
    exchange: testExchange,
    candlesBefore: async (market: MarketRef, toMs: number, count: number) => {
      // Windows are asked with PAGE; a probe of an empty window with the exchange's maximum.
      expect([market.market, [PAGE, testExchange.maxPageSize].includes(count)]).toEqual([
        'KRW-BTC',
        true,
      ]);
      const to = toUtcIso(toMs);
      calls.push(to);
      const answers = script[to] ?? [[]];
      // The last scripted answer repeats: an exchange that stays degraded.
      return answers[Math.min(calls.filter((c) => c === to).length, answers.length) - 1]!;
    },
  };
  return {api: api as unknown as ExchangeApi, calls};
}

function recordingLogger(): Logger & {warnings: string[]} {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (m) => warnings.push(m),
    error: () => undefined,
  };
}

async function readAll(
  api: ExchangeApi,
  opts: {countsCandles: boolean; maxAttempts: number; logger?: Logger}
) {
  const evidence = {countsCandles: opts.countsCandles};
  const batches: WindowBatch[] = [];
  let error: unknown;
  try {
    for await (const batch of readMarketWindows(BTC, WINDOWS, {
      api,
      pageSize: PAGE,
      maxAttempts: opts.maxAttempts,
      prefetch: 2,
      logger: opts.logger ?? recordingLogger(),
      evidence,
    })) {
      batches.push(batch);
    }
  } catch (err) {
    error = err;
  }
  const summary = batches.map((b) => ({
    hours: b.candles.map((c) => c.candle_start_utc.slice(11, 13)),
    cursor: toUtcIso(b.cursorMs),
  }));
  return {summary, error, evidence};
}

describe('readMarketWindows', () => {
  const firstWindow = newestFirst(T0, 3); // 02, 01, 00
  const secondWindow = newestFirst('2024-01-01T03:00:00Z', 3); // 05, 04, 03

  it('re-requests an empty page seen after older candles and emits the real one', async () => {
    const logger = recordingLogger();
    const {api, calls} = fakeApi({
      '2024-01-01T03:00:00Z': [firstWindow],
      '2024-01-01T06:00:00Z': [[], secondWindow],
    });
    const {summary, error} = await readAll(api, {countsCandles: false, maxAttempts: 3, logger});
    expect(error).toBeUndefined();
    expect(summary).toEqual([
      {hours: ['00', '01', '02'], cursor: '2024-01-01T02:00:00Z'},
      {hours: ['03', '04', '05'], cursor: '2024-01-01T05:00:00Z'},
    ]);
    expect(calls).toEqual(['2024-01-01T03:00:00Z', '2024-01-01T06:00:00Z', '2024-01-01T06:00:00Z']);
    expect(logger.warnings).toEqual([
      'TestEx KRW-BTC: an empty page before 2024-01-01T06:00:00Z was wrong: a re-request ' +
        'returned 3 candle(s) in its hours; using them.',
    ]);
  });

  it('believes an empty first window once a second request agrees: the market may be newer', async () => {
    const {api, calls} = fakeApi({
      '2024-01-01T03:00:00Z': [[]],
      '2024-01-01T06:00:00Z': [secondWindow],
    });
    const {summary} = await readAll(api, {countsCandles: true, maxAttempts: 3});
    expect(summary).toEqual([
      {hours: [], cursor: '2024-01-01T02:00:00Z'},
      {hours: ['03', '04', '05'], cursor: '2024-01-01T05:00:00Z'},
    ]);
    expect(calls).toEqual(['2024-01-01T03:00:00Z', '2024-01-01T06:00:00Z', '2024-01-01T03:00:00Z']);
  });

  it('does not lose a first window whose empty page a second request contradicts', async () => {
    const {api} = fakeApi({
      '2024-01-01T03:00:00Z': [[], firstWindow],
      '2024-01-01T06:00:00Z': [secondWindow],
    });
    const logger = recordingLogger();
    const {summary} = await readAll(api, {countsCandles: false, maxAttempts: 3, logger});
    expect(summary.map((b) => b.hours)).toEqual([
      ['00', '01', '02'],
      ['03', '04', '05'],
    ]);
    expect(logger.warnings.join('\n')).toMatch(/not confirmed by a second request/);
  });

  it('learns that the exchange counts candles from a page reaching back further than `count` hours', async () => {
    // No trades at 03 and 04: a candle-counting exchange fills the page with 01 and 02.
    const {api} = fakeApi({
      '2024-01-01T03:00:00Z': [firstWindow],
      '2024-01-01T06:00:00Z': [[candle('2024-01-01T05:00:00Z'), ...firstWindow.slice(0, 2)]],
    });
    const {summary, evidence} = await readAll(api, {countsCandles: false, maxAttempts: 3});
    expect(evidence.countsCandles).toBe(true);
    expect(summary.map((b) => b.hours)).toEqual([['00', '01', '02'], ['05']]);
  });

  it('counting candles: fails with a transient error when the page stays short', async () => {
    const {api, calls} = fakeApi({
      '2024-01-01T03:00:00Z': [firstWindow],
      '2024-01-01T06:00:00Z': [[candle('2024-01-01T05:00:00Z')]],
    });
    const {summary, error} = await readAll(api, {countsCandles: true, maxAttempts: 3});
    // The first window is emitted; the cursor never reaches the window that failed.
    expect(summary).toEqual([{hours: ['00', '01', '02'], cursor: '2024-01-01T02:00:00Z'}]);
    expect(error).toBeInstanceOf(IncompletePageError);
    expect((error as IncompletePageError).failureType).toBe('transient_error');
    expect((error as Error).message).toBe(
      'TestEx returned an incomplete page of candles for KRW-BTC before 2024-01-01T06:00:00Z: ' +
        'it claims no older candle exists, but older candles were returned earlier in this sync. ' +
        'The exchange may be degraded; try again later.'
    );
    // maxAttempts requests for the window in all: the first one and two re-requests.
    expect(calls.filter((c) => c === '2024-01-01T06:00:00Z')).toHaveLength(3);
  });

  it('counting candles: accepts a short page once a re-request completes it', async () => {
    const {api} = fakeApi({
      '2024-01-01T03:00:00Z': [firstWindow],
      '2024-01-01T06:00:00Z': [[candle('2024-01-01T05:00:00Z')], secondWindow],
    });
    const {summary, error} = await readAll(api, {countsCandles: true, maxAttempts: 3});
    expect(error).toBeUndefined();
    expect(summary.map((b) => b.hours)).toEqual([
      ['00', '01', '02'],
      ['03', '04', '05'],
    ]);
  });

  it('counting unknown: an empty page that stays empty, with nothing after it, fails the stream', async () => {
    const logger = recordingLogger();
    const {api, calls} = fakeApi({
      '2024-01-01T03:00:00Z': [firstWindow],
      '2024-01-01T06:00:00Z': [[]],
    });
    const {summary, error} = await readAll(api, {countsCandles: false, maxAttempts: 3, logger});
    // The cursor stays at the last hour that was read; the empty window is not skipped.
    expect(summary).toEqual([{hours: ['00', '01', '02'], cursor: '2024-01-01T02:00:00Z'}]);
    expect(error).toBeInstanceOf(UnconfirmedEmptyWindowsError);
    expect((error as UnconfirmedEmptyWindowsError).failureType).toBe('transient_error');
    expect((error as Error).message).toMatch(
      /^TestEx answered no candles for KRW-BTC from 2024-01-01T03:00:00Z to 2024-01-01T06:00:00Z/
    );
    // The window's own request, then maxAttempts - 1 probes spread in time.
    expect(calls.filter((c) => c === '2024-01-01T06:00:00Z')).toHaveLength(3);
  });

  it('lets a failure other than an incomplete page through at once', async () => {
    let calls = 0;
    const api = {
      exchange: testExchange,
      candlesBefore: async (_m: MarketRef, toMs: number) => {
        calls++;
        if (toUtcIso(toMs) === '2024-01-01T03:00:00Z') return firstWindow;
        if (calls > 2) throw new Error('socket hang up');
        return [];
      },
    } as unknown as ExchangeApi;
    const {error} = await readAll(api, {countsCandles: false, maxAttempts: 5});
    expect((error as Error).message).toBe('socket hang up');
    expect(calls).toBe(3);
  });
});
