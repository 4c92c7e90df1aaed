export {startSimulator, type RunningSimulator} from './http/server';
export type {SimulatorOptions} from './http/state';
export {
  DEFAULT_HISTORY_START,
  DEFAULT_MARKETS_PER_QUOTE,
  DEFAULT_RATE_LIMITS,
  EXCHANGES,
  QUOTES,
  resolveData,
  type ClockOptions,
  type CountMode,
  type DataOptions,
  type DelistingOptions,
  type ExchangeId,
  type QuoteCurrency,
  type RateLimitOptions,
} from './config';
export {
  SimulatedExchanges,
  expectedCandles,
  toExpectedCandle,
  type ExpectedCandle,
  type ExpectedCandlesOptions,
  type Instant,
} from './data/universe';
export {candleAt, candlesInRange, candlesPage, pathPrice, tradesInHour} from './data/candles';
export type {SimCandle, Trade} from './data/candles';
export {buildMarkets, isListedAt, type SimMarket} from './data/markets';
export {renderCandles, renderBithumbMarkets, renderUpbitMarkets} from './data/render';
export {
  FAULT_KINDS,
  ENDPOINTS,
  parseFaultSpec,
  type FaultKind,
  type FaultRule,
  type Endpoint,
} from './faults';
export {MAX_COUNT, type CountOverLimit} from './http/exchange-api';
export type {StatsSnapshot} from './stats';
export {parseExchangeTime, HOUR_MS, KST_OFFSET_MS} from './time';
export {parseCli, main} from './cli';
