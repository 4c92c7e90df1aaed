import {z} from 'zod';
import {JsonNumber, parseJsonExact} from '../json/json-number';
import {ExchangeSpan} from './coverage';
import {D, Dec, ZERO} from './decimal';
import {DAY_MS, HOUR_MS} from './time';

export const DEFAULT_RECONCILE_TOLERANCE = '0.000001';

/** One native day candle as the exchange returned it. */
export interface DailyFigure {
  readonly exchange: string;
  readonly market: string;
  /** The day candle's own start (`candle_date_time_utc`): 00:00Z for Upbit, 15:00Z for Bithumb. */
  readonly dayStartMs: number;
  readonly value: Dec;
  /** `file:line` (or `file[index]` for a JSON array), for messages. */
  readonly origin: string;
}

const exactDecimal = z.union(
  [
    z.instanceof(JsonNumber).transform((n) => n.text),
    z.string().regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/),
  ],
  {error: 'must be a non-negative number (or decimal string)'}
);

const dayCandleSchema = z.object({
  market: z.string().min(1),
  candle_date_time_utc: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z?$/, 'must be yyyy-MM-ddTHH:00:00 (UTC)'),
  candle_acc_trade_price: exactDecimal,
});

export class DailyFigureError extends Error {}

/**
 * Reads day candles in the raw Upbit/Bithumb v1 shape (`market`, `candle_date_time_utc`,
 * `candle_acc_trade_price`), from a JSON array or JSON Lines. Numbers are kept exact.
 */
export function parseDailyFigures(text: string, exchange: string, fileName: string): DailyFigure[] {
  const trimmed = text.trim();
  const items: {origin: string; value: unknown}[] = [];
  if (trimmed.startsWith('[')) {
    const arr = parseOrThrow(trimmed, fileName);
    (arr as unknown[]).forEach((value, i) => items.push({origin: `${fileName}[${i}]`, value}));
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const origin = `${fileName}:${i + 1}`;
      items.push({origin, value: parseOrThrow(line, origin)});
    });
  }
  return items.map(({origin, value}) => {
    const parsed = dayCandleSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DailyFigureError(
        `${origin}: day candle field ${issue?.path.join('.') || '(candle)'} ${issue?.message ?? 'is invalid'}`
      );
    }
    const utc = parsed.data.candle_date_time_utc;
    return {
      exchange: exchange.toLowerCase(),
      market: parsed.data.market,
      dayStartMs: Date.parse(utc.endsWith('Z') ? utc : `${utc}Z`),
      value: new D(parsed.data.candle_acc_trade_price),
      origin,
    };
  });
}

function parseOrThrow(text: string, origin: string): unknown {
  try {
    return parseJsonExact(text);
  } catch (e) {
    throw new DailyFigureError(`${origin}: not valid JSON (${(e as Error).message})`);
  }
}

export type ReconcileStatus = 'ok' | 'mismatch' | 'partial_input';

export interface ReconcileRow {
  readonly exchange: string;
  readonly market: string;
  readonly dayStartMs: number;
  /** `kst_day` (Bithumb), `utc_day` (Upbit: 09:00-09:00 KST) or `other`. */
  readonly window: 'kst_day' | 'utc_day' | 'other';
  readonly dailyFigure: Dec;
  readonly hourlySum: Dec;
  readonly hoursPresent: number;
  readonly difference: Dec;
  /** difference / daily figure; undefined when the figure is 0. */
  readonly relativeDifference: Dec | undefined;
  readonly status: ReconcileStatus;
  readonly origin: string;
}

/**
 * Compares each native day candle with the sum of the same market's hourly values over the
 * day candle's own 24 hours. Using the day candle's start as the window is what makes it right
 * per exchange: an Upbit day is a UTC day, a Bithumb day a KST day. A window the hourly input
 * does not fully cover is `partial_input` (not judged); otherwise |hourly - daily| must be
 * within `tolerance` x daily (relative; 0 demands equality).
 */
export function reconcileDailyFigures(
  figures: readonly DailyFigure[],
  hourlyValues: (exchange: string, market: string) => ReadonlyMap<number, string> | undefined,
  spans: ReadonlyMap<string, ExchangeSpan>,
  tolerance: Dec | string = DEFAULT_RECONCILE_TOLERANCE
): ReconcileRow[] {
  const tol = new D(tolerance);
  return figures.map((f) => {
    const hours = hourlyValues(f.exchange, f.market);
    let sum = ZERO;
    let present = 0;
    for (let h = f.dayStartMs; h < f.dayStartMs + DAY_MS; h += HOUR_MS) {
      const v = hours?.get(h);
      if (v !== undefined) {
        sum = sum.plus(v);
        present++;
      }
    }
    const span = spans.get(f.exchange);
    const covered =
      span !== undefined &&
      span.firstHourMs <= f.dayStartMs &&
      span.lastHourMs >= f.dayStartMs + DAY_MS - HOUR_MS;
    const difference = sum.minus(f.value);
    const relative = f.value.isZero() ? undefined : difference.div(f.value);
    const within = relative === undefined ? difference.isZero() : relative.abs().lte(tol);
    return {
      exchange: f.exchange,
      market: f.market,
      dayStartMs: f.dayStartMs,
      window: windowOf(f.dayStartMs),
      dailyFigure: f.value,
      hourlySum: sum,
      hoursPresent: present,
      difference,
      relativeDifference: relative,
      status: !covered ? 'partial_input' : within ? 'ok' : 'mismatch',
      origin: f.origin,
    };
  });
}

function windowOf(dayStartMs: number): ReconcileRow['window'] {
  if (dayStartMs % DAY_MS === 0) return 'utc_day';
  if ((dayStartMs + 9 * HOUR_MS) % DAY_MS === 0) return 'kst_day';
  return 'other';
}
