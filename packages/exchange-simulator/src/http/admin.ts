import type {IncomingMessage} from 'node:http';
import {z} from 'zod';
import {EXCHANGES} from '../config';
import {expectedApiFrom} from '../data/ground-truth';
import {isListedAt} from '../data/markets';
import {breakRuleSchema} from '../breaks';
import {faultRuleSchema, type FaultRule} from '../faults';
import type {StatsSnapshot} from '../stats';
import {formatUtcWall} from '../time';
import type {SimulatorState} from './state';
import {json, type SimResponse} from './responses';

const MAX_BODY = 1 << 20;

// Either a bare array of rules (replaces) or {faults, mode}. Checked as one or the other so
// errors name the offending rule's field instead of a generic union failure.
const faultsArraySchema = z.array(faultRuleSchema);
const faultsObjectSchema = z
  .object({faults: faultsArraySchema, mode: z.enum(['replace', 'append']).optional()})
  .strict();
const breaksArraySchema = z.array(breakRuleSchema);
const breaksObjectSchema = z
  .object({breaks: breaksArraySchema, mode: z.enum(['replace', 'append']).optional()})
  .strict();
const latencySchema = z
  .object({latencyMs: z.number().int().min(0), jitterMs: z.number().int().min(0).optional()})
  .strict();
const clockSchema = z
  .object({
    now: z.union([z.string(), z.number()]).optional(),
    offsetMs: z.number().optional(),
    real: z.literal(true).optional(),
  })
  .strict();

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new AdminError(413, 'request body over 1 MiB');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new AdminError(400, `${what}: body is not JSON`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new AdminError(400, `${what}: ${issues.join('; ')}`);
  }
  return result.data;
}

const ok = (value: unknown): SimResponse => json(200, JSON.stringify(value));

/** `/__admin/*`: runtime control for tests and operators. Never rate limited or faulted. */
export async function handleAdmin(
  state: SimulatorState,
  method: string,
  path: string,
  query: URLSearchParams,
  body: () => Promise<string>
): Promise<SimResponse> {
  try {
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /__admin/stats':
        return ok(state.stats.snapshot() satisfies StatsSnapshot);
      case 'GET /__admin/faults':
        return ok({faults: state.faults.list()});
      case 'POST /__admin/faults': {
        const text = await body();
        const what = 'POST /__admin/faults';
        const parsed = text.trim().startsWith('[')
          ? {faults: parse(faultsArraySchema, text, what)}
          : parse(faultsObjectSchema, text, what);
        const rules: FaultRule[] = parsed.faults;
        if ('mode' in parsed && parsed.mode === 'append') state.faults.add(rules);
        else state.faults.set(rules);
        return ok({faults: state.faults.list()});
      }
      case 'DELETE /__admin/faults':
        state.faults.clear();
        return ok({faults: []});
      case 'GET /__admin/breaks':
        return ok({breaks: state.breaks.list()});
      case 'POST /__admin/breaks': {
        const text = await body();
        const what = 'POST /__admin/breaks';
        const parsed = text.trim().startsWith('[')
          ? {breaks: parse(breaksArraySchema, text, what)}
          : parse(breaksObjectSchema, text, what);
        if ('mode' in parsed && parsed.mode === 'append') state.breaks.add(parsed.breaks);
        else state.breaks.set(parsed.breaks);
        return ok({breaks: state.breaks.list()});
      }
      case 'DELETE /__admin/breaks':
        state.breaks.clear();
        return ok({breaks: []});
      case 'GET /__admin/latency':
        return ok(state.latency);
      case 'POST /__admin/latency': {
        const parsed = parse(latencySchema, await body(), 'POST /__admin/latency');
        state.latency = {latencyMs: parsed.latencyMs, jitterMs: parsed.jitterMs ?? 0};
        return ok(state.latency);
      }
      case 'GET /__admin/clock':
        return ok(state.clock.describe());
      case 'POST /__admin/clock': {
        const parsed = parse(clockSchema, await body(), 'POST /__admin/clock');
        if (parsed.real) state.clock.set({});
        else state.clock.set({now: parsed.now, offsetMs: parsed.offsetMs});
        return ok(state.clock.describe());
      }
      case 'POST /__admin/reset':
        state.reset();
        return ok({reset: true});
      case 'GET /__admin/expected': {
        // Ground truth over HTTP, for a simulator running as its own process.
        const exchange = EXCHANGES.find((e) => e === query.get('exchange'));
        const [market, from, to] = ['market', 'from', 'to'].map((k) => query.get(k));
        if (!exchange || !market || !from || !to) {
          throw new AdminError(
            400,
            `query: exchange (${EXCHANGES.join('|')}), market, from and to (ISO instants) are required`
          );
        }
        const nowMs = state.clock.now();
        const candles = expectedApiFrom(state.exchanges, exchange, market, from, to, nowMs);
        return ok({exchange, market, now: new Date(nowMs).toISOString(), candles});
      }
      case 'GET /__admin/markets': {
        const exchange = query.get('exchange');
        const exchanges = EXCHANGES.filter((e) => exchange === null || e === exchange);
        if (exchanges.length === 0) {
          throw new AdminError(
            400,
            `exchange: "${exchange}" must be one of ${EXCHANGES.join(', ')}`
          );
        }
        const nowMs = state.clock.now();
        return ok(
          Object.fromEntries(
            exchanges.map((e) => [
              e,
              state.exchanges.allMarkets(e).map((m) => ({
                market: m.market,
                listedAt: `${formatUtcWall(m.listedAtMs)}Z`,
                delistedAt: m.delistedAtMs === null ? null : `${formatUtcWall(m.delistedAtMs)}Z`,
                listedNow: state.exchanges.listedMarkets(e, nowMs).includes(m),
                tradingNow: isListedAt(m, nowMs),
                noTradeProbability: m.noTradeProbability,
              })),
            ])
          )
        );
      }
      default:
        throw new AdminError(
          404,
          `no admin route ${route}; see GET|POST|DELETE /__admin/faults, GET|POST|DELETE /__admin/breaks, ` +
            'GET /__admin/stats, GET /__admin/expected, POST /__admin/reset, ' +
            'GET|POST /__admin/latency, GET|POST /__admin/clock, GET /__admin/markets'
        );
    }
  } catch (error) {
    if (error instanceof AdminError)
      return json(error.status, JSON.stringify({error: error.message}));
    if (error instanceof Error) return json(400, JSON.stringify({error: error.message}));
    throw error;
  }
}
