import {ConfigError} from '../errors/connector-error';
import {type Clock, systemClock} from './clock';
import type {QuotaReading, RateLimitGroupConfig} from './types';

/** Held while a request is in flight; release exactly once when its response (or failure) is in. */
export interface RateLimitPermit {
  /**
   * When the request started (the limiter's clock): when the permit was granted, moved to when
   * the request actually left by `sent()`. The reading of its response refers to it.
   */
  readonly startedAt: number;
  /**
   * The request has just been written to its socket. The exchange counts a request when it
   * arrives, and a granted request can leave tens of milliseconds late: a new connection has
   * to be opened, or the event loop is busy parsing another page before the send gets its turn.
   * Counted at the grant, a late request would sit in our window earlier than in the exchange's,
   * and the 11th request after it would reach the exchange within the same second (HTTP 429).
   * Moving its start to the send keeps our window the exchange's. Idempotent; never moves back.
   */
  sent(): void;
  release(): void;
}

/** Start times kept for comparing quota readings with what we started (latency + window). */
const HISTORY_MS = 10_000;

export interface RateLimiterOptions {
  readonly clock?: Clock;
  /** Length of the sliding window; exchanges count per second. */
  readonly windowMs?: number;
  /**
   * Extra spacing added to the window. Requests started exactly one window apart can reach
   * the exchange less than a window apart (network and event-loop jitter), and the exchange
   * counts arrivals, so a small margin keeps the count under its limit. Widened after a 429.
   */
  readonly safetyMarginMs?: number;
  /**
   * Space starts evenly (one every span/limit ms) instead of letting a window's budget go
   * out in one burst. A burst of new connections reaches the exchange spread over tens of
   * milliseconds, so the exchange can see the next window's first request inside the last
   * window; evenly spaced requests arrive the way they left.
   */
  readonly evenSpacing?: boolean;
}

/**
 * How much of a late grant the spacing takes back (timers run a little late, and the event loop
 * may be busy with a page when one is due). More would send bursts: measured at Bithumb's 150/s,
 * 5 or 7 ms drew a 429 in five runs of seven (docs/performance.md, third pass).
 */
const TIMER_SLACK_MS = 3;

/** Largest margin a run of 429s can widen the window to. */
const MAX_MARGIN_MS = 250;

/**
 * The budget of one rate-limit group. Guarantees that no `windowMs` interval ever contains more
 * than `requestsPerSecond` request starts (a sliding log of start times, so there is no 2x burst
 * across a boundary the way a coarse token bucket allows), while letting up to `maxInFlight`
 * requests run at once so network latency does not cap throughput below the limit.
 *
 * The exchange's own quota readings can only tighten the budget: another client on the same IP
 * spends the same per-IP allowance, so when the exchange reports fewer requests left than we
 * think, new starts are held until the window has rolled over.
 */
export class SlidingWindowRateLimiter {
  readonly maxInFlight: number;
  private readonly clock: Clock;
  private readonly windowMs: number;
  /** Start times inside the current window, oldest first. */
  private readonly starts: number[] = [];
  private readonly waiters: Array<{
    grant: (startedAt: number) => void;
    refuse: (reason: Error) => void;
  }> = [];
  private inFlight = 0;
  private pausedUntil = -Infinity;
  /** After close(): why no permit is granted any more. */
  private closedBy: Error | undefined;
  /** Lower window capacity announced by the exchange (never raises the configured rate). */
  private announcedLimit = Infinity;
  /** Starts the exchange still allows until `hold.until`, after a reading below our own count. */
  private hold: {until: number; remaining: number} | undefined;
  private timerDeadline: number | undefined;
  /** When the last permit was granted (even spacing counts from there). */
  private lastGrantAt: number | undefined;

