import type {InProcessRun} from '@korea-candles/connector-common/testing';
import nock from 'nock';

import {
  BASE,
  MARKETS,
  answerChart,
  catalog,
  chartPage,
  config,
  hours,
  ms,
  queryOf,
  runCoinone,
} from './helpers';

const BTC_CHART = '/public/v2/chart/KRW/BTC';
const candlesCatalog = catalog(['candles_hourly', 'incremental']);

function marketList() {
  return nock(BASE).get('/public/v2/markets/KRW').reply(200, MARKETS, {
    'content-type': 'application/json',
    'public-ratelimit-remaining': '1199',
  });
}

/** The `timestamp` Coinone is sent for a window ending (exclusive) at `utc`: one ms before. */
const cursorBefore = (utc: string) => String(ms(utc) - 1);

const statuses = (run: InProcessRun) =>
  run.traces.filter((t) => t.type === 'STREAM_STATUS').map((t) => t.stream_status.status);
const errorOf = (run: InProcessRun) => run.traces.find((t) => t.type === 'ERROR')!.error;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches the http module every test file in this worker shares: unhook it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('Coinone candles_hourly read', () => {
  it('emits each traded hour once, oldest first, with exact decimals and KST fields', async () => {
    marketList();
    // 15 hours up to the open hour 00:00, newest first; 22:00 had no trades (no row).
    const candles = nock(BASE, {badheaders: ['origin']})
      .get(BTC_CHART)
      .query({interval: '1h', timestamp: cursorBefore('2024-01-10T01:00:00'), size: '200'})
      .reply(200, chartPage(hours('2024-01-09T10:00:00', 15, [12])), {
        'public-ratelimit-remaining': '1198',
      });

    const run = await runCoinone('read', {config: config(), catalog: candlesCatalog});

    expect(run.code).toBe(0);
    expect(candles.isDone()).toBe(true);
    expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(run.records[0]!.stream).toBe('candles_hourly');
    expect(run.records[0]!.data).toEqual({
      exchange: 'coinone',
      market: 'KRW-BTC',
      base_currency: 'BTC',
      quote_currency: 'KRW',
      candle_start_utc: '2024-01-09T20:00:00Z',
      candle_start_kst: '2024-01-10T05:00:00+09:00',
      kst_date: '2024-01-10',
      open: '58000000',
      high: '58250000',
      low: '57900000',
      close: '58100000',
      volume_base: '12.34567891',
      traded_value_quote: '717283946182.5193',
      traded_value_is_estimated: false,
      last_trade_at_utc: null,
      source_api: 'coinone_v2',
    });
    expect(run.states).toEqual([
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {
            markets: {
              'KRW-BTC': {
                candle_start_utc: '2024-01-10T00:00:00Z',
                cursor_read_at: expect.any(String),
              },
            },
          },
        },
        sourceStats: {recordCount: 4},
      },
    ]);
    expect(statuses(run)).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  it('pages back with `timestamp` = window end - 1 ms on /KRW/BTC and checkpoints after every window', async () => {
    marketList();
    const all = hours('2024-01-09T17:00:00', 8, [5]); // 17..00, no trades at 22:00
    const asked: Array<{path: string; query: Record<string, string>}> = [];
    nock(BASE)
      .get(/^\/public\/v2\/chart\//)
      .times(3)
      .reply(200, (uri: unknown) => {
        const query = queryOf(uri);
        asked.push({
          path: new URL(typeof uri === 'string' ? uri : (uri as Request).url, BASE).pathname,
          query: Object.fromEntries(query),
        });
        return answerChart(all, query);
      });

    const run = await runCoinone('read', {config: config({page_size: 2}), catalog: candlesCatalog});

    expect(run.code).toBe(0);
    expect(asked).toEqual([
      {
        path: BTC_CHART,
        query: {interval: '1h', timestamp: cursorBefore('2024-01-09T22:00:00'), size: '2'},
      },
      {
        path: BTC_CHART,
        query: {interval: '1h', timestamp: cursorBefore('2024-01-10T00:00:00'), size: '2'},
      },
      {
        path: BTC_CHART,
        query: {interval: '1h', timestamp: cursorBefore('2024-01-10T01:00:00'), size: '2'},
      },
    ]);
    expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(
      run.states.map((s) => [
        s.stream.stream_state.markets['KRW-BTC'].candle_start_utc,
        s.sourceStats.recordCount,
      ])
    ).toEqual([
      ['2024-01-09T21:00:00Z', 2],
      ['2024-01-09T23:00:00Z', 1],
      ['2024-01-10T00:00:00Z', 1],
    ]);
  });

  it.each(['inclusive', 'exclusive'] as const)(
    'reads the same hours whether Coinone reads `timestamp` %s, and whatever the row order',
    async (reading) => {
      marketList();
      const all = hours('2024-01-09T17:00:00', 8, [5]);
      let calls = 0;
      nock(BASE)
        .get(BTC_CHART)
        .query(true)
        .times(3)
        .reply(200, (uri: unknown) => {
          const page = answerChart(all, queryOf(uri), reading);
          // Every other page oldest first: the order is not documented.
          return calls++ % 2 === 0 ? page : reverseChart(page);
        });

      const run = await runCoinone('read', {
        config: config({page_size: 2}),
        catalog: candlesCatalog,
      });

      expect(run.code).toBe(0);
      expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
        '2024-01-09T20:00:00Z',
        '2024-01-09T21:00:00Z',
        '2024-01-09T23:00:00Z',
        '2024-01-10T00:00:00Z',
      ]);
    }
  );

  it('stops, emitting nothing, if Coinone read the cursor 9 hours late (as a KST wall clock)', async () => {
    marketList();
    const all = hours('2024-01-09T00:00:00', 25);
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(200, (uri: unknown) => {
        const query = queryOf(uri);
        query.set('timestamp', String(Number(query.get('timestamp')) + 9 * 3_600_000));
        return answerChart(all, query);
      });

    const run = await runCoinone('read', {
      config: config({start_date: '2024-01-09T00:00:00Z', end_date: '2024-01-09T12:00:00Z'}),
      catalog: candlesCatalog,
    });

    // This page still covers its window (21 rows < 200), but in a backfill a full page counted
    // from 9 hours later would miss the window's oldest 9 hours: the page is refused either way.
    expect(run.code).toBe(1);
    expect(run.records).toHaveLength(0);
    expect(run.states).toHaveLength(0);
    expect(errorOf(run).message).toContain(
      'field "chart[0].timestamp" is 2024-01-09T20:00:00.000Z, not before the requested end 2024-01-09T12:00:00.000Z'
    );
  });

  it('re-reads from the saved cursor minus the lookback, so the open hour is read again', async () => {
    marketList();
    const candles = nock(BASE)
      .get(BTC_CHART)
      .query({interval: '1h', timestamp: cursorBefore('2024-01-10T01:00:00'), size: '200'})
      .reply(200, chartPage(hours('2024-01-09T20:00:00', 5, [2])));
    const state = [
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {markets: {'KRW-BTC': {candle_start_utc: '2024-01-09T23:00:00Z'}}},
        },
      },
    ];

    const run = await runCoinone('read', {
      config: config({lookback_hours: 1}),
      catalog: candlesCatalog,
      state,
    });

    expect(run.code).toBe(0);
    expect(candles.isDone()).toBe(true);
    expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
  });

  it('stops the stream naming the field when a number arrives with the wrong JSON type', async () => {
    marketList();
    const page = chartPage(hours('2024-01-09T20:00:00', 5)).replace(
      `"timestamp":${ms('2024-01-10T00:00:00')}`,
      `"timestamp":"${ms('2024-01-10T00:00:00')}"`
    );
    nock(BASE).get(BTC_CHART).query(true).reply(200, page);

    const run = await runCoinone('read', {config: config(), catalog: candlesCatalog});

    expect(run.code).toBe(1);
    expect(run.records).toHaveLength(0);
    expect(run.states).toHaveLength(0);
    const error = errorOf(run);
    expect(error.message).toContain('Coinone /public/v2/chart/KRW/BTC (market KRW-BTC)');
    expect(error.message).toContain('field "chart[0].timestamp" must be a JSON number');
    expect(error.failure_type).toBe('system_error');
    expect(error.stream_descriptor).toEqual({name: 'candles_hourly'});
    expect(statuses(run)).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
  });

  it('fails on an error envelope sent with HTTP 200, emitting nothing from it', async () => {
    marketList();
    const candles = nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(200, '{"result":"error","error_code":"107","error_msg":"Parameter value is wrong"}');

    const run = await runCoinone('read', {config: config(), catalog: candlesCatalog});

    expect(candles.isDone()).toBe(true);
    expect(run.code).toBe(1);
    expect(run.records).toHaveLength(0);
    const error = errorOf(run);
    expect(error.message).toContain('HTTP 200 error "107": Parameter value is wrong');
    expect(error.failure_type).toBe('system_error');
  });

  it('skips a market Coinone calls an unknown pair (109) once the list, asked again, no longer shows it', async () => {
    marketList();
    const body = JSON.parse(MARKETS) as {markets: {target_currency: string}[]};
    const withoutEth = {
      ...body,
      markets: body.markets.filter((m) => m.target_currency.toUpperCase() !== 'ETH'),
    };
    const again = nock(BASE).get('/public/v2/markets/KRW').reply(200, JSON.stringify(withoutEth));
    nock(BASE)
      .get('/public/v2/chart/KRW/ETH')
      .query(true)
      .reply(
        200,
        '{"result":"error","error_code":"109","error_msg":"Unknown cryptocurrency pair"}'
      );
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(200, chartPage(hours('2024-01-09T20:00:00', 5)));

    const run = await runCoinone('read', {
      config: config({markets: ['KRW-BTC', 'KRW-ETH', 'KRW-LUNA']}),
      catalog: candlesCatalog,
    });

    expect(run.traces.filter((t) => t.type === 'ERROR').map((t) => t.error.message)).toEqual([]);
    expect(run.code).toBe(0);
    expect(again.isDone()).toBe(true);
    expect(new Set(run.records.map((r) => r.data.market))).toEqual(new Set(['KRW-BTC']));
    expect(run.logs.some((l) => /KRW-LUNA/.test(l) && /delisted or mistyped/.test(l))).toBe(true);
    expect(run.logs.some((l) => /KRW-ETH/.test(l) && /no longer listed/.test(l))).toBe(true);
  });

  it.each([
    [
      'v2 spelling, HTTP 200',
      200,
      '{"result":"error","error_code":"4","error_msg":"Blocked user access."}',
    ],
    [
      'documented legacy spelling, HTTP 200',
      200,
      '{"result":"error","errorCode":"4","errorMsg":"Blocked user access."}',
    ],
    [
      'v2 spelling, HTTP 429',
      429,
      '{"result":"error","error_code":"4","error_msg":"Blocked user access."}',
    ],
  ])(
    'fails at once on error 4 (%s): the IP is refused, retrying prolongs it',
    async (_, status, body) => {
      marketList();
      const blocked = nock(BASE).get(BTC_CHART).query(true).reply(status, body);

      const run = await runCoinone('read', {config: config(), catalog: candlesCatalog});

      expect(blocked.isDone()).toBe(true);
      expect(run.code).toBe(1);
      expect(run.records).toHaveLength(0);
      expect(run.logs.some((l) => /retrying/.test(l))).toBe(false);
      expect(errorOf(run).message).toMatch(/blocked this IP/);
      expect(errorOf(run).message).toContain('Blocked user access.');
    }
  );

  it('waits out a plain 429 and still delivers every hour', async () => {
    marketList();
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(429, 'Too Many Requests', {'content-type': 'text/plain'});
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(200, chartPage(hours('2024-01-09T20:00:00', 5)));

    const run = await runCoinone('read', {config: config(), catalog: candlesCatalog});

    expect(run.code).toBe(0);
    expect(run.records).toHaveLength(5);
    expect(run.logs.some((l) => l.startsWith('WARN') && /429/.test(l))).toBe(true);
  });

  it('retries a truncated body and transient server errors (500 in the envelope, 503 from the gateway)', async () => {
    marketList();
    const page = chartPage(hours('2024-01-09T20:00:00', 5));
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(200, page.slice(0, page.length / 2));
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(500, '{"result":"error","error_code":"500","error_msg":"Internal server error"}');
    nock(BASE)
      .get(BTC_CHART)
      .query(true)
      .reply(503, '<html><body>503 Service Unavailable</body></html>');
    nock(BASE).get(BTC_CHART).query(true).reply(200, page);

    const run = await runCoinone('read', {
      config: config({max_attempts: 4}),
      catalog: candlesCatalog,
    });

    expect(run.code).toBe(0);
    expect(run.records).toHaveLength(5);
    expect(run.logs.filter((l) => /retrying/.test(l))).toHaveLength(3);
  });

  it('fails as transient, cursor unmoved, when the errors outlast the attempts', async () => {
    marketList();
    nock(BASE).get(BTC_CHART).query(true).times(2).reply(502, 'Bad Gateway');

    const run = await runCoinone('read', {
      config: config({max_attempts: 2}),
      catalog: candlesCatalog,
    });

    expect(run.code).toBe(1);
    expect(run.states).toHaveLength(0);
    expect(errorOf(run).failure_type).toBe('transient_error');
  });
});

