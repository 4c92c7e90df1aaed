import type {ExchangeDefinition} from '@korea-candles/connector-common';
import {
  decodeUpbitCompatibleCandles,
  parseUpbitCompatibleCandles,
  parseUpbitCompatibleMarkets,
  upbitCompatibleCandlesRequest,
  upbitCompatibleErrorEnvelope,
  upbitCompatibleMarketCode,
} from '@korea-candles/connector-common/upbit-compatible';

import {bithumbMarketRow, bithumbWarning} from './market-schema';
import {bithumbQuotaHeader} from './quota-header';

/**
 * Bithumb's v1 ("API 2.0") public API, which copies Upbit's candle and market shapes. What
 * differs is declared here: a bare `to` is read as KST (so `to` always goes out with
 * +09:00), 150 requests per second per IP per category (over it, the IP is blocked for
 * about a minute, and failed calls count), `X-RateLimit-*` quota headers, and
 * `market_warning` in the market list. Error bodies can arrive with HTTP 2xx; the SDK checks
 * every body for the declared envelope. The legacy API (`/public/candlestick`) is not used: it
 * cannot page back in time and has no traded value.
 */
export const bithumb: ExchangeDefinition = {
  id: 'bithumb',
  displayName: 'Bithumb',
  sourceApi: 'bithumb_v1',
  defaultBaseUrl: 'https://api.bithumb.com',
  documentationUrl:
    'https://github.com/korea-candles/korea-candles-airbyte/blob/main/docs/sources/bithumb-candles.md',
  marketCode: upbitCompatibleMarketCode,
  maxPageSize: 200,
  rateLimits: {
    // The FAQ: going over shuts the category to the IP for a minute.
    candles: {documentedRequestsPerSecond: 150, excessBlockMs: 60_000},
    markets: {documentedRequestsPerSecond: 150, excessBlockMs: 60_000},
  },
  quotaHeader: bithumbQuotaHeader,
  errors: {envelope: upbitCompatibleErrorEnvelope, byStatus: {404: 'unknown_market'}},
  marketsRequest: {endpoint: '/v1/market/all', params: {isDetails: true}},
  candlesRequest: upbitCompatibleCandlesRequest('iso-kst'),
  tradedValue: 'reported',
  parseMarkets: (body, context) =>
    parseUpbitCompatibleMarkets('bithumb', bithumbMarketRow, bithumbWarning, body, context),
  parseCandles: parseUpbitCompatibleCandles,
  decodeCandles: decodeUpbitCompatibleCandles,
};
