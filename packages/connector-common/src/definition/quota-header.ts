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

export type QuotaHeaderParser = (
  headers: Readonly<Record<string, string>>
) => QuotaReading | undefined;
