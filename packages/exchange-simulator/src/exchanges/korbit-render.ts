import {formatCanonical} from '../decimal';
import type {SimCandle} from '../data/candles';
import {korbitSymbol} from '../data/market-codes';
import type {SimMarket} from '../data/markets';

const str = (value: bigint) => `"${formatCanonical(value)}"`;

/** `{"success":true,"data":[…]}` with decimal strings and no traded-value field. */
export function renderCandles(rows: ReadonlyArray<SimCandle>): string {
  const data = rows.map(
    (c) =>
      `{"timestamp":${c.startMs},"open":${str(c.open)},"high":${str(c.high)},"low":${str(c.low)},` +
      `"close":${str(c.close)},"volume":${str(c.volume)}}`
  );
  return `{"success":true,"data":[${data.join(',')}]}`;
}

/**
 * `/v2/currencyPairs`: `symbol` and `status` as in the docs example; `baseCurrency`,
 * `quoteCurrency`, `minOrderValue`, `maxOrderValue` as the official CLI parses them (their
 * values are the simulator's guesses).
 */
export function renderPairs(pairs: ReadonlyArray<{market: SimMarket; trading: boolean}>): string {
  const data = pairs.map(
    ({market, trading}) =>
      `{"symbol":"${korbitSymbol(market)}","status":"${trading ? 'launched' : 'stopped'}",` +
      `"baseCurrency":"${market.base.toLowerCase()}","quoteCurrency":"${market.quote.toLowerCase()}",` +
      `"minOrderValue":"5000","maxOrderValue":"1000000000"}`
  );
  return `{"success":true,"data":[${data.join(',')}]}`;
}
