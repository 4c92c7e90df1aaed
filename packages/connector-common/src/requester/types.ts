import type {Logger} from '../protocol/logger';
import type {Clock} from './clock';
import type {ErrorDeclaration} from '../definition/error-declaration';

import type {QuotaHeaderParser} from '../definition/quota-header';
export type {QuotaReading, QuotaHeaderParser} from '../definition/quota-header';

/** One rate-limit group (Upbit "candle", Bithumb "캔들" category...): its own budget. */
export interface RateLimitGroupConfig {
  /** Never more than this many requests start in any one-second window. */
  readonly requestsPerSecond: number;
  /** How many requests may be in flight at once; latency must not cap throughput. */
  readonly maxInFlight?: number;
  /** How long a 429 without Retry-After stops this group, when longer than the default pause. */
  readonly excessBlockMs?: number;
}

export interface ExchangeHttpClientOptions {
  readonly exchange: string;
  readonly baseUrl: string;
  readonly rateLimits: Readonly<Record<string, RateLimitGroupConfig>>;
  readonly quotaHeader?: QuotaHeaderParser;
  /** Where the exchange puts errors and what they mean; without it, only HTTP statuses count. */
  readonly errors?: ErrorDeclaration;
  readonly timeoutMs?: number;
  /** Attempts per request, first included (transient failures only). */
  readonly maxAttempts?: number;
  /** Base backoff for retries; jittered and doubled per attempt. */
  readonly minRetryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** How long a 429 without Retry-After stops its whole group; default 1000 (Upbit asks >= 1 s). */
  readonly rateLimitPauseMs?: number;
  /** A Retry-After longer than this fails the request instead of being waited out; default 300000. */
  readonly maxRetryAfterMs?: number;
  /** Time source for the rate limiters (tests); default the monotonic system clock. */
  readonly clock?: Clock;
  /** Extra spacing on each one-second window (see SlidingWindowRateLimiter); default 40 ms. */
  readonly rateLimitSafetyMarginMs?: number;
  readonly logger: Logger;
  readonly userAgent?: string;
}

export interface JsonRequest {
  /** Rate-limit group key in ExchangeHttpClientOptions.rateLimits. */
  readonly group: string;
  /** Path below the base URL, e.g. `/v1/candles/minutes/60`. */
  readonly endpoint: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** Named in every error about this request. */
  readonly market?: string;
}
