import type {ExchangeDefinition} from '@korea-candles/connector-common';
import {
  decodeUpbitCompatibleCandles,
  parseUpbitCompatibleCandles,
  parseUpbitCompatibleMarkets,
  upbitCompatibleCandlesRequest,
  upbitCompatibleErrorEnvelope,
  upbitCompatibleMarketCode,
} from '@korea-candles/connector-common/upbit-compatible';

import {upbitMarketRow, upbitWarning} from './market-schema';
import {upbitQuotaHeader} from './quota-header';

/**
 * Upbit's quotation API, as documented (docs.upbit.com): a bare `to` is read as UTC,
 * 10 requests per second per IP in the candle group (and 10 in the market group),
 * quota in the `Remaining-Req` header, at most 200 candles per request. An unknown market
 * is a 404 "Code not found"; 418 is an IP block; `server_error` asks for a retry.
 */
export const upbit: ExchangeDefinition = {
  id: 'upbit',
  displayName: 'Upbit',
  sourceApi: 'upbit_v1',
  defaultBaseUrl: 'https://api.upbit.com',
  documentationUrl:
    'https://github.com/korea-candles/korea-candles-airbyte/blob/main/docs/sources/upbit-candles.md',
  marketCode: upbitCompatibleMarketCode,
  maxPageSize: 200,
  rateLimits: {
    candles: {documentedRequestsPerSecond: 10},
    markets: {documentedRequestsPerSecond: 10},
  },
  quotaHeader: upbitQuotaHeader,
  errors: {
    envelope: upbitCompatibleErrorEnvelope,
    byStatus: {404: 'unknown_market', 418: 'blocked'},
    byCode: {server_error: 'transient'},
  },
  marketsRequest: {endpoint: '/v1/market/all', params: {is_details: true}},
  candlesRequest: upbitCompatibleCandlesRequest('iso-utc'),
  tradedValue: 'reported',
  parseMarkets: (body, context) =>
    parseUpbitCompatibleMarkets('upbit', upbitMarketRow, upbitWarning, body, context),
  parseCandles: parseUpbitCompatibleCandles,
  decodeCandles: decodeUpbitCompatibleCandles,
};
