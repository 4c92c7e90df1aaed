import {z} from 'zod';
import {EXCHANGES, type ExchangeId} from './config';
import {Rng, deriveSeed} from './prng';

export const FAULT_KINDS = [
  'http5xx',
  'reset',
  'timeout',
  'truncated',
  'malformed',
  'renameField',
  'numberAsString',
  'emptyPage',
  'errorIn200',
  'notFound',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const ENDPOINTS = ['candles', 'markets'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const faultRuleSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    /** Chance per matching request, 0..1. With neither probability nor count: every request. */
    probability: z.number().min(0).max(1).optional(),
    /** Inject into (at most) the next N matching requests, then the rule is spent. */
    count: z.number().int().positive().optional(),
    /**
     * Let the first N matching requests through untouched, then start injecting: a fault that
     * strikes mid-read however far ahead the client requests.
     */
    after: z.number().int().positive().optional(),
    exchange: z.enum(EXCHANGES).optional(),
    endpoint: z.enum(ENDPOINTS).optional(),
    /** Only requests for this market code (candles: the `market` query parameter). */
    market: z.string().min(1).optional(),
    /** http5xx: the status to send (500..599, default 500). */
    status: z.number().int().min(500).max(599).optional(),
    /** renameField / numberAsString: the field (default per exchange: Upbit/Bithumb `trade_price`; Coinone/Korbit `close` to rename, `timestamp` to stringify). */
    field: z.string().min(1).optional(),
    /** renameField: the new name (default `<field>_renamed`). */
    renameTo: z.string().min(1).optional(),
  })
  .strict();
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultRulesSchema = z.array(faultRuleSchema);

export interface ActiveFaultRule extends FaultRule {
  /** Injections left for a `count` rule; null when unbounded. */
  remaining: number | null;
  /** Matching requests still to let through before the first injection (`after`). */
  passesLeft: number;
  injected: number;
}

/**
 * Holds fault rules and decides, per request, whether one fires. Probabilities draw from a
 * seeded generator so a run with the same seed and request order injects the same faults.
 */
export class FaultInjector {
  private rules: ActiveFaultRule[] = [];
  private rng: Rng;

  constructor(private readonly seed: number) {
    this.rng = new Rng(deriveSeed(seed, 'faults'));
  }

  set(rules: ReadonlyArray<FaultRule>): void {
    this.rules = [];
    this.add(rules);
  }

  add(rules: ReadonlyArray<FaultRule>): void {
    for (const rule of rules) {
      this.rules.push({
        ...rule,
        remaining: rule.count ?? null,
        passesLeft: rule.after ?? 0,
        injected: 0,
      });
    }
  }

  clear(): void {
    this.rules = [];
    this.rng = new Rng(deriveSeed(this.seed, 'faults'));
  }

  list(): ReadonlyArray<ActiveFaultRule> {
    return this.rules.map((r) => ({...r}));
  }

  /** The first matching rule that fires for this request, or null. Spent rules are dropped. */
  pick(exchange: ExchangeId, endpoint: Endpoint, market?: string | null): ActiveFaultRule | null {
    for (const rule of this.rules) {
      if (rule.exchange !== undefined && rule.exchange !== exchange) continue;
      if (rule.endpoint !== undefined && rule.endpoint !== endpoint) continue;
      if (rule.market !== undefined && rule.market !== market) continue;
      if (rule.remaining !== null && rule.remaining <= 0) continue;
      if (rule.passesLeft > 0) {
        rule.passesLeft--;
        continue;
      }
      if (rule.probability !== undefined && this.rng.next() >= rule.probability) continue;
      if (rule.remaining !== null) rule.remaining--;
      rule.injected++;
      const fired = {...rule};
      this.rules = this.rules.filter((r) => r.remaining === null || r.remaining > 0);
      return fired;
    }
    return null;
  }
}

/** Parses a CLI fault spec: `kind[,key=value...]`, e.g. `http5xx,count=3,status=503,exchange=upbit`. */
export function parseFaultSpec(spec: string): FaultRule {
  const [kind, ...pairs] = spec.split(',').map((s) => s.trim());
  const raw: Record<string, unknown> = {kind};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--fault ${spec}: "${pair}" is not key=value`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    raw[key] = ['probability', 'count', 'after', 'status'].includes(key) ? Number(value) : value;
  }
  const parsed = faultRuleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `--fault ${spec}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ')}`
    );
  }
  return parsed.data;
}
