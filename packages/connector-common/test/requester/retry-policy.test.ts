import {AxiosError} from 'axios';
import {RateLimitedError} from '../../src/errors/connector-error';
import {
  DEFAULT_RETRY_POLICY,
  TransientHttpFailure,
  classifyTransportError,
  parseRetryAfterMs,
  retriesExhaustedError,
  shouldRetryHttpFailure,
} from '../../src/requester/retry-policy';

describe('parseRetryAfterMs', () => {
  it('reads seconds, fractional seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs(' 0.25 ')).toBe(250);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('Sun, 31 Dec 2023 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or garbled values', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs('-1')).toBeUndefined();
  });
});

describe('classifyTransportError', () => {
  it('retries connection failures and timeouts but not request bugs', () => {
    expect(
      classifyTransportError(new AxiosError('socket hang up', 'ECONNRESET'), false)?.kind
    ).toBe('network');
    expect(
      classifyTransportError(new AxiosError('timeout of 100ms exceeded', 'ECONNABORTED'), false)
        ?.kind
    ).toBe('timeout');
    expect(classifyTransportError(new AxiosError('canceled', 'ERR_CANCELED'), true)?.kind).toBe(
      'timeout'
    );
    expect(
      classifyTransportError(new AxiosError('canceled', 'ERR_CANCELED'), false)
    ).toBeUndefined();
    expect(
      classifyTransportError(new AxiosError('Invalid URL', 'ERR_INVALID_URL'), false)
    ).toBeUndefined();
  });
});

describe('shouldRetryHttpFailure', () => {
  const policy = {...DEFAULT_RETRY_POLICY, maxAttempts: 5, maxInvalidBodyAttempts: 3};
  it('stops at maxAttempts, and sooner for bodies that keep failing to parse', () => {
    const server = new TransientHttpFailure('server_error', 'HTTP 503', 503);
    const body = new TransientHttpFailure('invalid_body', 'bad JSON', 200);
    expect([1, 2, 3, 4, 5].map((n) => shouldRetryHttpFailure(server, n, policy))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect([1, 2, 3].map((n) => shouldRetryHttpFailure(body, n, policy))).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('retriesExhaustedError', () => {
  const ctx = {exchange: 'bithumb', endpoint: '/v1/candles/minutes/60', market: 'KRW-ETH'};
  it('names the attempts and the last cause, as a transient error', () => {
    const err = retriesExhaustedError(
      ctx,
      5,
      new TransientHttpFailure('server_error', 'HTTP 503', 503)
    );
    expect(err.message).toBe(
      'bithumb /v1/candles/minutes/60 (market KRW-ETH) failed: gave up after 5 attempts: HTTP 503'
    );
    expect(err.failureType).toBe('transient_error');
  });

  it('keeps rate limiting recognisable', () => {
    const err = retriesExhaustedError(
      ctx,
      1,
      new TransientHttpFailure('rate_limited', 'HTTP 429', 429, 1000)
    );
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.message).toContain('gave up after 1 attempt: HTTP 429');
  });
});
