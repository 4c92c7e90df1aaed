import {HourSet} from './hour-set';
import {ShareCandle} from './normalize';
import {HOUR_MS} from './time';

export interface DedupeStats {
  /** Records that replaced a held candle of the same (exchange, market, hour): last one won. */
  replaced: number;
  /** Records for an hour already folded into the totals; the first value stands (see docs). */
  lateDuplicates: number;
  /** Up to 5 examples of late duplicates, `exchange market hour`, for the warning. */
  lateExamples: string[];
}

interface MarketWindow {
  newestHour: number;
  /** Held candles by hour, in arrival order (ascending for sources that emit oldest first). */
  pending: Map<number, ShareCandle>;
  seen: HourSet;
}

/**
 * Makes each (exchange, market, hour) count once while streaming. Re-reads of an open hour
 * (the incremental lookback) arrive after the first read, so the newest `windowHours` hours of
 * every market are held and a repeat replaces the held candle (last wins). Older candles are
 * handed to `onFinal` and then only remembered as one bit; memory is markets x window, not the
 * input size.
 */
export class CandleDeduper {
  private readonly markets = new Map<string, MarketWindow>();
  readonly stats: DedupeStats = {replaced: 0, lateDuplicates: 0, lateExamples: []};

  constructor(
    private readonly windowHours: number,
    private readonly onFinal: (candle: ShareCandle) => void
  ) {
    if (!Number.isInteger(windowHours) || windowHours < 1) {
      throw new RangeError(
        `dedupe window must be a whole number of hours >= 1, got ${windowHours}`
      );
    }
  }

  add(candle: ShareCandle): void {
    const key = `${candle.exchange}\u0000${candle.market}`;
    let w = this.markets.get(key);
    if (!w) {
      w = {newestHour: candle.hourMs, pending: new Map(), seen: new HourSet()};
      this.markets.set(key, w);
    }
    if (w.pending.has(candle.hourMs)) {
      w.pending.set(candle.hourMs, candle);
      this.stats.replaced++;
      return;
    }
    if (w.seen.has(candle.hourMs)) {
      this.stats.lateDuplicates++;
      if (this.stats.lateExamples.length < 5) {
        this.stats.lateExamples.push(
          `${candle.exchange} ${candle.market} ${new Date(candle.hourMs).toISOString()}`
        );
      }
      return;
    }
    w.seen.add(candle.hourMs);
    if (candle.hourMs > w.newestHour) {
      w.newestHour = candle.hourMs;
    }
    const cutoff = w.newestHour - this.windowHours * HOUR_MS;
    if (candle.hourMs <= cutoff) {
      this.onFinal(candle);
      return;
    }
    w.pending.set(candle.hourMs, candle);
    this.evict(w, cutoff);
  }

  /** Hands every held candle to onFinal; call once at the end of the input. */
  flush(): void {
    for (const w of this.markets.values()) {
      for (const c of w.pending.values()) this.onFinal(c);
      w.pending.clear();
    }
  }

  private evict(w: MarketWindow, cutoff: number): void {
    // Stops at the first young entry: O(1) amortised for ordered input. Out-of-order entries
    // may be held longer than needed, which only widens deduplication; flush() releases them.
    for (const [hour, c] of w.pending) {
      if (hour > cutoff) break;
      w.pending.delete(hour);
      this.onFinal(c);
    }
  }
}
