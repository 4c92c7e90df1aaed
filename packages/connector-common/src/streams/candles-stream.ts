import {ConnectorError} from '../errors/connector-error';
import type {Emitted} from '../protocol/record-page';
import type {Logger} from '../protocol/logger';
import {StreamEmitter} from '../protocol/stream-emitter';
import {planHourWindows} from '../paginator/hour-windows';
import {mergeConcurrent} from '../concurrency/merge-concurrent';
import type {CandleSourceConfig} from '../config/config';
import {ExchangeApi, isUnknownMarket} from '../retriever/exchange-api';
import type {MarketRef} from '../definition/exchange-definition';
import {CandleCursors} from '../incremental/candle-cursors';
import {floorToHour, HOUR_MS} from '../time/hours';
import {readMarketWindows, WindowBatch} from '../paginator/candle-windows';
import {firstHourToRead} from '../paginator/first-candle';
import {readProgressOf} from './read-progress';
import {reportUnlistedMarkets, selectMarkets} from './select-markets';

/**
 * A market without a cursor whose range is longer than this many of the largest pages first
 * looks for its first candle (`first-candle.ts`); shorter ranges cost less read page by page.
 */
const SEARCH_AFTER_PAGES = 2;

export interface CandleStreamContext {
  readonly api: ExchangeApi;
  readonly config: CandleSourceConfig;
  readonly logger: Logger;
  readonly nowMs: number;
}

/**
 * How many markets are read at once, and how many windows ahead within each: enough
 * requests in flight that latency (150 ms from a far region) does not cap the rate below
 * the limit; the rate limiter, not this number, decides how fast requests start. Their
 * product (with fewer markets configured: those markets x `prefetch`) is the read's in-flight
 * budget: once markets finish, the ones left read further ahead (`windowsAhead`), so the end of
 * a backfill keeps the rate.
 */
export function readParallelism(requestsPerSecond: number): {markets: number; prefetch: number} {
  return {markets: Math.min(32, Math.max(2, Math.ceil(requestsPerSecond / 2))), prefetch: 2};
}

/**
 * Incremental read of hourly candles. Each market is read oldest first from its cursor
 * minus the lookback, one window per request; after each window its candles are emitted
 * and then a STATE whose cursor for that market is the window's last hour. The still-open
 * hour is emitted but re-read by the next sync, because reading restarts at the cursor.
 */
export async function* readCandlesStream(
  ctx: CandleStreamContext,
  inputState: unknown,
  emitter: StreamEmitter
): AsyncGenerator<Emitted> {
  const {api, config, logger} = ctx;
  const cursors = CandleCursors.fromStreamState(inputState, emitter.stream);
  const selection = selectMarkets(config, await api.markets());
  const {markets} = selection;
  const hasCursor = (code: string) => cursors.get(code) !== undefined;
  reportUnlistedMarkets(selection, api.exchange.displayName, hasCursor, logger);
  const endMs = Math.min(config.endMs ?? Infinity, floorToHour(ctx.nowMs) + HOUR_MS);
  const {markets: concurrency, prefetch} = readParallelism(config.requestsPerSecond);
  let reading = 0;
  const opts = {
    api,
    pageSize: config.pageSize,
    maxAttempts: config.maxAttempts,
    // The budget is what the markets read at once use at the base depth; it goes to the
    // markets still being read as others finish.
    prefetch: () =>
      windowsAhead({markets: Math.min(concurrency, markets.length), prefetch}, reading),
    logger,
    evidence: {countsCandles: false},
  };
  logger.info(
    `Reading ${markets.length} ${api.exchange.displayName} market(s), ${concurrency} at a time, ` +
      `up to ${config.requestsPerSecond} requests/s.`
  );

  /**
   * One market's windows, counted in `reading` while they run. A market without a cursor
   * starts at its first candle when that is far after start_date.
   */
  async function* readMarket(m: MarketRef, from: number, hasCursor: boolean) {
    reading++;
    try {
      const start =
        hasCursor || endMs - from <= SEARCH_AFTER_PAGES * api.exchange.maxPageSize * HOUR_MS
          ? from
          : await firstHourToRead((to, count) => api.candlesBefore(m, to, count), from, endMs, {
              exchange: api.exchange.displayName,
              market: m,
              count: config.pageSize,
              evidence: opts.evidence,
              logger,
            });
      const windows = planHourWindows(start, endMs, config.pageSize);
      yield* readMarketWindows(m, windows, opts, {hasCursor});
    } finally {
      reading--;
    }
  }
  const progress = readProgressOf(emitter.stream, api, config.requestsPerSecond, logger);
  const perMarket = markets.map((m) => {
    const from = floorToHour(cursors.readFrom(m.market, config.startMs, config.lookbackHours));
    progress.addMarket(m.market, from, endMs);
    return skipIfDelisted(m, readMarket(m, from, cursors.get(m.market) !== undefined), api, logger);
  });
  for await (const batch of progress.track(mergeConcurrent(perMarket, concurrency))) {
    if (batch.candles.length > 0) yield emitter.records(batch.candles);
    cursors.advance(batch.market, batch.cursorMs, Date.now());
    const state = emitter.state(cursors.toStreamState());
    if (state) yield state;
  }
  const final = emitter.state(cursors.toStreamState());
  if (final) yield final;
}

/**
 * Windows each market reads ahead while `reading` markets are being read: the read's budget
 * (`markets` read at once x `prefetch` requests in flight) shared among them, never less than
 * `prefetch`. Memory stays bounded by the same budget of pages.
 */
export function windowsAhead(
  parallelism: {markets: number; prefetch: number},
  reading: number
): number {
  const budget = parallelism.markets * parallelism.prefetch;
  return Math.max(parallelism.prefetch, Math.floor(budget / Math.max(1, reading)));
}

/** "Unknown market" for a market the exchange still lists: an error of the stream, never a skip. */
export class ListedMarketNotFoundError extends ConnectorError {
  constructor(exchange: string, market: string, options?: {cause?: unknown}) {
    super(
      `${exchange} says it does not know ${market} when asked for its candles (${said(options?.cause)}), yet its market list ` +
        `still shows ${market}. The market was not skipped: its cursor is kept where its data stops. ` +
        'This is usually a passing inconsistency of the exchange: sync again later. If it persists, ' +
        `remove ${market} from "markets" and report it to the exchange.`,
      'transient_error',
      options
    );
  }
}

/** What the exchange said, e.g. `HTTP 404 error "404": Code not found`, without our context. */
function said(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/^.* failed: /, '').replace(/\. Check that market .*$/, '');
}

/**
 * A market delisted while being read: keep what was emitted, warn, go on with the others. A
 * 404 alone does not prove a delisting: the market list is asked again, and a market it still
 * shows fails the stream instead (ListedMarketNotFoundError).
 */
async function* skipIfDelisted(
  market: MarketRef,
  batches: AsyncGenerator<WindowBatch>,
  api: ExchangeApi,
  logger: Logger
): AsyncGenerator<WindowBatch> {
  try {
    yield* batches;
  } catch (err) {
    if (!isUnknownMarket(err)) throw err;
    const listed = await api.refreshMarkets();
    if (listed.some((m) => m.market === market.market)) {
      throw new ListedMarketNotFoundError(api.exchange.displayName, market.market, {cause: err});
    }
    logger.warn(
      `Market ${market.market} is no longer listed by ${api.exchange.displayName} (delisted); ` +
        'stopped reading it and kept its cursor.'
    );
  }
}
