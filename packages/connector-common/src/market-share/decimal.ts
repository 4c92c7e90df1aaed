import Decimal from 'decimal.js';

/**
 * The Decimal used for every market-share sum. Sums of exchange decimals are exact at this
 * precision (KRW values reach 1e13 with 8 decimals; a year of them stays far below 60 digits);
 * only currency conversion divides, and its result is rounded explicitly (see normalize.ts).
 */
export const D = Decimal.clone({precision: 60, rounding: Decimal.ROUND_HALF_EVEN});
export type Dec = InstanceType<typeof D>;

export const ZERO: Dec = new D(0);

/** Plain decimal text: no exponent, no trailing zeros (`1e21` would confuse CSV readers). */
export function formatDecimal(value: Dec): string {
  return value.toFixed();
}
