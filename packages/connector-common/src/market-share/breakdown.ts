import {Dec, ZERO} from './decimal';

/**
 * A KRW traded value split by how much it can be trusted, with the candle counts behind each
 * part. value = exact + converted + estimated; excluded candles (no KRW rate) add nothing.
 *   exact     KRW-quoted, value reported by the exchange
 *   converted non-KRW quote, reported value x same-hour KRW rate (derived, not reported)
 *   estimated the exchange reported no value (e.g. volume x typical price), converted or not
 * Converted candles of an hour without a KRW-<quote> candle use the last earlier close
 * (bounded, see aggregate.ts) and are counted in candlesCarriedRate.
 */
export interface ValueBreakdown {
  exact: Dec;
  converted: Dec;
  estimated: Dec;
  candlesExact: number;
  candlesConverted: number;
  candlesEstimated: number;
  candlesExcluded: number;
  /** Converted candles whose hour had no KRW-<quote> candle: the last earlier close was used. */
  candlesCarriedRate: number;
  /** Excluded candle counts by quote currency, e.g. {BTC: 3}. */
  excludedByQuote: Record<string, number>;
}

export function emptyBreakdown(): ValueBreakdown {
  return {
    exact: ZERO,
    converted: ZERO,
    estimated: ZERO,
    candlesExact: 0,
    candlesConverted: 0,
    candlesEstimated: 0,
    candlesExcluded: 0,
    candlesCarriedRate: 0,
    excludedByQuote: {},
  };
}

export function totalOf(b: ValueBreakdown): Dec {
  return b.exact.plus(b.converted).plus(b.estimated);
}

export function addInto(target: ValueBreakdown, add: ValueBreakdown): void {
  target.exact = target.exact.plus(add.exact);
  target.converted = target.converted.plus(add.converted);
  target.estimated = target.estimated.plus(add.estimated);
  target.candlesExact += add.candlesExact;
  target.candlesConverted += add.candlesConverted;
  target.candlesEstimated += add.candlesEstimated;
  target.candlesExcluded += add.candlesExcluded;
  target.candlesCarriedRate += add.candlesCarriedRate;
  for (const [quote, n] of Object.entries(add.excludedByQuote)) {
    target.excludedByQuote[quote] = (target.excludedByQuote[quote] ?? 0) + n;
  }
}

export function addExcluded(target: ValueBreakdown, quote: string, candles: number): void {
  target.candlesExcluded += candles;
  target.excludedByQuote[quote] = (target.excludedByQuote[quote] ?? 0) + candles;
}

/** `BTC:3;USDT:1`, sorted, for a CSV cell. */
export function formatExcluded(b: ValueBreakdown): string {
  return Object.keys(b.excludedByQuote)
    .sort()
    .map((q) => `${q}:${b.excludedByQuote[q]}`)
    .join(';');
}
