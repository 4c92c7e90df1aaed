import {AsyncLocalStorage} from 'node:async_hooks';
import * as diagnostics from 'node:diagnostics_channel';
import type * as http from 'node:http';
import type {AxiosInstance, AxiosResponse, AxiosStatic} from 'axios';
import pRetry, {AbortError} from 'p-retry';
import {
  ConfigError,
  ConnectorError,
  ExchangeApiError,
  IpBlockedError,
  RateLimitedError,
  type RequestContext,
  describeRequest,
} from '../errors/connector-error';
import {parseJsonExact} from '../json/json-number';
import type {Logger} from '../protocol/logger';
import {bodySnippet, describeExchangeError, exchangeApiErrorFrom} from './error-body';
import {
  type ErrorDeclaration,
  type ErrorMeaning,
  type ExchangeErrorBody,
  errorMeaning,
  findErrorEnvelope,
  parseErrorBodyText,
} from '../definition/error-declaration';
import {encodeQuery} from './query';
import {SlidingWindowRateLimiter} from './rate-limiter';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  TransientHttpFailure,
  classifyTransportError,
  parseRetryAfterMs,
  retriesExhaustedError,
  shouldRetryHttpFailure,
} from './retry-policy';
import type {ExchangeHttpClientOptions, JsonRequest, QuotaHeaderParser} from './types';

export const DEFAULT_USER_AGENT = 'korea-candles-airbyte-source (+https://airbyte.com)';
/**
 * 4% of a one-second window. Requests leave a busy process (and reach a busy gateway) with
 * tens of milliseconds of jitter; measured here, 20 ms still let an 11th request into an
 * exchange's second now and then. A 429 costs a one-second pause and risks an IP block, so
 * 4% of the allowed rate is the cheaper side.
 */
export const DEFAULT_SAFETY_MARGIN_MS = 40;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpClientStats {
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited429: number;
  readonly serverErrors: number;
  readonly timeouts: number;
  readonly networkErrors: number;
  readonly invalidBodies: number;
}

type MutableStats = {-readonly [K in keyof HttpClientStats]: HttpClientStats[K]};

/**
 * Tells the rate limiter when a request has actually left: Node publishes every ClientRequest it
 * creates (`http.client.request.created`), still inside the async context of the `getJson` call
 * that made it, so the permit held there hears the request's `finish` (written to the socket,
 * after any connect). Requests made outside `getJson` carry no permit and are left alone.
 */
const sendListener = new AsyncLocalStorage<() => void>();
diagnostics.subscribe('http.client.request.created', (message) => {
  const onSent = sendListener.getStore();
  const request = (message as {request?: http.ClientRequest}).request;
  if (onSent && request) request.once('finish', onSent);
});

/** Browser-only headers: Upbit throttles any request with `Origin` to 1 per 10 s. */
const FORBIDDEN_HEADERS = ['origin', 'referer'];

/**
 * GETs JSON from one exchange's public API: rate-limited per group, retried on transient
 * failures only, numbers kept exact (JsonNumber), every error naming exchange, endpoint and market.
 */
/**
 * axios, loaded on the first client: it takes about 0.1 s to load, and `spec`, `discover` and a
 * `check` of a bad config, which the platform runs on every connector page view, never send a
 * request.
 */
function loadAxios(): AxiosStatic {
  // A literal require, so a bundler carries axios (still loaded only here).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('axios') as AxiosStatic;
}

/** Like axios, node:http and node:https (TLS) take tens of ms to load: loaded by the first client. */
function loadNodeModule<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(name) as T;
}

export class ExchangeHttpClient {
  private readonly http: AxiosInstance;
  private readonly limiters = new Map<string, SlidingWindowRateLimiter>();
  private readonly policy: RetryPolicy;
  private readonly logger: Logger;
  private readonly quotaHeader: QuotaHeaderParser | undefined;
  private readonly errors: ErrorDeclaration;
  private readonly timeoutMs: number;
  private readonly counters: MutableStats = {
    requests: 0,
    retries: 0,
    rateLimited429: 0,
    serverErrors: 0,
    timeouts: 0,
    networkErrors: 0,
    invalidBodies: 0,
  };

