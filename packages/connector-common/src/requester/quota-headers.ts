import type {QuotaHeaderParser} from './types';

/**
 * Building blocks for an exchange's quota-header parser (each exchange package declares its
 * own), and the parser for the IETF `RateLimit` header fields that several APIs adopted.
 */

/** A header by lower-case name; axios lower-cases names, raw header maps may not. */
export function headerValue(
  headers: Readonly<Record<string, string>>,
  lowerName: string
): string | undefined {
  const direct = headers[lowerName];
  if (direct !== undefined) return direct;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return value;
  }
  return undefined;
}

export function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[0-9]+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function positiveInt(value: string | undefined): number | undefined {
  const n = nonNegativeInt(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/**
 * `RateLimit: limit=50, remaining=48, reset=1` with `RateLimit-Policy: 50;w=1` (IETF
 * httpapi-ratelimit-headers draft). Only a one-second window maps onto the limiter's
 * per-second budget; another window's numbers are ignored rather than misread.
 */
export const ietfRateLimitHeader: QuotaHeaderParser = (headers) => {
  const fields = parseParams(headerValue(headers, 'ratelimit'));
  const remaining = nonNegativeInt(fields.get('remaining'));
  if (remaining === undefined) return undefined;
  const window = /;\s*w=(\d+)/.exec(headerValue(headers, 'ratelimit-policy') ?? '')?.[1];
  if (window !== undefined && window !== '1') return undefined;
  const limit = positiveInt(fields.get('limit'));
  return limit === undefined ? {remaining} : {remaining, limit};
};

function parseParams(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [key, val] = part.split('=');
    if (key && val !== undefined) out.set(key.trim().toLowerCase(), val.trim());
  }
  return out;
}
