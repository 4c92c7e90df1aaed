/**
 * Every error a connector raises on purpose carries the Airbyte failure type the platform
 * needs to decide between "fix your config", "retry later" and "this is a bug", and a
 * message written for the person reading the sync log.
 */
export type FailureType = 'config_error' | 'transient_error' | 'system_error';

export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly failureType: FailureType,
    options?: {cause?: unknown}
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user's configuration (or catalog, or state file) is wrong; retrying will not help. */
export class ConfigError extends ConnectorError {
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, 'config_error', options);
  }
}

/** Where in the exchange API a problem happened; every API error names it. */
export interface RequestContext {
  readonly exchange: string;
  readonly endpoint: string;
  readonly market?: string;
}

export function describeRequest(ctx: RequestContext): string {
  return `${ctx.exchange} ${ctx.endpoint}${ctx.market ? ` (market ${ctx.market})` : ''}`;
}

/** The exchange answered with an error (HTTP status, or an error body with any status). */
export class ExchangeApiError extends ConnectorError {
  constructor(
    readonly context: RequestContext,
    readonly status: number | undefined,
    readonly errorName: string | undefined,
    detail: string,
    failureType: FailureType,
    options?: {cause?: unknown}
  ) {
    super(`${describeRequest(context)} failed: ${detail}`, failureType, options);
  }
}

/** The exchange says it does not know the requested market (declared per exchange). */
export class UnknownMarketError extends ExchangeApiError {}

/** HTTP 429: over the exchange's rate limit. Retried with backoff; surfaces only when retries run out. */
export class RateLimitedError extends ExchangeApiError {
  constructor(
    context: RequestContext,
    readonly retryAfterMs: number | undefined,
    detail: string
  ) {
    super(context, 429, 'too_many_requests', detail, 'transient_error');
  }
}

/** The exchange has blocked this IP (Upbit 418, Coinone code 4). Never retried: more calls lengthen the block. */
export class IpBlockedError extends ExchangeApiError {
  constructor(context: RequestContext, detail: string, status: number | undefined = 418) {
    super(
      context,
      status,
      'ip_blocked',
      `the exchange has blocked this IP address for exceeding its rate limit (${detail}). ` +
        'Stop all clients on this IP, wait for the block to lift, then lower requests_per_second.',
      'transient_error'
    );
  }
}

/** The response did not match the documented shape; its data is never emitted. */
export class ResponseValidationError extends ConnectorError {
  constructor(
    readonly context: RequestContext,
    readonly field: string,
    readonly problem: string
  ) {
    super(
      `${describeRequest(context)} returned data that does not match the documented response: ` +
        `field "${field}" ${problem}. No record from this response was emitted.`,
      'system_error'
    );
  }
}

export function failureTypeOf(err: unknown): FailureType {
  return err instanceof ConnectorError ? err.failureType : 'system_error';
}
