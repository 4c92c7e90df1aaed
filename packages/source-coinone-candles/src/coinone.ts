import type {ExchangeDefinition} from '@korea-candles/connector-common';

import {parseCoinoneCandles, parseCoinoneMarkets} from './responses';

/**
 * Coinone's public API v2 (docs.coinone.co.kr). What we could not verify, and why each
 * choice is still safe, is in docs/sources/coinone-candles.md ("Unverified facts"):
 * - markets are named `KRW-BTC` (QUOTE-BASE, upper case) like Upbit's; the chart path takes
 *   `/{QUOTE}/{BASE}`;
 * - `timestamp` is "the last candle's timestamp" (epoch ms, UTC): declared inclusive, so the
 *   SDK sends end - 1 ms, which selects the same candles whether Coinone reads it inclusive
 *   or exclusive;
 * - `size`: 200 is the default page; 500 as the maximum comes from secondary sources only;
 * - one public budget per IP: 1200/min in the newer docs (the ceiling, 20/s), 300/min in
 *   the older ones (the default, 5/s). An excess answers error_code 4 and refuses the IP
 *   for a minute, so it fails at once rather than retrying into the block;
 * - `Public-Ratelimit-Remaining` counts a minute, not a second: not read.
 */
export const coinone: ExchangeDefinition = {
  id: 'coinone',
  displayName: 'Coinone',
  sourceApi: 'coinone_v2',
  defaultBaseUrl: 'https://api.coinone.co.kr',
  documentationUrl:
    'https://github.com/korea-candles/korea-candles-airbyte/blob/main/docs/sources/coinone-candles.md',
  marketCode: {pattern: '^[A-Z0-9]+-[A-Z0-9]+$', form: 'QUOTE-BASE', example: 'KRW-BTC'},
  maxPageSize: 200,
  rateLimits: {
    candles: {documentedRequestsPerSecond: 20, defaultRequestsPerSecond: 5},
    markets: {documentedRequestsPerSecond: 5},
  },
  errors: {
    envelope: {
      when: {path: ['result'], equals: 'error'},
      code: ['error_code'],
      message: ['error_msg'],
      alternatives: [{code: ['errorCode'], message: ['errorMsg']}],
    },
    byCode: {
      '4': 'blocked',
      '107': 'rejected',
      '108': 'unknown_market',
      '109': 'unknown_market',
    },
  },
  marketsRequest: {endpoint: '/public/v2/markets/KRW'},
  candlesRequest: {
    path: '/public/v2/chart/{quote}/{base}',
    fixedParams: {interval: '1h'},
    limitParam: 'size',
    // "size": the number of candles (docs and clients); the probe checks it.
    limitCounts: 'candles',
    end: {param: 'timestamp', format: 'epoch-ms', inclusive: true},
    order: 'newest-first',
  },
  tradedValue: 'reported',
  parseMarkets: parseCoinoneMarkets,
  parseCandles: parseCoinoneCandles,
};
