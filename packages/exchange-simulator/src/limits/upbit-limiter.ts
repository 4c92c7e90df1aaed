import type {UpbitLimitOptions} from '../config';
import {SlidingWindow} from './sliding-window';

export type UpbitGroup = 'candles' | 'market';

export type UpbitDecision =
  | {readonly kind: 'ok'; readonly remainingReq: string}
  | {readonly kind: 'limited'; readonly remainingReq: string}
  | {readonly kind: 'blocked'; readonly blockedForMs: number; readonly newBlock: boolean};

/**
 * Upbit quotation limits: per IP, per group, per second (`Remaining-Req` tells what is left);
 * browser-style requests (with `Origin`) share the much smaller `origin` group. Excess gives
 * 429; hammering on through 429s gives an IP block (418) that grows with every repeat.
 */
export class UpbitLimiter {
  private readonly groups: Record<UpbitGroup, SlidingWindow>;
  private readonly origin: SlidingWindow;
  private readonly recent429s: SlidingWindow;
  private readonly blockedUntil = new Map<string, number>();
  private readonly blockCount = new Map<string, number>();

  constructor(private readonly options: UpbitLimitOptions) {
    this.groups = {
      candles: new SlidingWindow(options.candlesPerSecond, 1000),
      market: new SlidingWindow(options.marketPerSecond, 1000),
    };
    this.origin = new SlidingWindow(options.originLimit, options.originWindowMs);
    // Limit is irrelevant here: record() only counts.
    this.recent429s = new SlidingWindow(Number.MAX_SAFE_INTEGER, options.abuseWindowMs);
  }

  check(ip: string, group: UpbitGroup, hasOrigin: boolean, nowMs: number): UpbitDecision {
    const until = this.blockedUntil.get(ip);
    if (until !== undefined && until > nowMs) {
      return {kind: 'blocked', blockedForMs: until - nowMs, newBlock: false};
    }
    const name = hasOrigin ? 'origin' : group;
    const window = hasOrigin ? this.origin : this.groups[group];
    // `min` is deprecated and fixed by Upbit; it mirrors "per second x 60".
    const perMinute = Math.round((window.limit * 60_000) / window.windowMs);
    const taken = window.tryTake(ip, nowMs);
    const remainingReq = `group=${name}; min=${perMinute}; sec=${taken.remaining}`;
    if (taken.allowed) return {kind: 'ok', remainingReq};

    if (this.recent429s.record(ip, nowMs) >= this.options.abuse429Count) {
      const blocks = this.blockCount.get(ip) ?? 0;
      const length = Math.min(
        this.options.blockMaxMs,
        Math.round(this.options.blockBaseMs * this.options.blockGrowthFactor ** blocks)
      );
      this.blockCount.set(ip, blocks + 1);
      this.blockedUntil.set(ip, nowMs + length);
      this.recent429s.clear(ip);
      return {kind: 'blocked', blockedForMs: length, newBlock: true};
    }
    return {kind: 'limited', remainingReq};
  }

  reset(): void {
    this.groups.candles.clear();
    this.groups.market.clear();
    this.origin.clear();
    this.recent429s.clear();
    this.blockedUntil.clear();
    this.blockCount.clear();
  }
}
