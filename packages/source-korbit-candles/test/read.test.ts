import {
  configuredCatalog,
  type InProcessRun,
  runInProcess,
} from '@korea-candles/connector-common/testing';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import nock from 'nock';

import {korbit} from '../src/korbit';
import {candlePage, errorBody, hours, korbitAnswer, queryOf} from './exchange-responses';

const BASE = 'https://api.korbit.test';
const CANDLES = '/v2/candles';
const PAIRS = readFileSync(join(__dirname, 'fixtures/currency-pairs.json'), 'utf8');
const CANDLES_BTC = readFileSync(join(__dirname, 'fixtures/candles-btc_krw.json'), 'utf8');
const NOW = '2024-01-10T00:30:00Z';
const ms = (utc: string) => String(Date.parse(utc));
/** Korbit's IETF rate-limit headers, as its docs show them. */
const QUOTA = {ratelimit: 'limit=50, remaining=48, reset=1', 'ratelimit-policy': '50;w=1'};
const candlesCatalog = configuredCatalog(['candles_hourly', 'incremental']);
const config = (extra: object = {}) => ({
  start_date: '2024-01-09T20:00:00Z',
  markets: ['btc_krw'],
  api_base_url: BASE,
  max_attempts: 3,
  ...extra,
});
const run = (command: string, files: object): Promise<InProcessRun> =>
  runInProcess(korbit, command, files, NOW);
const statuses = (r: InProcessRun) =>
  r.traces.filter((t) => t.type === 'STREAM_STATUS').map((t) => t.stream_status.status);

function currencyPairs() {
  return nock(BASE).get('/v2/currencyPairs').reply(200, PAIRS, QUOTA);
}

/** A market that traded every hour from 18:00 to 00:00 except 22:00, answered as Korbit does. */
const TRADED = hours('2024-01-09T18:00:00', 7, [4]);
function korbitCandles(seen: Array<Record<string, string>> = [], symbol = 'btc_krw') {
  return korbitCandlesOf(TRADED, seen, symbol);
}

