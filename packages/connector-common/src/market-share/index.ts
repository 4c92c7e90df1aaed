// The market-share API (`@korea-candles/connector-common/market-share`; not at the package root,
// which every connector process loads). Generic helpers (time, CSV, Decimal) stay internal
// so their names cannot collide with the rest of the SDK's `export *`.
export {DEFAULT_MAX_RATE_CARRY_HOURS, MarketShareAggregator} from './aggregate';
export type {Aggregates, AggregatorOptions, AssetDay, ExchangeHour} from './aggregate';
export {totalOf} from './breakdown';
export type {ValueBreakdown} from './breakdown';
export {renderDailyShareSvg} from './chart';
export {buildExchangeDays, exchangeSpans} from './coverage';
export type {ExchangeDay, ExchangeSpan} from './coverage';
export {CandleDeduper} from './dedupe';
export type {DedupeStats} from './dedupe';
export {classifyLine, fileSource} from './jsonl-reader';
export type {InputSource, MessageResult} from './jsonl-reader';
export {CONVERTED_DECIMALS, krwRateOf, parseCandleData, toKrw} from './normalize';
export type {KrwRate, ParseResult, ReferenceCandle, ShareCandle} from './normalize';
export {
  computeMarketShare,
  DEFAULT_CONVERT_QUOTES,
  DEFAULT_DEDUPE_WINDOW_HOURS,
  InvalidInputError,
} from './pipeline';
export type {MarketShareOptions, MarketShareRun, MarketShareStats} from './pipeline';
export {
  DailyFigureError,
  DEFAULT_RECONCILE_TOLERANCE,
  parseDailyFigures,
  reconcileDailyFigures,
} from './reconcile';
export type {DailyFigure, ReconcileRow, ReconcileStatus} from './reconcile';
export {buildReport} from './report';
export type {AssetShareRow, MarketShareReport, ShareRow} from './report';
export {DEFAULT_SHARE_DECIMALS, largestRemainderShares} from './shares';
export type {ShareInput} from './shares';
export {main as marketShareMain} from './cli';
