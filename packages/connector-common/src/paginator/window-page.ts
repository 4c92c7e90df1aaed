import type {Candle} from '../model/candle';
import type {HourWindow} from './hour-windows';

/**
 * Keeps the candles of one page that fall inside the window, oldest first, one per hour.
 * The exchange answers newest first with an exclusive `to`; rows older than the window
 * belong to the previous window (an exchange that counts existing candles rather than
 * hours reaches further back), and a repeated hour at a page edge is dropped.
 */
export function candlesInWindow(page: ReadonlyArray<Candle>, window: HourWindow): Candle[] {
  const byHour = new Map<string, Candle>();
  for (const candle of page) {
    const ms = Date.parse(candle.candle_start_utc);
    if (ms < window.startMs || ms >= window.endMs) continue;
    if (!byHour.has(candle.candle_start_utc)) byHour.set(candle.candle_start_utc, candle);
  }
  return [...byHour.values()].sort((a, b) =>
    a.candle_start_utc < b.candle_start_utc ? -1 : a.candle_start_utc > b.candle_start_utc ? 1 : 0
  );
}
