import type {CountMode} from '../config';
import {HOUR_MS, floorHour} from '../time';
import {candleAt, type SimCandle} from './candles';
import type {SimMarket} from './markets';

/** One candle request, in hour starts, after each exchange has read its own parameters. */
export interface CandleSelection {
  /** The latest hour start that may be returned (inclusive). */
  readonly lastHourMs: number;
  /** The earliest hour start that may be returned (inclusive); default: the listing. */
  readonly firstHourMs?: number;
  readonly limit: number;
  /** `candles`: `limit` existing candles; `slots`: `limit` hour slots walked back. */
  readonly mode: CountMode;
  /** Hours without trades as zero-volume candles at the previous close (a break mode). */
  readonly fillEmpty: boolean;
  readonly nowMs: number;
}

/**
 * The latest `limit` candles (or slots) of `market` between the bounds, as seen at nowMs,
 * newest first. Shared by every exchange; each one only maps its parameters and its order.
 */
export function selectCandles(seed: number, market: SimMarket, sel: CandleSelection): SimCandle[] {
  const floor = Math.max(market.listedAtMs, sel.firstHourMs ?? market.listedAtMs);
  const entries: {hour: number; candle: SimCandle | null}[] = [];
  let slots = 0;
  for (let hour = floorHour(Math.min(sel.lastHourMs, sel.nowMs)); hour >= floor; hour -= HOUR_MS) {
    if (sel.mode === 'slots' ? slots >= sel.limit : entries.length >= sel.limit) break;
    slots++;
    const candle = candleAt(seed, market, hour, sel.nowMs);
    const fillable = sel.fillEmpty && (market.delistedAtMs === null || hour < market.delistedAtMs);
    if (candle || fillable) entries.push({hour, candle});
  }
  if (!sel.fillEmpty) return entries.map((e) => e.candle!);

  const oldest = entries[entries.length - 1];
  let previous = oldest ? lastCandleBefore(seed, market, oldest.hour, sel.nowMs) : null;
  const filled: SimCandle[] = [];
  for (const {hour, candle} of [...entries].reverse()) {
    const row = candle ?? (previous ? zeroCandle(previous, hour) : null);
    if (row) filled.push(row);
    if (candle) previous = candle;
  }
  return filled.reverse();
}

function lastCandleBefore(
  seed: number,
  market: SimMarket,
  hourMs: number,
  nowMs: number
): SimCandle | null {
  for (let hour = hourMs - HOUR_MS; hour >= market.listedAtMs; hour -= HOUR_MS) {
    const candle = candleAt(seed, market, hour, nowMs);
    if (candle) return candle;
  }
  return null;
}

/** What a gap-filling API sends for an hour without trades: flat at the previous close, no volume. */
function zeroCandle(previous: SimCandle, hourMs: number): SimCandle {
  return {
    market: previous.market,
    startMs: hourMs,
    open: previous.close,
    high: previous.close,
    low: previous.close,
    close: previous.close,
    volume: 0n,
    value: 0n,
    lastTradeMs: hourMs,
    tradeCount: 0,
  };
}
