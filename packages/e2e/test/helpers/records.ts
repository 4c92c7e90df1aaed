/** Candle records by primary key (market, candle_start_utc), and what the simulator says they must be. */
import type {AirbyteMessage} from '@korea-candles/connector-common/testing';
import type {ExchangeId, RunningSimulator} from '@korea-candles/exchange-simulator';

import {marketsOf, type SourceUnderTest} from './sources';

export const CANDLE_STREAM = 'candles_hourly';

export type CandleData = Record<string, unknown> & {market: string; candle_start_utc: string};

export function keyOf(record: {market: string; candle_start_utc: string}): string {
  return `${record.market}@${record.candle_start_utc}`;
}

export function candleRecords(messages: readonly AirbyteMessage[]): CandleData[] {
  return messages.flatMap((m) =>
    m.type === 'RECORD' && m.record.stream === CANDLE_STREAM ? [m.record.data as CandleData] : []
  );
}

/** Keys emitted more than once within one list of records. */
export function duplicateKeys(records: readonly CandleData[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const r of records) {
    const key = keyOf(r);
    if (seen.has(key)) dups.add(key);
    seen.add(key);
  }
  return [...dups].sort();
}

/**
 * Records keyed like an append+dedup destination would keep them. Throws when one key carries
 * two different rows: closed hours must read the same every time.
 */
export function recordSet(records: readonly CandleData[]): Map<string, CandleData> {
  const set = new Map<string, CandleData>();
  for (const r of records) {
    const key = keyOf(r);
    const earlier = set.get(key);
    if (earlier !== undefined && JSON.stringify(earlier) !== JSON.stringify(r)) {
      throw new Error(
        `${key} emitted twice with different data:\n  ${JSON.stringify(earlier)}\n  ${JSON.stringify(r)}`
      );
    }
    set.set(key, r);
  }
  return set;
}

/** Sorted, so a failing `toEqual` shows the first differing hour. */
export function sortedRows(set: ReadonlyMap<string, CandleData>): CandleData[] {
  return [...set.keys()].sort().map((k) => set.get(k)!);
}

/**
 * The records a correct connector must emit for these markets (simulator codes, as
 * `marketsOf` maps them for the exchange) and hours, computed from the simulator's ground
 * truth in the exchange's own fields: one per hour that had trades, decimals digit for digit.
 */
export function expectedRecordSet(
  sim: RunningSimulator,
  source: SourceUnderTest,
  markets: readonly string[],
  fromIso: string,
  toIsoExclusive: string
): Map<string, CandleData> {
  const set = new Map<string, CandleData>();
  const exchange = source.exchange;
  for (const market of marketsOf(source, markets)) {
    const [quote, base] = market.split('-') as [string, string];
    for (const row of expectedRows(sim, exchange, market, fromIso, toIsoExclusive)) {
      const kst = new Date(row.startMs + 9 * 3_600_000).toISOString().slice(0, 19) + '+09:00';
      const record: CandleData = {
        exchange,
        market: source.marketCode(market),
        base_currency: base,
        quote_currency: quote,
        candle_start_utc: new Date(row.startMs).toISOString().replace('.000Z', 'Z'),
        candle_start_kst: kst,
        kst_date: kst.slice(0, 10),
        open: row.open,
        high: row.high,
        low: row.low,
        close: row.close,
        volume_base: row.volume,
        traded_value_quote: row.tradedValue ?? typicalPriceEstimate(row),
        traded_value_is_estimated: row.tradedValue === undefined,
        last_trade_at_utc:
          row.lastTradeMs === undefined ? null : new Date(row.lastTradeMs).toISOString(),
        source_api: SOURCE_API[exchange],
      };
      set.set(keyOf(record), record);
    }
  }
  return set;
}

const SOURCE_API: Record<ExchangeId, string> = {
  upbit: 'upbit_v1',
  bithumb: 'bithumb_v1',
  coinone: 'coinone_v2',
  korbit: 'korbit_v2',
};

interface GroundTruthRow {
  startMs: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  /** Absent where the exchange reports none (Korbit). */
  tradedValue?: string;
  lastTradeMs?: number;
}

/** The simulator's candles in the exchange's own API fields, read into one shape. */
function expectedRows(
  sim: RunningSimulator,
  exchange: ExchangeId,
  market: string,
  fromIso: string,
  toIsoExclusive: string
): GroundTruthRow[] {
  switch (exchange) {
    case 'upbit':
    case 'bithumb':
      return sim.expectedApiCandles(exchange, market, fromIso, toIsoExclusive).map((r) => ({
        startMs: Date.parse(`${r.candle_date_time_utc}Z`),
        open: r.opening_price,
        high: r.high_price,
        low: r.low_price,
        close: r.trade_price,
        volume: r.candle_acc_trade_volume,
        tradedValue: r.candle_acc_trade_price,
        lastTradeMs: r.timestamp,
      }));
    case 'coinone':
      return sim.expectedApiCandles(exchange, market, fromIso, toIsoExclusive).map((r) => ({
        startMs: r.timestamp,
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.target_volume,
        // Coinone's traded value: `quote_volume`, in the quote currency.
        tradedValue: r.quote_volume,
      }));
    case 'korbit':
      return sim.expectedApiCandles(exchange, market, fromIso, toIsoExclusive).map((r) => ({
        startMs: r.timestamp,
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.volume,
      }));
  }
}

/**
 * Korbit's documented estimate, computed here independently of the SDK (BigInt, not
 * decimal.js): volume x (high + low + close) / 3, rounded half-even to 8 decimal places,
 * without trailing zeros.
 */
export function typicalPriceEstimate(row: {
  volume: string;
  high: string;
  low: string;
  close: string;
}): string {
  const [v, vs] = scaled(row.volume);
  const parts = [row.high, row.low, row.close].map(scaled);
  const scale = Math.max(...parts.map(([, s]) => s));
  const sum = parts.reduce((acc, [n, s]) => acc + n * 10n ** BigInt(scale - s), 0n);
  // value = v * sum / (3 * 10^(vs + scale)); in units of 10^-8:
  const numerator = v * sum * 10n ** 8n;
  const denominator = 3n * 10n ** BigInt(vs + scale);
  let q = numerator / denominator;
  const twiceRest = 2n * (numerator % denominator);
  if (twiceRest > denominator || (twiceRest === denominator && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(9, '0');
  const fraction = digits.slice(-8).replace(/0+$/, '');
  const integer = digits.slice(0, -8);
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

/** A non-negative decimal string as (digits, places). */
function scaled(text: string): [bigint, number] {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain non-negative decimal: ${text}`);
  const fraction = m[2] ?? '';
  return [BigInt(m[1]! + fraction), fraction.length];
}

/** Every hour in [from, to) as a key, for counting hours without trades. */
export function hourKeys(markets: readonly string[], fromIso: string, toIsoExclusive: string) {
  const keys: string[] = [];
  for (const market of markets) {
    for (let t = Date.parse(fromIso); t < Date.parse(toIsoExclusive); t += 3_600_000) {
      keys.push(`${market}@${new Date(t).toISOString().slice(0, 19)}Z`);
    }
  }
  return keys;
}
