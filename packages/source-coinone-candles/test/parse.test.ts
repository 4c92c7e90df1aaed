import {ResponseValidationError, parseJsonExact} from '@korea-candles/connector-common';

import {parseCoinoneCandles, parseCoinoneMarkets} from '../src/responses';
import {MARKETS, chartPage, hours} from './helpers';

const context = {exchange: 'Coinone', endpoint: '/public/v2/chart/KRW/BTC', market: 'KRW-BTC'};
const btc = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};
/** Asked: the 200 candles before 2024-01-10T01:00Z. */
const query = {endMs: Date.parse('2024-01-10T01:00:00Z'), limit: 200};
const parse = (text: string, asked = query) =>
  parseCoinoneCandles(parseJsonExact(text), context, btc, asked);

function problem(text: string, asked = query): string {
  try {
    parse(text, asked);
  } catch (err) {
    if (err instanceof ResponseValidationError) return `${err.field} ${err.problem}`;
    throw err;
  }
  throw new Error('parsed without error');
}

describe('parseCoinoneCandles', () => {
  it('reads every field of a candle exactly, keyed by the start of its hour', () => {
    const text =
      '{"result":"success","error_code":"0","is_last":false,"chart":[' +
      '{"timestamp":1704834000000,"open":"58000000.0","high":"58250000.0","low":"57900000.0",' +
      '"close":"58100000.0","target_volume":"640.12345678","quote_volume":"37189906239683.17623"}]}';
    expect(parse(text)).toEqual([
      {
        startMs: Date.parse('2024-01-09T21:00:00Z'),
        open: '58000000',
        high: '58250000',
        low: '57900000',
        close: '58100000',
        volumeBase: '640.12345678',
        tradedValueQuote: '37189906239683.17623',
      },
    ]);
  });

  it('keeps tiny prices and zero volumes as exact decimals', () => {
    const [candle] = parse(
      chartPage([
        {
          utc: '2024-01-09T21:00:00',
          open: '0.0000071',
          high: '0.0000072',
          low: '0.00000700',
          close: '0.0000071',
          volume: '0.0',
          value: '0.0',
        },
      ])
    );
    expect(candle).toMatchObject({
      open: '0.0000071',
      low: '0.000007',
      volumeBase: '0',
      tradedValueQuote: '0',
    });
  });

  it('returns rows in the order sent (the SDK sorts), gaps left as gaps', () => {
    const rows = parse(chartPage(hours('2024-01-09T20:00:00', 4, [1])));
    expect(rows.map((r) => new Date(r.startMs).toISOString())).toEqual([
      '2024-01-09T23:00:00.000Z',
      '2024-01-09T22:00:00.000Z',
      '2024-01-09T20:00:00.000Z',
    ]);
  });

  it('accepts the market named in any case and refuses another market', () => {
    const body = (q: string, t: string) =>
      `{"result":"success","error_code":"0","quote_currency":"${q}","target_currency":"${t}","chart":[]}`;
    expect(parse(body('krw', 'btc'))).toEqual([]);
    expect(problem(body('krw', 'eth'))).toBe(
      'quote_currency/target_currency name KRW-ETH but KRW-BTC was requested'
    );
  });

  it('refuses a page holding a row at or after the requested end, which the cursor excludes', () => {
    const page = chartPage(hours('2024-01-09T20:00:00', 3));
    expect(parse(page, {endMs: Date.parse('2024-01-09T23:00:00Z'), limit: 200})).toHaveLength(3);
    // A cursor read 9 hours late (as KST), or `timestamp` keying the end of the hour, looks like this.
    expect(problem(page, {endMs: Date.parse('2024-01-09T22:00:00Z'), limit: 200})).toBe(
      'chart[0].timestamp is 2024-01-09T22:00:00.000Z, not before the requested end ' +
        '2024-01-09T22:00:00.000Z: Coinone reads the timestamp cursor differently than documented'
    );
  });

  it('names the field when a value arrives with the wrong JSON type', () => {
    const page = chartPage(hours('2024-01-09T20:00:00', 2));
    expect(problem(page.replace('"timestamp":1704834000000', '"timestamp":"1704834000000"'))).toBe(
      'chart[0].timestamp must be a JSON number'
    );
    expect(problem(page.replace('"close":"58100000.0"', '"close":58100000.0'))).toBe(
      'chart[0].close must be a decimal string like "58100000.5"'
    );
    expect(
      problem(page.replace('"quote_volume":"717283946182.5193"', '"quote_volume":"-1.0"'))
    ).toBe('chart[0].quote_volume must not be negative');
    expect(problem(page.replace('"chart":', '"candles":'))).toMatch(/^chart /);
    expect(problem(page.replace('"result":"success"', '"result":"ok"'))).toBe(
      'result must be "success"'
    );
  });
});

describe('parseCoinoneMarkets', () => {
  it('names markets QUOTE-BASE in upper case and maps trade and maintenance status to warning', () => {
    const markets = parseCoinoneMarkets(parseJsonExact(MARKETS), {
      exchange: 'Coinone',
      endpoint: '/public/v2/markets/KRW',
    });
    expect(markets).toEqual([
      {
        exchange: 'coinone',
        market: 'KRW-BTC',
        base_currency: 'BTC',
        quote_currency: 'KRW',
        korean_name: null,
        english_name: null,
        warning: false,
        warning_details: {trade_status: 1, maintenance_status: 0},
      },
      {
        exchange: 'coinone',
        market: 'KRW-ETH',
        base_currency: 'ETH',
        quote_currency: 'KRW',
        korean_name: null,
        english_name: null,
        warning: false,
        warning_details: {trade_status: 1, maintenance_status: 0},
      },
      expect.objectContaining({
        market: 'KRW-XRP',
        warning: true,
        warning_details: {trade_status: 1, maintenance_status: 1},
      }),
      expect.objectContaining({
        market: 'KRW-STG',
        warning: true,
        warning_details: {trade_status: 0, maintenance_status: 0},
      }),
    ]);
  });

  it('reads statuses sent as strings and leaves warning_details null when neither is sent', () => {
    const body = parseJsonExact(
      '{"result":"success","error_code":"0","markets":[' +
        '{"quote_currency":"KRW","target_currency":"BTC","trade_status":"1","maintenance_status":"0"},' +
        '{"quote_currency":"KRW","target_currency":"ETH"}]}'
    );
    const [btcRow, ethRow] = parseCoinoneMarkets(body, {
      exchange: 'Coinone',
      endpoint: '/public/v2/markets/KRW',
    });
    expect(btcRow).toMatchObject({
      warning: false,
      warning_details: {trade_status: '1', maintenance_status: '0'},
    });
    expect(ethRow).toMatchObject({warning: false, warning_details: null});
  });
});
