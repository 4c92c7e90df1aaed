import type {Logger} from '../protocol/logger';

/**
 * What an exchange's quota headers say about the current window, e.g. Upbit
 * `Remaining-Req: group=candles; min=600; sec=9` -> {remaining: 9}.
 */
export interface QuotaReading {
  /** Requests still allowed in the current window. */
  readonly remaining: number;
  /** Window capacity, when the exchange tells it (Bithumb `X-RateLimit-Burst-Capacity`). */
  readonly limit?: number;
}

export type QuotaHeaderParser = (headers: Readonly<Record<string, string>>) => QuotaReading | undefined;

/** One rate-limit group (Upbit "candle", Bithumb "캔들" category...): its own budget. */
export interface RateLimitGroupConfig {
  /** Never more than this many requests start in any one-second window. */
  readonly requestsPerSecond: number;
  /** How many requests may be in flight at once; latency must not cap throughput. */
  readonly maxInFlight?: number;
}

export interface ExchangeHttpClientOptions {
  readonly exchange: string;
  readonly baseUrl: string;
  readonly rateLimits: Readonly<Record<string, RateLimitGroupConfig>>;
  readonly quotaHeader?: QuotaHeaderParser;
  readonly timeoutMs?: number;
  /** Attempts per request, first included (transient failures only). */
  readonly maxAttempts?: number;
  /** Base backoff for retries; jittered and doubled per attempt. */
  readonly minRetryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
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
