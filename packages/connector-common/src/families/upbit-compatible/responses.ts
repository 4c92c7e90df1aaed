import {z} from 'zod';

import {type RequestContext, ResponseValidationError} from '../../errors/connector-error';
import type {ErrorEnvelope} from '../../definition/error-declaration';
import type {Market} from '../../model/market';
import type {CandleRequestDeclaration} from '../../definition/candle-request';
import type {ExchangeCandle, MarketRef} from '../../definition/exchange-definition';
import {KST_OFFSET_MS} from '../../time/hours';
import {
  jsonDecimal,
  jsonInteger,
  jsonNonNegativeDecimal,
  zonelessHourStart,
} from '../../record-selector/json-values';
import {parseResponse} from '../../record-selector/parse-response';
import {splitQuoteBase} from './market-code';

/**
 * The Upbit-compatible family: Upbit's quotation API, which Bithumb's v1 API copies field for
 * field. Both exchange packages build on these; each declares only what differs (the zone of
 * `to`, limits, quota headers, warning fields, which errors mean what).
 */

/** `{"error":{"name":<string|number>,"message":string}}`, sent with any HTTP status. */
export const upbitCompatibleErrorEnvelope: ErrorEnvelope = {
  when: {path: ['error']},
  code: ['error', 'name'],
  message: ['error', 'message'],
};

/** `GET /v1/candles/minutes/60?market=KRW-BTC&to=<exclusive, explicit offset>&count=N`, newest first. */
export function upbitCompatibleCandlesRequest(
  toFormat: 'iso-utc' | 'iso-kst'
): CandleRequestDeclaration {
  return {
    path: '/v1/candles/minutes/60',
    marketParam: 'market',
    limitParam: 'count',
    end: {param: 'to', format: toFormat, inclusive: false},
    order: 'newest-first',
  };
}
export const upbitCompatibleCandleRow = z
  .object({
    market: z.string(),
    candle_date_time_utc: zonelessHourStart(0, 'UTC'),
    candle_date_time_kst: zonelessHourStart(KST_OFFSET_MS, 'KST'),
    opening_price: jsonDecimal(),
    high_price: jsonDecimal(),
    low_price: jsonDecimal(),
    trade_price: jsonDecimal(),
    timestamp: jsonInteger(),
    candle_acc_trade_price: jsonNonNegativeDecimal(),
    candle_acc_trade_volume: jsonNonNegativeDecimal(),
    unit: jsonInteger().refine((u) => u === 60, {message: 'must be 60 for hourly candles'}),
  })
  .refine((row) => row.candle_date_time_kst === row.candle_date_time_utc, {
    message: 'must be the same instant as candle_date_time_utc (UTC+9)',
    path: ['candle_date_time_kst'],
  });

export const upbitCompatibleCandles = z.array(upbitCompatibleCandleRow);

/**
 * A candle page as parsed JSON, checked by zod, whose errors name the field. The read path
 * first tries `decodeUpbitCompatibleCandles` on the text, which gives the same candles.
 */
export function parseUpbitCompatibleCandles(
  body: unknown,
  context: RequestContext,
  market: MarketRef
): ExchangeCandle[] {
  return parseResponse(upbitCompatibleCandles, body, context).map((row, i) => {
    if (row.market !== market.market) {
      throw new ResponseValidationError(
        context,
        `[${i}].market`,
        `is "${row.market}" but ${market.market} was requested`
      );
    }
    return {
      startMs: row.candle_date_time_utc,
      open: row.opening_price,
      high: row.high_price,
      low: row.low_price,
      close: row.trade_price,
      volumeBase: row.candle_acc_trade_volume,
      tradedValueQuote: row.candle_acc_trade_price,
      lastTradeMs: row.timestamp,
    };
  });
}

export const upbitCompatibleMarketRow = z.object({
  market: z.string().regex(/^[A-Z0-9]+-[A-Z0-9]+$/, 'must be a QUOTE-BASE code like KRW-BTC'),
  korean_name: z.string().nullish(),
  english_name: z.string().nullish(),
});

/**
 * Parses a market list whose rows extend the Upbit-compatible row with the exchange's own
 * warning fields; `warningOf` reads them.
 */
export function parseUpbitCompatibleMarkets<
  R extends z.ZodType<z.output<typeof upbitCompatibleMarketRow>>,
>(
  exchange: string,
  rowSchema: R,
  warningOf: (row: z.output<R>) => {
    warning: boolean;
    /** Caution flags that are on; null or absent when the exchange sends none (see Market). */
    cautions?: readonly string[] | null;
    details: Record<string, unknown> | null;
  },
  body: unknown,
  context: RequestContext
): Market[] {
  const rows = parseResponse(z.array(rowSchema), body, context);
  return rows.map((row) => {
    const {quote, base} = splitQuoteBase(row.market)!;
    const {warning, cautions, details} = warningOf(row);
    return {
      exchange,
      market: row.market,
      base_currency: base,
      quote_currency: quote,
      korean_name: row.korean_name ?? null,
      english_name: row.english_name ?? null,
      warning,
      cautions: cautions ?? null,
      warning_details: details,
    };
  });
}
