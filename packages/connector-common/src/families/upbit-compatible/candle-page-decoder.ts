import type {ExchangeCandle, MarketRef} from '../../definition/exchange-definition';
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  DOT,
  OPEN_ARRAY,
  OPEN_OBJECT,
} from '../../json/char-codes';
import {JsonScanner, keyTable} from '../../json/json-scanner';
import {canonicalPlainDecimal} from '../../model/decimal';
import {zonelessUtcMsAt} from '../../time/day-text';
import {HOUR_MS, KST_OFFSET_MS} from '../../time/hours';

/**
 * Reads an Upbit-compatible candle page straight from the response text into exchange candles,
 * in one scan: no parsed tree, no wrapper per number. Parsing a page into objects and then
 * validating them was most of the read path's allocation, and collecting that garbage a third
 * of its CPU.
 *
 * It accepts exactly the pages `parseUpbitCompatibleCandles` accepts for `market`, with the same
 * result, and returns undefined for anything else: an error body, a wrong or missing field,
 * another market, an exponent, an escape. That page then takes the full path (exact parse, the
 * error envelope, zod), which gives the error that names the field.
 * test/families/candle-page-decoder.test.ts holds the two paths to the same answers.
 */
export function decodeUpbitCompatibleCandles(
  text: string,
  market: MarketRef
): ExchangeCandle[] | undefined {
  const scan = new JsonScanner(text);
  if (!scan.take(OPEN_ARRAY)) return undefined;
  const candles: ExchangeCandle[] = [];
  if (!scan.take(CLOSE_ARRAY)) {
    do {
      const candle = readCandle(scan, market.market);
      if (candle === undefined) return undefined;
      candles.push(candle);
    } while (scan.take(COMMA));
    if (!scan.take(CLOSE_ARRAY)) return undefined;
  }
  return scan.atEnd() ? candles : undefined;
}

const FIELD_NAMES = [
  'market',
  'candle_date_time_utc',
  'candle_date_time_kst',
  'opening_price',
  'high_price',
  'low_price',
  'trade_price',
  'timestamp',
  'candle_acc_trade_price',
  'candle_acc_trade_volume',
  'unit',
] as const;
const FIELDS = keyTable(FIELD_NAMES);
const index = (name: (typeof FIELD_NAMES)[number]) => FIELD_NAMES.indexOf(name);
const MARKET = index('market');
const UTC = index('candle_date_time_utc');
const KST = index('candle_date_time_kst');
const OPEN = index('opening_price');
const HIGH = index('high_price');
const LOW = index('low_price');
const CLOSE = index('trade_price');
const TIMESTAMP = index('timestamp');
const VALUE = index('candle_acc_trade_price');
const VOLUME = index('candle_acc_trade_volume');
const UNIT = index('unit');
const ALL_FIELDS = (1 << FIELDS.names.length) - 1;

function readCandle(scan: JsonScanner, market: string): ExchangeCandle | undefined {
  if (!scan.take(OPEN_OBJECT)) return undefined;
  let seen = 0;
  let startMs = NaN;
  let kstMs = NaN;
  let open = '';
  let high = '';
  let low = '';
  let close = '';
  let value = '';
  let volume = '';
  let lastTradeMs = NaN;
  if (scan.take(CLOSE_OBJECT)) return undefined;
  do {
    const field = scan.key(FIELDS);
    if (field === -2) return undefined;
    if (field === -1) {
      if (!scan.skipValue()) return undefined;
      continue;
    }
    const bit = 1 << field;
    // A repeated key: JSON.parse keeps the last one; leave that to it.
    if (seen & bit) return undefined;
    seen |= bit;
    switch (field) {
      case MARKET:
        if (!scan.plainString() || !scan.is(market)) return undefined;
        break;
      case UTC:
        startMs = hourStart(scan, 0);
        break;
      case KST:
        kstMs = hourStart(scan, KST_OFFSET_MS);
        break;
      case TIMESTAMP:
        lastTradeMs = integer(scan);
        break;
      case UNIT:
        if (integer(scan) !== 60) return undefined;
        break;
      default: {
        const decimal = plainDecimal(scan);
        if (decimal === undefined) return undefined;
        if (field === OPEN) open = decimal;
        else if (field === HIGH) high = decimal;
        else if (field === LOW) low = decimal;
        else if (field === CLOSE) close = decimal;
        else if (field === VALUE) value = decimal;
        else if (field === VOLUME) volume = decimal;
      }
    }
  } while (scan.take(COMMA));
  if (!scan.take(CLOSE_OBJECT) || seen !== ALL_FIELDS) return undefined;
  // NaN (unreadable) fails these; so does a negative traded value or volume.
  if (!(startMs === kstMs) || !Number.isSafeInteger(lastTradeMs)) return undefined;
  if (value.startsWith('-') || volume.startsWith('-')) return undefined;
  return {
    startMs,
    open,
    high,
    low,
    close,
    volumeBase: volume,
    tradedValueQuote: value,
    lastTradeMs,
  };
}

/** Start of the hour the zoneless time names in the given offset; NaN if it is not one. */
function hourStart(scan: JsonScanner, offsetMs: number): number {
  if (!scan.plainString() || scan.end - scan.start !== 19) return NaN;
  const ms = zonelessUtcMsAt(scan.text, scan.start);
  return ms === undefined || ms % HOUR_MS !== 0 ? NaN : ms - offsetMs;
}

function plainDecimal(scan: JsonScanner): string | undefined {
  return scan.plainNumber() ? canonicalPlainDecimal(scan.slice()) : undefined;
}

/** A JSON integer that is a safe JavaScript integer; NaN otherwise. */
function integer(scan: JsonScanner): number {
  if (!scan.plainNumber()) return NaN;
  const text = scan.text;
  for (let i = scan.start; i < scan.end; i++) {
    if (text.charCodeAt(i) === DOT) return NaN;
  }
  const n = Number(scan.slice());
  return Number.isSafeInteger(n) ? n : NaN;
}
