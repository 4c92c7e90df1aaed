import type {ClockOptions} from './config';
import {parseInstant} from './time';

/**
 * The simulator's notion of "now" for market data: which hour is still open, how much of it
 * has traded, which markets are delisted. Rate limits always use the real clock.
 */
export class SimClock {
  private fixedMs: number | null = null;
  private offsetMs = 0;

  constructor(options: ClockOptions = {}) {
    this.set(options);
  }

  set(options: ClockOptions): void {
    this.fixedMs =
      options.now === undefined
        ? null
        : typeof options.now === 'number'
          ? options.now
          : parseInstant(options.now, 'clock.now');
    this.offsetMs = options.offsetMs ?? 0;
  }

  now(): number {
    return this.fixedMs ?? Date.now() + this.offsetMs;
  }

  describe(): {now: string; fixed: boolean; offsetMs: number} {
    return {
      now: new Date(this.now()).toISOString(),
      fixed: this.fixedMs !== null,
      offsetMs: this.offsetMs,
    };
  }
}
