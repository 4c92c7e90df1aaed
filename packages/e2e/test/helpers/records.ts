/** Candle records by primary key (market, candle_start_utc), and what the simulator says they must be. */
import type {AirbyteMessage} from '@korea-candles/connector-common/testing';
import type {ExchangeId, RunningSimulator} from '@korea-candles/exchange-simulator';

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
 * The records a correct connector must emit for these markets and hours, computed from the
 * simulator's ground truth: one per hour that had trades, decimals digit for digit.
 */
export function expectedRecordSet(
  sim: RunningSimulator,
  exchange: ExchangeId,
  markets: readonly string[],
  fromIso: string,
  toIsoExclusive: string
): Map<string, CandleData> {
  const set = new Map<string, CandleData>();
  for (const market of markets) {
    const [quote, base] = market.split('-') as [string, string];
    for (const c of sim.expectedCandles(exchange, market, fromIso, toIsoExclusive)) {
      const kst = `${c.candle_date_time_kst}+09:00`;
      const record: CandleData = {
        exchange,
        market,
        base_currency: base,
        quote_currency: quote,
        candle_start_utc: `${c.candle_date_time_utc}Z`,
        candle_start_kst: kst,
        kst_date: kst.slice(0, 10),
        open: c.opening_price,
        high: c.high_price,
        low: c.low_price,
        close: c.trade_price,
        volume_base: c.candle_acc_trade_volume,
        traded_value_quote: c.candle_acc_trade_price,
        traded_value_is_estimated: false,
        last_trade_at_utc: new Date(c.timestamp).toISOString(),
        source_api: `${exchange}_v1`,
      };
      set.set(keyOf(record), record);
    }
  }
  return set;
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
