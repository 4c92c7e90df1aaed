import {type ExchangeDefinition, ietfRateLimitHeader} from '@korea-candles/connector-common';

import {parseKorbitCandles, parseKorbitMarkets} from './responses';

/**
 * Korbit's Open API v2 (api.korbit.co.kr), as its docs and official CLI describe it:
 * `GET /v2/candles?symbol=btc_krw&interval=60&limit=1..200&start=<ms>&end=<ms>`, oldest first,
 * decimal strings, `timestamp` = candle start; 50 requests per second per IP on public
 * endpoints, quota in the IETF `RateLimit` / `RateLimit-Policy` headers, 429 with `Retry-After`.
 *
 * One request asks for exactly one window of at most `limit` hours, with both bounds one step
 * inside the window: `start` = its first hour, `end` = its end - 1 ms. The answer cannot be
 * truncated whichever end of the range Korbit fills first, and `end` means the same whether it
 * is inclusive (as the CLI's paging implies) or exclusive. Candles carry base volume only, so
 * the traded value is estimated (volume x typical price) and flagged.
 *
 * Errors: `{"success":false,"error":{"message":"<CODE>"}}`. `TRY_AGAIN` is the one code
 * documented as retryable; `INVALID_CURRENCY_PAIR` ("Invalid symbol.") names the market. Any
 * other code (`BAD_REQUEST` can also mean a parameter we built) fails the stream as rejected.
 */
export const korbit: ExchangeDefinition = {
  id: 'korbit',
  displayName: 'Korbit',
  sourceApi: 'korbit_v2',
  defaultBaseUrl: 'https://api.korbit.co.kr',
  documentationUrl:
    'https://github.com/korea-candles/korea-candles-airbyte/blob/main/docs/sources/korbit-candles.md',
  marketCode: {pattern: '^[a-z0-9]+_[a-z0-9]+$', form: 'lower-case base_quote', example: 'btc_krw'},
  maxPageSize: 200,
  rateLimits: {
    candles: {documentedRequestsPerSecond: 50},
    markets: {documentedRequestsPerSecond: 50},
  },
  quotaHeader: ietfRateLimitHeader,
  errors: {
    envelope: {
      when: {path: ['success'], equals: false},
      code: ['error', 'message'],
      message: ['error', 'message'],
    },
    byCode: {TRY_AGAIN: 'transient', INVALID_CURRENCY_PAIR: 'unknown_market'},
  },
  marketsRequest: {endpoint: '/v2/currencyPairs'},
  candlesRequest: {
    path: '/v2/candles',
    marketParam: 'symbol',
    fixedParams: {interval: '60'},
    limitParam: 'limit',
    // `limit`: the number of candles (docs and the official CLI); the probe checks it.
    limitCounts: 'candles',
    start: {param: 'start', format: 'epoch-ms', inclusive: true},
    end: {param: 'end', format: 'epoch-ms', inclusive: true},
    order: 'oldest-first',
  },
  tradedValue: 'estimated-typical-price',
  parseMarkets: parseKorbitMarkets,
  parseCandles: parseKorbitCandles,
};
