import type {Message} from '../protocol/messages';
import type {Logger} from '../protocol/logger';
import {StreamEmitter} from '../protocol/stream-emitter';
import {planHourWindows} from '../paging/hour-windows';
import {mergeConcurrent} from '../paging/merge-concurrent';
import type {CandleSourceConfig} from '../source/config';
import {ExchangeApi, isUnknownMarket} from '../source/exchange-api';
import type {MarketRef} from '../source/exchange-definition';
import {CandleCursors} from '../state/candle-cursors';
import {floorToHour, HOUR_MS} from '../time/hours';
import {readMarketWindows, WindowBatch} from './candle-windows';
import {readProgressOf} from './read-progress';
import {selectMarkets} from './select-markets';

export interface CandleStreamContext {
  readonly api: ExchangeApi;
  readonly config: CandleSourceConfig;
  readonly logger: Logger;
  readonly nowMs: number;
}

/**
 * How many markets are read at once, and how many windows ahead within each: enough
 * requests in flight that latency (150 ms from a far region) does not cap the rate below
 * the limit; the rate limiter, not this number, decides how fast requests start.
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
): AsyncGenerator<Message> {
  const {api, config, logger} = ctx;
  const cursors = CandleCursors.fromStreamState(inputState, emitter.stream);
  const {markets, unlisted} = selectMarkets(config, await api.markets());
  for (const code of unlisted) {
    logger.warn(
      `${api.exchange.displayName} does not list market ${code} (delisted or mistyped); it is skipped` +
        (cursors.get(code) === undefined ? '.' : ' and its saved cursor is kept.')
    );
  }
  const endMs = Math.min(config.endMs ?? Infinity, floorToHour(ctx.nowMs) + HOUR_MS);
  const {markets: concurrency, prefetch} = readParallelism(config.requestsPerSecond);
  const opts = {
    api,
    pageSize: config.pageSize,
    maxAttempts: config.maxAttempts,
    prefetch,
    logger,
    evidence: {countsCandles: false},
  };
  logger.info(
    `Reading ${markets.length} ${api.exchange.displayName} market(s), ${concurrency} at a time, ` +
      `up to ${config.requestsPerSecond} requests/s.`
  );

  const progress = readProgressOf(emitter.stream, api, config.requestsPerSecond, logger);
  const perMarket = markets.map((m) => {
    const from = floorToHour(cursors.readFrom(m.market, config.startMs, config.lookbackHours));
    progress.addMarket(m.market, from, endMs);
    return skipIfDelisted(
      m,
      readMarketWindows(m, planHourWindows(from, endMs, config.pageSize), opts),
      logger
    );
  });
  for await (const batch of progress.track(mergeConcurrent(perMarket, concurrency))) {
    for (const candle of batch.candles) yield emitter.record(candle);
    cursors.advance(batch.market, batch.cursorMs, Date.now());
    const state = emitter.state(cursors.toStreamState());
    if (state) yield state;
  }
  const final = emitter.state(cursors.toStreamState());
  if (final) yield final;
}

/** A market delisted while being read: keep what was emitted, warn, go on with the others. */
async function* skipIfDelisted(
  market: MarketRef,
  batches: AsyncGenerator<WindowBatch>,
  logger: Logger
): AsyncGenerator<WindowBatch> {
  try {
    yield* batches;
  } catch (err) {
    if (!isUnknownMarket(err)) throw err;
    logger.warn(
      `Market ${market.market} is no longer known to the exchange (delisted); stopped reading it.`
    );
  }
}
