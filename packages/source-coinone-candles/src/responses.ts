import {
  type CandleQuery,
  type ExchangeCandle,
  type Market,
  type MarketRef,
  type RequestContext,
  ResponseValidationError,
  jsonInteger,
  parseResponse,
  stringDecimal,
  stringNonNegativeDecimal,
} from '@korea-candles/connector-common';
import {z} from 'zod';

/**
 * Coinone's public v2 responses. Every body carries `result` ("success" or "error",
 * the error caught earlier by the declared envelope) and `error_code`. Decimals are
 * NumberStrings ("58100000.0"); `timestamp` is a JSON number (epoch ms). Currency codes
 * arrive in either case (`krw`/`btc` in tickers, `KRW`/`BTC` in client samples): upper-cased.
 */
const currency = z
  .string()
  .regex(/^[A-Za-z0-9]+$/, 'must be a currency code like KRW')
  .transform((code) => code.toUpperCase());
const success = z.literal('success', {error: 'must be "success"'});

// One candle: `timestamp` is the start of the hour (ms); `quote_volume` the KRW traded value.
const chartRow = z.object({
  timestamp: jsonInteger(),
  open: stringDecimal(),
  high: stringDecimal(),
  low: stringDecimal(),
  close: stringDecimal(),
  target_volume: stringNonNegativeDecimal(),
  quote_volume: stringNonNegativeDecimal(),
});

// `GET /public/v2/chart/{quote}/{target}`; `is_last` is read by nobody (see the docs page).
const chartBody = z.object({
  result: success,
  quote_currency: currency.optional(),
  target_currency: currency.optional(),
  is_last: z.boolean().optional(),
  chart: z.array(chartRow),
});

/**
 * A page of candles. A row at or after the requested end cannot come from the documented
 * cursor (nor from a start-keyed `timestamp`): the page is refused, never silently filtered.
 */
export function parseCoinoneCandles(
  body: unknown,
  context: RequestContext,
  market: MarketRef,
  query: CandleQuery
): ExchangeCandle[] {
  const page = parseResponse(chartBody, body, context);
  const late = page.chart.findIndex((row) => row.timestamp >= query.endMs);
  if (late >= 0) {
    const at = (t: number) => new Date(t).toISOString();
    throw new ResponseValidationError(
      context,
      `chart[${late}].timestamp`,
      `is ${at(page.chart[late]!.timestamp)}, not before the requested end ${at(query.endMs)}: ` +
        'Coinone reads the timestamp cursor differently than documented'
    );
  }
  const named = `${page.quote_currency ?? market.quote}-${page.target_currency ?? market.base}`;
  if (named !== market.market) {
    throw new ResponseValidationError(
      context,
      'quote_currency/target_currency',
      `name ${named} but ${market.market} was requested`
    );
  }
  return page.chart.map((row) => ({
    startMs: row.timestamp,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volumeBase: row.target_volume,
    tradedValueQuote: row.quote_volume,
  }));
}

// `trade_status` (1 = trading) and `maintenance_status` (0 = none), sent as numbers or strings.
const status = z.union([jsonInteger(), z.string()]).nullish();

const marketsBody = z.object({
  result: success,
  markets: z.array(
    z.object({
      quote_currency: currency,
      target_currency: currency,
      trade_status: status,
      maintenance_status: status,
    })
  ),
});

/**
 * `GET /public/v2/markets/KRW`. Coinone lists no names and no investment-warning flag here;
 * `warning` is true when trading is not normal (trade_status other than 1, or a
 * maintenance_status other than 0), and `warning_details` carries both fields as sent.
 */
export function parseCoinoneMarkets(body: unknown, context: RequestContext): Market[] {
  const {markets} = parseResponse(marketsBody, body, context);
  return markets.map((row) => {
    const trade = row.trade_status ?? null;
    const maintenance = row.maintenance_status ?? null;
    const known = trade !== null || maintenance !== null;
    return {
      exchange: 'coinone',
      market: `${row.quote_currency}-${row.target_currency}`,
      base_currency: row.target_currency,
      quote_currency: row.quote_currency,
      korean_name: null,
      english_name: null,
      warning:
        (trade !== null && String(trade) !== '1') ||
        (maintenance !== null && String(maintenance) !== '0'),
      warning_details: known ? {trade_status: trade, maintenance_status: maintenance} : null,
    };
  });
}
