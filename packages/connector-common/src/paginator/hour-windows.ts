import {HOUR_MS} from '../time/hours';

/** A run of whole hours [startMs, endMs) that one request (`to` = endMs) covers. */
export interface HourWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Splits [fromMs, toMs) into consecutive windows of at most `pageSize` hours, oldest first.
 * Candles are then emitted oldest first, so a checkpoint after each window never claims an
 * hour that has not been emitted.
 */
export function planHourWindows(fromMs: number, toMs: number, pageSize: number): HourWindow[] {
  const windows: HourWindow[] = [];
  for (let start = fromMs; start < toMs; start += pageSize * HOUR_MS) {
    windows.push({startMs: start, endMs: Math.min(start + pageSize * HOUR_MS, toMs)});
  }
  return windows;
}
