import {z} from 'zod';
import {EXCHANGES, type ExchangeId} from './config';

/**
 * Assumption-breaking modes: each one makes an exchange deviate from the behaviour the
 * connectors rely on, in one respect, so a `probe` can be shown to notice it.
 */
export const BREAK_MODES = [
  /** Candle rows in the opposite of the exchange's order (Korbit newest first, the others oldest first). */
  'order-reversed',
  /** `count`/`size`/`limit` counts hour slots walked back from the bound, not candles. */
  'count-slots',
  /** The upper time bound flips: Upbit/Bithumb `to` inclusive, Coinone `timestamp` and Korbit `end` exclusive. */
  'bound-flipped',
  /** A `to` without offset is read in the other zone (Upbit: KST, Bithumb: UTC). Upbit and Bithumb only. */
  'bare-zone-flipped',
  /** Hours without trades come back as zero-volume candles at the previous close. */
  'empty-hours-zero',
  /** No quota headers (the limits still apply). */
  'no-rate-headers',
  /** An unknown or delisted market answers 200 with an empty list in the success envelope. */
  'unknown-market-empty',
] as const;
export type BreakMode = (typeof BREAK_MODES)[number];

/** Exchanges a mode means something on. */
const APPLIES_TO: Record<BreakMode, ReadonlyArray<ExchangeId>> = {
  'order-reversed': EXCHANGES,
  'count-slots': EXCHANGES,
  'bound-flipped': EXCHANGES,
  'bare-zone-flipped': ['upbit', 'bithumb'],
  'empty-hours-zero': EXCHANGES,
  'no-rate-headers': EXCHANGES,
  'unknown-market-empty': EXCHANGES,
};

export const breakRuleSchema = z
  .object({
    mode: z.enum(BREAK_MODES),
    /** Absent: every exchange the mode applies to. */
    exchange: z.enum(EXCHANGES).optional(),
  })
  .strict()
  .refine((r) => r.exchange === undefined || APPLIES_TO[r.mode].includes(r.exchange), {
    message: 'this mode does not apply to that exchange (bare-zone-flipped: upbit, bithumb)',
    path: ['exchange'],
  });
export type BreakRule = z.infer<typeof breakRuleSchema>;
export const breakRulesSchema = z.array(breakRuleSchema);

/** The active break rules; asked per request which modes are on for an exchange. */
export class BreakSet {
  private rules: BreakRule[] = [];

  set(rules: ReadonlyArray<BreakRule>): void {
    this.rules = rules.map((r) => ({...r}));
  }

  add(rules: ReadonlyArray<BreakRule>): void {
    this.rules.push(...rules.map((r) => ({...r})));
  }

  clear(): void {
    this.rules = [];
  }

  list(): ReadonlyArray<BreakRule> {
    return this.rules.map((r) => ({...r}));
  }

  active(exchange: ExchangeId): ReadonlySet<BreakMode> {
    const modes = new Set<BreakMode>();
    for (const r of this.rules) {
      if (r.exchange !== undefined && r.exchange !== exchange) continue;
      if (APPLIES_TO[r.mode].includes(exchange)) modes.add(r.mode);
    }
    return modes;
  }
}

/** Parses a CLI break spec: `mode[,exchange=E]`, e.g. `order-reversed,exchange=korbit`. */
export function parseBreakSpec(spec: string): BreakRule {
  const [mode, ...pairs] = spec.split(',').map((s) => s.trim());
  const raw: Record<string, unknown> = {mode};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--break ${spec}: "${pair}" is not key=value`);
    raw[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const parsed = breakRuleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `--break ${spec}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ')}`
    );
  }
  return parsed.data;
}
