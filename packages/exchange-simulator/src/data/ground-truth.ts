import type {DataOptions, ExchangeId} from '../config';
import {formatCanonical} from '../decimal';
import type {SimCandle} from './candles';
import {
  servedCandles,
  SimulatedExchanges,
  toExpectedCandle,
  type ExpectedCandle,
  type Instant,
} from './universe';

/** A Coinone chart row as ground truth: `timestamp` = candle start (ms), decimals canonical. */
export interface ExpectedCoinoneCandle {
  readonly timestamp: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base volume. */
  readonly target_volume: string;
  /** Traded value in the quote currency (exact Σ price × quantity, 8 decimals). */
  readonly quote_volume: string;
}

/** A Korbit candle as ground truth: no traded value, exactly as the API has none. */
export interface ExpectedKorbitCandle {
  readonly timestamp: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

/** The row shape each exchange's candle endpoint has. */
export interface ExpectedApiCandles {
  readonly upbit: ExpectedCandle;
  readonly bithumb: ExpectedCandle;
  readonly coinone: ExpectedCoinoneCandle;
  readonly korbit: ExpectedKorbitCandle;
}

const ohlc = (c: SimCandle) => ({
  timestamp: c.startMs,
  open: formatCanonical(c.open),
  high: formatCanonical(c.high),
  low: formatCanonical(c.low),
  close: formatCanonical(c.close),
});

const ROW: {readonly [E in ExchangeId]: (c: SimCandle) => ExpectedApiCandles[E]} = {
  upbit: toExpectedCandle,
  bithumb: toExpectedCandle,
  coinone: (c) => ({
    ...ohlc(c),
    target_volume: formatCanonical(c.volume),
    quote_volume: formatCanonical(c.value),
  }),
  korbit: (c) => ({...ohlc(c), volume: formatCanonical(c.volume)}),
};

/**
 * Ground truth in each exchange's own fields: the candles a simulator serves for `market`
 * with fromInclusive <= start < toExclusive, newest first (also for Korbit, whose API sends
 * oldest first). `market` is the simulator's code (`KRW-BTC`) or the exchange's own
 * (`btc_krw`, `KRW/BTC`). Like `expectedCandles`, a delisted or stopped market's history is kept.
 */
export function expectedApiFrom<E extends ExchangeId>(
  sim: SimulatedExchanges,
  exchange: E,
  market: string,
  fromInclusive: Instant,
  toExclusive: Instant,
  now: Instant | undefined
): ExpectedApiCandles[E][] {
  return servedCandles(sim, exchange, market, fromInclusive, toExclusive, now).map((c) =>
    ROW[exchange](c)
  );
}

/** `expectedApiFrom` without a server, for a simulator started with `options.data`. */
export function expectedApiCandles<E extends ExchangeId>(
  exchange: E,
  market: string,
  fromInclusive: Instant,
  toExclusive: Instant,
  options: {readonly data?: Partial<DataOptions>; readonly now?: Instant} = {}
): ExpectedApiCandles[E][] {
  const sim = new SimulatedExchanges(options.data ?? {});
  return expectedApiFrom(sim, exchange, market, fromInclusive, toExclusive, options.now);
}
