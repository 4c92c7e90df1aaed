import type {Candle} from '../../src/model/candle';
import {kstDate, toKstIso, toUtcIso} from '../../src/time/hours';

/** A candle of KRW-BTC for the hour starting at `utc` (`2024-01-01T05:00:00Z`). */
export function candle(utc: string, close = '100'): Candle {
  const ms = Date.parse(utc);
  return {
    exchange: 'testex',
    market: 'KRW-BTC',
    base_currency: 'BTC',
    quote_currency: 'KRW',
    candle_start_utc: toUtcIso(ms),
    candle_start_kst: toKstIso(ms),
    kst_date: kstDate(ms),
    open: '100',
    high: '110',
    low: '90',
    close,
    volume_base: '1',
    traded_value_quote: '100',
    traded_value_is_estimated: false,
    last_trade_at_utc: new Date(ms + 3_599_000).toISOString(),
    source_api: 'testex_v1',
  };
}

/** Candles for each of `count` hours from `fromUtc`, newest first as exchanges answer. */
export function newestFirst(fromUtc: string, count: number): Candle[] {
  const start = Date.parse(fromUtc);
  return Array.from({length: count}, (_, i) => candle(toUtcIso(start + i * 3_600_000))).reverse();
}
