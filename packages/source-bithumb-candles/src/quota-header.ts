import {
  type QuotaHeaderParser,
  headerValue,
  nonNegativeInt,
  positiveInt,
} from '@korea-candles/connector-common';

/**
 * Bithumb's gateway token bucket: `X-RateLimit-Remaining` tokens left, `X-RateLimit-Burst-Capacity`
 * bucket size, `X-RateLimit-Replenish-Rate` tokens per second. The smaller of capacity and rate
 * is what one second can sustain, so that is reported as the limit.
 */
export const bithumbQuotaHeader: QuotaHeaderParser = (headers) => {
  const remaining = nonNegativeInt(headerValue(headers, 'x-ratelimit-remaining'));
  if (remaining === undefined) return undefined;
  const limits = [
    positiveInt(headerValue(headers, 'x-ratelimit-burst-capacity')),
    positiveInt(headerValue(headers, 'x-ratelimit-replenish-rate')),
  ].filter((n): n is number => n !== undefined);
  return limits.length > 0 ? {remaining, limit: Math.min(...limits)} : {remaining};
};
