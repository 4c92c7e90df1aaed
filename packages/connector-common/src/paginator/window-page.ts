import {byCandleStart, type Candle} from '../model/candle';
import type {HourWindow} from './hour-windows';
import {toUtcIso} from '../time/hours';

/**
 * Keeps the candles of one page that fall inside the window, oldest first, one per hour.
 * The exchange answers newest first with an exclusive `to`; rows older than the window
 * belong to the previous window (an exchange that counts existing candles rather than
 * hours reaches further back), and a repeated hour at a page edge is dropped.
 */
export function candlesInWindow(page: ReadonlyArray<Candle>, window: HourWindow): Candle[] {
  // The UTC texts have one fixed width (toUtcIso), so comparing texts compares hours.
  const first = toUtcIso(window.startMs);
  const end = toUtcIso(window.endMs);
  const byHour = new Map<string, Candle>();
  for (const candle of page) {
    const hour = candle.candle_start_utc;
    if (hour < first || hour >= end) continue;
    if (!byHour.has(hour)) byHour.set(hour, candle);
  }
  return [...byHour.values()].sort(byCandleStart);
}
