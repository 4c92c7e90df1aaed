import {ConfigError} from '../../src/errors/connector-error';
import {SlidingWindowRateLimiter} from '../../src/requester/rate-limiter';
import {FakeClock, settle} from './fake-clock';

/** The largest number of starts inside any half-open window [t, t + windowMs). */
function maxStartsInAnyWindow(starts: number[], windowMs = 1000): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** `callers` concurrent workers, each doing `perCaller` requests of `latencyMs`; returns start times. */
function runWorkers(
  limiter: SlidingWindowRateLimiter,
  clock: FakeClock,
  callers: number,
  perCaller: number,
  latencyMs: number
): {starts: number[]; done: Promise<void>; finished: () => boolean} {
  const starts: number[] = [];
  let finished = false;
  const worker = async () => {
    for (let i = 0; i < perCaller; i++) {
      await limiter.run(async () => {
        starts.push(clock.now());
        await clock.sleep(latencyMs);
      });
    }
  };
  const done = Promise.all(Array.from({length: callers}, worker)).then(() => {
    finished = true;
  });
  return {starts, done, finished: () => finished};
}

describe('SlidingWindowRateLimiter', () => {
  it('never lets more than requestsPerSecond start in any one-second window, with many callers', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    const {starts, done, finished} = runWorkers(limiter, clock, 40, 5, 150);
    // Step in odd increments so starts land at many different offsets within a second.
    for (let i = 0; i < 1000 && !finished(); i++) await clock.advance(37);
    await done;
    expect(starts).toHaveLength(200);
    expect(maxStartsInAnyWindow(starts)).toBe(10);
    // The limit is also reached: 200 requests at 10/s take ~19 s, not much more.
    expect(Math.max(...starts)).toBeLessThan(20_500);
  });

  it('does not allow a 2x burst across a second boundary', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 5}, {clock});
    await clock.advance(900);
    const {starts, done} = runWorkers(limiter, clock, 10, 1, 1);
    await clock.advance(200); // crosses t = 1000
    expect(starts).toEqual([900, 900, 900, 900, 900]);
    await clock.advance(700);
    expect(starts.slice(5)).toEqual([]);
    await clock.advance(100); // t = 1900: the first five have left the window
    expect(starts.slice(5)).toEqual([1900, 1900, 1900, 1900, 1900]);
    await clock.advance(1);
    await done;
  });

  it('reaches the configured rate despite 150 ms latency because requests overlap', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    expect(limiter.maxInFlight).toBe(10);
    const {starts, done, finished} = runWorkers(limiter, clock, 20, 3, 150);
    for (let i = 0; i < 1000 && !finished(); i++) await clock.advance(50);
    await done;
    // 60 requests at 10/s: the last starts at 5 s; a serial client would need 9 s.
    expect(Math.max(...starts)).toBeLessThanOrEqual(5000);
    expect(maxStartsInAnyWindow(starts)).toBe(10);
  });

  it('caps concurrency at maxInFlight', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter(
      'candles',
      {requestsPerSecond: 100, maxInFlight: 2},
      {clock}
    );
    let inFlight = 0;
    let peak = 0;
    const tasks = Array.from({length: 6}, () =>
      limiter.run(async () => {
        peak = Math.max(peak, ++inFlight);
        await clock.sleep(100);
        inFlight--;
      })
    );
    await clock.advance(350);
    await Promise.all(tasks);
    expect(peak).toBe(2);
  });

  it('holds new starts until the window rolls over when the exchange reports none left', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    const first = await limiter.acquire();
    await clock.advance(100);
    limiter.observe({remaining: 0}); // someone else on this IP used the budget
    first.release();
    const starts: number[] = [];
    const later = limiter.run(async () => void starts.push(clock.now()));
    await clock.advance(999);
    expect(starts).toEqual([]);
    await clock.advance(1);
    await later;
    expect(starts).toEqual([1100]);
  });

  it('allows only the starts the exchange says remain when that is fewer than it thinks', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    limiter.observe({remaining: 2});
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({length: 4}, () => limiter.run(async () => void starts.push(clock.now())))
    );
    await settle();
    expect(starts).toEqual([0, 0]);
    await clock.advance(1000);
    await all;
    expect(starts).toEqual([0, 0, 1000, 1000]);
  });

  it('never exceeds the configured rate when the exchange says more remain', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 3}, {clock});
    limiter.observe({remaining: 150, limit: 150});
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({length: 6}, () => limiter.run(async () => void starts.push(clock.now())))
    );
    await settle();
    expect(starts).toEqual([0, 0, 0]);
    await clock.advance(1000);
    await all;
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000]);
  });

  it('lowers its rate when the exchange announces a smaller capacity', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    limiter.observe({remaining: 5, limit: 5});
    expect(limiter.effectiveLimit).toBe(5);
    const {starts, done, finished} = runWorkers(limiter, clock, 10, 2, 10);
    for (let i = 0; i < 1000 && !finished(); i++) await clock.advance(50);
    await done;
    expect(maxStartsInAnyWindow(starts)).toBe(5);
  });

  it('pauses the whole group after a 429', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    limiter.pause(1000);
    expect(limiter.pauseRemainingMs()).toBe(1000);
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({length: 3}, () => limiter.run(async () => void starts.push(clock.now())))
    );
    await clock.advance(999);
    expect(starts).toEqual([]);
    await clock.advance(1);
    await all;
    expect(starts).toEqual([1000, 1000, 1000]);
  });

  it('releases its slot when the task throws', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter(
      'candles',
      {requestsPerSecond: 10, maxInFlight: 1},
      {clock}
    );
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom'
    );
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects impossible configurations with the field name', () => {
    expect(() => new SlidingWindowRateLimiter('candles', {requestsPerSecond: 0})).toThrow(
      ConfigError
    );
    expect(
      () => new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10, maxInFlight: 0})
    ).toThrow(/maxInFlight/);
  });

  it('reads a quota reading against the second before its request started, not against now', async () => {
    // At full rate the exchange's window is full by design: "0 left" from a response that
    // arrives a latency later must not stop us for another second.
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    const permits = await Promise.all(Array.from({length: 10}, () => limiter.acquire()));
    await clock.advance(150);
    for (const p of permits) {
      limiter.observe({remaining: 0}, p.startedAt);
      p.release();
    }
    const starts: number[] = [];
    const next = limiter.run(async () => void starts.push(clock.now()));
    await clock.advance(850);
    await next;
    expect(starts).toEqual([1000]);
  });

  it('holds until the second of the reading is over when another client spends the same budget', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 10}, {clock});
    const first = await limiter.acquire();
    await clock.advance(150);
    // We started 1 of 10; the exchange counted 8: someone else on this IP uses 7.
    limiter.observe({remaining: 2}, first.startedAt);
    first.release();
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({length: 4}, () => limiter.run(async () => void starts.push(clock.now())))
    );
    await settle();
    expect(starts).toEqual([150, 150]);
    await clock.advance(850);
    await all;
    expect(starts).toEqual([150, 150, 1000, 1000]);
  });

  it('counts a request from when it was sent, when that is later than its grant', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter(
      'candles',
      {requestsPerSecond: 10},
      {clock, safetyMarginMs: 40, evenSpacing: true}
    );
    const sentAt: number[] = [];
    const first = await limiter.acquire();
    expect(first.startedAt).toBe(0);
    await clock.advance(80); // a new connection, or a page being parsed: it leaves at 80 ms
    first.sent();
    first.sent(); // idempotent
    expect(first.startedAt).toBe(80);
    sentAt.push(80);
    first.release();
    const rest = Array.from({length: 10}, () =>
      limiter.run(async () => {
        sentAt.push(clock.now());
      })
    );
    for (let i = 0; i < 40; i++) await clock.advance(50);
    await Promise.all(rest);
    // Spacing goes on from the grants (104 ms), but no 11 sends fit in one 1040 ms span: the
    // 11th waits until the late first one has been in the window for a whole span.
    expect(sentAt[1]).toBe(104);
    expect(sentAt[9]).toBe(936);
    expect(sentAt[10]).toBe(1120);
    expect(sentAt[10]! - sentAt[0]!).toBeGreaterThanOrEqual(1040);
    expect(maxStartsInAnyWindow(sentAt, 1040)).toBe(10);
  });

  it('never moves a start back, and re-orders its log when a late send passes a later grant', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter('candles', {requestsPerSecond: 2}, {clock});
    const a = await limiter.acquire();
    const b = await limiter.acquire(); // both granted at 0 (no even spacing)
    await clock.advance(300);
    b.sent(); // b leaves at 300
    await clock.advance(100);
    a.sent(); // a leaves at 400, after b
    a.release();
    b.release();
    const starts: number[] = [];
    const next = limiter.run(async () => void starts.push(clock.now()));
    await clock.advance(2000);
    await next;
    // The window holds b (300) and a (400): the third may start once b has left it.
    expect(starts).toEqual([1300]);
  });

  it('does not add a timer that fires a little late to every interval', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter(
      'candles',
      {requestsPerSecond: 10},
      {clock, safetyMarginMs: 40, evenSpacing: true}
    );
    const starts: number[] = [];
    const start = () => limiter.run(async () => void starts.push(clock.now()));
    await start(); // 0; the next slot is 104
    await clock.advance(106); // granted 2 ms late
    await start();
    await clock.advance(102); // t = 208: the slot after is 208, not 106 + 104 = 210
    const third = start();
    await settle();
    expect(starts).toEqual([0, 106, 208]);
    await clock.advance(4);
    await third;
    // Later than the slack: only the slack is taken back.
    await clock.advance(1000);
    await start(); // 1212: idle, a new start; the spacing goes on from 1209
    await clock.advance(110); // 9 ms after its slot 1313: the next slot is 1319 + 104 = 1423
    await start();
    await clock.advance(98);
    const last = start();
    await clock.advance(2);
    await settle();
    expect(starts.slice(3)).toEqual([1212, 1322]); // 1422: not yet
    await clock.advance(1);
    await last;
    expect(starts.slice(3)).toEqual([1212, 1322, 1423]);
  });

  it('takes back only the slack of a grant made late by a busy moment, never the whole delay', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowRateLimiter(
      'candles',
      {requestsPerSecond: 10, maxInFlight: 1},
      {clock, safetyMarginMs: 40, evenSpacing: true}
    );
    const starts: number[] = [];
    const first = limiter.run(async () => {
      starts.push(clock.now());
      await clock.sleep(113); // holds the only slot 9 ms past the next one (104)
    });
    const second = limiter.run(async () => void starts.push(clock.now()));
    await clock.advance(113);
    await Promise.all([first, second]);
    const third = limiter.run(async () => void starts.push(clock.now()));
    await clock.advance(100);
    await settle();
    expect(starts).toEqual([0, 113]); // 213: not yet
    await clock.advance(5);
    await third;
    // The second's slot was 104 and it went at 113: the spacing goes on from 110 (3 ms of
    // slack taken back), so the third starts at 214, not at 217 and not at 208 (a burst).
    expect(starts).toEqual([0, 113, 214]);
  });
});
