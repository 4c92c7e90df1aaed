import pRetry from 'p-retry';

import {ConnectorError} from '../errors/connector-error';
import type {Candle} from '../model/candle';
import type {HourWindow} from './hour-windows';
import {orderedPrefetch} from '../concurrency/ordered-prefetch';
import {candlesInWindow} from './window-page';
import type {Logger} from '../protocol/logger';
import type {ExchangeApi} from '../retriever/exchange-api';
import type {MarketRef} from '../definition/exchange-definition';
import {HOUR_MS, toUtcIso} from '../time/hours';
import {
  CandleRequest,
  EmptyWindowVerdict,
  isSuspectEmpty,
  judgeEmptyWindow,
  contradictsSeenCandle,
  probeRequest,
  showsLaterCandle,
} from './empty-windows';

/** A page that cannot be right: it says no candle exists before `to`, yet older ones were seen. */
export class IncompletePageError extends ConnectorError {
  constructor(exchange: string, market: string, window: HourWindow) {
    super(
      `${exchange} returned an incomplete page of candles for ${market} before ` +
        `${toUtcIso(window.endMs)}: it claims no older candle exists, but older candles were ` +
        'returned earlier in this sync. The exchange may be degraded; try again later.',
      'transient_error'
    );
  }
}

export function reachesBeforeWindow(page: ReadonlyArray<Candle>, window: HourWindow): boolean {
  const first = toUtcIso(window.startMs);
  return page.some((c) => c.candle_start_utc < first);
}

/**
 * What a page says about how `count` is counted. Upbit documents that hours without trades
 * have no candle; whether `count` then counts candles (the latest N candles before `to`) or
 * hour slots is not documented, so the reader learns it: a row more than `count` hours
 * before `to` can only come from an exchange that counts candles.
 */
export function provesCandleCounting(
  page: ReadonlyArray<Candle>,
  toMs: number,
  count: number
): boolean {
  const reach = toUtcIso(toMs - count * HOUR_MS);
  return page.some((c) => c.candle_start_utc < reach);
}

/**
 * Whether a page cannot be complete, given what this sync has seen of the market.
 * - Counting candles (learned), a page shorter than `count` says "nothing older exists";
 *   once older candles were seen, a short page reaching nothing before its window is a
 *   truncated or empty answer, never "no trades".
 * - Counting unknown, an empty page after older candles were seen is suspicious (200 hours
 *   without a single trade is rare), so it is re-requested before it is believed.
 */
export function isIncompletePage(
  page: ReadonlyArray<Candle>,
  window: HourWindow,
  pageSize: number,
  seen: {olderCandles: boolean; countsCandles: boolean}
): boolean {
  if (!seen.olderCandles || page.length >= pageSize) return false;
  if (seen.countsCandles) return !reachesBeforeWindow(page, window);
  return page.length === 0;
}

/** One window's worth of a market, ready to emit, and the cursor it allows. */
export interface WindowBatch {
  readonly market: string;
  readonly candles: Candle[];
  /** The last hour of the window: every candle up to it is in `candles` or was emitted. */
  readonly cursorMs: number;
}

/** What the reader has learned about the exchange's paging during this sync. */
export interface PagingEvidence {
  countsCandles: boolean;
}

export interface MarketReadOptions {
  readonly api: ExchangeApi;
  readonly pageSize: number;
  readonly maxAttempts: number;
  /** Windows of this market requested ahead of the one being emitted (asked before each request). */
  readonly prefetch: number | (() => number);
  readonly logger: Logger;
  /** Shared by all markets of one exchange in one sync. */
  readonly evidence: PagingEvidence;
}

/** What the stream knows of a market before reading it. */
export interface MarketStart {
  /** The market has a saved cursor: it traded before the first window. */
  readonly hasCursor: boolean;
}

/**
 * Reads one market's windows oldest first, with later windows already in flight.
 *
 * An empty answer for a market known to have traded (a saved cursor, or candles already seen
 * in this sync) is never read as "no trades" on its own (`empty-windows.ts`). It is confirmed
 * by a probe page ending with the window and reaching back as far as the exchange allows,
 * re-asked a few times spread in time. A window still unconfirmed waits, and nothing after it
 * is emitted: a later answer that shows a candle after it confirms it (after one more probe).
 * If the market's windows run out first, the stream fails and the cursor stays before it.
 */
