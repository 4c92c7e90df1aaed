import type {Clock} from '../../src/requester/clock';

/** Lets every pending promise callback run (setImmediate runs after the microtask queue). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A clock whose time moves only when the test says so; sleepers wake in deadline order. */
export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: Array<{at: number; seq: number; wake: () => void}> = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.timers.push({at: this.time + Math.max(0, ms), seq: this.seq++, wake});
    });
  }

  /** Moves time forward by `ms`, waking each sleeper at its own deadline. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
    this.time = end;
    await settle();
  }
}
