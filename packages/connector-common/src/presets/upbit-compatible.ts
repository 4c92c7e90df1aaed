import {z} from 'zod';

import {RequestContext, ResponseValidationError} from '../errors/connector-error';
import type {Candle} from '../model/candle';
import type {Market} from '../model/market';
import type {MarketRef} from '../source/exchange-definition';
import {KST_OFFSET_MS, kstDate, toKstIso, toUtcIso} from '../time/hours';
import {
  jsonDecimal,
  jsonInteger,
  jsonNonNegativeDecimal,
  zonelessHourStart,
} from '../validation/json-values';
import {parseResponse} from '../validation/parse-response';
import {splitQuoteBase} from './market-code';

/**
 * The response shapes of Upbit's quotation API, which Bithumb's v1 API copies field for
 * field. Both exchange packages build on these; each adds only what differs.
 */
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

export function parseUpbitCompatibleCandles(
  exchange: string,
  sourceApi: string,
  body: unknown,
  context: RequestContext,
  market: MarketRef
): Candle[] {
  const rows = parseResponse(upbitCompatibleCandles, body, context);
  return rows.map((row, i) => toCandle(exchange, sourceApi, market, row, i, context));
}

function toCandle(
  exchange: string,
  sourceApi: string,
  market: MarketRef,
  row: z.output<typeof upbitCompatibleCandleRow>,
  index: number,
  context: RequestContext
): Candle {
  if (row.market !== market.market) {
    throw new ResponseValidationError(
      context,
      `[${index}].market`,
      `is "${row.market}" but ${market.market} was requested`
    );
  }
  const start = row.candle_date_time_utc;
  return {
    exchange,
    market: market.market,
    base_currency: market.base,
    quote_currency: market.quote,
    candle_start_utc: toUtcIso(start),
    candle_start_kst: toKstIso(start),
    kst_date: kstDate(start),
    open: row.opening_price,
    high: row.high_price,
    low: row.low_price,
    close: row.trade_price,
    volume_base: row.candle_acc_trade_volume,
    traded_value_quote: row.candle_acc_trade_price,
    traded_value_is_estimated: false,
    last_trade_at_utc: new Date(row.timestamp).toISOString(),
    source_api: sourceApi,
  };
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
