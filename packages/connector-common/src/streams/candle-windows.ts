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

/**
 * The candle endpoints answer with the latest `count` candles before `to` (hours without
 * trades have no candle), so a page shorter than `count` means "nothing older exists".
 * Once this sync has seen older candles of the market, a short page with nothing before the
 * window is a truncated or empty answer, never "no trades".
 */
export function isIncompletePage(
  page: ReadonlyArray<Candle>,
  window: HourWindow,
  pageSize: number,
  olderSeen: boolean
): boolean {
  if (!olderSeen || page.length >= pageSize) return false;
  return !page.some((c) => Date.parse(c.candle_start_utc) < window.startMs);
}

/** One window's worth of a market, ready to emit, and the cursor it allows. */
export interface WindowBatch {
  readonly market: string;
  readonly candles: Candle[];
  /** The last hour of the window: every candle up to it is in `candles` or was emitted. */
  readonly cursorMs: number;
}

export interface MarketReadOptions {
  readonly api: ExchangeApi;
  readonly pageSize: number;
  readonly maxAttempts: number;
  /** Windows of this market requested ahead of the one being emitted. */
  readonly prefetch: number;
  readonly logger: Logger;
}

/** Reads one market's windows oldest first, with later windows already in flight. */
export async function* readMarketWindows(
  market: MarketRef,
  windows: ReadonlyArray<HourWindow>,
  opts: MarketReadOptions
): AsyncGenerator<WindowBatch> {
  const {api, pageSize} = opts;
  const fetchPage = (w: HourWindow) => api.candlesBefore(market, w.endMs, pageSize);
  let olderSeen = false;
  const fetched = orderedPrefetch(windows, opts.prefetch, async (w) => ({
    window: w,
    page: await fetchPage(w),
  }));
  for await (const {window, page} of fetched) {
    const checked = isIncompletePage(page, window, pageSize, olderSeen)
      ? await refetchComplete(market, window, olderSeen, opts)
      : page;
    if (checked.length > 0) olderSeen = true;
    yield {
      market: market.market,
      candles: candlesInWindow(checked, window),
      cursorMs: window.endMs - HOUR_MS,
    };
  }
}

async function refetchComplete(
  market: MarketRef,
  window: HourWindow,
  olderSeen: boolean,
  opts: MarketReadOptions
): Promise<Candle[]> {
  const exchange = opts.api.exchange.displayName;
  return pRetry(
    async (attempt) => {
      opts.logger.warn(
        `${exchange} ${market.market}: incomplete page before ${toUtcIso(window.endMs)}, re-requesting (attempt ${attempt + 1})`
      );
      const page = await opts.api.candlesBefore(market, window.endMs, opts.pageSize);
      if (isIncompletePage(page, window, opts.pageSize, olderSeen)) {
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
