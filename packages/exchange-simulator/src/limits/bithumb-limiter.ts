import type {BithumbLimitOptions} from '../config';
import {SlidingWindow} from './sliding-window';

export type BithumbCategory = 'candles' | 'market';

export interface BithumbDecision {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** Set when the request is refused: how long the category stays closed to this IP. */
  readonly blockedForMs?: number;
}

/**
 * Bithumb public limits: per IP, per API category, N per second. Going over closes the
 * category to that IP for blockMs (the FAQ says about a minute). Every call counts, failed
 * ones included, because the count is taken before the request is looked at.
 */
export class BithumbLimiter {
  private readonly windows: Record<BithumbCategory, SlidingWindow>;
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly options: BithumbLimitOptions) {
    this.windows = {
      candles: new SlidingWindow(options.perSecond, 1000),
      market: new SlidingWindow(options.perSecond, 1000),
    };
  }

  private headers(remaining: number): Record<string, string> {
    return {
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Burst-Capacity': String(this.options.perSecond),
      'X-RateLimit-Replenish-Rate': String(this.options.perSecond),
      'X-RateLimit-Requested-Tokens': '1',
    };
  }

  check(ip: string, category: BithumbCategory, nowMs: number): BithumbDecision {
    const key = `${category}|${ip}`;
    const until = this.blockedUntil.get(key);
    if (until !== undefined && until > nowMs) {
      return {allowed: false, headers: this.headers(0), blockedForMs: until - nowMs};
    }
    const taken = this.windows[category].tryTake(ip, nowMs);
    if (taken.allowed) return {allowed: true, headers: this.headers(taken.remaining)};
    this.blockedUntil.set(key, nowMs + this.options.blockMs);
    return {allowed: false, headers: this.headers(0), blockedForMs: this.options.blockMs};
  }

  reset(): void {
    this.windows.candles.clear();
    this.windows.market.clear();
    this.blockedUntil.clear();
  }
}
