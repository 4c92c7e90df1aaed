import {toKstIso, toUtcIso} from '../time/hours';
import type {MarketRef} from './exchange-definition';

/**
 * How a time bound travels in a query. ISO forms always carry an explicit offset, so the
 * zone in which an exchange reads a bare time (Upbit UTC, Bithumb KST) never matters; the
 * zone is still declared because it is what the exchange's own calendar uses.
 */
export type TimeBoundFormat = 'epoch-ms' | 'epoch-s' | 'iso-utc' | 'iso-kst';

export interface TimeBoundParam {
  /** Query parameter name, e.g. `to`, `end`, `timestamp`. */
  readonly param: string;
  readonly format: TimeBoundFormat;
  /** Whether a candle that starts exactly at the bound is included. */
  readonly inclusive: boolean;
}

/**
 * One window of hourly candles, as the exchange wants it asked. Without `start`, the
 * exchange is taken to answer "the latest `limit` candles before `end`" (Upbit, Bithumb,
 * Coinone); with `start`, only candles inside [start, end] (Korbit). The SDK asks for one
 * window of at most `limit` hours per request either way, so both answers are complete.
 */
export interface CandleRequestDeclaration {
  /** Path below the base URL; `{market}`, `{base}` and `{quote}` are filled in (URL-encoded). */
  readonly path: string;
  /** The query parameter naming the market, when the market is not in the path. */
  readonly marketParam?: string;
  /** Parameters sent with every candle request, e.g. `{interval: '1h'}`. */
  readonly fixedParams?: Readonly<Record<string, string | number | boolean>>;
  /** The page-size parameter (`count`, `size`, `limit`). */
  readonly limitParam: string;
  readonly end: TimeBoundParam;
  readonly start?: TimeBoundParam;
  /** Documented order of rows. The SDK never relies on it (it sorts); the probe checks it. */
  readonly order: 'newest-first' | 'oldest-first';
  /**
   * What the page size counts, where documented: existing candles, or hour slots walked back
   * from the bound. The reader is correct either way (it learns which); the probe checks it.
   */
  readonly limitCounts?: 'candles' | 'hour-slots';
}

export interface BuiltRequest {
  readonly endpoint: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
}

/** What one request asks: candles starting in [startMs, endMs) when startMs is given, else before endMs. */
export interface CandleQuery {
  readonly endMs: number;
  readonly startMs?: number;
  readonly limit: number;
}

/** The smallest step of a format: an inclusive bound sits one step inside an exclusive one. */
export function stepMs(format: TimeBoundFormat): number {
  return format === 'epoch-ms' ? 1 : 1000;
}

export function formatTimeBound(ms: number, format: TimeBoundFormat): string | number {
  switch (format) {
    case 'epoch-ms':
      return ms;
    case 'epoch-s':
      return Math.floor(ms / 1000);
    case 'iso-utc':
      return toUtcIso(ms);
    case 'iso-kst':
      return toKstIso(ms);
  }
}

/** Reads a bound back (the local exchange in generated tests, the simulator, the probe). */
export function parseTimeBound(value: string, format: TimeBoundFormat): number | undefined {
  if (format === 'epoch-ms' || format === 'epoch-s') {
    if (!/^\d+$/.test(value)) return undefined;
    const n = Number(value);
    return format === 'epoch-ms' ? n : n * 1000;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function fillPath(path: string, market: MarketRef): string {
  return path.replace(/\{(market|base|quote)\}/g, (_, key: 'market' | 'base' | 'quote') =>
    encodeURIComponent(market[key])
  );
}

/** The request for one window: exclusive `endMs`, optional inclusive `startMs`, page size. */
export function buildCandleRequest(
  decl: CandleRequestDeclaration,
  market: MarketRef,
  query: CandleQuery
): BuiltRequest {
  const params: Record<string, string | number | boolean> = {...decl.fixedParams};
  if (decl.marketParam) params[decl.marketParam] = market.market;
  const end = decl.end;
  params[end.param] = formatTimeBound(
    end.inclusive ? query.endMs - stepMs(end.format) : query.endMs,
    end.format
  );
  if (decl.start && query.startMs !== undefined) {
    const start = decl.start;
    params[start.param] = formatTimeBound(
      start.inclusive ? query.startMs : query.startMs - stepMs(start.format),
      start.format
    );
  }
  params[decl.limitParam] = query.limit;
  return {endpoint: fillPath(decl.path, market), params};
}

/**
 * The inverse of buildCandleRequest for a query string: the exclusive end, the inclusive
 * start, the limit. Undefined fields were absent or malformed.
 */
export function readCandleQuery(
  decl: CandleRequestDeclaration,
  query: URLSearchParams
): {endMs?: number; startMs?: number; limit?: number} {
  const bound = (b: TimeBoundParam | undefined, isEnd: boolean) => {
    const raw = b ? query.get(b.param) : null;
    const ms = raw === null || !b ? undefined : parseTimeBound(raw, b.format);
    if (ms === undefined || !b) return undefined;
    const step = stepMs(b.format);
    return isEnd ? (b.inclusive ? ms + step : ms) : b.inclusive ? ms : ms + step;
  };
  const rawLimit = query.get(decl.limitParam);
  const limit = rawLimit !== null && /^\d+$/.test(rawLimit) ? Number(rawLimit) : undefined;
  return {endMs: bound(decl.end, true), startMs: bound(decl.start, false), limit};
}