describe('Coinone markets', () => {
  it('emits the KRW market list as a full-refresh stream, codes normalized to QUOTE-BASE', async () => {
    marketList();
    const run = await runCoinone('read', {
      config: config(),
      catalog: catalog(['markets', 'full_refresh']),
    });

    expect(run.code).toBe(0);
    expect(run.records.map((r) => r.data.market)).toEqual([
      'KRW-BTC',
      'KRW-ETH',
      'KRW-XRP',
      'KRW-STG',
    ]);
    expect(run.records.find((r) => r.data.market === 'KRW-XRP')!.data).toMatchObject({
      warning: true,
      warning_details: {trade_status: 1, maintenance_status: 1},
    });
    expect(run.states[0]!.sourceStats.recordCount).toBe(4);
  });

  it('reads a lower-case listed market by its upper-case code', async () => {
    marketList();
    nock(BASE)
      .get('/public/v2/chart/KRW/ETH')
      .query(true)
      .reply(200, chartPage(hours('2024-01-09T20:00:00', 2)));

    const run = await runCoinone('read', {
      config: config({markets: ['KRW-ETH']}),
      catalog: candlesCatalog,
    });

    expect(run.code).toBe(0);
    expect(run.records.map((r) => [r.data.market, r.data.base_currency])).toEqual([
      ['KRW-ETH', 'ETH'],
      ['KRW-ETH', 'ETH'],
    ]);
  });
});

