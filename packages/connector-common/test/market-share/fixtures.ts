import {Candle} from '../../src/model/candle';

const KST_MS = 9 * 3_600_000;

/**
 * A full normalized candles_hourly record as the sources emit it. Only the fields market share
 * reads are parameters; the rest are filled consistently (kst fields derived from the hour).
 */
export function candle(p: {
  exchange?: string;
  market: string;
  hour: string;
  value: string;
  volume?: string;
  close?: string;
  estimated?: boolean;
}): Candle {
  const [quote = '', base = ''] = p.market.split('-');
  const ms = Date.parse(p.hour);
  const kst = new Date(ms + KST_MS).toISOString();
  return {
    exchange: p.exchange ?? 'upbit',
    market: p.market,
    base_currency: base,
    quote_currency: quote,
    candle_start_utc: p.hour,
    candle_start_kst: `${kst.slice(0, 19)}+09:00`,
    kst_date: kst.slice(0, 10),
    open: p.close ?? '1',
    high: p.close ?? '1',
    low: p.close ?? '1',
    close: p.close ?? '1',
    volume_base: p.volume ?? '1',
    traded_value_quote: p.value,
    traded_value_is_estimated: p.estimated ?? false,
    last_trade_at_utc: null,
    source_api: `${p.exchange ?? 'upbit'}_v1`,
  };
}

/** One line of `read` output carrying the candle. */
export function recordLine(c: Candle, stream = 'candles_hourly'): string {
  return JSON.stringify({type: 'RECORD', record: {stream, data: c, emitted_at: 1735689600000}});
}

/** The UTC hours of one KST day, 15:00Z of the previous UTC day through 14:00Z. */
export function kstDayHours(kstDate: string): string[] {
  const start = Date.parse(`${kstDate}T00:00:00Z`) - KST_MS;
  return Array.from(
    {length: 24},
    (_, i) => new Date(start + i * 3_600_000).toISOString().slice(0, 19) + 'Z'
  );
}
