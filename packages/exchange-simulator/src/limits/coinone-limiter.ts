import type {CoinoneLimitOptions} from '../config';
import {SlidingWindow} from './sliding-window';

export interface CoinoneDecision {
  readonly allowed: boolean;
  readonly remaining: number;
  /** This request started the IP's block. */
  readonly newBlock: boolean;
}

/**
 * Coinone public limits: per IP, every public endpoint together, N per sliding minute. The
 * docs say an IP over the limit cannot call for one minute, so excess starts a block.
 */
export class CoinoneLimiter {
  private readonly window: SlidingWindow;
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly options: CoinoneLimitOptions) {
    this.window = new SlidingWindow(options.perMinute, 60_000);
  }

  check(ip: string, nowMs: number): CoinoneDecision {
    const until = this.blockedUntil.get(ip);
    if (until !== undefined && until > nowMs)
      return {allowed: false, remaining: 0, newBlock: false};
    const taken = this.window.tryTake(ip, nowMs);
    if (taken.allowed) return {allowed: true, remaining: taken.remaining, newBlock: false};
    this.blockedUntil.set(ip, nowMs + this.options.blockMs);
    return {allowed: false, remaining: 0, newBlock: true};
  }

  reset(): void {
    this.window.clear();
    this.blockedUntil.clear();
  }
}
