import {hours as hourSpecs} from '../../testing/hour-specs';

/**
 * Builds Upbit-compatible (Upbit, Bithumb v1) hourly candle responses as raw JSON text, field for field as the APIs send
 * them: JSON numbers with the server's 8-decimal formatting, newest first, zoneless times,
 * hours without trades absent.
 */
export interface CandleSpec {
  readonly utc: string; // 2024-01-01T05:00:00
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly close?: string;
  readonly value?: string;
  readonly volume?: string;
}

const kst = (utc: string) =>
  new Date(Date.parse(`${utc}Z`) + 9 * 3600_000).toISOString().slice(0, 19);

export function candleRow(market: string, c: CandleSpec): string {
  const ts = Date.parse(`${c.utc}Z`) + 3599_123;
  return (
    `{"market":"${market}","candle_date_time_utc":"${c.utc}","candle_date_time_kst":"${kst(c.utc)}",` +
    `"opening_price":${c.open ?? '58000000.00000000'},"high_price":${c.high ?? '58250000.00000000'},` +
    `"low_price":${c.low ?? '57900000.00000000'},"trade_price":${c.close ?? '58100000.00000000'},` +
    `"timestamp":${ts},"candle_acc_trade_price":${c.value ?? '37189906239683.17623000'},` +
    `"candle_acc_trade_volume":${c.volume ?? '640.12345678'},"unit":60}`
  );
}

/** A page: rows newest first, as the API orders them. */
export function candlePage(market: string, candles: ReadonlyArray<CandleSpec>): string {
  const newestFirst = [...candles].sort((a, b) => (a.utc < b.utc ? 1 : -1));
  return `[${newestFirst.map((c) => candleRow(market, c)).join(',')}]`;
}

/** Hourly candle specs for [fromUtc, fromUtc + hours), skipping the listed hour offsets. */
/** The hours [fromUtc, fromUtc + count), leaving out the listed offsets. */
export const hours: (fromUtc: string, count: number, skip?: ReadonlyArray<number>) => CandleSpec[] =
  hourSpecs;
