import Decimal from 'decimal.js';

import {canonicalDecimal} from './decimal';

/** Enough digits that volume x (H + L + C) is exact before the one rounding below. */
const Exact = Decimal.clone({precision: 100, rounding: Decimal.ROUND_HALF_EVEN});

/** Decimal places of an estimated traded value (the quote currency's smallest unit is coarser). */
export const ESTIMATE_DECIMAL_PLACES = 8;

/**
 * Traded value estimated as base volume times the typical price (high + low + close) / 3,
 * for exchanges that report base volume only (Korbit). The product is exact; the division by
 * three is rounded once, half-even, to 8 decimal places.
 */
export function typicalPriceTradedValue(
  volume: string,
  high: string,
  low: string,
  close: string
): string {
  const value = new Exact(volume).times(new Exact(high).plus(low).plus(close)).dividedBy(3);
  return canonicalDecimal(value.toFixed(ESTIMATE_DECIMAL_PLACES));
}