  constructor(private readonly options: ExchangeHttpClientOptions) {
    this.policy = resolvePolicy(options);
    this.logger = options.logger;
    this.quotaHeader = options.quotaHeader;
    this.errors = options.errors ?? {};
    this.timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    if (!/^https?:\/\//.test(options.baseUrl)) {
      throw new ConfigError(
        `${options.exchange}: base_url must start with http:// or https://, got "${options.baseUrl}"`
      );
    }
    for (const [group, config] of Object.entries(options.rateLimits)) {
      this.limiters.set(
        group,
        new SlidingWindowRateLimiter(group, config, {
          clock: options.clock,
          safetyMarginMs: options.rateLimitSafetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS,
          evenSpacing: true,
        })
      );
    }
    this.http = loadAxios().create({
      baseURL: options.baseUrl,
      // A configured base URL must win: an absolute endpoint may not send requests elsewhere.
      allowAbsoluteUrls: false,
      timeout: this.timeoutMs,
      headers: {
        'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
        Accept: 'application/json',
      },
      // Raw text in, parseJsonExact out: JSON.parse would round 37189906239683.17623.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // Reused connections: no handshake per request, so requests reach the exchange when
      // the limiter lets them go (and latency stays one round trip).
      httpAgent: new (loadNodeModule<typeof http>('node:http').Agent)({keepAlive: true}),
      httpsAgent: new (loadNodeModule<typeof import('node:https')>('node:https').Agent)({
        keepAlive: true,
      }),
      validateStatus: () => true,
      // Not followed, for the reason above: a redirect is an error naming where it points.
      // (Also spares every request axios's redirect-following wrapper.)
      maxRedirects: 0,
      paramsSerializer: {serialize: encodeQuery},
    });
    this.http.interceptors.request.use((config) => {
      // Global axios defaults or a proxy-minded caller must not smuggle in browser headers.
      for (const name of FORBIDDEN_HEADERS) config.headers.delete(name);
      return config;
    });
  }

  get stats(): HttpClientStats {
    return {...this.counters};
  }

  /** Requests (retries included), retries and 429s so far: the progress log's RequestCounter. */
  requestCounts(): {requests: number; retries: number; rateLimited429: number} {
    const {requests, retries, rateLimited429} = this.counters;
    return {requests, retries, rateLimited429};
  }

  /** GETs `req.endpoint` and returns the parsed body (numbers as JsonNumber). */
  async getJson(req: JsonRequest): Promise<unknown> {
    const answer = await this.getDecoded<never>(req, undefined);
    return 'body' in answer ? answer.body : undefined;
  }

  /**
   * GETs `req.endpoint` and returns a successful answer as `decode` reads its text, or, when
   * `decode` declines it (undefined), as the parsed body, checked for the error envelope like
   * any other. `decode` must decline every error body: it sees the text before that check.
   */
  async getDecoded<T>(
    req: JsonRequest,
    decode: ((text: string) => T | undefined) | undefined
  ): Promise<{decoded: T} | {body: unknown}> {
    const limiter = this.limiters.get(req.group);
    const context: RequestContext = {
      exchange: this.options.exchange,
      endpoint: req.endpoint,
      market: req.market,
    };
    if (!limiter) {
      throw new ConnectorError(
        `${describeRequest(context)}: rate-limit group "${req.group}" is not configured ` +
          `(configured: ${[...this.limiters.keys()].join(', ') || 'none'})`,
        'system_error'
      );
    }
    let attempts = 0;
    try {
      return await pRetry(
        async () => {
          attempts++;
          return await this.attempt(req, context, limiter, decode);
        },
        {
          retries: this.policy.maxAttempts - 1,
          minTimeout: this.policy.minDelayMs,
          maxTimeout: this.policy.maxDelayMs,
          factor: 2,
          randomize: true,
          shouldRetry: ({error, attemptNumber}) =>
            error instanceof TransientHttpFailure &&
            shouldRetryHttpFailure(error, attemptNumber, this.policy),
          onFailedAttempt: ({error, attemptNumber, retriesLeft, retryDelay}) => {
            if (!(error instanceof TransientHttpFailure) || retriesLeft === 0) return;
            if (!shouldRetryHttpFailure(error, attemptNumber, this.policy)) return;
            this.counters.retries++;
            const wait = Math.max(retryDelay, limiter.pauseRemainingMs());
            this.logger.warn(
              `${describeRequest(context)}: attempt ${attemptNumber}/${this.policy.maxAttempts} ` +
                `failed (${error.summary}); retrying in ${Math.round(wait)} ms`
            );
          },
        }
      );
    } catch (err) {
      if (err instanceof TransientHttpFailure) throw retriesExhaustedError(context, attempts, err);
      throw err;
    }
  }

