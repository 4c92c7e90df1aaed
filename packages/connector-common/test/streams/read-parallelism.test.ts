import {readParallelism, windowsAhead} from '../../src/streams/candles-stream';

describe('how far ahead each market reads', () => {
  it('shares the in-flight budget among the markets being read, never below the base depth', () => {
    const bithumb = readParallelism(150);
    expect(bithumb).toEqual({markets: 32, prefetch: 2});
    // A full backfill: 32 markets at once, two windows each.
    expect(windowsAhead(bithumb, 32)).toBe(2);
    // Its last 8 markets: the same 64 requests in flight.
    expect(windowsAhead(bithumb, 8)).toBe(8);
    // The last market alone uses the whole budget, so latency does not cap its rate at 2 / 150 ms.
    expect(windowsAhead(bithumb, 1)).toBe(64);
    // A sync of 5 markets has their budget, 10: two each while all five are read.
    expect(windowsAhead({markets: 5, prefetch: 2}, 5)).toBe(2);
    expect(windowsAhead({markets: 5, prefetch: 2}, 2)).toBe(5);
    expect(windowsAhead(bithumb, 0)).toBe(64);
  });

  it('keeps Upbit within its ten requests in flight', () => {
    const upbit = readParallelism(10);
    expect(upbit).toEqual({markets: 5, prefetch: 2});
    expect(windowsAhead(upbit, 5)).toBe(2);
    expect(windowsAhead(upbit, 3)).toBe(3);
    expect(windowsAhead(upbit, 1)).toBe(10);
  });
});
