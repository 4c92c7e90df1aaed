import {
  type ExchangeCandle,
  type Market,
  type RequestContext,
  jsonInteger,
  parseResponse,
  stringNonNegativeDecimal,
} from '@korea-candles/connector-common';
import {z} from 'zod';

/**
 * Korbit Open API v2 response bodies, field for field as documented: every answer is the
 * envelope `{"success": true, "data": ...}`; prices and volumes are decimal strings, and
 * `timestamp` is a JSON number of epoch milliseconds. Fields we do not read are ignored.
 */
const envelope = <T extends z.ZodType>(data: T) =>
  z.object({
    success: z.literal(true, {error: 'must be true (the body is not an error envelope)'}),
    data,
  });

/** `btc_krw`: lower-case base_quote. */
export const KORBIT_SYMBOL = /^([a-z0-9]+)_([a-z0-9]+)$/;

/** `GET /v2/candles`: `timestamp` is the start of the candle. There is no quote-value field. */
export const korbitCandles = envelope(
  z.array(
    z.object({
      timestamp: jsonInteger(),
      open: stringNonNegativeDecimal(),
      high: stringNonNegativeDecimal(),
      low: stringNonNegativeDecimal(),
      close: stringNonNegativeDecimal(),
      volume: stringNonNegativeDecimal(),
    })
  )
);

/**
 * `GET /v2/currencyPairs`. `status` is documented as `launched` (trading available) or
 * `stopped` (trading unavailable); it is kept as sent, so a new status never fails a sync.
 */
export const korbitCurrencyPairs = envelope(
  z.array(
    z.object({
      symbol: z
        .string()
        .regex(KORBIT_SYMBOL, 'must be a lower-case base_quote symbol like btc_krw'),
      status: z.string(),
    })
  )
);

export function parseKorbitCandles(body: unknown, context: RequestContext): ExchangeCandle[] {
  return parseResponse(korbitCandles, body, context).data.map((row) => ({
    startMs: row.timestamp,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volumeBase: row.volume,
  }));
}

/** Every pair, stopped ones included (their history stays readable), with its trading status. */
export function parseKorbitMarkets(body: unknown, context: RequestContext): Market[] {
  return parseResponse(korbitCurrencyPairs, body, context).data.map(({symbol, status}) => {
    const [, base, quote] = KORBIT_SYMBOL.exec(symbol)!;
    return {
      exchange: 'korbit',
      market: symbol,
      base_currency: base!.toUpperCase(),
      quote_currency: quote!.toUpperCase(),
      korean_name: null,
      english_name: null,
      warning: false,
      warning_details: null,
      trading_status: status,
    };
  });
}
