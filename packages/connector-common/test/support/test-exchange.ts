import {
  parseUpbitCompatibleCandles,
  parseUpbitCompatibleMarkets,
  upbitCompatibleCandlesRequest,
  upbitCompatibleErrorEnvelope,
  upbitCompatibleMarketCode,
  upbitCompatibleMarketRow,
} from '../../src/families/upbit-compatible';
import type {ExchangeDefinition} from '../../src/definition/exchange-definition';

/**
 * A tiny exchange of the Upbit-compatible family, with limits unlike Upbit's (8 requests
 * per second, pages of 50) so tests see the definition's numbers, not hard-coded ones. It
 * reads a bare `to` as KST, so every request must carry an explicit offset.
 */
export const testExchange: ExchangeDefinition = {
  id: 'testex',
  displayName: 'TestEx',
  sourceApi: 'testex_v1',
  defaultBaseUrl: 'https://api.testex.example',
  documentationUrl: 'https://example.com/docs/testex',
  marketCode: upbitCompatibleMarketCode,
  maxPageSize: 50,
  rateLimits: {
    candles: {documentedRequestsPerSecond: 8},
    markets: {documentedRequestsPerSecond: 5},
  },
  errors: {envelope: upbitCompatibleErrorEnvelope, byStatus: {404: 'unknown_market'}},
  marketsRequest: {endpoint: '/v1/market/all'},
  candlesRequest: upbitCompatibleCandlesRequest('iso-kst'),
  tradedValue: 'reported',
  parseMarkets: (body, context) =>
    parseUpbitCompatibleMarkets(
      'testex',
      upbitCompatibleMarketRow,
      () => ({warning: false, details: null}),
      body,
      context
    ),
  parseCandles: parseUpbitCompatibleCandles,
};
