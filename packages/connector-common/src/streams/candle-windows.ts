import pRetry from 'p-retry';

import {ConnectorError} from '../errors/connector-error';
import type {Candle} from '../model/candle';
import type {HourWindow} from '../paging/hour-windows';
import {orderedPrefetch} from '../paging/ordered-prefetch';
import {candlesInWindow} from '../paging/window-page';
import type {Logger} from '../protocol/logger';
import type {ExchangeApi} from '../source/exchange-api';
import type {MarketRef} from '../source/exchange-definition';
import {HOUR_MS, toUtcIso} from '../time/hours';

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
  return page.some((c) => Date.parse(c.candle_start_utc) < window.startMs);
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
  return page.some((c) => Date.parse(c.candle_start_utc) < toMs - count * HOUR_MS);
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
  /** Windows of this market requested ahead of the one being emitted. */
  readonly prefetch: number;
  readonly logger: Logger;
  /** Shared by all markets of one exchange in one sync. */
  readonly evidence: PagingEvidence;
}

/** Reads one market's windows oldest first, with later windows already in flight. */
export async function* readMarketWindows(
  market: MarketRef,
  windows: ReadonlyArray<HourWindow>,
  opts: MarketReadOptions
): AsyncGenerator<WindowBatch> {
  const {api, pageSize, evidence} = opts;
  const fetchPage = (w: HourWindow) => api.candlesBefore(market, w.endMs, pageSize, w.startMs);
  let olderCandles = false;
  const fetched = orderedPrefetch(windows, opts.prefetch, async (w) => ({
    window: w,
    page: await fetchPage(w),
  }));
  for await (const fetchedWindow of fetched) {
    const {window} = fetchedWindow;
    const page =
      fetchedWindow.page.length === 0 && !olderCandles
        ? await confirmEmpty(market, window, opts)
        : fetchedWindow.page;
    if (provesCandleCounting(page, window.endMs, pageSize)) evidence.countsCandles = true;
    const seen = {olderCandles, countsCandles: evidence.countsCandles};
    const checked = isIncompletePage(page, window, pageSize, seen)
      ? await refetchComplete(market, window, seen, opts)
      : page;
    if (checked.length > 0) olderCandles = true;
    yield {
      market: market.market,
      candles: candlesInWindow(checked, window),
      cursorMs: window.endMs - HOUR_MS,
    };
  }
}

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
 * Re-requests a page that cannot be complete. Counting candles, a page that stays
 * incomplete fails the stream (transient: sync again later). Otherwise an empty page that
 * stays empty is believed: the market had no trades for the whole window.
 */
async function refetchComplete(
  market: MarketRef,
  window: HourWindow,
  seen: {olderCandles: boolean; countsCandles: boolean},
  opts: MarketReadOptions
): Promise<Candle[]> {
  const exchange = opts.api.exchange.displayName;
  const before = toUtcIso(window.endMs);
  try {
    return await pRetry(
      async (attempt) => {
        opts.logger.warn(
          `${exchange} ${market.market}: ${seen.countsCandles ? 'incomplete' : 'empty'} page before ${before}, re-requesting (attempt ${attempt + 1} of ${opts.maxAttempts})`
        );
        const page = await opts.api.candlesBefore(
          market,
          window.endMs,
          opts.pageSize,
          window.startMs
        );
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
  } catch (err) {
    if (!(err instanceof IncompletePageError) || seen.countsCandles) throw err;
    opts.logger.warn(
      `${exchange} ${market.market}: no trades in the ${opts.pageSize} hours before ${before}.`
    );
    return [];
  }
}