function korbitCandlesOf(
  traded: ReturnType<typeof hours>,
  seen: Array<Record<string, string>> = [],
  symbol = 'btc_krw'
) {
  return nock(BASE)
    .get(CANDLES)
    .query((q) => q.symbol === symbol)
    .times(40)
    .reply((uri: unknown) => {
      const query = queryOf(uri);
      seen.push(query);
      const [status, body] = korbitAnswer(query, traded);
      return [status, body, QUOTA];
    });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches the http module every test file in this worker shares: unhook it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('Korbit candles_hourly read', () => {
  it('asks one window with start, inclusive end and limit, and emits exact records with KST fields and an estimated value', async () => {
    currencyPairs();
    // [20:00, 01:00): start = 20:00, end = 01:00 - 1 ms, limit = page size (200).
    const candles = nock(BASE, {badheaders: ['origin']})
      .get(CANDLES)
      .query({
        symbol: 'btc_krw',
        interval: '60',
        start: ms('2024-01-09T20:00:00Z'),
        end: String(Date.parse('2024-01-10T01:00:00Z') - 1),
        limit: '200',
      })
      .reply(200, CANDLES_BTC, QUOTA);

    const result = await run('read', {config: config(), catalog: candlesCatalog});

    expect(result.traces.filter((t) => t.type === 'ERROR')).toEqual([]);
    expect(result.code).toBe(0);
    expect(candles.isDone()).toBe(true);
    // 22:00 had no trades: absent, never a zero row.
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    // From the fixture's oldest row (timestamp 1704830400000 = 2024-01-09T20:00:00Z).
    // traded_value_quote = volume x (H + L + C) / 3:
    //   H + L + C  = 61420000 + 61180000 + 61377000 = 183977000
    //   x volume   = 1.932320026577213946 x 183977000 = 355502441.529596090143242
    //   / 3        = 118500813.843198696714414 (exact)
    //   half-even to 8 places = 118500813.84319870 -> canonical 118500813.8431987
    expect(result.records[0]!.data).toEqual({
      exchange: 'korbit',
      market: 'btc_krw',
      base_currency: 'BTC',
      quote_currency: 'KRW',
      candle_start_utc: '2024-01-09T20:00:00Z',
      candle_start_kst: '2024-01-10T05:00:00+09:00',
      kst_date: '2024-01-10',
      open: '61250000',
      high: '61420000',
      low: '61180000',
      close: '61377000',
      volume_base: '1.932320026577213946',
      traded_value_quote: '118500813.8431987',
      traded_value_is_estimated: true,
      last_trade_at_utc: null,
      source_api: 'korbit_v2',
    });
    // 23:00 traded 0.000001 BTC: (61455000 + 61010000 + 61102000) / 3 x 0.000001 = 61.189 exactly.
    expect(result.records[2]!.data).toMatchObject({
      volume_base: '0.000001',
      traded_value_quote: '61.189',
      traded_value_is_estimated: true,
    });
    expect(result.states).toEqual([
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {
            markets: {
              btc_krw: {
                candle_start_utc: '2024-01-10T00:00:00Z',
                cursor_read_at: expect.any(String),
              },
            },
          },
        },
        sourceStats: {recordCount: 4},
      },
    ]);
    expect(statuses(result)).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  it('places 14:00 UTC in the previous KST day and 15:00 UTC in the next', async () => {
    currencyPairs();
    nock(BASE)
      .get(CANDLES)
      .query({
        symbol: 'btc_krw',
        interval: '60',
        start: ms('2024-01-09T14:00:00Z'),
        end: String(Date.parse('2024-01-09T16:00:00Z') - 1),
        limit: '200',
      })
      .reply(200, candlePage(hours('2024-01-09T14:00:00', 2)), QUOTA);

    const result = await run('read', {
      config: config({start_date: '2024-01-09T14:00:00Z', end_date: '2024-01-09T16:00:00Z'}),
      catalog: candlesCatalog,
    });

    expect(result.code).toBe(0);
    expect(
      result.records.map((r) => [r.data.candle_start_utc, r.data.candle_start_kst, r.data.kst_date])
    ).toEqual([
      ['2024-01-09T14:00:00Z', '2024-01-09T23:00:00+09:00', '2024-01-09'],
      ['2024-01-09T15:00:00Z', '2024-01-10T00:00:00+09:00', '2024-01-10'],
    ]);
  });

  it('pages over windows of page_size hours with the right bounds and checkpoints after each', async () => {
    currencyPairs();
    const seen: Array<Record<string, string>> = [];
    korbitCandles(seen);

    const result = await run('read', {
      config: config({start_date: '2024-01-09T18:00:00Z', page_size: 2}),
      catalog: candlesCatalog,
    });

    expect(result.code).toBe(0);
    expect(
      seen
        .map((q) => [
          new Date(Number(q.start)).toISOString(),
          new Date(Number(q.end)).toISOString(),
          q.limit,
        ])
        .sort()
    ).toEqual([
      ['2024-01-09T18:00:00.000Z', '2024-01-09T19:59:59.999Z', '2'],
      ['2024-01-09T20:00:00.000Z', '2024-01-09T21:59:59.999Z', '2'],
      ['2024-01-09T22:00:00.000Z', '2024-01-09T23:59:59.999Z', '2'],
      ['2024-01-10T00:00:00.000Z', '2024-01-10T00:59:59.999Z', '2'],
    ]);
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T18:00:00Z',
      '2024-01-09T19:00:00Z',
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(
      result.states.map((s) => [
        s.stream.stream_state.markets.btc_krw.candle_start_utc,
        s.sourceStats.recordCount,
      ])
    ).toEqual([
      ['2024-01-09T19:00:00Z', 2],
      ['2024-01-09T21:00:00Z', 2],
      ['2024-01-09T23:00:00Z', 1],
      ['2024-01-10T00:00:00Z', 1],
    ]);
  });

  it('believes a short page asked with a start bound, even once limit is known to count candles', async () => {
    currencyPairs();
    const seen: Array<Record<string, string>> = [];
    // 23:00 without trades: the first-candle search's latest page (limit 2 before 01:00) holds
    // 22:00 and 00:00, which shows that limit counts candles.
    korbitCandlesOf(hours('2024-01-09T18:00:00', 7, [5]), seen);

    const result = await run('read', {
      // Far enough back that the connector searches for the first candle (without a start).
      config: config({start_date: '2023-12-01T00:00:00Z', page_size: 2}),
      catalog: candlesCatalog,
    });

    expect(result.code).toBe(0);
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T18:00:00Z',
      '2024-01-09T19:00:00Z',
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T22:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    // Windows [22:00, 24:00) and [00:00, 01:00) hold one candle each: [start, end] spans the
    // window only, so a short answer is the whole window, not a truncated page to ask again.
    const firstWindow = seen.findIndex((q) => q.start !== undefined);
    expect(firstWindow).toBeGreaterThan(0);
    expect(seen.slice(firstWindow).filter((q) => q.start === undefined)).toEqual([]);
    expect(
      seen
        .slice(firstWindow)
        .filter((q) => [ms('2024-01-09T22:00:00Z'), ms('2024-01-10T00:00:00Z')].includes(q.start!))
    ).toHaveLength(2);
    expect(result.logs.filter((l) => /incomplete page/.test(l))).toEqual([]);
  });

  it('confirms a window that comes back empty after traded hours with one end-only request, then moves on', async () => {
    currencyPairs();
    // Traded 18:00-19:00 and 22:00-00:00; nothing at 20:00 and 21:00, a whole window of two hours.
    const traded = hours('2024-01-09T18:00:00', 7, [2, 3]);
    const seen: string[] = [];
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .times(20)
      .reply((uri: unknown) => {
        const query = queryOf(uri);
        const at = (ms: string) => new Date(Number(ms)).toISOString().slice(11, 16);
        // A window is asked with both bounds; a confirmation with the end only (the latest candles).
        seen.push(query.start === undefined ? `end ${at(query.end!)}` : at(query.start));
        const [status, body] = korbitAnswer(query, traded);
        return [status, body, QUOTA];
      });

    const result = await run('read', {
      config: config({start_date: '2024-01-09T18:00:00Z', page_size: 2}),
      catalog: candlesCatalog,
    });

    expect(result.code).toBe(0);
    // The empty 20:00 window is asked once; the end-only page before 22:00 reaches 19:00, so the
    // exchange itself shows 20:00 and 21:00 had no trades. Every other window is asked once.
    expect([...seen].sort()).toEqual(['00:00', '18:00', '20:00', '22:00', 'end 21:59']);
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T18:00:00Z',
      '2024-01-09T19:00:00Z',
      '2024-01-09T22:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(
      result.states.map((s) => [
        s.stream.stream_state.markets.btc_krw.candle_start_utc,
        s.sourceStats.recordCount,
      ])
    ).toEqual([
      ['2024-01-09T19:00:00Z', 2],
      ['2024-01-09T21:00:00Z', 0],
      ['2024-01-09T23:00:00Z', 2],
      ['2024-01-10T00:00:00Z', 1],
    ]);
  });

  it('re-reads from the saved cursor minus the lookback, so the open hour is read again', async () => {
    currencyPairs();
    const seen: Array<Record<string, string>> = [];
    korbitCandles(seen);
    const state = [
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {markets: {btc_krw: {candle_start_utc: '2024-01-10T00:00:00Z'}}},
        },
      },
    ];

    const result = await run('read', {
      config: config({lookback_hours: 2}),
      catalog: candlesCatalog,
      state,
    });

    expect(result.code).toBe(0);
    expect(seen.map((q) => q.start)).toEqual([ms('2024-01-09T22:00:00Z')]);
    expect(result.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
  });

  it('waits out a 429 with Retry-After and still delivers every hour', async () => {
    currencyPairs();
    // The body code of Korbit's 429 is not documented; the status and Retry-After decide.
    nock(BASE).get(CANDLES).query(true).reply(429, errorBody('TOO_MANY_REQUESTS'), {
      'retry-after': '1',
      ratelimit: 'limit=50, remaining=0, reset=1',
      'ratelimit-policy': '50;w=1',
    });
    korbitCandles();

    const started = Date.now();
    const result = await run('read', {config: config(), catalog: candlesCatalog});

    expect(result.code).toBe(0);
    expect(result.records).toHaveLength(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.logs.some((l) => l.startsWith('WARN') && /HTTP 429/.test(l))).toBe(true);
  });

  it('retries TRY_AGAIN and 5xx answers, then delivers every hour', async () => {
    currencyPairs();
    nock(BASE).get(CANDLES).query(true).reply(400, errorBody('TRY_AGAIN'));
    nock(BASE).get(CANDLES).query(true).reply(503, 'Service Unavailable');
    korbitCandles();

    const result = await run('read', {config: config(), catalog: candlesCatalog});

    expect(result.code).toBe(0);
    expect(result.records).toHaveLength(4);
    expect(result.logs.some((l) => /TRY_AGAIN/.test(l) && /retrying/.test(l))).toBe(true);
  });

  it('retries TRY_AGAIN sent with HTTP 200 rather than reading it as data', async () => {
    currencyPairs();
    nock(BASE).get(CANDLES).query(true).reply(200, errorBody('TRY_AGAIN'));
    korbitCandles();

    const result = await run('read', {config: config(), catalog: candlesCatalog});

    expect(result.code).toBe(0);
    expect(result.records).toHaveLength(4);
  });

  it('stops the stream with an error naming the field when a decimal arrives as a JSON number', async () => {
    currencyPairs();
    const page = CANDLES_BTC.replace(
      '"volume": "2.418698679231323743"',
      '"volume": 2.418698679231323743'
    );
    expect(page).not.toBe(CANDLES_BTC);
    nock(BASE).get(CANDLES).query(true).reply(200, page);

    const result = await run('read', {config: config(), catalog: candlesCatalog});

    expect(result.code).toBe(1);
    expect(result.records).toHaveLength(0);
    expect(result.states).toHaveLength(0);
    const error = result.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toContain('Korbit /v2/candles (market btc_krw)');
    expect(error.message).toContain('field "data[1].volume" must be a decimal string');
    expect(error.stream_descriptor).toEqual({name: 'candles_hourly'});
    expect(statuses(result)).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
  });

  it('fails on BAD_REQUEST as a rejected request, naming the code, without retrying', async () => {
    currencyPairs();
    const bad = nock(BASE).get(CANDLES).query(true).reply(400, errorBody('BAD_REQUEST'));

    const result = await run('read', {config: config(), catalog: candlesCatalog});

    expect(bad.isDone()).toBe(true);
    expect(result.code).toBe(1);
    const error = result.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toContain('HTTP 400 error "BAD_REQUEST"');
    expect(error.failure_type).toBe('system_error');
    expect(result.records).toHaveLength(0);
  });

  it('skips a market Korbit calls an invalid symbol once the list, asked again, no longer shows it, and one it does not list', async () => {
    currencyPairs();
    const body = JSON.parse(PAIRS) as {data: {symbol: string}[]};
    const withoutEth = {...body, data: body.data.filter((p) => p.symbol !== 'eth_krw')};
    const again = nock(BASE).get('/v2/currencyPairs').reply(200, JSON.stringify(withoutEth), QUOTA);
    nock(BASE)
      .get(CANDLES)
      .query((q) => q.symbol === 'eth_krw')
      .reply(400, errorBody('INVALID_CURRENCY_PAIR'));
    korbitCandles();

    const result = await run('read', {
      config: config({markets: ['btc_krw', 'eth_krw', 'luna_krw']}),
      catalog: candlesCatalog,
    });

    expect(result.code).toBe(0);
    expect(again.isDone()).toBe(true);
    expect(new Set(result.records.map((r) => r.data.market))).toEqual(new Set(['btc_krw']));
    expect(result.logs.some((l) => /luna_krw/.test(l) && /delisted or mistyped/.test(l))).toBe(
      true
    );
    expect(result.logs.some((l) => /eth_krw/.test(l) && /no longer listed/.test(l))).toBe(true);
  });

  it('reads every KRW pair by default, the stopped one included', async () => {
    currencyPairs();
    korbitCandles([], 'btc_krw');
    korbitCandles([], 'eth_krw');
    korbitCandles([], 'xrp_krw');

    const result = await run('read', {config: config({markets: []}), catalog: candlesCatalog});

    expect(result.code).toBe(0);
    expect(new Set(result.records.map((r) => r.data.market))).toEqual(
      new Set(['btc_krw', 'eth_krw', 'xrp_krw'])
    );
  });

  it('emits the currency pairs as markets, stopped pairs kept with their trading status', async () => {
    currencyPairs();
    const result = await run('read', {
      config: config(),
      catalog: configuredCatalog(['markets', 'full_refresh']),
    });

    expect(result.code).toBe(0);
    expect(
      result.records.map((r) => [r.data.market, r.data.trading_status, r.data.warning])
    ).toEqual([
      ['btc_krw', 'launched', false],
      ['eth_krw', 'launched', false],
      ['xrp_krw', 'stopped', false],
    ]);
    expect(result.states[0]!.sourceStats.recordCount).toBe(3);
  });
});

