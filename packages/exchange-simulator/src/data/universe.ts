import {
  EXCHANGES,
  resolveData,
  type DataOptions,
  type ExchangeId,
  type ResolvedData,
} from '../config';
import {formatCanonical} from '../decimal';
import {formatKstWall, formatUtcWall, parseInstant} from '../time';
import {candlesInRange, candlesPage, type SimCandle} from './candles';
import {PROFILES} from './exchange-profiles';
import {universeCode} from './market-codes';
import {buildMarkets, isListedAt, type SimMarket} from './markets';
import {selectCandles, type CandleSelection} from './select';

/** Both exchanges' generated markets for one set of data options (a seed and friends). */
export class SimulatedExchanges {
  readonly data: ResolvedData;
  private readonly universe: Record<ExchangeId, ReadonlyArray<SimMarket>>;
  private readonly index: Record<ExchangeId, ReadonlyMap<string, SimMarket>>;

  constructor(options: Partial<DataOptions> | ResolvedData = {}) {
    this.data = 'historyStartMs' in options ? options : resolveData(options);
    const universe = {} as Record<ExchangeId, ReadonlyArray<SimMarket>>;
    const index = {} as Record<ExchangeId, ReadonlyMap<string, SimMarket>>;
    for (const exchange of EXCHANGES) {
      universe[exchange] = buildMarkets(exchange, this.data);
      index[exchange] = new Map(universe[exchange].map((m) => [m.market, m]));
    }
    this.universe = universe;
    this.index = index;
    const delisted = this.data.delisting?.market;
    if (delisted !== undefined && !EXCHANGES.some((e) => this.regular(e).includes(delisted))) {
      throw new Error(
        `delisting.market: ${delisted} is not a generated market; pick one of ${this.regular('upbit').join(', ')}`
      );
    }
  }

  private regular(exchange: ExchangeId): string[] {
    return this.universe[exchange].filter((m) => !m.halted).map((m) => m.market);
  }

  /** Every generated market, delisted ones included. */
  allMarkets(exchange: ExchangeId): ReadonlyArray<SimMarket> {
    return this.universe[exchange];
  }

  /**
   * What the exchange's market list shows at nowMs: the markets trading now, and on an exchange
   * that keeps stopped pairs (Korbit) also those that stopped trading.
   */
  listedMarkets(exchange: ExchangeId, nowMs: number): SimMarket[] {
    const keepsStopped = PROFILES[exchange].keepsStoppedPairs;
    return this.universe[exchange].filter((m) =>
      keepsStopped ? nowMs >= m.listedAtMs : isListedAt(m, nowMs)
    );
  }

  market(exchange: ExchangeId, code: string): SimMarket | undefined {
    return this.index[exchange].get(code);
  }

  page(m: SimMarket, toExclusiveMs: number, count: number, nowMs: number): SimCandle[] {
    return candlesPage(this.data.seed, m, toExclusiveMs, count, nowMs, this.data.countMode);
  }

  select(m: SimMarket, selection: CandleSelection): SimCandle[] {
    return selectCandles(this.data.seed, m, selection);
  }

  range(m: SimMarket, fromInclusiveMs: number, toExclusiveMs: number, nowMs: number): SimCandle[] {
    return candlesInRange(this.data.seed, m, fromInclusiveMs, toExclusiveMs, nowMs);
  }
}

/** A candle as the API reports it, with decimals as exact canonical strings (`91226000`, `0.5`). */
export interface ExpectedCandle {
  readonly market: string;
  readonly candle_date_time_utc: string;
  readonly candle_date_time_kst: string;
  readonly opening_price: string;
  readonly high_price: string;
  readonly low_price: string;
  readonly trade_price: string;
  readonly timestamp: number;
  readonly candle_acc_trade_price: string;
  readonly candle_acc_trade_volume: string;
  readonly unit: 60;
}

export function toExpectedCandle(c: SimCandle): ExpectedCandle {
  return {
    market: c.market,
    candle_date_time_utc: formatUtcWall(c.startMs),
    candle_date_time_kst: formatKstWall(c.startMs),
    opening_price: formatCanonical(c.open),
    high_price: formatCanonical(c.high),
    low_price: formatCanonical(c.low),
    trade_price: formatCanonical(c.close),
    timestamp: c.lastTradeMs,
    candle_acc_trade_price: formatCanonical(c.value),
    candle_acc_trade_volume: formatCanonical(c.volume),
    unit: 60,
  };
}

export type Instant = number | string | Date;

export function instantMs(value: Instant, what: string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return parseInstant(value, what);
}

export interface ExpectedCandlesOptions {
  /** Data options the simulator was started with (seed, markets, history start, delisting). */
  readonly data?: Partial<DataOptions>;
  /** The simulated "now"; the open hour holds only trades up to it. Default: no limit. */
  readonly now?: Instant;
}

/**
 * The candles a simulator started with `options.data` serves for `market` with
 * fromInclusive <= candle start < toExclusive, newest first, computed without HTTP.
 * Ignores listing status: a delisted market's history is still returned (hours before delisting).
 */
export function expectedCandles(
  exchange: ExchangeId,
  market: string,
  fromInclusive: Instant,
  toExclusive: Instant,
  options: ExpectedCandlesOptions = {}
): ExpectedCandle[] {
  const sim = new SimulatedExchanges(options.data ?? {});
  return expectedFrom(sim, exchange, market, fromInclusive, toExclusive, options.now);
}

/**
 * The candles `sim` serves for `market` (the simulator's code or the exchange's own) with
 * fromInclusive <= start < toExclusive, newest first, listing status ignored.
 */
export function servedCandles(
  sim: SimulatedExchanges,
  exchange: ExchangeId,
  market: string,
  fromInclusive: Instant,
  toExclusive: Instant,
  now: Instant | undefined
): SimCandle[] {
  const m = sim.market(exchange, universeCode(exchange, market));
  if (!m) {
    throw new Error(
      `market: ${market} is not generated for ${exchange}; known: ${sim
        .allMarkets(exchange)
        .map((x) => x.market)
        .join(', ')}`
    );
  }
  const nowMs = now === undefined ? Number.MAX_SAFE_INTEGER : instantMs(now, 'now');
  return sim.range(
    m,
    instantMs(fromInclusive, 'fromInclusive'),
    instantMs(toExclusive, 'toExclusive'),
    nowMs
  );
}

export function expectedFrom(
  sim: SimulatedExchanges,
  exchange: ExchangeId,
  market: string,
  fromInclusive: Instant,
  toExclusive: Instant,
  now: Instant | undefined
): ExpectedCandle[] {
  if (exchange === 'korbit') {
    throw new Error(
      "expectedCandles: Korbit reports no traded value; use expectedApiCandles('korbit', …) for its raw fields"
    );
  }
  return servedCandles(sim, exchange, market, fromInclusive, toExclusive, now).map(
    toExpectedCandle
  );
}
