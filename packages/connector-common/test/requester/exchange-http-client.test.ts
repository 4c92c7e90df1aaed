import axios from 'axios';
import nock from 'nock';
import {
  ExchangeApiError,
  IpBlockedError,
  RateLimitedError,
  UnknownMarketError,
} from '../../src/errors/connector-error';
import type {ErrorDeclaration} from '../../src/definition/error-declaration';
import {ExchangeHttpClient} from '../../src/requester/exchange-http-client';
import type {ExchangeHttpClientOptions} from '../../src/requester/types';
import {JsonNumber} from '../../src/json/json-number';
import type {Logger} from '../../src/protocol/logger';
import {FakeClock, settle} from './fake-clock';

const BASE = 'https://api.upbit.test';
const CANDLES = '/v1/candles/minutes/60';
const candleReq = {
  group: 'candles',
  endpoint: CANDLES,
  params: {market: 'KRW-BTC', count: 1},
  market: 'KRW-BTC',
};
const CANDLE_BODY =
  '[{"market":"KRW-BTC","candle_date_time_utc":"2024-01-01T00:00:00","opening_price":58000000.0,' +
  '"timestamp":1704067199950,"candle_acc_trade_price":37189906239683.17623,' +
  '"candle_acc_trade_volume":641.21834619,"unit":60}]';

function recordingLogger(): Logger & {warnings: string[]} {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (m) => void warnings.push(m),
    error: () => {},
  };
}

/** Upbit's `Remaining-Req` (its parser lives in source-upbit-candles). */
const upbitQuotaHeader = (headers: Readonly<Record<string, string>>) => {
  const sec = /sec=([0-9]+)/.exec(headers['remaining-req'] ?? '')?.[1];
  return sec === undefined ? undefined : {remaining: Number(sec)};
};

/** The Upbit-compatible envelope and meanings, as the Upbit and Bithumb packages declare them. */
const upbitErrors: ErrorDeclaration = {
  envelope: {when: {path: ['error']}, code: ['error', 'name'], message: ['error', 'message']},
  byStatus: {404: 'unknown_market', 418: 'blocked'},
  byCode: {server_error: 'transient'},
};

function client(overrides: Partial<ExchangeHttpClientOptions> = {}) {
  const logger = recordingLogger();
  const http = new ExchangeHttpClient({
    exchange: 'upbit',
    baseUrl: BASE,
    rateLimits: {candles: {requestsPerSecond: 50}},
    quotaHeader: upbitQuotaHeader,
    errors: upbitErrors,
    logger,
    timeoutMs: 2000,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    rateLimitPauseMs: 10,
    ...overrides,
  });
  return {http, logger};
}

/**
 * nock 15 only fails the request when given an Error: a plain `{code}` object leaves it hanging
 * until the timeout, which would test the timeout path instead.
 */
function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), {code});
}

