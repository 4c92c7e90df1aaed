/**
 * Time as the rate limiter sees it. Injected so tests can drive many concurrent callers
 * through simulated seconds deterministically instead of sleeping for real.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  // performance.now() is monotonic: a wall-clock step (NTP) must not open or close the window.
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.ceil(ms)))),
};
