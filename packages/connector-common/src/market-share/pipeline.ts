import {MarketShareAggregator} from './aggregate';
import {exchangeSpans} from './coverage';
import {CandleDeduper, DedupeStats} from './dedupe';
import {classifyLine, InputSource, MessageResult, readLines} from './jsonl-reader';
import {parseCandleData, ShareCandle} from './normalize';
import {Progress} from './progress';
import {
  DailyFigure,
  DEFAULT_RECONCILE_TOLERANCE,
  reconcileDailyFigures,
  ReconcileRow,
} from './reconcile';
import {buildReport, MarketShareReport} from './report';
import {DEFAULT_SHARE_DECIMALS} from './shares';

export const DEFAULT_DEDUPE_WINDOW_HOURS = 72;
export const DEFAULT_CONVERT_QUOTES: readonly string[] = ['BTC', 'USDT'];

/** A line that is not a valid Airbyte message or candle, named by file, line and field. */
export class InvalidInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly detail: string
  ) {
    super(`${file}:${line}: field ${field}: ${detail}`);
    this.name = 'InvalidInputError';
  }
}

export interface MarketShareOptions {
  /** Report invalid lines through onInvalid and go on, instead of failing on the first. */
  readonly skipInvalid?: boolean;
  readonly onInvalid?: (error: InvalidInputError) => void;
  readonly dedupeWindowHours?: number;
  readonly convertQuotes?: readonly string[];
  /** See AggregatorOptions.maxRateCarryHours. */
  readonly maxRateCarryHours?: number;
  readonly shareDecimals?: number;
  readonly dailyFigures?: readonly DailyFigure[];
  readonly tolerance?: string;
  readonly progress?: Progress;
  /**
   * The candles come deduplicated and, per exchange, in hour order (a warehouse query): no
   * dedupe window is held, and each exchange-hour is sealed as soon as the next one begins, so
   * memory does not grow with the non-KRW candles of the period. A candle out of hour order is
   * then an error.
   */
  readonly deduplicatedInHourOrder?: boolean;
}

export interface MarketShareStats {
  readonly lines: number;
  readonly candleRecords: number;
  readonly invalidLines: number;
  readonly dedupe: DedupeStats;
}

export interface MarketShareRun {
  readonly report: MarketShareReport;
  readonly reconciliation: readonly ReconcileRow[];
  readonly stats: MarketShareStats;
}

/** One unit of input: a line of a JSONL file, or a row of a warehouse table, already classified. */
export interface InputItem {
  /** File name or table name, for error messages. */
  readonly name: string;
  /** 1-based line (JSONL) or row number (warehouse) within `name`. */
  readonly lineNo: number;
  readonly msg: MessageResult;
}

async function* jsonlItems(
  sources: readonly InputSource[],
  progress: Progress | undefined
): AsyncGenerator<InputItem> {
  for (const source of sources) {
    for await (const line of readLines(source, (n) => progress?.addBytes(n))) {
      yield {name: source.name, lineNo: line.lineNo, msg: classifyLine(line.text)};
    }
  }
}

/** Streams every source once, then builds all tables. Sources are read in the order given. */
export async function computeMarketShare(
  sources: readonly InputSource[],
  options: MarketShareOptions = {}
): Promise<MarketShareRun> {
  return computeMarketShareFromItems(jsonlItems(sources, options.progress), options);
}

/**
 * The pipeline behind every input (JSONL, warehouse tables): the same validation
 * (parseCandleData), deduplication and aggregation, so equal candles give equal reports.
 */
export async function computeMarketShareFromItems(
  items: AsyncIterable<InputItem>,
  options: MarketShareOptions = {}
): Promise<MarketShareRun> {
  const figures = options.dailyFigures ?? [];
  const aggregator = new MarketShareAggregator({
    convertQuotes: new Set(
      (options.convertQuotes ?? DEFAULT_CONVERT_QUOTES).map((q) => q.toUpperCase())
    ),
    maxRateCarryHours: options.maxRateCarryHours,
    watchMarkets: new Set(figures.map((f) => `${f.exchange}\u0000${f.market}`)),
  });
  const deduper = new CandleDeduper(options.dedupeWindowHours ?? DEFAULT_DEDUPE_WINDOW_HOURS, (c) =>
    aggregator.add(c)
  );
  const currentHour = new Map<string, number>();
  const accept = options.deduplicatedInHourOrder
    ? (c: ShareCandle) => {
        const current = currentHour.get(c.exchange);
        if (current !== undefined && c.hourMs > current) {
          // Every hour before this one is done; a candle of one of them is refused (add throws).
          aggregator.sealThrough(c.exchange, c.hourMs - 1);
        }
        if (current === undefined || c.hourMs > current) currentHour.set(c.exchange, c.hourMs);
        aggregator.add(c);
      }
    : (c: ShareCandle) => deduper.add(c);
  let lines = 0;
  let candleRecords = 0;
  let invalidLines = 0;
  const invalid = (err: InvalidInputError) => {
    if (!options.skipInvalid) throw err;
    invalidLines++;
    options.onInvalid?.(err);
  };
  for await (const {name, lineNo, msg} of items) {
    lines++;
    options.progress?.line();
    if (msg.kind === 'skip') continue;
    if (msg.kind === 'invalid') {
      invalid(new InvalidInputError(name, lineNo, msg.field, msg.message));
      continue;
    }
    const parsed = parseCandleData(msg.data);
    if (!parsed.ok) {
      invalid(new InvalidInputError(name, lineNo, `record.data.${parsed.field}`, parsed.message));
      continue;
    }
    candleRecords++;
    accept(parsed.candle);
  }
  deduper.flush();
  const aggregates = aggregator.finish();
  const reconciliation = reconcileDailyFigures(
    figures,
    (exchange, market) => aggregator.watched.get(`${exchange}\u0000${market}`),
    exchangeSpans(aggregates),
    options.tolerance ?? DEFAULT_RECONCILE_TOLERANCE
  );
  return {
    report: buildReport(aggregates, options.shareDecimals ?? DEFAULT_SHARE_DECIMALS),
    reconciliation,
    stats: {lines, candleRecords, invalidLines, dedupe: deduper.stats},
  };
}
