import type {RequestContext} from '../errors/connector-error';
import type {ErrorDeclaration} from './error-declaration';
import type {QuotaHeaderParser} from './quota-header';
import type {Market} from '../model/market';
import type {CandleQuery, CandleRequestDeclaration} from './candle-request';

/** A market the candle stream will read. */
export interface MarketRef {
  /** The exchange's own code: `KRW-BTC` (Upbit, Bithumb, Coinone as we name it), `btc_krw` (Korbit). */
  readonly market: string;
  readonly base: string;
  readonly quote: string;
}

export interface ExchangeRateLimit {
  /** The exchange's documented limit for this group: the default and the ceiling. */
  readonly documentedRequestsPerSecond: number;
  /**
   * Where the documentation disagrees with itself (Coinone: 300/min or 1200/min), the safe
   * value, used as the default; `documentedRequestsPerSecond` stays the ceiling.
   */
  readonly defaultRequestsPerSecond?: number;
  /**
   * How long the exchange shuts this group to the IP after a request over the limit, where it
   * says so (Bithumb's FAQ: a minute). A 429 without Retry-After then stops the group that long
   * instead of a second: every retry before the block ends fails again and spends an attempt, so
   * one unlucky second would otherwise fail the whole sync.
   */
  readonly excessBlockMs?: number;
}

/** One candle as an exchange's parser reads it, before the SDK normalizes it. */
export interface ExchangeCandle {
  /** Start of the hour, epoch ms (UTC). */
  readonly startMs: number;
  /** Exact decimal strings (see validation/json-values: numbers and strings both arrive exact). */
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volumeBase: string;
  /** The exchange's own traded value in the quote currency; absent where it reports none. */
  readonly tradedValueQuote?: string;
  /** Last trade (or last tick stored) in the hour, epoch ms, when the exchange says. */
  readonly lastTradeMs?: number;
}

/**
 * Where `traded_value_quote` comes from: the exchange's own field, or an estimate from base
 * volume times the typical price (high + low + close) / 3, exact decimal arithmetic rounded
 * half-even to 8 decimal places, flagged `traded_value_is_estimated`.
 */
export type TradedValueSource = 'reported' | 'estimated-typical-price';

/**
 * Everything a source needs to know about one exchange. An exchange package declares one
 * of these; the SDK does the rest (HTTP, limits, retries, paging, completeness, state,
 * protocol, normalization). Nothing in the SDK's runtime knows a particular exchange.
 */
export interface ExchangeDefinition {
  /** Lower-case id written into every record, e.g. `upbit`. */
  readonly id: string;
  readonly displayName: string;
  /** Which API produced the rows, e.g. `upbit_v1`. */
  readonly sourceApi: string;
  readonly defaultBaseUrl: string;
  readonly documentationUrl: string;
  /** How the exchange writes a market code; config values are checked against it. */
  readonly marketCode: {
    readonly pattern: string;
    /** In words, for messages: `QUOTE-BASE`, `lower-case base_quote`. */
    readonly form: string;
    readonly example: string;
  };
  /** Largest page the candle endpoint accepts. */
  readonly maxPageSize: number;
  readonly rateLimits: {readonly candles: ExchangeRateLimit; readonly markets: ExchangeRateLimit};
  /** Reads the exchange's remaining-quota headers, if it sends any. */
  readonly quotaHeader?: QuotaHeaderParser;
  /** Where the exchange puts errors and which mean an unknown market, a retry, a block. */
  readonly errors: ErrorDeclaration;
  readonly marketsRequest: {
    readonly endpoint: string;
    readonly params?: Readonly<Record<string, string | number | boolean>>;
  };
  /** How one window of hourly candles is requested. */
  readonly candlesRequest: CandleRequestDeclaration;
  readonly tradedValue: TradedValueSource;
  parseMarkets(body: unknown, context: RequestContext): Market[];
  /**
   * `query` is what the page was asked for (exclusive end, optional start, limit), so a parser
   * can refuse a page the exchange cannot have sent for it (a row after the end bound says the
   * bound is read differently than declared).
   */
  parseCandles(
    body: unknown,
    context: RequestContext,
    market: MarketRef,
    query: CandleQuery
  ): ExchangeCandle[];
  /**
   * Optional: reads a successful candle answer straight from its text, skipping the parsed tree
   * (upbit-compatible/candle-page-decoder.ts). It must give what `parseCandles` gives for the
   * same page, and return undefined for every page it is not sure of, error bodies included:
   * that page then takes the full path (exact parse, error envelope, `parseCandles`).
   */
  decodeCandles?(text: string, market: MarketRef): ExchangeCandle[] | undefined;
}