export async function* readMarketWindows(
  market: MarketRef,
  windows: ReadonlyArray<HourWindow>,
  opts: MarketReadOptions,
  start: MarketStart = {hasCursor: false}
): AsyncGenerator<WindowBatch> {
  const {api, pageSize, evidence} = opts;
  const fetchPage = (w: HourWindow) => api.candlesBefore(market, w.endMs, pageSize, w.startMs);
  const startBounded = api.exchange.candlesRequest.start !== undefined;
  let olderCandles = false;
  let tradedBefore = start.hasCursor;
  /** The newest candle this sync has read of the market (what an empty probe must contain). */
  let newestSeenMs: number | undefined;
  const saw = (candles: ReadonlyArray<Candle>) => {
    // Fixed-width UTC texts compare as the hours they name: one Date.parse per window, not per candle.
    let newest = '';
    for (const c of candles) if (c.candle_start_utc > newest) newest = c.candle_start_utc;
    if (newest === '') return;
    const ms = Date.parse(newest);
    if (newestSeenMs === undefined || ms > newestSeenMs) newestSeenMs = ms;
  };
  /** Windows answered empty and not yet confirmed, oldest first; nothing after them is emitted. */
  let unconfirmed: HourWindow[] = [];
  const batch = (window: HourWindow, candles: Candle[]): WindowBatch => ({
    market: market.market,
    candles,
    cursorMs: window.endMs - HOUR_MS,
  });
  const fetched = orderedPrefetch(windows, opts.prefetch, async (w) => ({
    window: w,
    page: await fetchPage(w),
  }));
  for await (const fetchedWindow of fetched) {
    const {window} = fetchedWindow;
    if (isSuspectEmpty(fetchedWindow.page, {tradedBefore})) {
      if (unconfirmed.length === 0) {
        const {verdict} = await probeEmptyWindow(market, window, opts, opts.maxAttempts - 1);
        if (verdict.kind !== 'unproven') {
          const candles = verdict.kind === 'candles' ? verdict.candles : [];
          saw(candles);
          yield batch(window, candles);
          continue;
        }
      }
      unconfirmed.push(window);
      continue;
    }
    const page =
      fetchedWindow.page.length === 0 && !olderCandles
        ? await confirmEmpty(market, window, opts)
        : fetchedWindow.page;
    if (provesCandleCounting(page, window.endMs, pageSize)) evidence.countsCandles = true;
    // A page asked with a start bound covers its window only: short is the whole window (as
    // with hour slots), not "nothing older exists", so counting candles proves nothing missing.
    const seen = {olderCandles, countsCandles: evidence.countsCandles && !startBounded};
    const checked = isIncompletePage(page, window, pageSize, seen)
      ? await refetchComplete(market, window, seen, opts)
      : page;
    if (unconfirmed.length > 0) {
      const request: CandleRequest = {kind: 'before', toMs: window.endMs, count: pageSize};
      for (const w of unconfirmed) {
        const candles = await confirmWithLaterPage(market, w, checked, request, newestSeenMs, opts);
        saw(candles);
        yield batch(w, candles);
      }
      unconfirmed = [];
    }
    if (checked.length > 0) olderCandles = tradedBefore = true;
    const candles = candlesInWindow(checked, window);
    saw(candles);
    yield batch(window, candles);
  }
  if (unconfirmed.length > 0) {
    throw new UnconfirmedEmptyWindowsError(
      api.exchange.displayName,
      market.market,
      unconfirmed[0]!,
      unconfirmed.at(-1)!
    );
  }
}

/** Hours answered empty that nothing confirmed: the stream fails rather than skip them. */
export class UnconfirmedEmptyWindowsError extends ConnectorError {
  constructor(exchange: string, market: string, first: HourWindow, last: HourWindow) {
    super(
      `${exchange} answered no candles for ${market} from ${toUtcIso(first.startMs)} to ` +
        `${toUtcIso(last.endMs)}, although the market traded before, and no later answer confirmed ` +
        'that those hours had no trades. They were not skipped: the cursor of ' +
        `${market} stays before ${toUtcIso(first.startMs)}. The exchange may be degraded; sync ` +
        `again later. If ${market} really stopped trading, remove it from "markets" or set ` +
        '"end_date".',
      'transient_error'
    );
  }
}

/**
 * Asks for the probe page of a window answered empty, up to `attempts` times spread in time
 * (250 ms, then doubling up to 4 s), until a page shows the window's content.
 */
