import {ResponseValidationError} from '../../src/errors/connector-error';
import {parseJsonExact} from '../../src/json/json-number';
import {splitQuoteBase} from '../../src/families/upbit-compatible/market-code';
import {
  parseUpbitCompatibleCandles,
  parseUpbitCompatibleMarkets,
  upbitCompatibleMarketRow,
} from '../../src/families/upbit-compatible';
import {candlePage, candleRow, hours} from '../../src/families/upbit-compatible/fixtures';

const context = {exchange: 'Upbit', endpoint: '/v1/candles/minutes/60', market: 'KRW-BTC'};
const BTC = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};

import {normalizeCandles} from '../../src/record-selector/normalize-candle';
import {testExchange} from '../support/test-exchange';

const upbitLike = {...testExchange, id: 'upbit', sourceApi: 'upbit_v1'};

/** Parses a page as the family does and normalizes it as the SDK does for every exchange. */
const parseCandles = (json: string) =>
  normalizeCandles(
    upbitLike,
    BTC,
    parseUpbitCompatibleCandles(parseJsonExact(json), context, BTC),
    context
  );

/** The validation error a body raises, so tests can assert both field and message. */
function rejection(json: string): ResponseValidationError {
  try {
    parseCandles(json);
  } catch (err) {
    if (err instanceof ResponseValidationError) return err;
    throw err;
  }
  throw new Error('the page was accepted');
}

const validRow = candleRow('KRW-BTC', {utc: '2024-01-09T20:00:00'});

describe('Upbit-compatible candle pages', () => {
  it('maps a valid page exactly onto the Candle model, in the order sent', () => {
    const page = candlePage('KRW-BTC', [
      {utc: '2024-01-09T20:00:00'},
      {utc: '2024-01-09T21:00:00', open: '1.50000000', value: '0.00000000', volume: '1e-8'},
    ]);
    const candles = parseCandles(page);
    expect(candles.map((c) => c.candle_start_utc)).toEqual([
      '2024-01-09T21:00:00Z',
      '2024-01-09T20:00:00Z',
    ]);
    expect(candles[1]).toEqual({
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
    expect(candles[0]).toMatchObject({
      open: '1.5',
      traded_value_quote: '0',
      volume_base: '0.00000001',
    });
  });

  it('accepts an empty page (no trades before `to`)', () => {
    expect(parseCandles('[]')).toEqual([]);
  });

  it('rejects a row whose KST time is not the UTC time plus nine hours', () => {
    const bad = validRow.replace(
      '"candle_date_time_kst":"2024-01-10T05:00:00"',
      '"candle_date_time_kst":"2024-01-09T20:00:00"'
    );
    const err = rejection(`[${validRow},${bad}]`);
    expect(err.field).toBe('[1].candle_date_time_kst');
    expect(err.message).toContain('must be the same instant as candle_date_time_utc (UTC+9)');
  });

  it('rejects a row for another market than the one requested', () => {
    const eth = candleRow('KRW-ETH', {utc: '2024-01-09T19:00:00'});
    const err = rejection(`[${validRow},${eth}]`);
    expect(err.field).toBe('[1].market');
    expect(err.message).toContain('is "KRW-ETH" but KRW-BTC was requested');
  });

  it('rejects a candle that does not start on the hour', () => {
    const half = candleRow('KRW-BTC', {utc: '2024-01-09T20:30:00'});
    const err = rejection(`[${half}]`);
    expect(err.field).toBe('[0].candle_date_time_utc');
    expect(err.message).toContain('must be the start of an hour (got "2024-01-09T20:30:00")');
  });

  it('rejects a candle time with a zone or in another notation', () => {
    const zoned = validRow.replace('"2024-01-09T20:00:00"', '"2024-01-09T20:00:00Z"');
    expect(rejection(`[${zoned}]`).message).toContain(
      'field "[0].candle_date_time_utc" must be a UTC time like 2024-01-01T05:00:00'
    );
  });

  it('rejects candles of another unit than 60 minutes', () => {
    const err = rejection(`[${validRow.replace('"unit":60', '"unit":240')}]`);
    expect(err.field).toBe('[0].unit');
    expect(err.message).toContain('must be 60 for hourly candles');
  });

  it('rejects a negative traded value or volume', () => {
    const value = validRow.replace(
      '"candle_acc_trade_price":37189906239683.17623000',
      '"candle_acc_trade_price":-1.5'
    );
    expect(rejection(`[${value}]`).field).toBe('[0].candle_acc_trade_price');
    const volume = validRow.replace(
      '"candle_acc_trade_volume":640.12345678',
      '"candle_acc_trade_volume":-0.1'
    );
    expect(rejection(`[${volume}]`).message).toContain(
      'field "[0].candle_acc_trade_volume" must not be negative'
    );
  });

  it('rejects a missing field and a body that is not a list', () => {
    expect(rejection(`[${validRow.replace(/"high_price":[^,]+,/, '')}]`).field).toBe(
      '[0].high_price'
    );
    expect(rejection('{"error":{"name":"x","message":"y"}}').field).toBe('(response body)');
  });

  it('parses every hour of a longer page', () => {
    const candles = parseCandles(candlePage('KRW-BTC', hours('2024-01-09T10:00:00', 15, [12])));
    expect(candles).toHaveLength(14);
    expect(new Set(candles.map((c) => c.kst_date))).toEqual(new Set(['2024-01-09', '2024-01-10']));
  });
});

describe('Upbit-compatible market lists', () => {
  const marketContext = {exchange: 'Upbit', endpoint: '/v1/market/all'};

  it('splits QUOTE-BASE codes and keeps names and the exchange warning', () => {
    const body = parseJsonExact(
      '[{"market":"KRW-BTC","korean_name":"비트코인","english_name":"Bitcoin"},' +
        '{"market":"USDT-XRP","korean_name":null}]'
    );
    const markets = parseUpbitCompatibleMarkets(
      'upbit',
      upbitCompatibleMarketRow,
      (row) => ({
        warning: row.market === 'USDT-XRP',
        cautions: row.market === 'USDT-XRP' ? ['PRICE_FLUCTUATIONS'] : undefined,
        details: null,
      }),
      body,
      marketContext
    );
    expect(markets).toEqual([
      {
        exchange: 'upbit',
        market: 'KRW-BTC',
        base_currency: 'BTC',
        quote_currency: 'KRW',
        korean_name: '비트코인',
        english_name: 'Bitcoin',
        warning: false,
        cautions: null,
        warning_details: null,
      },
      {
        exchange: 'upbit',
        market: 'USDT-XRP',
        base_currency: 'XRP',
        quote_currency: 'USDT',
        korean_name: null,
        english_name: null,
        warning: true,
        cautions: ['PRICE_FLUCTUATIONS'],
        warning_details: null,
      },
    ]);
  });

  it('rejects a market code that is not QUOTE-BASE, naming the row', () => {
    const body = parseJsonExact('[{"market":"KRW-BTC"},{"market":"krw_eth"}]');
    expect(() =>
      parseUpbitCompatibleMarkets(
        'upbit',
        upbitCompatibleMarketRow,
        () => ({warning: false, details: null}),
        body,
        marketContext
      )
    ).toThrow('field "[1].market" must be a QUOTE-BASE code like KRW-BTC');
  });

  it('splitQuoteBase reads only upper-case QUOTE-BASE codes', () => {
    expect(splitQuoteBase('BTC-ETH')).toEqual({quote: 'BTC', base: 'ETH'});
    expect(splitQuoteBase('krw-btc')).toBeUndefined();
    expect(splitQuoteBase('KRW-BTC-X')).toBeUndefined();
  });
});