/** Calls getJson and returns the rejection (failing the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<ExchangeApiError> {
  const outcome = await promise.then(
    (value) => ({value}),
    (error: unknown) => ({error})
  );
  if (!('error' in outcome))
    throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ExchangeApiError);
  return outcome.error as ExchangeApiError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches the http module every test file in this worker shares: unhook it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('ExchangeHttpClient: responses', () => {
  it('keeps every JSON number as the exact text the exchange sent', async () => {
    nock(BASE).get(CANDLES).query({market: 'KRW-BTC', count: 1}).reply(200, CANDLE_BODY);
    const {http} = client();
    const body = (await http.getJson(candleReq)) as Array<Record<string, unknown>>;
    expect(body[0]!.candle_acc_trade_price).toEqual(new JsonNumber('37189906239683.17623'));
    expect(body[0]!.opening_price).toEqual(new JsonNumber('58000000.0'));
    expect(body[0]!.timestamp).toEqual(new JsonNumber('1704067199950'));
    expect(body[0]!.market).toBe('KRW-BTC');
    expect(http.stats).toMatchObject({requests: 1, retries: 0});
  });

  it('gives a successful answer to the decoder first, and the parsed body when it declines', async () => {
    nock(BASE).get(CANDLES).query(true).times(2).reply(200, CANDLE_BODY);
    const {http} = client();
    const texts: string[] = [];
    const decoded = await http.getDecoded(candleReq, (text) => {
      texts.push(text);
      return text.length;
    });
    expect(decoded).toEqual({decoded: CANDLE_BODY.length});
    expect(texts).toEqual([CANDLE_BODY]);
    const declined = await http.getDecoded(candleReq, () => undefined);
    expect(declined).toEqual({body: expect.any(Array)});
  });

  it('checks a declined 2xx body for the error envelope; never decodes an error status', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, '{"error":{"name":"invalid_query","message":"bad to"}}');
    const {http} = client();
    const err = await failure(http.getDecoded(candleReq, () => undefined));
    expect(err.message).toContain('bad to');
    nock(BASE).get(CANDLES).query(true).reply(500, '[]').get(CANDLES).query(true).reply(200, '[]');
    const decoder = jest.fn((text: string) => text);
    await expect(http.getDecoded(candleReq, decoder)).resolves.toEqual({decoded: '[]'});
    expect(decoder).toHaveBeenCalledTimes(1);
  });

  it('sends `to` with its + and : percent-encoded so the offset survives', async () => {
    const to = '2024-01-01T00:00:00+09:00';
    let rawPath = '';
    nock(BASE)
      .get(CANDLES)
      .query({market: 'KRW-BTC', to, count: 200})
      .reply((req: Request) => {
        rawPath = new URL(req.url).search;
        return [200, '[]'];
      });
    const {http} = client();
    await expect(
      http.getJson({...candleReq, params: {market: 'KRW-BTC', to, count: 200}})
    ).resolves.toEqual([]);
    expect(rawPath).toBe('?market=KRW-BTC&to=2024-01-01T00%3A00%3A00%2B09%3A00&count=200');
  });

  it('never sends an Origin header, even when axios defaults carry one', async () => {
    const common = axios.defaults.headers.common as Record<string, unknown>;
    common.Origin = 'https://example.com';
    const seen: Record<string, string | null> = {};
    try {
      nock(BASE, {badheaders: ['origin']})
        .get(CANDLES)
        .query(true)
        .reply((req: Request) => {
          seen.origin = req.headers.get('origin');
          seen.userAgent = req.headers.get('user-agent');
          return [200, '[]'];
        });
      const {http} = client({userAgent: 'test-agent/1.0'});
      await http.getJson(candleReq);
    } finally {
      delete common.Origin;
    }
    expect(seen).toEqual({origin: null, userAgent: 'test-agent/1.0'});
  });

  it('sends requests below an overridden base URL, path prefix included', async () => {
    nock('http://localhost:8765').get(`/proxy${CANDLES}`).query(true).reply(200, '[]');
    const {http} = client({baseUrl: 'http://localhost:8765/proxy'});
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
  });

  it('feeds quota headers to the group limiter: sec=0 holds the next start for a window', async () => {
    const clock = new FakeClock();
    const scope = nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, '[]', {'Remaining-Req': 'group=candles; min=600; sec=0'})
      .get(CANDLES)
      .query(true)
      .reply(200, '[]', {'Remaining-Req': 'group=candles; min=600; sec=9'});
    const {http} = client({clock});
    await http.getJson(candleReq);
    let second = false;
    const next = http.getJson(candleReq).then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second).toBe(false);
    expect(scope.pendingMocks()).toHaveLength(1);
    await clock.advance(1000);
    await next;
    expect(second).toBe(true);
    scope.done();
  });
});

describe('ExchangeHttpClient: transient failures are retried', () => {
  it('retries after Upbit’s plain-text 429 and pauses the group first', async () => {
    const arrivals: number[] = [];
    const stamp = () => void arrivals.push(performance.now());
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(() => (stamp(), [429, 'Too many API requests.']))
      .get(CANDLES)
      .query(true)
      .reply(() => (stamp(), [200, '[]']));
    const {http, logger} = client({rateLimitPauseMs: 150});
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(140);
    expect(http.stats).toMatchObject({requests: 2, retries: 1, rateLimited429: 1});
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      /^upbit \/v1\/candles\/minutes\/60 \(market KRW-BTC\): attempt 1\/5 failed \(HTTP 429 "Too many API requests\."\); retrying in \d+ ms$/
    );
  });

  it('waits out the block an exchange documents after a 429 without Retry-After (Bithumb)', async () => {
    const arrivals: number[] = [];
    const stamp = () => void arrivals.push(performance.now());
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(() => (stamp(), [429, '{"error":{"name":429,"message":"Too Many Requests"}}']))
      .get(CANDLES)
      .query(true)
      .reply(() => (stamp(), [200, '[]']));
    // Two attempts, 10 ms between them by the retry policy: only the block makes it wait.
    const {http, logger} = client({
      rateLimits: {candles: {requestsPerSecond: 50, excessBlockMs: 400}},
      maxAttempts: 2,
    });
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(390);
    expect(logger.warnings[0]).toMatch(
      /HTTP 429 "Too Many Requests"\); retrying in (39\d|400) ms$/
    );
  });

  it('honours Retry-After for the whole group, not only the request that got the 429', async () => {
    const arrivals: Record<string, number> = {};
    const t0 = performance.now();
    nock(BASE)
      .get(CANDLES)
      .query({market: 'KRW-BTC', count: 1})
      .reply(() => [429, '', {'Retry-After': '0.3'}])
      .get(CANDLES)
      .query({market: 'KRW-BTC', count: 1})
      .reply(() => ((arrivals.retry = performance.now() - t0), [200, '[]']))
      .get(CANDLES)
      .query({market: 'KRW-ETH', count: 1})
      .reply(() => ((arrivals.other = performance.now() - t0), [200, '[]']));
    const {http} = client();
    const first = http.getJson(candleReq);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = http.getJson({
      ...candleReq,
      params: {market: 'KRW-ETH', count: 1},
      market: 'KRW-ETH',
    });
    await Promise.all([first, other]);
    expect(arrivals.retry).toBeGreaterThanOrEqual(290);
    expect(arrivals.other).toBeGreaterThanOrEqual(290);
  });

  it('fails at once when Retry-After asks for longer than it is willing to wait', async () => {
    const scope = nock(BASE).get(CANDLES).query(true).reply(429, '', {'Retry-After': '3600'});
    const {http} = client({maxRetryAfterMs: 60_000});
    const err = await failure(http.getJson(candleReq));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.message).toContain('Retry-After 3600 s');
    expect(err.failureType).toBe('transient_error');
    scope.done();
  });

  it('rides out a burst of 5xx', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(503, 'Service Unavailable')
      .get(CANDLES)
      .query(true)
      .reply(502, '<html>bad gateway</html>')
      .get(CANDLES)
      .query(true)
      .reply(500, '{"error":{"name":"server_error","message":"oops"}}')
      .get(CANDLES)
      .query(true)
      .reply(200, CANDLE_BODY);
    const {http, logger} = client();
    const body = (await http.getJson(candleReq)) as unknown[];
    expect(body).toHaveLength(1);
    expect(http.stats).toMatchObject({requests: 4, retries: 3, serverErrors: 3});
    expect(logger.warnings.map((w) => /\((HTTP \d+)\)/.exec(w)?.[1])).toEqual([
      'HTTP 503',
      'HTTP 502',
      'HTTP 500',
    ]);
    expect(logger.warnings.join('\n')).not.toContain('bad gateway');
  });

  it('retries a reset connection', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .replyWithError(networkError('ECONNRESET', 'socket hang up'))
      .get(CANDLES)
      .query(true)
      .reply(200, '[]');
    const {http, logger} = client();
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
    expect(http.stats).toMatchObject({requests: 2, retries: 1, networkErrors: 1});
    expect(logger.warnings[0]).toContain('ECONNRESET');
  });

  it('retries a refused connection', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .replyWithError(networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'))
      .get(CANDLES)
      .query(true)
      .reply(200, '[]');
    const {http} = client();
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
    expect(http.stats.networkErrors).toBe(1);
  });

  it('retries a request that timed out', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .delay(1000)
      .reply(200, '[]')
      .get(CANDLES)
      .query(true)
      .reply(200, '[{"market":"KRW-BTC"}]');
    const {http, logger} = client({timeoutMs: 100});
    const started = performance.now();
    await expect(http.getJson(candleReq)).resolves.toEqual([{market: 'KRW-BTC'}]);
    expect(performance.now() - started).toBeLessThan(900);
    expect(http.stats).toMatchObject({requests: 2, retries: 1, timeouts: 1});
    expect(logger.warnings[0]).toContain('timeout');
  });

  it('retries a truncated JSON body, a bounded number of times', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, CANDLE_BODY.slice(0, 60))
      .get(CANDLES)
      .query(true)
      .reply(200, CANDLE_BODY);
    const {http} = client();
    await expect(http.getJson(candleReq)).resolves.toHaveLength(1);
    expect(http.stats).toMatchObject({requests: 2, invalidBodies: 1});

    const scope = nock(BASE)
      .get(CANDLES)
      .query(true)
      .times(5)
      .reply(200, '<html>maintenance</html>');
    const err = await failure(http.getJson(candleReq));
    expect(err.message).toContain(
      'gave up after 3 attempts: HTTP 200 with a body that is not valid JSON'
    );
    expect(scope.pendingMocks()).toHaveLength(1); // 2 of the 5 replies were never asked for
  });
});

describe('ExchangeHttpClient: failures that are not retried', () => {
  it('bounds attempts and says how many were made and the last cause', async () => {
    const scope = nock(BASE).get(CANDLES).query(true).times(3).reply(503, 'down');
    const {http, logger} = client({maxAttempts: 3});
    const err = await failure(http.getJson(candleReq));
    expect(err.message).toBe(
      'upbit /v1/candles/minutes/60 (market KRW-BTC) failed: gave up after 3 attempts: HTTP 503'
    );
    expect(err.failureType).toBe('transient_error');
    expect(err.status).toBe(503);
    expect(http.stats).toMatchObject({requests: 3, retries: 2});
    expect(logger.warnings).toHaveLength(2);
    scope.done();
  });

  it('reports exhausted 429 retries as RateLimitedError', async () => {
    nock(BASE).get(CANDLES).query(true).times(2).reply(429, 'Too many API requests.');
    const {http} = client({maxAttempts: 2});
    const err = await failure(http.getJson(candleReq));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.message).toContain('gave up after 2 attempts: HTTP 429');
  });

  it('stops at the first 418: more calls would lengthen the IP block', async () => {
    const scope = nock(BASE)
      .get(CANDLES)
      .query(true)
      .times(2)
      .reply(418, '{"error":{"name":"418","message":"IP blocked for 60 seconds"}}');
    const {http} = client();
    const err = await failure(http.getJson(candleReq));
    expect(err).toBeInstanceOf(IpBlockedError);
    expect(err.message).toContain('IP blocked for 60 seconds');
    expect(http.stats).toMatchObject({requests: 1, retries: 0});
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('sends nothing more once the IP is blocked, and fails every waiting request with the block', async () => {
    const scope = nock(BASE)
      .get(CANDLES)
      .query(true)
      .times(5)
      .reply(418, '{"error":{"name":"418","message":"IP blocked for 60 seconds"}}');
    // One request a second: the first goes at once, the other four wait for their permits.
    const {http} = client({
      rateLimits: {candles: {requestsPerSecond: 1}, markets: {requestsPerSecond: 1}},
    });
    const calls = [1, 2, 3, 4, 5].map(() =>
      http.getJson(candleReq).then(
        () => 'data',
        (err: unknown) => err
      )
    );
    const outcomes = await Promise.all(calls);
    // All five settle (none is left pending), each with the block, and only the first was sent.
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(IpBlockedError);
    expect((outcomes[4] as Error).message).toContain('IP blocked for 60 seconds');
    // The block is the IP's: another group sends nothing either.
    const markets = await failure(
      http.getJson({group: 'markets', endpoint: '/v1/market/all', params: {}})
    );
    expect(markets).toBeInstanceOf(IpBlockedError);
    expect(http.stats.requests).toBe(1);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('fails at once on a 400 error body, quoting its name and message', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(
        400,
        '{"error":{"name":400,"message":"Missing request parameter error. Check the required parameters!"}}'
      );
    const {http} = client();
    const err = await failure(http.getJson(candleReq));
    expect(err.status).toBe(400);
    expect(err.errorName).toBe('400');
    expect(err.message).toContain(
      'upbit /v1/candles/minutes/60 (market KRW-BTC) failed: HTTP 400 error "400": Missing request parameter error'
    );
    expect(http.stats.requests).toBe(1);
  });

  it('does not follow a redirect: it fails at once naming where it points', async () => {
    const elsewhere = nock('https://elsewhere.test').get(/.*/).reply(200, CANDLE_BODY);
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(301, '', {Location: 'https://elsewhere.test/v1/candles/minutes/60?market=KRW-BTC'});
    const {http} = client();
    const err = await failure(http.getJson(candleReq));
    expect(err.status).toBe(301);
    expect(err.failureType).toBe('config_error');
    expect(err.message).toContain(
      'failed: HTTP 301: the exchange redirects to "https://elsewhere.test/v1/candles/minutes/60?market=KRW-BTC".'
    );
    expect(err.message).toContain('set api_base_url to the new address');
    expect(elsewhere.isDone()).toBe(false);
    expect(http.stats.requests).toBe(1);
  });

  it('reports an unknown market (404) as a config error on that market', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(404, '{"error":{"name":404,"message":"Code not found"}}');
    const {http} = client();
    const err = await failure(http.getJson({...candleReq, market: 'KRW-NOPE'}));
    expect(err.failureType).toBe('config_error');
    expect(err.context.market).toBe('KRW-NOPE');
    expect(err.message).toContain('Code not found');
  });

  it('fails on an HTTP 200 that carries an error body (Bithumb)', async () => {
    nock('https://api.bithumb.test')
      .get(CANDLES)
      .query(true)
      .reply(200, '{"error":{"name":"invalid_parameter","message":"잘못된 파라미터"}}');
    const {http} = client({exchange: 'bithumb', baseUrl: 'https://api.bithumb.test'});
    const err = await failure(http.getJson(candleReq));
    expect(err.status).toBe(200);
    expect(err.errorName).toBe('invalid_parameter');
    expect(err.message).toContain(
      'bithumb /v1/candles/minutes/60 (market KRW-BTC) failed: HTTP 200 error "invalid_parameter": 잘못된 파라미터'
    );
    expect(http.stats.requests).toBe(1);
  });

  it('refuses a request in a rate-limit group it was not configured with', async () => {
    const {http} = client();
    await expect(http.getJson({...candleReq, group: 'ticker'})).rejects.toThrow(
      'rate-limit group "ticker" is not configured (configured: candles)'
    );
  });

  it('survives a quota parser that throws', async () => {
    nock(BASE).get(CANDLES).query(true).reply(200, '[]');
    const {http} = client({
      quotaHeader: () => {
        throw new Error('bad parser');
      },
    });
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
    await settle();
  });
});

