import type {AxiosError} from 'axios';
import {ExchangeApiError, RateLimitedError, type RequestContext} from '../errors/connector-error';

/** Why an attempt failed in a way another attempt may fix. */
export type TransientKind =
  'rate_limited' | 'server_error' | 'timeout' | 'network' | 'invalid_body';

/** A failed attempt worth retrying; `summary` is what logs and the final error quote ("HTTP 503"). */
export class TransientHttpFailure extends Error {
  constructor(
    readonly kind: TransientKind,
    readonly summary: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    options?: {cause?: unknown}
  ) {
    super(summary, options);
    this.name = 'TransientHttpFailure';
  }
}

export interface RetryPolicy {
  /** Attempts per request, first included. */
  readonly maxAttempts: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a 429 without Retry-After stops the whole group (Upbit: at least 1 s). */
  readonly rateLimitPauseMs: number;
  /** A Retry-After longer than this is not waited out: the request fails at once. */
  readonly maxRetryAfterMs: number;
  /** A server that keeps sending broken JSON will not fix itself; give up sooner. */
  readonly maxInvalidBodyAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  rateLimitPauseMs: 1000,
  maxRetryAfterMs: 300_000,
  maxInvalidBodyAttempts: 3,
};

/**
 * Retry-After is whole seconds or an HTTP date (RFC 9110); fractional seconds are accepted
 * because they cost nothing and some gateways send them. Garbage yields undefined.
 */
export function parseRetryAfterMs(
  value: string | undefined,
  nowEpochMs: number = Date.now()
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^[0-9]+(\.[0-9]+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"): Date.parse accepts "-1" as a year.
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowEpochMs);
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ERR_NETWORK',
  // axios: the response stream broke off part-way (e.g. "stream has been aborted").
  'ERR_BAD_RESPONSE',
]);

/**
 * Classifies an error thrown before any HTTP status was seen. Timeouts and connection failures
 * are transient; anything else (a bad URL, a bug) is returned as undefined: not worth retrying.
 * `deadlineHit` says whether our own overall deadline aborted the request.
 */
export function classifyTransportError(
  err: unknown,
  deadlineHit: boolean
): TransientHttpFailure | undefined {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (deadlineHit || code === 'ECONNABORTED' || /timeout/i.test(message)) {
    return new TransientHttpFailure('timeout', `timeout (${message})`, undefined, undefined, {
      cause: err,
    });
  }
  if ((code && NETWORK_CODES.has(code)) || /socket hang up/i.test(message)) {
    return new TransientHttpFailure(
      'network',
      `${code ?? 'network error'} (${message})`,
      undefined,
      undefined,
      {
        cause: err,
      }
    );
  }
  return undefined;
}

/** axios's own `isAxiosError`, without loading axios (see loadAxios in exchange-http-client.ts). */
function isAxiosError(err: unknown): err is AxiosError {
  return (
    err !== null && typeof err === 'object' && 'isAxiosError' in err && err.isAxiosError === true
  );
}

function errorCode(err: unknown): string | undefined {
  if (isAxiosError(err)) return err.code ?? errorCode(err.cause);
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}

/** Whether p-retry should try again after this failure on attempt `attemptNumber`. */
export function shouldRetryHttpFailure(
  failure: TransientHttpFailure,
  attemptNumber: number,
  policy: RetryPolicy
): boolean {
  if (attemptNumber >= policy.maxAttempts) return false;
  if (failure.kind === 'invalid_body') return attemptNumber < policy.maxInvalidBodyAttempts;
  return true;
}

/** The error a caller sees once a transient failure was not (or no longer) retried. */
export function retriesExhaustedError(
  context: RequestContext,
  attempts: number,
  last: TransientHttpFailure
): ExchangeApiError {
  const detail = `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last.summary}`;
  if (last.kind === 'rate_limited') {
    return new RateLimitedError(
      context,
      last.retryAfterMs,
      `${detail}. Lower requests_per_second or stop other clients sharing this IP`
    );
  }
  return new ExchangeApiError(context, last.status, undefined, detail, 'transient_error', {
    cause: last,
  });
}