  constructor(
    readonly group: string,
    private readonly config: RateLimitGroupConfig,
    options: RateLimiterOptions = {}
  ) {
    const rps = config.requestsPerSecond;
    if (!Number.isFinite(rps) || rps < 1 || !Number.isInteger(rps)) {
      throw new ConfigError(
        `rate limit group "${group}": requestsPerSecond must be a whole number >= 1, got ${rps}`
      );
    }
    this.maxInFlight = config.maxInFlight ?? Math.max(1, rps);
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1) {
      throw new ConfigError(
        `rate limit group "${group}": maxInFlight must be a whole number >= 1, got ${config.maxInFlight}`
      );
    }
    const block = config.excessBlockMs ?? 0;
    if (!Number.isFinite(block) || block < 0) {
      throw new ConfigError(
        `rate limit group "${group}": excessBlockMs must be a number of milliseconds >= 0, got ${block}`
      );
    }
    this.clock = options.clock ?? systemClock;
    this.windowMs = options.windowMs ?? 1000;
    this.marginMs = options.safetyMarginMs ?? 0;
    this.evenSpacing = options.evenSpacing ?? false;
  }

  private readonly evenSpacing: boolean;

  private marginMs: number;

  /** The span within which at most `effectiveLimit` requests start: window plus margin. */
  get spanMs(): number {
    return this.windowMs + this.marginMs;
  }

  /** The exchange's documented block after an excess, 0 when it documents none. */
  get excessBlockMs(): number {
    return this.config.excessBlockMs ?? 0;
  }

  /** Requests allowed per window right now: the configured rate, or less if the exchange says so. */
  get effectiveLimit(): number {
    return Math.max(1, Math.min(this.config.requestsPerSecond, this.announcedLimit));
  }

  /** Waits (FIFO) until a request may start, and records its start. */
  acquire(): Promise<RateLimitPermit> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    return new Promise<RateLimitPermit>((resolve, reject) => {
      this.waiters.push({grant: (startedAt) => resolve(this.newPermit(startedAt)), refuse: reject});
      this.pump();
    });
  }

  /** Runs `task` under a permit, released however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const permit = await this.acquire();
    try {
      return await task();
    } finally {
      permit.release();
    }
  }

  /**
   * Feeds the exchange's quota reading from the response of a request started at
   * `startedAt`. The exchange counted requests over the second before that request arrived,
   * so the reading is compared with our own starts over the second before it started, not
   * with now (by now, one latency later, the window has moved). When the exchange has seen
   * more than we started, another client shares the IP's budget: new starts are held until
   * that second is over, with only the starts the exchange said remain. A small difference
   * (two, or a tenth of the limit) is jitter in when requests arrived, not another client:
   * holding on it would stall a connector that runs at the limit for a second at a time.
   */
  observe(reading: QuotaReading | undefined, startedAt?: number): void {
    if (!reading) return;
    const now = this.clock.now();
    if (reading.limit !== undefined && reading.limit >= 1) {
      this.announcedLimit = reading.limit;
    }
    const at = startedAt ?? now;
    const tolerance =
      startedAt === undefined ? 0 : Math.max(2, Math.ceil(this.effectiveLimit / 10));
    const ours = this.effectiveLimit - this.countStarts(at - this.windowMs, at);
    const remaining = Math.max(0, Math.floor(reading.remaining));
    if (remaining + tolerance < ours) {
      const until = at + this.windowMs;
      const active = this.hold && this.hold.until > now ? this.hold : undefined;
      this.hold = {
        until: Math.max(active?.until ?? -Infinity, until),
        remaining: Math.min(active?.remaining ?? Infinity, remaining),
      };
    }
    this.pump();
  }

  /** Stops every new start in this group for `ms` (after an HTTP 429). */
  pause(ms: number): void {
    // A 429 means our spacing was not enough for the exchange's clock: leave more room.
    this.marginMs = Math.min(MAX_MARGIN_MS, this.marginMs * 2 + 10);
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + Math.max(0, ms));
    this.pump();
  }

  /**
   * Starts nothing more in this group, ever: after an IP block every request lengthens the
   * block, so the ones still waiting for a permit (windows read ahead) are never sent. They,
   * and every later acquire(), fail with `reason` (never left pending: a process whose last
   * promise can no longer settle would exit 0 without a word).
   */
  close(reason: Error): void {
    this.closedBy ??= reason;
    for (const waiter of this.waiters.splice(0)) waiter.refuse(this.closedBy);
  }

  /** Milliseconds until the group may start requests again because of a pause (0 when not paused). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  private newPermit(grantedAt: number): RateLimitPermit {
    let released = false;
    let startedAt = grantedAt;
    return {
      get startedAt() {
        return startedAt;
      },
      sent: () => {
        const at = this.clock.now();
        if (at <= startedAt) return;
        this.moveStart(startedAt, at);
        startedAt = at;
      },
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      },
    };
  }

  /** Moves one recorded start from `from` to the later `to`, keeping the log in order. */
  private moveStart(from: number, to: number): void {
    let i = this.starts.lastIndexOf(from);
    if (i < 0) return; // already older than the history kept
    this.starts[i] = to;
    while (i + 1 < this.starts.length && this.starts[i + 1]! < this.starts[i]!) {
      [this.starts[i], this.starts[i + 1]] = [this.starts[i + 1]!, this.starts[i]!];
      i++;
    }
  }

  /** Our starts in the half-open interval (fromExclusive, toInclusive]. */
  private countStarts(fromExclusive: number, toInclusive: number): number {
    this.prune(this.clock.now());
    let n = 0;
    for (let i = this.starts.length - 1; i >= 0 && this.starts[i]! > fromExclusive; i--) {
      if (this.starts[i]! <= toInclusive) n++;
    }
    return n;
  }

  private prune(now: number): void {
    while (this.starts.length > 0 && this.starts[0]! <= now - HISTORY_MS) this.starts.shift();
  }

  /** Starts as many waiters as the rules allow; otherwise arranges to be called again. */
  private pump(): void {
    while (this.waiters.length > 0) {
      if (this.inFlight >= this.maxInFlight) return; // a release calls pump again
      const now = this.clock.now();
      const readyAt = this.earliestStart(now);
      if (readyAt > now) {
        this.wakeAt(readyAt);
        return;
      }
      this.starts.push(now);
      this.lastGrantAt = this.grantSlot(now);
      this.inFlight++;
      if (this.hold && this.hold.until > now) this.hold.remaining--;
      this.waiters.shift()!.grant(now);
    }
  }

  /**
   * Where the spacing goes on from after a grant at `now`: the slot the spacing asked for, or,
   * when the grant came later than that, TIMER_SLACK_MS before `now`. Without it a timer firing
   * a millisecond late, or a page being parsed when a slot is due, would add its delay to every
   * interval for good; with more, late grants would be made up in bursts. The window still
   * holds every start, so taking back a few milliseconds never lets more through than allowed.
   */
  private grantSlot(now: number): number {
    if (!this.evenSpacing || this.lastGrantAt === undefined) return now;
    const slot = this.lastGrantAt + this.spanMs / this.effectiveLimit;
    return Math.max(slot, now - TIMER_SLACK_MS);
  }

  private earliestStart(now: number): number {
    this.prune(now);
    let readyAt = Math.max(now, this.pausedUntil);
    const limit = this.effectiveLimit;
    // Even spacing from the last grant: the time a request takes to leave (a millisecond or
    // two through axios) is not added to every interval. A request that left late is covered by
    // the window below, which holds departures.
    if (this.evenSpacing && this.lastGrantAt !== undefined) {
      readyAt = Math.max(readyAt, this.lastGrantAt + this.spanMs / limit);
    }
    // A start exactly spanMs ago is outside the half-open window (now - spanMs, now].
    if (this.countStarts(now - this.spanMs, now) >= limit) {
      // The window has room again once enough of the oldest starts have left it.
      readyAt = Math.max(readyAt, this.starts[this.starts.length - limit]! + this.spanMs);
    }
    if (this.hold && this.hold.until > now && this.hold.remaining <= 0) {
      readyAt = Math.max(readyAt, this.hold.until);
    }
    return readyAt;
  }

  private wakeAt(deadline: number): void {
    if (this.timerDeadline !== undefined && this.timerDeadline <= deadline) return;
    this.timerDeadline = deadline;
    void this.clock.sleep(deadline - this.clock.now()).then(() => {
      if (this.timerDeadline === deadline) this.timerDeadline = undefined;
      this.pump();
    });
  }
}
