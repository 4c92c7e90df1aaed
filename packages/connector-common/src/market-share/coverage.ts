import {Aggregates} from './aggregate';
import {addInto, emptyBreakdown, ValueBreakdown} from './breakdown';
import {DAY_MS, HOUR_MS, kstDateOf, kstDayStartMs, kstHourOf} from './time';

export interface ExchangeSpan {
  readonly firstHourMs: number;
  readonly lastHourMs: number;
}

/**
 * One exchange on one KST day. "Expected hours" are the hours of the day that lie inside the
 * exchange's observed span in this input (its first to its last hour with any candle): 24 for
 * a day fully inside, fewer on the days where the input starts or ends (edge days), 0 for a day
 * outside it. An expected hour with no candle in any market is a gap: a whole exchange does not
 * go an hour without a trade, so it means missing data, not a quiet market.
 */
export interface ExchangeDay {
  readonly exchange: string;
  readonly kstDate: string;
  readonly value: ValueBreakdown;
  readonly markets: number;
  readonly hoursPresent: number;
  readonly hoursExpected: number;
  /** KST wall-clock hours (0-23) expected but absent. */
  readonly missingHoursKst: number[];
  /** The input starts or ends inside this day, so fewer than 24 hours are expected. */
  readonly isEdgeDay: boolean;
  /** All 24 hours of the KST day are present. */
  readonly isComplete: boolean;
}

export function exchangeSpans(agg: Aggregates): Map<string, ExchangeSpan> {
  const spans = new Map<string, ExchangeSpan>();
  for (const [exchange, byHour] of agg.hours) {
    // A loop, not Math.min(...hours): years of hours would overflow the argument stack.
    let first = Infinity;
    let last = -Infinity;
    for (const h of byHour.keys()) {
      if (h < first) first = h;
      if (h > last) last = h;
    }
    if (first !== Infinity) spans.set(exchange, {firstHourMs: first, lastHourMs: last});
  }
  return spans;
}

/** Every KST date from the earliest to the latest hour in the input, so empty days show up too. */
export function kstDatesOf(spans: Iterable<ExchangeSpan>): string[] {
  const list = [...spans];
  if (list.length === 0) return [];
  const first = kstDayStartMs(kstDateOf(Math.min(...list.map((s) => s.firstHourMs))));
  const last = Math.max(...list.map((s) => s.lastHourMs));
  const dates: string[] = [];
  for (let t = first; t <= last; t += DAY_MS) dates.push(kstDateOf(t));
  return dates;
}

/** Per exchange, per KST day of the input: summed value and coverage. */
export function buildExchangeDays(agg: Aggregates): ExchangeDay[] {
  const spans = exchangeSpans(agg);
  const dates = kstDatesOf(spans.values());
  const rows: ExchangeDay[] = [];
  for (const exchange of agg.exchanges) {
    const span = spans.get(exchange);
    const byHour = agg.hours.get(exchange);
    if (!span || !byHour) continue;
    for (const kstDate of dates) {
      const start = kstDayStartMs(kstDate);
      const value = emptyBreakdown();
      let present = 0;
      let expected = 0;
      const missing: number[] = [];
      for (let h = start; h < start + DAY_MS; h += HOUR_MS) {
        const inSpan = h >= span.firstHourMs && h <= span.lastHourMs;
        const hour = byHour.get(h);
        if (inSpan) expected++;
        if (hour) {
          present++;
          addInto(value, hour.value);
        } else if (inSpan) {
          missing.push(kstHourOf(h));
        }
      }
      rows.push({
        exchange,
        kstDate,
        value,
        markets: agg.dayMarkets.get(exchange)?.get(kstDate) ?? 0,
        hoursPresent: present,
        hoursExpected: expected,
        missingHoursKst: missing,
        isEdgeDay: expected < 24,
        isComplete: present === 24,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      (a.kstDate < b.kstDate ? -1 : a.kstDate > b.kstDate ? 1 : 0) ||
      (a.exchange < b.exchange ? -1 : 1)
  );
}
