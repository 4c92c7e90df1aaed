import {SimClock} from '../clock';
import {
  DEFAULT_RATE_LIMITS,
  type BithumbLimitOptions,
  type ClockOptions,
  type DataOptions,
  type RateLimitOptions,
  type UpbitLimitOptions,
} from '../config';
import {SimulatedExchanges} from '../data/universe';
import {FaultInjector, faultRulesSchema, type FaultRule} from '../faults';
import {BithumbLimiter} from '../limits/bithumb-limiter';
import {UpbitLimiter} from '../limits/upbit-limiter';
import {Stats} from '../stats';
import type {CountOverLimit} from './exchange-api';

export interface SimulatorOptions extends Partial<DataOptions> {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Added before every exchange response (admin calls are never delayed). */
  readonly latencyMs?: number;
  /** Extra 0..jitterMs per request, from the seeded generator. */
  readonly latencyJitterMs?: number;
  readonly rateLimits?: {
    readonly enabled?: boolean;
    readonly upbit?: Partial<UpbitLimitOptions>;
    readonly bithumb?: Partial<BithumbLimitOptions>;
  };
  readonly faults?: ReadonlyArray<FaultRule>;
  readonly clock?: ClockOptions;
  /** count > 200: `reject` (400, default) or `clamp` to 200. */
  readonly countOverLimit?: CountOverLimit;
  /**
   * Take the client IP from the first `X-Forwarded-For` entry (lets one test process act as
   * many IPs, so rate-limit state of one test cannot leak into another). Default false.
   */
  readonly trustForwardedFor?: boolean;
}

export function resolveRateLimits(options: SimulatorOptions['rateLimits'] = {}): RateLimitOptions {
  const merged: RateLimitOptions = {
    enabled: options.enabled ?? DEFAULT_RATE_LIMITS.enabled,
    upbit: {...DEFAULT_RATE_LIMITS.upbit, ...options.upbit},
    bithumb: {...DEFAULT_RATE_LIMITS.bithumb, ...options.bithumb},
  };
  for (const [scope, values] of [
    ['upbit', merged.upbit],
    ['bithumb', merged.bithumb],
  ] as const) {
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new Error(`rateLimits.${scope}.${key}: ${value} must be a positive number`);
      }
    }
  }
  return merged;
}

/** Everything a running simulator knows and can change at runtime. */
export class SimulatorState {
  readonly exchanges: SimulatedExchanges;
  readonly clock: SimClock;
  readonly stats = new Stats();
  readonly faults: FaultInjector;
  readonly rateLimits: RateLimitOptions;
  readonly upbitLimiter: UpbitLimiter;
  readonly bithumbLimiter: BithumbLimiter;
  readonly countOverLimit: CountOverLimit;
  readonly trustForwardedFor: boolean;
  latency: {latencyMs: number; jitterMs: number};

  constructor(options: SimulatorOptions) {
    this.exchanges = new SimulatedExchanges({
      seed: options.seed,
      marketsPerQuote: options.marketsPerQuote,
      historyStart: options.historyStart,
      delisting: options.delisting,
      countMode: options.countMode,
    });
    this.clock = new SimClock(options.clock);
    this.faults = new FaultInjector(this.exchanges.data.seed);
    this.faults.set(faultRulesSchema.parse(options.faults ?? []));
    this.rateLimits = resolveRateLimits(options.rateLimits);
    this.upbitLimiter = new UpbitLimiter(this.rateLimits.upbit);
    this.bithumbLimiter = new BithumbLimiter(this.rateLimits.bithumb);
    this.countOverLimit = options.countOverLimit ?? 'reject';
    this.trustForwardedFor = options.trustForwardedFor ?? false;
    const latencyMs = options.latencyMs ?? 0;
    const jitterMs = options.latencyJitterMs ?? 0;
    if (latencyMs < 0 || jitterMs < 0) throw new Error('latencyMs/latencyJitterMs must be >= 0');
    this.latency = {latencyMs, jitterMs};
  }

  /** Clears counters, rate-limit windows, IP blocks and fault rules; keeps latency and clock. */
  reset(): void {
    this.stats.reset();
    this.upbitLimiter.reset();
    this.bithumbLimiter.reset();
    this.faults.clear();
  }
}
