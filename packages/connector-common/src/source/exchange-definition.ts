import type {RequestContext} from '../errors/connector-error';
import type {QuotaHeaderParser} from '../http/types';
import type {Candle} from '../model/candle';
import type {Market} from '../model/market';
import type {TimeParamZone} from '../time/hours';

/** A market the candle stream will read. */
export interface MarketRef {
  readonly market: string;
  readonly base: string;
  readonly quote: string;
}

export interface ExchangeRateLimit {
  /** The exchange's documented limit for this group: the default and the ceiling. */
  readonly documentedRequestsPerSecond: number;
}

/**
 * Everything a source needs to know about one exchange. An exchange package declares one
 * of these; the SDK does the rest (HTTP, limits, retries, paging, state, protocol).
 */
export interface ExchangeDefinition {
  /** Lower-case id written into every record, e.g. `upbit`. */
  readonly id: string;
  readonly displayName: string;
  /** Which API produced the rows, e.g. `upbit_v1`. */
  readonly sourceApi: string;
  readonly defaultBaseUrl: string;
  readonly documentationUrl: string;
  /** How the exchange reads a `to` without offset; the SDK always sends an explicit one. */
  readonly timeParamZone: TimeParamZone;
  /** Largest `count` the candle endpoint accepts. */
  readonly maxPageSize: number;
  readonly rateLimits: {readonly candles: ExchangeRateLimit; readonly markets: ExchangeRateLimit};
  /** Reads the exchange's remaining-quota headers, if it sends any. */
  readonly quotaHeader?: QuotaHeaderParser;
  readonly marketsRequest: {
    readonly endpoint: string;
    readonly params?: Readonly<Record<string, string | number | boolean>>;
  };
  /** Hourly candles endpoint; takes `market`, `to` (exclusive) and `count`, answers newest first. */
  readonly candlesEndpoint: string;
  parseMarkets(body: unknown, context: RequestContext): Market[];
  parseCandles(body: unknown, context: RequestContext, market: MarketRef): Candle[];
}
