import {Dec} from './decimal';

export const DEFAULT_SHARE_DECIMALS = 6;

export interface ShareInput {
  readonly key: string;
  readonly value: Dec;
}

/**
 * Each entry's share of the total, as decimal text with exactly `decimals` places, summing to
 * exactly 1 (largest-remainder / Hamilton method). Everything is done in integers: values are
 * scaled to whole numbers, so floor(v x 10^d / total) and its remainder are exact and ties
 * cannot be decided by rounding noise. The 10^d - sum(floors) leftover units go to the largest
 * remainders; ties go to the larger value, then to the key that sorts first, so output is
 * reproducible. Returns undefined when the total is 0 (a share of nothing is not 0%).
 */
export function largestRemainderShares(
  entries: readonly ShareInput[],
  decimals: number = DEFAULT_SHARE_DECIMALS
): Map<string, string> | undefined {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`share decimals must be a whole number from 0 to 20, got ${decimals}`);
  }
  for (const e of entries) {
    if (e.value.isNegative())
      throw new RangeError(`share of ${e.key}: value ${e.value.toFixed()} is negative`);
  }
  const scale = Math.max(0, ...entries.map((e) => e.value.decimalPlaces()));
  const ints = entries.map((e) => BigInt(e.value.times(`1e${scale}`).toFixed(0)));
  const total = ints.reduce((a, b) => a + b, 0n);
  if (total === 0n) return undefined;
  const units = 10n ** BigInt(decimals);
  const parts = entries.map((e, i) => {
    const scaled = (ints[i] as bigint) * units;
    return {key: e.key, value: ints[i] as bigint, floor: scaled / total, remainder: scaled % total};
  });
  let leftover = units - parts.reduce((a, p) => a + p.floor, 0n);
  const order = [...parts].sort(
    (a, b) =>
      bigCmp(b.remainder, a.remainder) ||
      bigCmp(b.value, a.value) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
  for (const p of order) {
    if (leftover === 0n) break;
    p.floor += 1n;
    leftover -= 1n;
  }
  return new Map(parts.map((p) => [p.key, formatUnits(p.floor, decimals)]));
}

function bigCmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 734512n with 6 decimals -> "0.734512". */
function formatUnits(n: bigint, decimals: number): string {
  if (decimals === 0) return n.toString();
  const s = n.toString().padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}