async function probeEmptyWindow(
  market: MarketRef,
  window: HourWindow,
  opts: MarketReadOptions,
  attempts: number
): Promise<{verdict: EmptyWindowVerdict; request: CandleRequest; page: Candle[]}> {
  const exchange = opts.api.exchange.displayName;
  const request = probeRequest(window, opts.api.exchange.maxPageSize);
  if (request.kind !== 'before') throw new Error('unreachable');
  let page: Candle[] = [];
  for (let attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
    if (attempt > 1) await sleep(Math.min(4000, 250 * 2 ** (attempt - 2)));
    page = await opts.api.candlesBefore(market, request.toMs, request.count);
    if (provesCandleCounting(page, request.toMs, request.count)) {
      opts.evidence.countsCandles = true;
    }
    const verdict = judgeEmptyWindow(page, request, window);
    if (verdict.kind === 'candles') {
      opts.logger.warn(
        `${exchange} ${market.market}: an empty page before ${toUtcIso(window.endMs)} was wrong: ` +
          `a re-request returned ${verdict.candles.length} candle(s) in its hours; using them.`
      );
      return {verdict, request, page};
    }
    if (verdict.kind === 'no-trades') {
      opts.logger.info(
        `${exchange} ${market.market}: no trades from ${toUtcIso(window.startMs)} to ` +
          `${toUtcIso(window.endMs)}, shown by a page reaching back to ${toUtcIso(verdict.shownBy.startMs)}.`
      );
      return {verdict, request, page};
    }
  }
  opts.logger.warn(
    `${exchange} ${market.market}: empty answers for ${toUtcIso(window.startMs)} to ` +
      `${toUtcIso(window.endMs)} are not confirmed yet; nothing after them is emitted until a ` +
      'later answer confirms them.'
  );
  return {verdict: {kind: 'unproven'}, request, page};
}

/**
 * Confirms a window answered empty once a later window was answered with `later`: by `later`
 * itself when it reaches back past the window, else by one more probe. When that probe is
 * empty again, the window is believed to have had no trades only if `later` shows a candle
 * after it (the exchange serves this market) and the probe's emptiness contradicts nothing
 * this sync has read (`newestSeenMs`); otherwise the stream fails and the cursor stays.
 */
async function confirmWithLaterPage(
  market: MarketRef,
  window: HourWindow,
  later: ReadonlyArray<Candle>,
  laterRequest: CandleRequest,
  newestSeenMs: number | undefined,
  opts: MarketReadOptions
): Promise<Candle[]> {
  const shown = judgeEmptyWindow(later, laterRequest, window);
  if (shown.kind !== 'unproven') return shown.kind === 'candles' ? shown.candles : [];
  const probe = await probeEmptyWindow(market, window, opts, 1);
  const {verdict} = probe;
  if (verdict.kind !== 'unproven') return verdict.kind === 'candles' ? verdict.candles : [];
  const exchange = opts.api.exchange.displayName;
  if (
    !showsLaterCandle(later, window) ||
    probe.page.length > 0 ||
    contradictsSeenCandle(probe.page, probe.request, newestSeenMs)
  ) {
    throw new UnconfirmedEmptyWindowsError(exchange, market.market, window, window);
  }
  opts.logger.warn(
    `${exchange} ${market.market}: no trades from ${toUtcIso(window.startMs)} to ` +
      `${toUtcIso(window.endMs)}: answered empty again after the exchange showed later candles ` +
      '(no page of at most ' +
      `${opts.api.exchange.maxPageSize} candles reaches back past those hours to prove it).`
  );
  return [];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An empty page before any candle of the market was seen is believed only if a second
 * request agrees. Nothing else can catch a wrongly empty answer there (the market may simply
 * not have traded yet), and believing one would move the cursor past hours never emitted.
 */
async function confirmEmpty(
  market: MarketRef,
  window: HourWindow,
  opts: MarketReadOptions
): Promise<Candle[]> {
  const again = await opts.api.candlesBefore(market, window.endMs, opts.pageSize, window.startMs);
  if (again.length > 0) {
    opts.logger.warn(
      `${opts.api.exchange.displayName} ${market.market}: an empty page before ${toUtcIso(window.endMs)} ` +
        `was not confirmed by a second request (it returned ${again.length} candles); using the second.`
    );
  }
  return again;
}

/**
 * Re-requests a page that cannot be complete (counting candles, a short page reaching nothing
 * before its window). A page that stays incomplete fails the stream (transient: sync again
 * later). Empty answers never come here once the market has traded: see `empty-windows.ts`.
 */
async function refetchComplete(
  market: MarketRef,
  window: HourWindow,
  seen: {olderCandles: boolean; countsCandles: boolean},
  opts: MarketReadOptions
): Promise<Candle[]> {
  const exchange = opts.api.exchange.displayName;
  const before = toUtcIso(window.endMs);
  return pRetry(
    async (attempt) => {
      opts.logger.warn(
        `${exchange} ${market.market}: incomplete page before ${before}, re-requesting (attempt ${attempt + 1} of ${opts.maxAttempts})`
      );
      const page = await opts.api.candlesBefore(market, window.endMs, opts.pageSize);
      if (isIncompletePage(page, window, opts.pageSize, seen)) {
        throw new IncompletePageError(exchange, market.market, window);
      }
      return page;
    },
    {
      retries: Math.max(0, opts.maxAttempts - 2),
      minTimeout: 250,
      maxTimeout: 4000,
      randomize: true,
      shouldRetry: ({error}) => error instanceof IncompletePageError,
    }
  );
}
