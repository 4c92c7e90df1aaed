import {formatCanonical, formatFixed} from '../decimal';
import {formatKstWall, formatUtcWall} from '../time';
import type {SimCandle} from './candles';
import {CAUTION_FLAGS, type SimMarket} from './markets';

/**
 * JSON text is written by hand: decimals must reach the client exactly as the exchange would
 * print them (Upbit: every one of 8 decimals, `11436000.00000000`; Bithumb: shortest form,
 * `91226000`, `0.0000165`), which JSON.stringify of a float64 cannot do.
 */
export type UpbitCompatibleId = 'upbit' | 'bithumb';

const FORMAT: Record<UpbitCompatibleId, (value: bigint) => string> = {
  upbit: formatFixed,
  bithumb: formatCanonical,
};

export function renderCandle(exchange: UpbitCompatibleId, c: SimCandle): string {
  const num = FORMAT[exchange];
  return (
    `{"market":${JSON.stringify(c.market)},` +
    `"candle_date_time_utc":"${formatUtcWall(c.startMs)}",` +
    `"candle_date_time_kst":"${formatKstWall(c.startMs)}",` +
    `"opening_price":${num(c.open)},"high_price":${num(c.high)},` +
    `"low_price":${num(c.low)},"trade_price":${num(c.close)},` +
    `"timestamp":${c.lastTradeMs},` +
    `"candle_acc_trade_price":${num(c.value)},` +
    `"candle_acc_trade_volume":${num(c.volume)},"unit":60}`
  );
}

export function renderCandles(
  exchange: UpbitCompatibleId,
  candles: ReadonlyArray<SimCandle>
): string {
  return `[${candles.map((c) => renderCandle(exchange, c)).join(',')}]`;
}

function renderMarketHead(m: SimMarket): string {
  return (
    `"market":${JSON.stringify(m.market)},"korean_name":${JSON.stringify(m.koreanName)},` +
    `"english_name":${JSON.stringify(m.englishName)}`
  );
}

/** Upbit `/v1/market/all`; with details, `market_event` (the post-2024-11-20 shape). */
export function renderUpbitMarkets(markets: ReadonlyArray<SimMarket>, details: boolean): string {
  const rows = markets.map((m) => {
    if (!details) return `{${renderMarketHead(m)}}`;
    const caution = CAUTION_FLAGS.map((f) => `"${f}":${m.caution[f]}`).join(',');
    return `{${renderMarketHead(m)},"market_event":{"warning":${m.warning},"caution":{${caution}}}}`;
  });
  return `[${rows.join(',')}]`;
}

/** Bithumb `/v1/market/all`; with `isDetails=true`, `market_warning` NONE/CAUTION. */
export function renderBithumbMarkets(markets: ReadonlyArray<SimMarket>, details: boolean): string {
  const rows = markets.map((m) =>
    details
      ? `{${renderMarketHead(m)},"market_warning":"${m.warning ? 'CAUTION' : 'NONE'}"}`
      : `{${renderMarketHead(m)}}`
  );
  return `[${rows.join(',')}]`;
}
