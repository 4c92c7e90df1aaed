import {z} from 'zod';

import {ConfigError} from '../errors/connector-error';
import {HOUR_MS, parseZonelessTime, toUtcIso} from '../time/hours';

const HOUR_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/;

const blobSchema = z.object({
  markets: z.record(
    z.string(),
    z.object({
      candle_start_utc: z
        .string()
        .regex(HOUR_ISO, 'must be an hour like 2024-01-01T05:00:00Z')
        // Date.parse would read 2024-02-30 as March 1; a hand-edited cursor must be a real hour.
        .refine((s) => parseZonelessTime(s.slice(0, 19), 0) !== undefined, {
          message: 'must be a real calendar hour like 2024-01-01T05:00:00Z',
        }),
      cursor_read_at: z.string().optional(),
    })
  ),
});

interface MarketCursor {
  hourMs: number;
  /** When the cursor hour was last read from the exchange (ISO-8601, ms). */
  readAt: string | undefined;
}

/**
 * The candle stream's incremental state: per market, the latest hour already covered.
 * Shape: `{"markets": {"KRW-BTC": {"candle_start_utc": "2024-01-01T05:00:00Z",
 * "cursor_read_at": "2024-01-01T05:41:07.123Z"}}}`, keyed by the cursor field so tools that
 * look for it find it. A market's cursor only moves after every candle up to that hour has
 * been emitted. `cursor_read_at` says how fresh the (possibly still open) cursor hour is; it
 * also makes a checkpoint after a re-read of the lookback differ from the one before, since
 * the platform fails a sync on two identical states in a row.
 */
export class CandleCursors {
  private readonly cursors = new Map<string, MarketCursor>();

  static fromStreamState(blob: unknown, stream: string): CandleCursors {
    const cursors = new CandleCursors();
    if (blob === undefined) return cursors;
    // reportInput: a renamed or removed field is said to be missing, not of the wrong type.
    const parsed = blobSchema.safeParse(blob, {reportInput: true});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const missing = issue.input === undefined && issue.path.length > 0;
      throw new ConfigError(
        `The saved state of stream "${stream}" is not valid: ${issue.path.join('.') || 'state'} ` +
          `${missing ? 'is missing' : issue.message}. Reset the stream in Airbyte (or fix the ` +
          'state) and sync again.'
      );
    }
    for (const [market, {candle_start_utc, cursor_read_at}] of Object.entries(
      parsed.data.markets
    )) {
      cursors.cursors.set(market, {hourMs: Date.parse(candle_start_utc), readAt: cursor_read_at});
    }
    return cursors;
  }

  /** The markets whose cursor is after `hourMs`, with their cursor, sorted. */
  after(hourMs: number): Array<{market: string; hourMs: number}> {
    return [...this.cursors.entries()]
      .filter(([, c]) => c.hourMs > hourMs)
      .map(([market, c]) => ({market, hourMs: c.hourMs}))
      .sort((a, b) => a.market.localeCompare(b.market));
  }

  get(market: string): number | undefined {
    return this.cursors.get(market)?.hourMs;
  }

  /**
   * Records that every hour up to `hourMs` was read at `readAtMs`: the cursor moves forward
   * (never back), and the read time of the cursor hour is updated when this read covered it.
   */
  advance(market: string, hourMs: number, readAtMs: number): void {
    const current = this.cursors.get(market);
    if (current === undefined || hourMs >= current.hourMs) {
      this.cursors.set(market, {hourMs, readAt: new Date(readAtMs).toISOString()});
    }
  }

  /**
   * First hour to read for a market: the cursor minus the lookback (the cursor hour itself
   * is always re-read, since it may have been open), never before the configured start.
   */
  readFrom(market: string, startMs: number, lookbackHours: number): number {
    const cursor = this.cursors.get(market)?.hourMs;
    return cursor === undefined ? startMs : Math.max(startMs, cursor - lookbackHours * HOUR_MS);
  }

  toStreamState(): {markets: Record<string, {candle_start_utc: string; cursor_read_at?: string}>} {
    const markets: Record<string, {candle_start_utc: string; cursor_read_at?: string}> = {};
    for (const market of [...this.cursors.keys()].sort()) {
      const {hourMs, readAt} = this.cursors.get(market)!;
      markets[market] = {
        candle_start_utc: toUtcIso(hourMs),
        ...(readAt === undefined ? {} : {cursor_read_at: readAt}),
      };
    }
    return {markets};
  }
}
