import type {RunningSimulator} from '../src';

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

export function candlesUrl(base: string, params: Record<string, string | number>): string {
  const q = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])
  );
  return `${base}/v1/candles/minutes/60?${q.toString()}`;
}

export function coinoneChartUrl(
  base: string,
  pair: string,
  params: Record<string, string | number> = {}
): string {
  const q = new URLSearchParams({interval: '1h'});
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  return `${base}/public/v2/chart/${pair}?${q.toString()}`;
}

export function korbitCandlesUrl(base: string, params: Record<string, string | number>): string {
  const q = new URLSearchParams({interval: '60'});
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  return `${base}/v2/candles?${q.toString()}`;
}

/** A candle row reduced to what every exchange has: start (ms) and base volume (canonical). */
export interface Row {
  readonly start: number;
  readonly volume: string;
  readonly close: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
}

/**
 * One candle request per exchange, written the way that exchange spells it: `market` as
 * `KRW-XRP`, the upper time bound `boundMs` (Upbit/Bithumb `to`, Coinone `timestamp`,
 * Korbit `end`) and the page size `n` (`count`, `size`, `limit`).
 */
export function candleRequest(
  sim: RunningSimulator,
  exchange: 'upbit' | 'bithumb' | 'coinone' | 'korbit',
  market: string,
  n: number,
  boundMs?: number
): string {
  const [quote, base] = market.split('-') as [string, string];
  const bound = boundMs === undefined ? {} : {bound: boundMs};
  switch (exchange) {
    case 'upbit':
    case 'bithumb':
      return candlesUrl(exchange === 'upbit' ? sim.upbitUrl : sim.bithumbUrl, {
        market,
        count: n,
        ...(bound.bound === undefined ? {} : {to: new Date(bound.bound).toISOString()}),
      });
    case 'coinone':
      return coinoneChartUrl(sim.coinoneUrl, `${quote}/${base}`, {
        size: n,
        ...(bound.bound === undefined ? {} : {timestamp: bound.bound}),
      });
    case 'korbit':
      return korbitCandlesUrl(sim.korbitUrl, {
        symbol: `${base}_${quote}`.toLowerCase(),
        limit: n,
        ...(bound.bound === undefined ? {} : {end: bound.bound}),
      });
  }
}

/** The rows of a candle answer of any exchange, in the order they came. */
export function rowsOf(exchange: string, body: string): Row[] {
  const parsed = parseExact(body) as Record<string, unknown>;
  if (exchange === 'upbit' || exchange === 'bithumb') {
    return (parsed as unknown as CandleJson[]).map((c) => ({
      start: Date.parse(`${c.candle_date_time_utc}Z`),
      volume: String(c.candle_acc_trade_volume),
      open: String(c.opening_price),
      high: String(c.high_price),
      low: String(c.low_price),
      close: String(c.trade_price),
    }));
  }
  const list = (exchange === 'coinone' ? parsed.chart : parsed.data) as Record<string, string>[];
  return list.map((c) => ({
    start: Number(c.timestamp),
    volume: canonical(exchange === 'coinone' ? c.target_volume! : c.volume!),
    open: canonical(c.open!),
    high: canonical(c.high!),
    low: canonical(c.low!),
    close: canonical(c.close!),
  }));
}
