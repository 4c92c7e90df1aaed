import type {KorbitLimitOptions} from '../config';
import {SlidingWindow} from './sliding-window';

export interface KorbitDecision {
  readonly allowed: boolean;
  readonly remaining: number;
  /** Whole seconds until the window has room again (at least 1); for `reset` and `Retry-After`. */
  readonly resetSeconds: number;
}

/** Korbit public limits: per IP, every public endpoint together, N per sliding second. */
export class KorbitLimiter {
  private readonly window: SlidingWindow;

  constructor(readonly options: KorbitLimitOptions) {
    this.window = new SlidingWindow(options.perSecond, 1000);
  }

  check(ip: string, nowMs: number): KorbitDecision {
    const taken = this.window.tryTake(ip, nowMs);
    const oldest = this.window.oldest(ip, nowMs) ?? nowMs;
    const resetSeconds = Math.max(1, Math.ceil((oldest + 1000 - nowMs) / 1000));
    return {allowed: taken.allowed, remaining: taken.remaining, resetSeconds};
  }

  reset(): void {
    this.window.clear();
  }
}