  /** One HTTP exchange under the group's limiter; throws TransientHttpFailure or AbortError. */
  private async attempt<T>(
    req: JsonRequest,
    context: RequestContext,
    limiter: SlidingWindowRateLimiter,
    decode: ((text: string) => T | undefined) | undefined
  ): Promise<{decoded: T} | {body: unknown}> {
    const permit = await limiter.acquire();
    const response = await (async () => {
      this.counters.requests++;
      const deadline = AbortSignal.timeout(this.timeoutMs);
      try {
        return await sendListener.run(permit.sent, () =>
          this.http.get<string>(req.endpoint, {params: req.params, signal: deadline})
        );
      } catch (err) {
        const transient = classifyTransportError(err, deadline.aborted);
        if (!transient) {
          throw new AbortError(
            new ExchangeApiError(
              context,
              undefined,
              undefined,
              `request could not be sent: ${err instanceof Error ? err.message : String(err)}`,
              'system_error',
              {cause: err}
            )
          );
        }
        if (transient.kind === 'timeout') this.counters.timeouts++;
        else this.counters.networkErrors++;
        throw transient;
      }
    })().finally(() => permit.release());
    const headers = plainHeaders(response);
    limiter.observe(this.readQuota(headers), permit.startedAt);
    return this.interpret(response, headers, context, limiter, decode);
  }

  private interpret<T>(
    response: AxiosResponse<string>,
    headers: Record<string, string>,
    context: RequestContext,
    limiter: SlidingWindowRateLimiter,
    decode: ((text: string) => T | undefined) | undefined
  ): {decoded: T} | {body: unknown} {
    const status = response.status;
    const text = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const ok = status >= 200 && status < 300;
    if (status >= 300 && status < 400)
      throw new AbortError(redirectError(context, status, headers));
    if (!ok) {
      const envelope = parseErrorBodyText(this.errors.envelope, text);
      return this.fail(context, status, envelope, text, headers, limiter);
    }
    const decoded = decode?.(text);
    if (decoded !== undefined) return {decoded};
    let body: unknown;
    try {
      body = parseJsonExact(text);
    } catch (err) {
      this.counters.invalidBodies++;
      // Truncated or garbled bodies happen when a connection drops mid-response; retry a little.
      throw new TransientHttpFailure(
        'invalid_body',
        `HTTP ${status} with a body that is not valid JSON (${text.length} chars, starts ${bodySnippet(text, 40)})`,
        status,
        undefined,
        {cause: err}
      );
    }
    // Several exchanges answer errors with HTTP 200, so every body is checked.
    const envelope = findErrorEnvelope(this.errors.envelope, body);
    if (envelope) return this.fail(context, status, envelope, text, headers, limiter);
    return {body};
  }

