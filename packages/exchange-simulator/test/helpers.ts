import {startSimulator, type RunningSimulator, type SimulatorOptions} from '../src';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {headers});
  return {status: res.status, headers: res.headers, body: await res.text()};
}

export async function post(url: string, body: unknown): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  });
  return {status: res.status, headers: res.headers, body: await res.text()};
}

type ReviverContext = {source?: string};

/** Canonical decimal text: no trailing fractional zeros, no bare dot. */
export function canonical(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * JSON.parse keeping every number as its exact source text (canonicalised), so values with
 * more digits than a float64 holds can be compared exactly. `timestamp` and `unit` stay numbers.
 */
export function parseExact(text: string): unknown {
  return JSON.parse(text, function (key, value, context?: ReviverContext) {
    if (typeof value !== 'number') return value;
    if (key === 'timestamp' || key === 'unit' || key === 'name') return value;
    if (context?.source === undefined)
      throw new Error('needs Node.js 24 (JSON source text access)');
    return canonical(context.source);
  } as (this: unknown, key: string, value: unknown) => unknown);
}

export type CandleJson = Record<string, string | number> & {
  market: string;
  candle_date_time_utc: string;
  candle_date_time_kst: string;
  timestamp: number;
};

export function candlesOf(body: string): CandleJson[] {
  return parseExact(body) as CandleJson[];
}

/** A fixed "now" well inside the default history (2024-01-01 on), mid-hour. */
export const FIXED_NOW = '2024-02-10T05:20:00Z';

export async function withSimulator(
  options: SimulatorOptions,
  fn: (sim: RunningSimulator) => Promise<void>
): Promise<void> {
  const sim = await startSimulator(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

export function candlesUrl(base: string, params: Record<string, string | number>): string {
  const q = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])
  );
  return `${base}/v1/candles/minutes/60?${q.toString()}`;
}
