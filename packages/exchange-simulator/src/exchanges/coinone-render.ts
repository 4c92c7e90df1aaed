import {formatCanonical} from '../decimal';
import type {SimCandle} from '../data/candles';
import type {SimMarket} from '../data/markets';

/**
 * Coinone's NumberString: the shortest exact decimal with at least one fractional digit
 * (`51200000.0`, `0.26926803`), as in the recorded `ticker_new` responses. The chart endpoint
 * has no recorded response; the simulator assumes the same style.
 */
export function coinoneNumber(value: bigint): string {
  const text = formatCanonical(value);
  return text.includes('.') ? text : `${text}.0`;
}

const str = (value: bigint) => `"${coinoneNumber(value)}"`;

/** `{"result":"success","error_code":"0","server_time":…,` — the head of every success answer. */
export function successHead(nowMs: number): string {
  return `"result":"success","error_code":"0","server_time":${nowMs}`;
}

export function renderChart(
  rows: ReadonlyArray<SimCandle>,
  isLast: boolean,
  nowMs: number
): string {
  const chart = rows.map(
    (c) =>
      `{"timestamp":${c.startMs},"open":${str(c.open)},"high":${str(c.high)},"low":${str(c.low)},` +
      `"close":${str(c.close)},"target_volume":${str(c.volume)},"quote_volume":${str(c.value)}}`
  );
  return `{${successHead(nowMs)},"is_last":${isLast},"chart":[${chart.join(',')}]}`;
}

/**
 * `/public/v2/markets/KRW`. Field names follow the public v2 market schema (client models of
 * the documented response); the values (units, order limits, statuses) are the simulator's.
 */
export function renderMarkets(markets: ReadonlyArray<SimMarket>, nowMs: number): string {
  const rows = markets.map((m) => {
    const tick = m.tick;
    return (
      `{"quote_currency":"${m.quote}","target_currency":"${m.base}",` +
      `"price_unit":${str(tick)},"qty_unit":"0.0001",` +
      `"max_order_amount":"1000000000.0","max_price":${str(tick * 10n ** 8n)},"max_qty":"1000000000.0",` +
      `"min_order_amount":"5000.0","min_price":${str(tick)},"min_qty":"0.0001",` +
      `"order_book_units":[${[tick, tick * 10n, tick * 100n].map(str).join(',')}],` +
      `"maintenance_status":0,"trade_status":1,"order_types":["limit","market","stop_limit"]}`
    );
  });
  return `{${successHead(nowMs)},"markets":[${rows.join(',')}]}`;
}
