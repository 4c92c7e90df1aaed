import {
  ExchangeDefinition,
  parseUpbitCompatibleCandles,
  parseUpbitCompatibleMarkets,
  upbitQuotaHeader,
} from '@korea-candles/connector-common';

import {upbitMarketRow, upbitWarning} from './market-schema';

/**
 * Upbit's quotation API, as documented (docs.upbit.com): a bare `to` is read as UTC,
 * 10 requests per second per IP in the candle group (and 10 in the market group),
 * quota in the `Remaining-Req` header, at most 200 candles per request.
 */
export const upbit: ExchangeDefinition = {
  id: 'upbit',
  displayName: 'Upbit',
  sourceApi: 'upbit_v1',
  defaultBaseUrl: 'https://api.upbit.com',
  documentationUrl:
    'https://github.com/korea-candles/korea-candles-airbyte/blob/main/docs/sources/upbit-candles.md',
  timeParamZone: 'UTC',
  maxPageSize: 200,
  rateLimits: {
    candles: {documentedRequestsPerSecond: 10},
    markets: {documentedRequestsPerSecond: 10},
  },
  quotaHeader: upbitQuotaHeader,
  marketsRequest: {endpoint: '/v1/market/all', params: {is_details: true}},
  candlesEndpoint: '/v1/candles/minutes/60',
  parseMarkets: (body, context) =>
    parseUpbitCompatibleMarkets('upbit', upbitMarketRow, upbitWarning, body, context),
  parseCandles: (body, context, market) =>
    parseUpbitCompatibleCandles('upbit', 'upbit_v1', body, context, market),
};
