import {type RequestContext, ResponseValidationError} from '../errors/connector-error';
import type {Candle} from '../model/candle';
import {typicalPriceTradedValue} from '../model/traded-value';
import {HOUR_MS, kstDate, toKstIso, toUtcIso} from '../time/hours';
import type {
  ExchangeCandle,
  ExchangeDefinition,
  MarketRef,
} from '../definition/exchange-definition';

/** The normalized record of one exchange candle: KST fields, traded value, source. */
export function normalizeCandles(
  exchange: ExchangeDefinition,
  market: MarketRef,
  rows: ReadonlyArray<ExchangeCandle>,
  context: RequestContext
): Candle[] {
  return rows.map((row, i) => {
    if (!Number.isSafeInteger(row.startMs) || row.startMs % HOUR_MS !== 0) {
      throw new ResponseValidationError(
        context,
        `[${i}] start`,
        `must be the start of an hour (got ${Number.isFinite(row.startMs) ? new Date(row.startMs).toISOString() : String(row.startMs)})`
      );
    }
    return {
      exchange: exchange.id,
      market: market.market,
      base_currency: market.base,
      quote_currency: market.quote,
      candle_start_utc: toUtcIso(row.startMs),
      candle_start_kst: toKstIso(row.startMs),
      kst_date: kstDate(row.startMs),
      open: row.open,
      high: row.high,
      low: row.low,
      close: row.close,
      volume_base: row.volumeBase,
      ...tradedValue(exchange, row, i, context),
      last_trade_at_utc:
        row.lastTradeMs === undefined ? null : new Date(row.lastTradeMs).toISOString(),
      source_api: exchange.sourceApi,
    };
  });
}

function tradedValue(
  exchange: ExchangeDefinition,
  row: ExchangeCandle,
  index: number,
  context: RequestContext
): Pick<Candle, 'traded_value_quote' | 'traded_value_is_estimated'> {
  if (exchange.tradedValue === 'estimated-typical-price') {
    return {
      traded_value_quote: typicalPriceTradedValue(row.volumeBase, row.high, row.low, row.close),
      traded_value_is_estimated: true,
    };
  }
  if (row.tradedValueQuote === undefined) {
    throw new ResponseValidationError(
      context,
      `[${index}] traded value`,
      `is missing, but ${exchange.displayName} is declared to report it`
    );
  }
  return {traded_value_quote: row.tradedValueQuote, traded_value_is_estimated: false};
}
