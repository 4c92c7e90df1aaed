import type {QuotaHeaderParser, QuotaReading} from './types';

/** Pattern used by pyupbit; the group name seen for candles is `candles` (docs say `candle`). */
const UPBIT_REMAINING_REQ = /group=([a-z-]+); min=([0-9]+); sec=([0-9]+)/;

export interface UpbitRemainingReq {
  readonly group: string;
  /** Requests left in the current second. */
  readonly sec: number;
}

/** Parses Upbit's `Remaining-Req` value; `min` is deprecated and fixed, so it is dropped. */
export function parseUpbitRemainingReq(value: string | undefined): UpbitRemainingReq | undefined {
  if (value === undefined) return undefined;
  const match = UPBIT_REMAINING_REQ.exec(value);
  if (!match?.[1] || match[3] === undefined) return undefined;
  const sec = Number(match[3]);
  return Number.isSafeInteger(sec) ? {group: match[1], sec} : undefined;
}

/** Upbit: `remaining-req: group=candles; min=600; sec=9` -> {remaining: 9}. */
export const upbitQuotaHeader: QuotaHeaderParser = (headers) => {
  const parsed = parseUpbitRemainingReq(header(headers, 'remaining-req'));
  return parsed ? {remaining: parsed.sec} : undefined;
};

/**
 * Bithumb's gateway token bucket: `X-RateLimit-Remaining` tokens left, `X-RateLimit-Burst-Capacity`
 * bucket size, `X-RateLimit-Replenish-Rate` tokens per second. The smaller of capacity and rate
 * is what one second can sustain, so that is reported as the limit.
 */
export const bithumbQuotaHeader: QuotaHeaderParser = (headers) => {
  const remaining = nonNegativeInt(header(headers, 'x-ratelimit-remaining'));
  if (remaining === undefined) return undefined;
  const capacity = positiveInt(header(headers, 'x-ratelimit-burst-capacity'));
  const rate = positiveInt(header(headers, 'x-ratelimit-replenish-rate'));
  const limits = [capacity, rate].filter((n): n is number => n !== undefined);
  const reading: QuotaReading =
    limits.length > 0 ? {remaining, limit: Math.min(...limits)} : {remaining};
  return reading;
};

function header(headers: Readonly<Record<string, string>>, lowerName: string): string | undefined {
  // axios lower-cases names; look further only if a caller passed raw headers.
  const direct = headers[lowerName];
  if (direct !== undefined) return direct;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return value;
  }
  return undefined;
}

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[0-9]+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  const n = nonNegativeInt(value);
  return n !== undefined && n > 0 ? n : undefined;
}
