// The runtime's public surface: what a source package needs to declare an exchange and run as
// a connector, nothing more. The SDK's own modules, its tests and its other entry points import
// each other by relative path. Not here: market-share (`@korea-candles/connector-common/market-share`,
// bin/market-share), the conformance kit (`/testing`) and the Upbit-compatible family
// (`/upbit-compatible`). Every connector process loads this entry point, for `spec` too, so it
// reaches only what a connector runs. Add a name here only when a source package needs it.

// Running a connector (a source's bin/main).
export {connectorMain} from './runner';

// Declaring an exchange.
export type {
  ExchangeCandle,
  ExchangeDefinition,
  ExchangeRateLimit,
  MarketRef,
  TradedValueSource,
} from './source';
export {
  buildCandleRequest,
  type CandleQuery,
  type CandleRequestDeclaration,
  fillPath,
  readCandleQuery,
} from './source';
export type {Market} from './model';
export type {RequestContext} from './errors';
export {ResponseValidationError} from './errors';
export {type ErrorDeclaration, type ErrorMeaning, findErrorEnvelope} from './http';
export {
  headerValue,
  ietfRateLimitHeader,
  nonNegativeInt,
  positiveInt,
  type QuotaHeaderParser,
} from './http';

// Parsing an exchange's responses: exact JSON numbers, decimals as strings, zod at the edge.
export {type JsonNumber, parseJsonExact} from './json';
export {
  jsonDecimal,
  jsonInteger,
  jsonNonNegativeDecimal,
  parseResponse,
  stringDecimal,
  stringNonNegativeDecimal,
} from './validation';
export {HOUR_MS} from './time';

// What `probe` reports (its findings are a source's output too).
export type {ProbeFinding} from './probe';
