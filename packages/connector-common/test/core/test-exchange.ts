import {
  parseUpbitCompatibleCandles,
  parseUpbitCompatibleMarkets,
  upbitCompatibleMarketRow,
} from '../../src/presets/upbit-compatible';
import type {ExchangeDefinition} from '../../src/source/exchange-definition';

/**
 * A tiny exchange on the Upbit-compatible preset, with limits unlike Upbit's (8 requests
 * per second, pages of 50) so tests see the definition's numbers, not hard-coded ones. It
 * reads a bare `to` as KST, so every request must carry an explicit offset.
 */
export const testExchange: ExchangeDefinition = {
  id: 'testex',
  displayName: 'TestEx',
  sourceApi: 'testex_v1',
  defaultBaseUrl: 'https://api.testex.example',
  documentationUrl: 'https://example.com/docs/testex',
  timeParamZone: 'KST',
  maxPageSize: 50,
  rateLimits: {
    candles: {documentedRequestsPerSecond: 8},
    markets: {documentedRequestsPerSecond: 5},
  },
  marketsRequest: {endpoint: '/v1/market/all'},
  candlesEndpoint: '/v1/candles/minutes/60',
  parseMarkets: (body, context) =>
    parseUpbitCompatibleMarkets(
      'testex',
      upbitCompatibleMarketRow,
      () => ({warning: false, details: null}),
      body,
      context
    ),
  parseCandles: (body, context, market) =>
    parseUpbitCompatibleCandles('testex', 'testex_v1', body, context, market),
};