describe('ExchangeHttpClient: declared error meanings', () => {
  afterEach(() => nock.cleanAll());

  it('retries a transient error carried in an HTTP 200 body, then returns the data', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(
        200,
        '{"error":{"name":"server_error","message":"Temporary server error. Please retry."}}'
      )
      .get(CANDLES)
      .query(true)
      .reply(200, '[]');
    const {http, logger} = client();
    await expect(http.getJson(candleReq)).resolves.toEqual([]);
    expect(http.stats).toMatchObject({requests: 2, retries: 1});
    expect(logger.warnings[0]).toContain('HTTP 200 error "server_error": Temporary server error');
  });

  it('reports a declared unknown market as UnknownMarketError (config_error)', async () => {
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(404, '{"error":{"name":404,"message":"Code not found"}}');
    const err = await failure(client().http.getJson(candleReq));
    expect(err).toBeInstanceOf(UnknownMarketError);
    expect(err.failureType).toBe('config_error');
  });

  it('stops at once on a block announced in a 200 body (Coinone code 4)', async () => {
    const coinone: ErrorDeclaration = {
      envelope: {
        when: {path: ['result'], equals: 'error'},
        code: ['error_code'],
        message: ['error_msg'],
      },
      byCode: {'4': 'blocked'},
    };
    const scope = nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, '{"result":"error","error_code":"4","error_msg":"Blocked user access."}');
    const {http} = client({errors: coinone});
    const err = await failure(http.getJson(candleReq));
    expect(err).toBeInstanceOf(IpBlockedError);
    expect(err.status).toBe(200);
    expect(err.message).toContain('Blocked user access.');
    expect(http.stats.requests).toBe(1);
    scope.done();
  });

  it('waits out a 429 with an envelope and Retry-After (Korbit), then succeeds', async () => {
    const korbit: ErrorDeclaration = {
      envelope: {
        when: {path: ['success'], equals: false},
        code: ['error', 'message'],
        message: ['error', 'message'],
      },
    };
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(429, '{"success":false,"error":{"message":"TOO_MANY_REQUESTS"}}', {'Retry-After': '0'})
      .get(CANDLES)
      .query(true)
      .reply(200, '{"success":true,"data":[]}');
    const {http} = client({errors: korbit});
    await expect(http.getJson(candleReq)).resolves.toEqual({success: true, data: []});
    expect(http.stats).toMatchObject({requests: 2, rateLimited429: 1});
  });

  it('without a declaration, treats a JSON body with an error field as data (no envelope assumed)', async () => {
    nock(BASE).get(CANDLES).query(true).reply(200, '{"error":{"name":"x","message":"y"}}');
    const {http} = client({errors: undefined});
    await expect(http.getJson(candleReq)).resolves.toEqual({error: {name: 'x', message: 'y'}});
  });
});
