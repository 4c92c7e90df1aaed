import {ResponseValidationError, parseJsonExact} from '@korea-candles/connector-common';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {parseKorbitCandles, parseKorbitMarkets} from '../src/responses';

const fixture = (name: string) =>
  parseJsonExact(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const CONTEXT = {exchange: 'Korbit', endpoint: '/v2/candles', market: 'btc_krw'};

/**
 * The oldest row of fixtures/candles-btc_krw.json, written by hand from the fixture text:
 * {"timestamp": 1704830400000, "open": "61250000", "high": "61420000", "low": "61180000",
 *  "close": "61377000", "volume": "1.932320026577213946"}
 * 1704830400000 ms = 2024-01-09T20:00:00Z (1704067200000 for 2024-01-01 + 8 days + 20 hours).
 * The record the SDK builds from it, with its estimated traded value, is checked field by field
 * in read.test.ts.
 */
const OLDEST_ROW = {
  startMs: Date.UTC(2024, 0, 9, 20),
  open: '61250000',
  high: '61420000',
  low: '61180000',
  close: '61377000',
  volumeBase: '1.932320026577213946',
};

describe('Korbit candles parse', () => {
  it('maps every documented field exactly and keeps the gap at 22:00', () => {
    const rows = parseKorbitCandles(fixture('candles-btc_krw.json'), CONTEXT);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(OLDEST_ROW);
    // 20:00, 21:00, (no trades at 22:00), 23:00, 00:00
    expect(rows.map((r) => new Date(r.startMs).toISOString())).toEqual([
      '2024-01-09T20:00:00.000Z',
      '2024-01-09T21:00:00.000Z',
      '2024-01-09T23:00:00.000Z',
      '2024-01-10T00:00:00.000Z',
    ]);
    // No quote value and no last-trade time: Korbit reports neither.
    expect(rows.every((r) => r.tradedValueQuote === undefined && r.lastTradeMs === undefined)).toBe(
      true
    );
    expect(rows[2]!.volumeBase).toBe('0.000001');
  });

  it('names the field when a decimal arrives as a JSON number', () => {
    const body = parseJsonExact(
      '{"success":true,"data":[{"timestamp":1704830400000,"open":"61250000","high":"61420000",' +
        '"low":"61180000","close":61377000,"volume":"1.5"}]}'
    );
    expect(() => parseKorbitCandles(body, CONTEXT)).toThrow(ResponseValidationError);
    expect(() => parseKorbitCandles(body, CONTEXT)).toThrow(
      /field "data\[0\].close" must be a decimal string/
    );
  });

  it('names the field when the timestamp arrives as a string', () => {
    const body = parseJsonExact(
      '{"success":true,"data":[{"timestamp":"1704830400000","open":"1","high":"1","low":"1",' +
        '"close":"1","volume":"1"}]}'
    );
    expect(() => parseKorbitCandles(body, CONTEXT)).toThrow(
      /field "data\[0\].timestamp" must be a JSON number/
    );
  });

  it('rejects a body without the success envelope', () => {
    const body = parseJsonExact('[{"timestamp":1704830400000}]');
    expect(() => parseKorbitCandles(body, CONTEXT)).toThrow(ResponseValidationError);
  });

  it('rejects a negative volume', () => {
    const body = parseJsonExact(
      '{"success":true,"data":[{"timestamp":1704830400000,"open":"1","high":"1","low":"1",' +
        '"close":"1","volume":"-0.5"}]}'
    );
    expect(() => parseKorbitCandles(body, CONTEXT)).toThrow(
      /data\[0\].volume" must not be negative/
    );
  });
});

describe('Korbit currency pairs parse', () => {
  const MARKETS_CONTEXT = {exchange: 'Korbit', endpoint: '/v2/currencyPairs'};

  it('keeps stopped pairs, marks their trading status, and upper-cases base and quote', () => {
    const markets = parseKorbitMarkets(fixture('currency-pairs.json'), MARKETS_CONTEXT);
    expect(
      markets.map((m) => [m.market, m.base_currency, m.quote_currency, m.trading_status])
    ).toEqual([
      ['btc_krw', 'BTC', 'KRW', 'launched'],
      ['eth_krw', 'ETH', 'KRW', 'launched'],
      ['xrp_krw', 'XRP', 'KRW', 'stopped'],
    ]);
    expect(markets[2]).toEqual({
      exchange: 'korbit',
      market: 'xrp_krw',
      base_currency: 'XRP',
      quote_currency: 'KRW',
      korean_name: null,
      english_name: null,
      warning: false,
      warning_details: null,
      trading_status: 'stopped',
    });
  });

  it('ignores the extra fields the official CLI parses', () => {
    const body = parseJsonExact(
      '{"success":true,"data":[{"symbol":"btc_krw","status":"launched","baseCurrency":"btc",' +
        '"quoteCurrency":"krw","minOrderValue":"5000","maxOrderValue":"1000000000"}]}'
    );
    expect(parseKorbitMarkets(body, MARKETS_CONTEXT).map((m) => m.market)).toEqual(['btc_krw']);
  });

  it('names a symbol that is not lower-case base_quote', () => {
    const body = parseJsonExact(
      '{"success":true,"data":[{"symbol":"BTC-KRW","status":"launched"}]}'
    );
    expect(() => parseKorbitMarkets(body, MARKETS_CONTEXT)).toThrow(
      /field "data\[0\].symbol" must be a lower-case base_quote symbol like btc_krw/
    );
  });
});
