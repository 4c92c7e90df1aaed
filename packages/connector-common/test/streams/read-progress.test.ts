import type {Logger} from '../../src/protocol/logger';
import {
  duration,
  progressIntervalMs,
  ReadProgress,
  type ProgressClock,
  type RequestCounts,
} from '../../src/streams/read-progress';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');

/** A clock moved by hand; `every` ticks are fired by `advance` as their times pass. */
function manualClock(startMs: number) {
  let now = startMs;
  const timers: Array<{next: number; ms: number; tick: () => void; live: boolean}> = [];
  const clock: ProgressClock = {
    now: () => now,
    every: (ms, tick) => {
      const timer = {next: now + ms, ms, tick, live: true};
      timers.push(timer);
      return () => (timer.live = false);
    },
  };
  return {
    clock,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers
          .filter((t) => t.live && t.next <= end)
          .sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.tick();
      }
      now = end;
    },
    liveTimers: () => timers.filter((t) => t.live).length,
  };
}

function capture(): Logger & {lines: string[]} {
  const lines: string[] = [];
  return {
    lines,
    debug: () => undefined,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`WARN ${m}`),
    error: (m) => lines.push(`ERROR ${m}`),
  };
}

function setup() {
  const time = manualClock(T0);
  const logger = capture();
  const counts: {-readonly [K in keyof RequestCounts]: RequestCounts[K]} = {
    requests: 1, // the market list, before the candle read starts
    retries: 0,
    rateLimited429: 0,
  };
  const progress = new ReadProgress({
    stream: 'candles_hourly',
    exchange: 'Upbit',
    limitPerSecond: 10,
    counter: {requestCounts: () => ({...counts})},
    logger,
    clock: time.clock,
    intervalMs: 60_000,
  });
  // Two markets of 1000 hours each.
  progress.addMarket('KRW-BTC', T0, T0 + 1000 * HOUR);
  progress.addMarket('KRW-ETH', T0, T0 + 1000 * HOUR);
  return {time, logger, counts, progress};
}

async function* batches(items: Array<{market: string; cursorMs: number}>, before: () => void) {
  for (const item of items) {
    before();
    yield item;
  }
}

describe('ReadProgress', () => {
  it('logs markets, hours, request rate against the limit, 429s, retries and an ETA every interval', () => {
    const {time, logger, counts, progress} = setup();
    progress.start();
    expect(logger.lines).toEqual([]);

    // One minute: KRW-BTC fully read, KRW-ETH half; 570 requests in 60 s, one 429 retried.
    progress.windowDone('KRW-BTC', T0 + 999 * HOUR);
    progress.windowDone('KRW-ETH', T0 + 499 * HOUR);
    counts.requests += 570;
    counts.retries = 1;
    counts.rateLimited429 = 1;
    time.advance(60_000);

    expect(logger.lines).toEqual([
      'candles_hourly progress: 1/2 markets done, 1500/2000 hours read (75%), 500 left; ' +
        '9.5 requests/s over the last 60 s (limit 10/s); 429s 1, retries 1; ETA 20 s (at 00:01 UTC).',
    ]);
  });

  it('measures the request rate over each interval, not since the start', () => {
    const {time, logger, counts, progress} = setup();
    progress.start();
    counts.requests += 600;
    time.advance(60_000);
    counts.requests += 300;
    time.advance(60_000);
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toContain('10.0 requests/s over the last 60 s');
    expect(logger.lines[1]).toContain('5.0 requests/s over the last 60 s');
    expect(logger.lines[1]).toContain('ETA unknown (no window read yet)');
  });

  it('keeps a steady interval while nothing completes (a long pause still logs)', () => {
    const {time, logger, progress} = setup();
    progress.start();
    time.advance(5 * 60_000);
    expect(logger.lines).toHaveLength(5);
  });

  it('ignores a window that goes backwards and a market it was not told about', () => {
    const {time, logger, progress} = setup();
    progress.start();
    progress.windowDone('KRW-BTC', T0 + 199 * HOUR);
    progress.windowDone('KRW-BTC', T0 + 99 * HOUR);
    progress.windowDone('KRW-XRP', T0 + 999 * HOUR);
    time.advance(60_000);
    expect(logger.lines[0]).toContain('0/2 markets done, 200/2000 hours read (10%), 1800 left');
    expect(logger.lines[0]).toContain('ETA 9 min (at 00:10 UTC)');
  });

  it('track() feeds each batch, then logs one summary and stops the timer', async () => {
    const {time, logger, counts, progress} = setup();
    const items = [
      {market: 'KRW-BTC', cursorMs: T0 + 999 * HOUR},
      {market: 'KRW-ETH', cursorMs: T0 + 999 * HOUR},
    ];
    const seen: string[] = [];
    for await (const batch of progress.track(
      batches(items, () => {
        counts.requests += 5;
        time.advance(1000);
      })
    )) {
      seen.push(batch.market);
    }
    expect(seen).toEqual(['KRW-BTC', 'KRW-ETH']);
    expect(logger.lines).toEqual([
      'candles_hourly summary: finished after 2 s; 2/2 Upbit markets done, 2000/2000 hours read; ' +
        '10 requests, 5.0/s on average (limit 10/s); 429s 0, retries 0.',
    ]);
    expect(time.liveTimers()).toBe(0);
    time.advance(10 * 60_000);
    expect(logger.lines).toHaveLength(1);
  });

  it('says "stopped" when the read fails, and still stops the timer', async () => {
    const {time, logger, progress} = setup();
    async function* failing() {
      yield {market: 'KRW-BTC', cursorMs: T0 + 99 * HOUR};
      throw new Error('HTTP 500 five times');
    }
    await expect(async () => {
      for await (const batch of progress.track(failing())) void batch;
    }).rejects.toThrow('HTTP 500 five times');
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /^candles_hourly summary: stopped after 0 s; 0\/2 Upbit markets done, 100\/2000 hours read;/
    );
    expect(time.liveTimers()).toBe(0);
  });
});

describe('progress helpers', () => {
  it('reads the interval from the environment, else one minute', () => {
    expect(progressIntervalMs({})).toBe(60_000);
    expect(progressIntervalMs({KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS: '0.5'})).toBe(500);
    expect(progressIntervalMs({KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS: '0'})).toBe(60_000);
    expect(progressIntervalMs({KOREA_CANDLES_PROGRESS_INTERVAL_SECONDS: 'soon'})).toBe(60_000);
  });

  it('formats durations for people', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(185 * 60_000)).toBe('3 h 05 min');
  });
});
