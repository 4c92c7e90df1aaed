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
  type CoinoneLimitOptions,
  type KorbitLimitOptions,
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
export {MAX_COUNT} from './exchanges/upbit-compatible';
export type {CountOverLimit} from './exchanges/module';
export {MAX_SIZE as COINONE_MAX_SIZE} from './exchanges/coinone';
export {MAX_LIMIT as KORBIT_MAX_LIMIT} from './exchanges/korbit';
export {BREAK_MODES, parseBreakSpec, type BreakMode, type BreakRule} from './breaks';
export {
  expectedApiCandles,
  type ExpectedApiCandles,
  type ExpectedCoinoneCandle,
  type ExpectedKorbitCandle,
} from './data/ground-truth';
export {korbitSymbol, universeCode} from './data/market-codes';
export {selectCandles, type CandleSelection} from './data/select';
export type {StatsSnapshot} from './stats';
export {parseExchangeTime, HOUR_MS, KST_OFFSET_MS} from './time';
export {parseCli, main} from './cli';
