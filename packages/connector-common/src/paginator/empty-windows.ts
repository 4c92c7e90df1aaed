import type {Candle} from '../model/candle';
import type {HourWindow} from './hour-windows';
import {candlesInWindow} from './window-page';
import {HOUR_MS} from '../time/hours';

/**
 * When may an empty answer be read as "no trades"? Pure rules, kept apart from the reader so
 * they hold for every way an exchange is asked:
 * - `before`: the latest `count` candles before `to` (Upbit, Bithumb v1). Whether `count`
 *   counts candles or hour slots is not documented; every rule here holds for both.
 * - `between`: the candles from `start` to `end`, at most `limit` (Korbit's bounds).
 */
export type CandleRequest =
  | {readonly kind: 'before'; readonly toMs: number; readonly count: number}
  | {
      readonly kind: 'between';
      readonly startMs: number;
      readonly endMs: number;
      readonly limit: number;
    };

/** Hours [startMs, endMs). */
export interface HourSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** What the sync knows of a market before this page. */
export interface MarketSeen {
  /** A saved cursor, or a candle already returned in this sync: the market has traded. */
  readonly tradedBefore: boolean;
}

/** What a page says about a window whose own answer was empty. */
export type EmptyWindowVerdict =
  | {readonly kind: 'candles'; readonly candles: Candle[]}
  | {readonly kind: 'no-trades'; readonly shownBy: HourSpan}
  | {readonly kind: 'unproven'};

/**
 * An empty answer for a market that has traded says nothing by itself: a hiccup or a stale
 * cache answers `[]` exactly as an hour without trades does. It must be confirmed.
 */
export function isSuspectEmpty(page: ReadonlyArray<Candle>, seen: MarketSeen): boolean {
  return page.length === 0 && seen.tradedBefore;
}

/**
 * The hours for which a page holds every candle, if the exchange answered correctly.
 * - An empty page shows nothing (that is the answer being doubted).
 * - `before`: the answer is the newest candles before `to`, so every candle from its oldest
 *   row up to `to` is in it, whichever way `count` is counted. It says nothing older than its
 *   oldest row: counting candles, a short page claims "nothing older exists", which a market
 *   that traded before disproves; so a window is shown only by a page reaching back past it.
 * - `between`: the same from the oldest row to `end`; a full page (`limit` rows) may have
 *   been cut at either end, so only the hours between its oldest and newest rows.
 */
export function completeSpan(
  page: ReadonlyArray<Candle>,
  request: CandleRequest
): HourSpan | undefined {
  if (page.length === 0) return undefined;
  const starts = page.map((c) => Date.parse(c.candle_start_utc));
  const oldest = starts.reduce((a, b) => Math.min(a, b));
  if (request.kind === 'before') return {startMs: oldest, endMs: request.toMs};
  if (page.length < request.limit) return {startMs: oldest, endMs: request.endMs};
  return {startMs: oldest, endMs: starts.reduce((a, b) => Math.max(a, b)) + HOUR_MS};
}

/**
 * Judges a window that was answered empty with another page: the page shows the window's
 * content only if it is complete from before the window's start to its end. It then gives
 * the window's candles (the empty answer was wrong), or proves the window had no trades.
 */
export function judgeEmptyWindow(
  page: ReadonlyArray<Candle>,
  request: CandleRequest,
  window: HourWindow
): EmptyWindowVerdict {
  const span = completeSpan(page, request);
  if (span === undefined || span.startMs > window.startMs || span.endMs < window.endMs) {
    return {kind: 'unproven'};
  }
  const candles = candlesInWindow(page, window);
  return candles.length > 0 ? {kind: 'candles', candles} : {kind: 'no-trades', shownBy: span};
}

/**
 * The request that best shows a window: ending with it and reaching as far back as the
 * exchange allows, so the market's earlier candles prove the window's gap.
 */
export function probeRequest(window: HourWindow, maxCount: number): CandleRequest {
  return {kind: 'before', toMs: window.endMs, count: maxCount};
}

/** Whether a page shows a candle for an hour after the window: the exchange serves this market. */
export function showsLaterCandle(page: ReadonlyArray<Candle>, window: HourWindow): boolean {
  return page.some((c) => Date.parse(c.candle_start_utc) >= window.endMs);
}

/**
 * Whether an empty answer is contradicted by a candle this sync has already read: a `before`
 * request asks for the newest `count` candles before `to`, so a candle read at most `count`
 * hours before `to` must be in it, whichever way `count` is counted. Such an answer is wrong
 * (a degraded exchange), and proves nothing about the hours it covers.
 */
export function contradictsSeenCandle(
  page: ReadonlyArray<Candle>,
  request: CandleRequest,
  newestSeenMs: number | undefined
): boolean {
  if (page.length > 0 || newestSeenMs === undefined || request.kind !== 'before') return false;
  return newestSeenMs < request.toMs && newestSeenMs >= request.toMs - request.count * HOUR_MS;
}