describe('Korbit spec and check', () => {
  it('defaults to the documented 50 requests per second and refuses more', async () => {
    const spec = (await run('spec', {})).messages[0]!.spec;
    expect(spec.connectionSpecification.properties.requests_per_second).toMatchObject({
      default: 50,
      maximum: 50,
    });
    expect(spec.connectionSpecification.properties.page_size).toMatchObject({maximum: 200});
    const check = await run('check', {config: config({requests_per_second: 51})});
    expect(check.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message:
        'config field "requests_per_second" must be at most 50, the limit Korbit documents per IP.',
    });
  });

  it('names the market code form when a code is written the Upbit way', async () => {
    const check = await run('check', {config: config({markets: ['KRW-BTC']})});
    expect(check.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message: 'config field "markets.0" must be a lower-case base_quote market code like btc_krw.',
    });
  });

  it("names an unlisted market in Korbit's own code form", async () => {
    currencyPairs();
    const check = await run('check', {config: config({markets: ['btc_krw', 'nope_krw']})});
    const status = check.messages.at(-1)!.connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toContain('Korbit does not list nope_krw');
    expect(status.message).toContain(
      'lower-case base_quote codes of listed markets (e.g. btc_krw)'
    );
  });

  it('succeeds against a reachable exchange and counts the KRW pairs', async () => {
    currencyPairs();
    const check = await run('check', {config: config({markets: []})});
    expect(check.messages.at(-1)!.connectionStatus.status).toBe('SUCCEEDED');
    expect(check.messages.at(-1)!.connectionStatus.message).toMatch(/3 market\(s\) selected/);
  });
});

describe('Korbit answer model used by these tests', () => {
  it('answers the latest `limit` candles in [start, end], oldest first, and rejects a missing limit', () => {
    const [status, body] = korbitAnswer(
      {
        symbol: 'btc_krw',
        interval: '60',
        start: ms('2024-01-09T18:00:00Z'),
        end: ms('2024-01-09T21:00:00Z'),
        limit: '2',
      },
      TRADED
    );
    expect(status).toBe(200);
    expect(body).toBe(candlePage(hours('2024-01-09T20:00:00', 2)));
    expect(korbitAnswer({symbol: 'btc_krw', interval: '60'}, TRADED)).toEqual([
      400,
      errorBody('BAD_REQUEST'),
    ]);
  });
});
