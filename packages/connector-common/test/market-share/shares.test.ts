import {D} from '../../src/market-share/decimal';
import {largestRemainderShares} from '../../src/market-share/shares';

/** Sum of share strings as exact integers of 10^-decimals, so "sums to 1" is checked without floats. */
function unitsSum(shares: Iterable<string>): bigint {
  return [...shares].reduce((a, s) => a + BigInt(s.replace('.', '')), 0n);
}

describe('largestRemainderShares', () => {
  it('gives the leftover unit of three equal thirds to the first key', () => {
    // 1/3 = 0.333333|33..: floors 333333 x 3 = 999999, one unit left, equal remainders and values
    const shares = largestRemainderShares(
      ['c', 'a', 'b'].map((key) => ({key, value: new D('1')})),
      6
    );
    expect(Object.fromEntries(shares!)).toEqual({a: '0.333334', b: '0.333333', c: '0.333333'});
    expect(unitsSum(shares!.values())).toBe(1_000_000n);
  });

  it('hands leftover units to the largest remainders', () => {
    // 2 decimals of 55.5 / 30.3 / 14.2 (total 100): floors 55, 30, 14 = 99; remainders .5 .3 .2
    const shares = largestRemainderShares(
      [
        {key: 'upbit', value: new D('55.5')},
        {key: 'bithumb', value: new D('30.3')},
        {key: 'coinone', value: new D('14.2')},
      ],
      2
    );
    expect(Object.fromEntries(shares!)).toEqual({upbit: '0.56', bithumb: '0.30', coinone: '0.14'});
  });

  it('prints shares that sum to exactly 1 for awkward values', () => {
    // Deterministic pseudo-random KRW values with 8 decimals up to 1e13, 2..6 exchanges.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + (next() % 5);
      const entries = Array.from({length: n}, (_, i) => ({
        key: `ex${i}`,
        value: new D(`${next()}${next() % 1000}.${String(next() % 1e8).padStart(8, '0')}`),
      }));
      const shares = largestRemainderShares(entries, 6)!;
      expect(unitsSum(shares.values())).toBe(1_000_000n);
      const total = entries.reduce((a, e) => a.plus(e.value), new D(0));
      for (const e of entries) {
        // Each printed share is within one unit of its exact quotient.
        expect(new D(shares.get(e.key)!).minus(e.value.div(total)).abs().lt('0.000001')).toBe(true);
      }
    }
  });

  it('returns undefined for a zero total instead of inventing 0% shares', () => {
    expect(largestRemainderShares([{key: 'a', value: new D(0)}], 6)).toBeUndefined();
  });
});
