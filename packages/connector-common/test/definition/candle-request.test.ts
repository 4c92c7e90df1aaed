import {
  buildCandleRequest,
  type CandleRequestDeclaration,
  readCandleQuery,
} from '../../src/definition/candle-request';
import {typicalPriceTradedValue} from '../../src/model/traded-value';
import * as sdk from '../../src';

const BTC = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};
const window = {
  startMs: Date.parse('2024-01-09T20:00:00Z'),
  endMs: Date.parse('2024-01-10T01:00:00Z'),
  limit: 5,
};

const upbitLike: CandleRequestDeclaration = {
  path: '/v1/candles/minutes/60',
  marketParam: 'market',
  limitParam: 'count',
  end: {param: 'to', format: 'iso-kst', inclusive: false},
  order: 'newest-first',
};
const coinoneLike: CandleRequestDeclaration = {
  path: '/public/v2/chart/{quote}/{base}',
  fixedParams: {interval: '1h'},
  limitParam: 'size',
  end: {param: 'timestamp', format: 'epoch-ms', inclusive: true},
  order: 'newest-first',
};
const korbitLike: CandleRequestDeclaration = {
  path: '/v2/candles',
  marketParam: 'symbol',
  fixedParams: {interval: 60},
  limitParam: 'limit',
  start: {param: 'start', format: 'epoch-ms', inclusive: true},
  end: {param: 'end', format: 'epoch-ms', inclusive: true},
  order: 'oldest-first',
};
const secondsLike: CandleRequestDeclaration = {
  path: '/api/klines/{market}',
  limitParam: 'n',
  start: {param: 'from', format: 'epoch-s', inclusive: false},
  end: {param: 'until', format: 'epoch-s', inclusive: true},
  order: 'oldest-first',
};

describe('buildCandleRequest', () => {
  it('asks Upbit-style: exclusive `to` with an explicit offset, and a count', () => {
    expect(buildCandleRequest(upbitLike, BTC, window)).toEqual({
      endpoint: '/v1/candles/minutes/60',
      params: {market: 'KRW-BTC', to: '2024-01-10T10:00:00+09:00', count: 5},
    });
  });

  it('puts the market in the path and an inclusive ms cursor one ms before the window end (Coinone)', () => {
    expect(buildCandleRequest(coinoneLike, BTC, window)).toEqual({
      endpoint: '/public/v2/chart/KRW/BTC',
      params: {interval: '1h', timestamp: window.endMs - 1, size: 5},
    });
  });

  it('sends both bounds when the exchange takes a start (Korbit), and omits start when not asked', () => {
    const korbitBtc = {market: 'btc_krw', base: 'BTC', quote: 'KRW'};
    expect(buildCandleRequest(korbitLike, korbitBtc, window).params).toEqual({
      symbol: 'btc_krw',
      interval: 60,
      start: window.startMs,
      end: window.endMs - 1,
      limit: 5,
    });
    expect(
      buildCandleRequest(korbitLike, korbitBtc, {endMs: window.endMs, limit: 5}).params
    ).not.toHaveProperty('start');
  });

  it('reads back what it built, for any format and inclusiveness', () => {
    for (const decl of [upbitLike, coinoneLike, korbitLike, secondsLike]) {
      const {endpoint, params} = buildCandleRequest(decl, BTC, window);
      const query = new URLSearchParams(
        Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])
      );
      expect(endpoint).not.toContain('{');
      const read = readCandleQuery(decl, query);
      expect(read.endMs).toBe(window.endMs);
      expect(read.limit).toBe(5);
      expect(read.startMs).toBe(decl.start ? window.startMs : undefined);
    }
  });
});

describe('the SDK entry point', () => {
  it('exports the request builder and its inverse, for local exchanges and nock tests', () => {
    expect(sdk.buildCandleRequest).toBe(buildCandleRequest);
    expect(sdk.readCandleQuery).toBe(readCandleQuery);
    expect(typeof sdk.fillPath).toBe('function');
  });
});

describe('typicalPriceTradedValue', () => {
  it('is volume x (H + L + C) / 3 in exact decimals, rounded half-even to 8 places', () => {
    // 0.1 x (3 + 3 + 3) / 3 = 0.3 exactly, which floats get wrong.
    expect(typicalPriceTradedValue('0.1', '3', '3', '3')).toBe('0.3');
    // 1 x (1 + 0 + 0) / 3 = 0.333333333... -> 0.33333333
    expect(typicalPriceTradedValue('1', '1', '0', '0')).toBe('0.33333333');
    // 2 x 1 / 3 = 0.6666... -> 0.66666667
    expect(typicalPriceTradedValue('2', '1', '0', '0')).toBe('0.66666667');
    // KRW magnitudes keep every digit: 123456.78901234 x (3 x 98765432.1) / 3
    expect(
      typicalPriceTradedValue('123456.78901234', '98765432.1', '98765432.1', '98765432.1')
    ).toBe('12193263112482.29233211');
  });
});