  /** Acts on an error answer by its meaning: pause and retry, retry, or fail with the reason. */
  private fail(
    context: RequestContext,
    status: number,
    envelope: ExchangeErrorBody | undefined,
    text: string,
    headers: Record<string, string>,
    limiter: SlidingWindowRateLimiter
  ): never {
    const meaning: ErrorMeaning | undefined =
      errorMeaning(this.errors, status, envelope) ??
      (status === 429 ? 'rate_limited' : status >= 500 ? 'transient' : undefined);
    const said = envelope?.message || text.trim();
    const summary = `HTTP ${status}${said ? ` ${bodySnippet(said, 60)}` : ''}`;
    if (meaning === 'rate_limited') {
      this.counters.rateLimited429++;
      const retryAfterMs = parseRetryAfterMs(headers['retry-after']);
      if (retryAfterMs !== undefined && retryAfterMs > this.policy.maxRetryAfterMs) {
        throw new AbortError(
          new RateLimitedError(
            context,
            retryAfterMs,
            `${summary} with Retry-After ${Math.round(retryAfterMs / 1000)} s, longer than the ` +
              `${Math.round(this.policy.maxRetryAfterMs / 1000)} s this connector waits. ` +
              'Run the sync later or lower requests_per_second'
          )
        );
      }
      // Upbit: keep hammering after a 429 and the IP gets blocked (418), so the group stops;
      // Bithumb: the group is shut for a minute, and retrying sooner only fails again.
      const blockMs = limiter.excessBlockMs;
      limiter.pause(Math.max(retryAfterMs ?? Math.max(this.policy.rateLimitPauseMs, blockMs), 0));
      throw new TransientHttpFailure('rate_limited', summary, 429, retryAfterMs);
    }
    if (meaning === 'blocked') {
      // The block is the IP's: no group may send again, and nothing waiting is sent.
      const blocked = new IpBlockedError(context, summary, status);
      for (const group of this.limiters.values()) group.close(blocked);
      throw new AbortError(blocked);
    }
    if (meaning === 'transient') {
      this.counters.serverErrors++;
      // A 5xx says all there is to say; a transient error in a 2xx body is told by its code.
      const detail =
        envelope && status < 500 ? describeExchangeError(status, envelope, text) : `HTTP ${status}`;
      throw new TransientHttpFailure('server_error', detail, status);
    }
    throw new AbortError(exchangeApiErrorFrom(context, status, envelope, text, meaning));
  }

  private readQuota(headers: Record<string, string>) {
    try {
      return this.quotaHeader?.(headers);
    } catch (err) {
      // Parsers must not throw, but a bad one must never fail a sync either.
      this.logger.debug(`${this.options.exchange}: quota header parser failed: ${String(err)}`);
      return undefined;
    }
  }
}

function redirectError(
  context: RequestContext,
  status: number,
  headers: Record<string, string>
): ExchangeApiError {
  const location = headers.location ? ` to ${bodySnippet(headers.location, 200)}` : '';
  return new ExchangeApiError(
    context,
    status,
    undefined,
    `HTTP ${status}: the exchange redirects${location}. Redirects are not followed, so requests ` +
      'never leave the configured api_base_url; if the exchange has moved its API, set ' +
      'api_base_url to the new address',
    'config_error'
  );
}

function plainHeaders(response: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function resolvePolicy(options: ExchangeHttpClientOptions): RetryPolicy {
  const d = DEFAULT_RETRY_POLICY;
  const maxAttempts = options.maxAttempts ?? d.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new ConfigError(`maxAttempts must be a whole number >= 1, got ${maxAttempts}`);
  }
  const minDelayMs = nonNegative(options.minRetryDelayMs ?? d.minDelayMs, 'minRetryDelayMs');
  const maxDelayMs = nonNegative(options.maxRetryDelayMs ?? d.maxDelayMs, 'maxRetryDelayMs');
  if (maxDelayMs < minDelayMs) {
    throw new ConfigError(
      `maxRetryDelayMs (${maxDelayMs}) must not be below minRetryDelayMs (${minDelayMs})`
    );
  }
  return {
    maxAttempts,
    minDelayMs,
    maxDelayMs,
    rateLimitPauseMs: nonNegative(
      options.rateLimitPauseMs ?? d.rateLimitPauseMs,
      'rateLimitPauseMs'
    ),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs ?? d.maxRetryAfterMs, 'maxRetryAfterMs'),
    maxInvalidBodyAttempts: Math.min(d.maxInvalidBodyAttempts, maxAttempts),
  };
}

function nonNegative(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${field} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${field} must be a finite number > 0, got ${value}`);
  }
  return value;
}
