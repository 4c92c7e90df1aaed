import {coinAt} from './data/coins';
import {HOUR_MS, floorHour, parseInstant} from './time';

export const EXCHANGES = ['upbit', 'bithumb', 'coinone', 'korbit'] as const;
export type ExchangeId = (typeof EXCHANGES)[number];

export const QUOTES = ['KRW', 'BTC', 'USDT'] as const;
export type QuoteCurrency = (typeof QUOTES)[number];

/**
 * `slots`: `count` is a number of hour slots walked back from `to`, so pages over thin markets
 * come back shorter than `count` (clients must page on timestamps, not on row counts).
 * `candles`: `count` is a number of existing candles.
 */
export type CountMode = 'slots' | 'candles';

export interface DelistingOptions {
  /** Market code, e.g. `KRW-SAND`; must be one of the generated markets. */
  readonly market: string;
  /** First hour without trading (ISO-8601 instant; floored to the hour). */
  readonly at: string;
}

export interface DataOptions {
  readonly seed: number;
  readonly marketsPerQuote: Readonly<Record<QuoteCurrency, number>>;
  /** First candle hour of every market (ISO-8601 instant). */
  readonly historyStart: string;
  /** null: no delisting. Default: the last KRW market, 14 days after historyStart. */
  readonly delisting: DelistingOptions | null;
  readonly countMode: CountMode;
}

export interface UpbitLimitOptions {
  readonly candlesPerSecond: number;
  readonly marketPerSecond: number;
  /** Requests carrying an `Origin` header share one budget of `originLimit` per `originWindowMs`. */
  readonly originLimit: number;
  readonly originWindowMs: number;
  /** This many 429s within abuseWindowMs turns into an IP block (HTTP 418). */
  readonly abuse429Count: number;
  readonly abuseWindowMs: number;
  /** First block length; every further block multiplies it by blockGrowthFactor, up to blockMaxMs. */
  readonly blockBaseMs: number;
  readonly blockGrowthFactor: number;
  readonly blockMaxMs: number;
}

export interface BithumbLimitOptions {
  /** Per IP, per category (candles, market), sliding one-second window. */
  readonly perSecond: number;
  /** How long a category stays blocked after the first excess request. */
  readonly blockMs: number;
}

export interface CoinoneLimitOptions {
  /** Per IP, all public endpoints together, sliding one-minute window (newer docs: 1200; older: 300). */
  readonly perMinute: number;
  /** How long the IP stays refused after the first excess request (docs: one minute). */
  readonly blockMs: number;
  /** HTTP status of the refusal (the body is the documented `error_code` 4 envelope). */
  readonly limitStatus: number;
}

export interface KorbitLimitOptions {
  /** Per IP, all public endpoints together, sliding one-second window. */
  readonly perSecond: number;
}

export interface RateLimitOptions {
  readonly enabled: boolean;
  readonly upbit: UpbitLimitOptions;
  readonly bithumb: BithumbLimitOptions;
  readonly coinone: CoinoneLimitOptions;
  readonly korbit: KorbitLimitOptions;
}

export interface ClockOptions {
  /** Fixed simulated "now" (ISO-8601 instant or epoch ms). Absent: the real clock. */
  readonly now?: string | number;
  /** Added to the real clock (ignored when `now` is fixed). */
  readonly offsetMs?: number;
}

export const DEFAULT_HISTORY_START = '2024-01-01T00:00:00Z';

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  enabled: true,
  upbit: {
    candlesPerSecond: 10,
    marketPerSecond: 10,
    originLimit: 1,
    originWindowMs: 10_000,
    abuse429Count: 10,
    abuseWindowMs: 5_000,
    blockBaseMs: 30_000,
    blockGrowthFactor: 2,
    blockMaxMs: 3_600_000,
  },
  bithumb: {perSecond: 150, blockMs: 60_000},
  coinone: {perMinute: 1200, blockMs: 60_000, limitStatus: 429},
  korbit: {perSecond: 50},
};

export const DEFAULT_MARKETS_PER_QUOTE: Record<QuoteCurrency, number> = {KRW: 8, BTC: 4, USDT: 3};

/** Data options after defaults, with instants as epoch ms. */
export interface ResolvedData {
  readonly seed: number;
  readonly marketsPerQuote: Readonly<Record<QuoteCurrency, number>>;
  readonly historyStartMs: number;
  readonly delisting: {readonly market: string; readonly atMs: number} | null;
  readonly countMode: CountMode;
}

export function resolveData(options: Partial<DataOptions> = {}): ResolvedData {
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed)) throw new Error(`seed: ${seed} is not an integer`);
  const marketsPerQuote = {...DEFAULT_MARKETS_PER_QUOTE, ...options.marketsPerQuote};
  for (const quote of QUOTES) {
    const n = marketsPerQuote[quote];
    if (!Number.isInteger(n) || n < 0 || n > 200) {
      throw new Error(`marketsPerQuote.${quote}: ${n} must be an integer from 0 to 200`);
    }
  }
  const historyStartMs = floorHour(
    parseInstant(options.historyStart ?? DEFAULT_HISTORY_START, 'historyStart')
  );
  let delisting: ResolvedData['delisting'] = null;
  if (options.delisting === undefined) {
    // Default: the least liquid KRW market (never KRW-BTC) stops two weeks into the history.
    if (marketsPerQuote.KRW >= 2) {
      delisting = {
        market: `KRW-${coinAt(marketsPerQuote.KRW - 1).symbol}`,
        atMs: historyStartMs + 14 * 24 * HOUR_MS,
      };
    }
  } else if (options.delisting !== null) {
    const atMs = floorHour(parseInstant(options.delisting.at, 'delisting.at'));
    if (atMs <= historyStartMs) {
      throw new Error(`delisting.at: ${options.delisting.at} must be after historyStart`);
    }
    delisting = {market: options.delisting.market, atMs};
  }
  return {
    seed,
    marketsPerQuote,
    historyStartMs,
    delisting,
    countMode: options.countMode ?? 'slots',
  };
}
