import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import nock from 'nock';

import {candlePage, hours} from '@korea-candles/connector-common/upbit-compatible/fixtures';
import {BASE, catalog, config, runUpbit} from './helpers';

const MARKETS = readFileSync(join(__dirname, 'fixtures/market-all.json'), 'utf8');
const CANDLES = '/v1/candles/minutes/60';

function marketList() {
  return nock(BASE).get('/v1/market/all').query({is_details: 'true'}).reply(200, MARKETS, {
    'content-type': 'application/json; charset=utf-8',
    'remaining-req': 'group=market; min=600; sec=9',
  });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches the http module every test file in this worker shares: unhook it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('Upbit candles_hourly read', () => {
  it('emits each traded hour once, oldest first, with exact decimals and KST fields', async () => {
    marketList();
    // 15 hours up to the open hour 00:00; 22:00 had no trades (absent, as Upbit documents).
    const page = candlePage('KRW-BTC', hours('2024-01-09T10:00:00', 15, [12]));
    const candles = nock(BASE, {badheaders: ['origin']})
      .get(CANDLES)
      .query({market: 'KRW-BTC', to: '2024-01-10T01:00:00Z', count: '200'})
      .reply(200, page, {'remaining-req': 'group=candles; min=600; sec=9'});

    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(0);
    expect(candles.isDone()).toBe(true);
    expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T20:00:00Z',
      '2024-01-09T21:00:00Z',
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
    expect(run.records[0]!.data).toEqual({
      exchange: 'upbit',
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
      volume_base: '640.12345678',
      traded_value_quote: '37189906239683.17623',
      traded_value_is_estimated: false,
      last_trade_at_utc: '2024-01-09T20:59:59.123Z',
      source_api: 'upbit_v1',
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
    const statuses = run.traces
      .filter((t) => t.type === 'STREAM_STATUS')
      .map((t) => t.stream_status.status);
    expect(statuses).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  it('pages with an exclusive `to` and checkpoints after every page', async () => {
    marketList();
    const all = hours('2024-01-09T18:00:00', 7, [4]); // 18..00, no trades at 22:00
    const before = (to: string) => all.filter((c) => c.utc < to).slice(-2);
    for (const to of ['2024-01-09T22:00:00', '2024-01-10T00:00:00', '2024-01-10T01:00:00']) {
      nock(BASE)
        .get(CANDLES)
        .query({market: 'KRW-BTC', to: `${to}Z`, count: '2'})
        .reply(200, candlePage('KRW-BTC', before(to)));
    }

    const run = await runUpbit('read', {
      config: config({page_size: 2}),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(0);
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

  it('re-reads from the saved cursor minus the lookback, so the open hour is read again', async () => {
    marketList();
    const page = candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5, [2]));
    const candles = nock(BASE)
      .get(CANDLES)
      .query({market: 'KRW-BTC', to: '2024-01-10T01:00:00Z', count: '200'})
      .reply(200, page);
    const state = [
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {markets: {'KRW-BTC': {candle_start_utc: '2024-01-09T23:00:00Z'}}},
        },
      },
    ];

    const run = await runUpbit('read', {
      config: config({lookback_hours: 1}),
      catalog: catalog(['candles_hourly', 'incremental']),
      state,
    });

    expect(run.code).toBe(0);
    expect(candles.isDone()).toBe(true);
    // From 23:00 - 1 h = 22:00 (no trades) on: 23:00 again and the open hour 00:00.
    expect(run.records.map((r) => r.data.candle_start_utc)).toEqual([
      '2024-01-09T23:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
  });

  it('waits out a 429 with a plain-text body and still delivers every hour', async () => {
    marketList();
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(429, 'Too many API requests.', {'content-type': 'text/plain'});
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(200, candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5)));

    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(0);
    expect(run.records).toHaveLength(5);
    expect(run.logs.some((l) => l.startsWith('WARN') && /429/.test(l))).toBe(true);
  });

  it('says a renamed field is missing, not that it has the wrong type', async () => {
    marketList();
    const page = candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5)).replaceAll(
      '"trade_price":',
      '"last_price":'
    );
    nock(BASE).get(CANDLES).query(true).reply(200, page);

    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(1);
    expect(run.records).toHaveLength(0);
    const error = run.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toContain(
      'field "[0].trade_price" is missing (the exchange may have renamed or removed it)'
    );
    expect(error.message).not.toContain('JSON number');
  });

  it('stops the stream with an error naming the field when a number arrives as a string', async () => {
    marketList();
    const page = candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5)).replace(
      '"trade_price":58100000.00000000',
      '"trade_price":"58100000.00000000"'
    );
    nock(BASE).get(CANDLES).query(true).reply(200, page);

    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(1);
    expect(run.records).toHaveLength(0);
    expect(run.states).toHaveLength(0);
    const error = run.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toContain('Upbit /v1/candles/minutes/60 (market KRW-BTC)');
    expect(error.message).toContain('field "[0].trade_price" must be a JSON number');
    expect(error.stream_descriptor).toEqual({name: 'candles_hourly'});
    const statuses = run.traces
      .filter((t) => t.type === 'STREAM_STATUS')
      .map((t) => t.stream_status.status);
    expect(statuses).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
  });

  it('fails with the exchange error name and message on a 400 error body', async () => {
    marketList();
    nock(BASE)
      .get(CANDLES)
      .query(true)
      .reply(
        400,
        '{"error":{"name":400,"message":"Missing request parameter error. Check the required parameters!"}}'
      );

    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(1);
    const error = run.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toContain('Missing request parameter error');
    expect(run.records).toHaveLength(0);
  });

  it('reads the listed markets, reporting an unlisted one as an ERROR log, and skips one delisted during the sync (404, and the list asked again no longer shows it)', async () => {
    marketList();
    const withoutEth = JSON.stringify(
      (JSON.parse(MARKETS) as {market: string}[]).filter((m) => m.market !== 'KRW-ETH')
    );
    const again = nock(BASE)
      .get('/v1/market/all')
      .query({is_details: 'true'})
      .reply(200, withoutEth);
    nock(BASE)
      .get(CANDLES)
      .query((q) => q.market === 'KRW-ETH')
      .reply(404, '{"error":{"name":404,"message":"Code not found"}}');
    nock(BASE)
      .get(CANDLES)
      .query((q) => q.market === 'KRW-BTC')
      .reply(200, candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5)));

    const run = await runUpbit('read', {
      config: config({markets: ['KRW-BTC', 'KRW-ETH', 'KRW-LUNA']}),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(0);
    expect(again.isDone()).toBe(true);
    expect(new Set(run.records.map((r) => r.data.market))).toEqual(new Set(['KRW-BTC']));
    expect(run.logs).toContain(
      'ERROR Upbit does not list market KRW-LUNA (delisted or mistyped): it is not read. ' +
        'Remove it from config field "markets" to stop this error.'
    );
    expect(run.logs).toContain(
      // KRW-ETH too: by the end of the sync the list (asked again after its 404) no longer shows it.
      'INFO Stream candles_hourly: 5 record(s). 2 configured market(s) not listed by Upbit and ' +
        'not read: KRW-ETH, KRW-LUNA.'
    );
    expect(run.logs.some((l) => /KRW-ETH/.test(l) && /no longer listed/.test(l))).toBe(true);
  });

  it('fails the stream on a 404 for a market the list still shows (never a silent skip)', async () => {
    marketList();
    marketList(); // asked again after the 404: still listed
    nock(BASE)
      .get(CANDLES)
      .query((q) => q.market === 'KRW-ETH')
      .reply(404, '{"error":{"name":404,"message":"Code not found"}}');
    nock(BASE)
      .get(CANDLES)
      .query((q) => q.market === 'KRW-BTC')
      .reply(200, candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 5)));

    const run = await runUpbit('read', {
      config: config({markets: ['KRW-BTC', 'KRW-ETH']}),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(1);
    const error = run.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error.message).toMatch(
      /does not know KRW-ETH when asked for its candles \(HTTP 404 error "404": Code not found\), yet its market list/
    );
    expect(error.failure_type).toBe('transient_error');
    expect(run.logs.some((l) => /KRW-ETH/.test(l) && /delisted/.test(l))).toBe(false);
  });

  it('fails the candle stream with a config error when no configured market is listed', async () => {
    marketList();
    const run = await runUpbit('read', {
      config: config({markets: ['KRW-LUNA']}),
      catalog: catalog(['markets', 'full_refresh'], ['candles_hourly', 'incremental']),
    });

    expect(run.code).toBe(1);
    expect(run.records.filter((r) => r.stream === 'candles_hourly')).toHaveLength(0);
    const error = run.traces.find((t) => t.type === 'ERROR')!.error;
    expect(error).toMatchObject({
      failure_type: 'config_error',
      stream_descriptor: {name: 'candles_hourly'},
    });
    expect(error.message).toMatch(
      /^config field "markets": Upbit lists none of the configured markets \(KRW-LUNA/
    );
    const statuses = run.traces
      .filter((t) => t.type === 'STREAM_STATUS')
      .map((t) => `${t.stream_status.stream_descriptor.name} ${t.stream_status.status}`);
    expect(statuses).toContain('markets COMPLETE');
    expect(statuses).toContain('candles_hourly INCOMPLETE');
  });

  it('fails at once on 418 and says the IP is blocked', async () => {
    marketList();
    const blocked = nock(BASE).get(CANDLES).query(true).reply(418, '');

    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['candles_hourly', 'incremental']),
    });

    expect(blocked.isDone()).toBe(true);
    expect(run.code).toBe(1);
    expect(run.traces.find((t) => t.type === 'ERROR')!.error.message).toMatch(/blocked this IP/);
  });

  it('emits the market list as a full-refresh stream', async () => {
    marketList();
    const run = await runUpbit('read', {
      config: config(),
      catalog: catalog(['markets', 'full_refresh']),
    });

    expect(run.code).toBe(0);
    expect(run.records.map((r) => r.data.market)).toEqual([
      'KRW-BTC',
      'KRW-ETH',
      'KRW-ZIL',
      'BTC-ETH',
      'USDT-BTC',
    ]);
    const zil = run.records.find((r) => r.data.market === 'KRW-ZIL')!.data;
    expect(zil.warning).toBe(true);
    expect(zil.cautions).toEqual(['GLOBAL_PRICE_DIFFERENCES']);
    expect(zil.korean_name).toBe('질리카');
    // Upbit's own meaning: a caution flag alone is not its warning (BTC-SIGN in the real list).
    const btcEth = run.records.find((r) => r.data.market === 'BTC-ETH')!.data;
    expect(btcEth).toMatchObject({warning: false, cautions: ['GLOBAL_PRICE_DIFFERENCES']});
    expect(btcEth.warning_details).toMatchObject({warning: false});
    const btc = run.records.find((r) => r.data.market === 'KRW-BTC')!.data;
    expect(btc).toMatchObject({warning: false, cautions: []});
    expect(run.states[0]!.sourceStats.recordCount).toBe(5);
  });
});

describe('Upbit check', () => {
  it('fails naming the field when the config is invalid, with exit code 0', async () => {
    const run = await runUpbit('check', {config: config({page_size: 500})});
    expect(run.code).toBe(0);
    expect(run.messages.at(-1)!.connectionStatus).toEqual({
      status: 'FAILED',
      message: 'config field "page_size" must be at most 200, the most Upbit returns per request.',
    });
  });

  it('fails naming a market Upbit does not list', async () => {
    marketList();
    const run = await runUpbit('check', {config: config({markets: ['KRW-BTC', 'KRW-NOPE']})});
    expect(run.messages.at(-1)!.connectionStatus.status).toBe('FAILED');
    expect(run.messages.at(-1)!.connectionStatus.message).toMatch(/does not list KRW-NOPE/);
  });

  it('succeeds against a reachable exchange', async () => {
    marketList();
    const run = await runUpbit('check', {
      config: config({markets: [], quote_currencies: ['KRW', 'BTC']}),
    });
    expect(run.messages.at(-1)!.connectionStatus.status).toBe('SUCCEEDED');
    expect(run.messages.at(-1)!.connectionStatus.message).toMatch(/4 market\(s\) selected/);
  });
});