describe('Coinone spec and check', () => {
  it('defaults to 5 requests per second (older docs), allows up to 20 (newer docs), pages of 200', async () => {
    const spec = (await runCoinone('spec', {})).messages[0]!.spec;
    expect(spec.connectionSpecification.properties.requests_per_second).toMatchObject({
      default: 5,
      maximum: 20,
    });
    expect(spec.connectionSpecification.properties.page_size).toMatchObject({
      default: 200,
      maximum: 200,
    });
    const check = await runCoinone('check', {config: config({requests_per_second: 25})});
    expect(check.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message:
        'config field "requests_per_second" must be at most 20, the limit Coinone documents per IP.',
    });
  });

  it('refuses a market code that is not QUOTE-BASE upper case', async () => {
    const check = await runCoinone('check', {config: config({markets: ['btc_krw']})});
    expect(check.messages.at(-1)!.connectionStatus.status).toBe('FAILED');
    expect(check.messages.at(-1)!.connectionStatus.message).toContain(
      'must be a QUOTE-BASE market code like KRW-BTC'
    );
  });

  it('fails naming KRW when other quote currencies are asked for all markets', async () => {
    marketList();
    const check = await runCoinone('check', {
      config: config({markets: [], quote_currencies: ['USDT']}),
    });
    expect(check.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message:
        'config field "quote_currencies" matches no listed market (USDT); the exchange lists markets quoted in: KRW.',
    });
  });

  it('fails naming a market Coinone does not list, and succeeds otherwise', async () => {
    marketList();
    const bad = await runCoinone('check', {config: config({markets: ['KRW-BTC', 'KRW-NOPE']})});
    expect(bad.messages.at(-1)!.connectionStatus.message).toMatch(/does not list KRW-NOPE/);
    marketList();
    const good = await runCoinone('check', {config: config({markets: []})});
    expect(good.messages.at(-1)!.connectionStatus).toEqual({
      status: 'SUCCEEDED',
      message: `Coinone reachable at ${BASE}; 4 market(s) selected.`,
    });
  });
});

/** The same page with its rows oldest first. */
function reverseChart(page: string): string {
  const body = JSON.parse(page) as {chart: unknown[]};
  return page.replace(/"chart":\[.*\]\}$/, `"chart":${JSON.stringify([...body.chart].reverse())}}`);
}
