import {BreakSet, breakRulesSchema, type BreakRule} from '../breaks';
import {SimClock} from '../clock';
import {
  DEFAULT_RATE_LIMITS,
  EXCHANGES,
  type ClockOptions,
  type DataOptions,
  type ExchangeId,
  type RateLimitOptions,
} from '../config';
import {SimulatedExchanges} from '../data/universe';
import type {CountOverLimit} from '../exchanges/module';
import {EXCHANGE_MODULES} from '../exchanges/registry';
import {FaultInjector, faultRulesSchema, type FaultRule} from '../faults';
import type {ExchangeLimiter} from '../limits/limiter';
import {Stats} from '../stats';

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
  } & {readonly [E in ExchangeId]?: Partial<RateLimitOptions[E]>};
  readonly faults?: ReadonlyArray<FaultRule>;
  /** Assumption-breaking modes (see breaks.ts); kept by reset(). */
  readonly breaks?: ReadonlyArray<BreakRule>;
  readonly clock?: ClockOptions;
  /** Upbit/Bithumb count > 200: `reject` (400, default) or `clamp` to 200. */
  readonly countOverLimit?: CountOverLimit;
  /**
   * Take the client IP from the first `X-Forwarded-For` entry (lets one test process act as
   * many IPs, so rate-limit state of one test cannot leak into another). Default false.
   */
  readonly trustForwardedFor?: boolean;
}

export function resolveRateLimits(options: SimulatorOptions['rateLimits'] = {}): RateLimitOptions {
  const merged = {enabled: options.enabled ?? DEFAULT_RATE_LIMITS.enabled} as Record<
    string,
    unknown
  >;
  for (const exchange of EXCHANGES) {
    const values = {...DEFAULT_RATE_LIMITS[exchange], ...options[exchange]};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new Error(`rateLimits.${exchange}.${key}: ${value} must be a positive number`);
      }
    }
    merged[exchange] = values;
  }
  const resolved = merged as unknown as RateLimitOptions;
  const status = resolved.coinone.limitStatus;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new Error(`rateLimits.coinone.limitStatus: ${status} must be an HTTP status`);
  }
  return resolved;
}

/** Everything a running simulator knows and can change at runtime. */
export class SimulatorState {
  readonly exchanges: SimulatedExchanges;
  readonly clock: SimClock;
  readonly stats = new Stats();
  readonly faults: FaultInjector;
  readonly breaks = new BreakSet();
  readonly rateLimits: RateLimitOptions;
  readonly limiters: Readonly<Record<ExchangeId, ExchangeLimiter>>;
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
    this.breaks.set(breakRulesSchema.parse(options.breaks ?? []));
    this.rateLimits = resolveRateLimits(options.rateLimits);
    this.limiters = Object.fromEntries(
      EXCHANGES.map((e) => [e, EXCHANGE_MODULES[e].createLimiter(this.rateLimits)])
    ) as Record<ExchangeId, ExchangeLimiter>;
    this.countOverLimit = options.countOverLimit ?? 'reject';
    this.trustForwardedFor = options.trustForwardedFor ?? false;
    const latencyMs = options.latencyMs ?? 0;
    const jitterMs = options.latencyJitterMs ?? 0;
    if (latencyMs < 0 || jitterMs < 0) throw new Error('latencyMs/latencyJitterMs must be >= 0');
    this.latency = {latencyMs, jitterMs};
  }

  /**
   * Clears counters, rate-limit windows, IP blocks and fault rules; keeps latency, clock and
   * break modes (they describe the server under test, not one test's events).
   */
  reset(): void {
    this.stats.reset();
    for (const e of EXCHANGES) this.limiters[e].reset();
    this.faults.clear();
  }
}
