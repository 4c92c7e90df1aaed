// The runtime's public surface: what a source package needs to declare an exchange and run as
// a connector, nothing more. The SDK's own modules, its tests and its other entry points import
// each other by relative path. Not here: market-share (`@korea-candles/connector-common/market-share`,
// bin/market-share), the conformance kit (`/testing`) and the Upbit-compatible family
// (`/upbit-compatible`). Every connector process loads this entry point, for `spec` too, so it
// reaches only what a connector runs. Add a name here only when a source package needs it.

// Running a connector (a source's bin/main).
export {connectorMain} from './runner/main';

// Declaring an exchange.
export type {
  ExchangeCandle,
  ExchangeDefinition,
  ExchangeRateLimit,
  MarketRef,
  TradedValueSource,
} from './definition/exchange-definition';
export {
  buildCandleRequest,
  type CandleQuery,
  type CandleRequestDeclaration,
  fillPath,
  readCandleQuery,
} from './definition/candle-request';
export type {Market} from './model/market';
export type {RequestContext} from './errors/connector-error';
export {ResponseValidationError} from './errors/connector-error';
export {
  type ErrorDeclaration,
  type ErrorMeaning,
  findErrorEnvelope,
} from './definition/error-declaration';
export {
  headerValue,
  ietfRateLimitHeader,
  nonNegativeInt,
  positiveInt,
} from './requester/quota-headers';
export type {QuotaHeaderParser} from './definition/quota-header';

// Parsing an exchange's responses: exact JSON numbers, decimals as strings, zod at the edge.
export {type JsonNumber, parseJsonExact} from './json/json-number';
export {
  jsonDecimal,
  jsonInteger,
  jsonNonNegativeDecimal,
  stringDecimal,
  stringNonNegativeDecimal,
} from './record-selector/json-values';
export {parseResponse} from './record-selector/parse-response';
export {HOUR_MS} from './time/hours';

// What `probe` reports (its findings are a source's output too).
export type {ProbeFinding} from './probe/finding';
