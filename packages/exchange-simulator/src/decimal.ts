/**
 * Fixed-point decimals as BigInt scaled by 10^8. Prices and quantities live on an 8-decimal
 * grid (Upbit/Bithumb precision), so sums and products are exact and the JSON the simulator
 * writes can carry values such as 1234567890.12345678 that a float64 cannot.
 */
export const SCALE_DIGITS = 8;
export const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** Float to the 8-decimal grid, rounded to a multiple of `tick` (itself on the grid). */
export function toScaled(value: number, tick: bigint): bigint {
  const ticks = Math.max(1, Math.round((value * Number(SCALE)) / Number(tick)));
  return BigInt(ticks) * tick;
}

export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** `1234.50000000`: every digit the grid holds (Upbit's raw formatting). */
export function formatFixed(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** `1234.5`, `91226000`: the shortest exact form, never an exponent. */
export function formatCanonical(value: bigint): string {
  const fixed = formatFixed(value);
  const trimmed = fixed.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
