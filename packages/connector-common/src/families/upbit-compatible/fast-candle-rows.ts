import {JsonNumber} from '../../json/json-number';
import {HOUR_MS, KST_OFFSET_MS, parseZonelessTime} from '../../time/hours';
import {canonicalPlainDecimal} from '../../model/decimal';

/** A candle row as `upbitCompatibleCandleRow` gives it, for the fields the family uses. */
export interface UpbitCompatibleRow {
  readonly market: string;
  readonly startMs: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly tradedValue: string;
  readonly volume: string;
  readonly timestamp: number;
}

/**
 * One pass over a candle page that accepts exactly what `upbitCompatibleCandles` (zod) accepts
 * and gives the same values, without zod's object tree per field: zod was the largest part of
 * the read path's CPU. Returns undefined at the first thing it does not accept, and the caller
 * then runs the zod schema, whose error names the field and what is wrong with it.
 */
export function fastUpbitCompatibleRows(body: unknown): UpbitCompatibleRow[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const rows: UpbitCompatibleRow[] = new Array<UpbitCompatibleRow>(body.length);
  for (let i = 0; i < body.length; i++) {
    const row = readRow(body[i]);
    if (row === undefined) return undefined;
    rows[i] = row;
  }
  return rows;
}

function readRow(value: unknown): UpbitCompatibleRow | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  const market = r.market;
  if (typeof market !== 'string') return undefined;
  const startMs = hourStart(r.candle_date_time_utc, 0);
  if (startMs === undefined || hourStart(r.candle_date_time_kst, KST_OFFSET_MS) !== startMs) {
    return undefined;
  }
  const open = decimal(r.opening_price);
  const high = decimal(r.high_price);
  const low = decimal(r.low_price);
  const close = decimal(r.trade_price);
  const tradedValue = decimal(r.candle_acc_trade_price);
  const volume = decimal(r.candle_acc_trade_volume);
  const timestamp = integer(r.timestamp);
  if (
    open === undefined ||
    high === undefined ||
    low === undefined ||
    close === undefined ||
    tradedValue === undefined ||
    tradedValue.startsWith('-') ||
    volume === undefined ||
    volume.startsWith('-') ||
    timestamp === undefined ||
    integer(r.unit) !== 60
  ) {
    return undefined;
  }
  return {market, startMs, open, high, low, close, tradedValue, volume, timestamp};
}

function hourStart(value: unknown, offsetMs: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseZonelessTime(value, offsetMs);
  return ms === undefined || ms % HOUR_MS !== 0 ? undefined : ms;
}

function decimal(value: unknown): string | undefined {
  // An exponent (1e-8) takes zod's path, through decimal.js.
  return value instanceof JsonNumber ? canonicalPlainDecimal(value.text) : undefined;
}

const INTEGER = /^-?\d+$/;

function integer(value: unknown): number | undefined {
  if (!(value instanceof JsonNumber) || !INTEGER.test(value.text)) return undefined;
  const n = Number(value.text);
  return Number.isSafeInteger(n) ? n : undefined;
}
