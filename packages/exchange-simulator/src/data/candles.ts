import type {CountMode} from '../config';
import {SCALE, divRoundHalfUp, toScaled} from '../decimal';
import {Rng, deriveSeed} from '../prng';
import {HOUR_MS, KST_OFFSET_MS, floorHour} from '../time';
import type {SimMarket} from './markets';
import {selectCandles} from './select';

/** One synthetic trade; prices and quantities on the 10^-8 grid (scaled BigInt). */
export interface Trade {
  /** Milliseconds after the hour start, 0..3_599_999. */
  readonly offsetMs: number;
  readonly price: bigint;
  readonly qty: bigint;
}

/** An hourly candle, computed from the trades of its hour that happened by "now". */
export interface SimCandle {
  readonly market: string;
  readonly startMs: number;
  readonly open: bigint;
  readonly high: bigint;
  readonly low: bigint;
  readonly close: bigint;
  /** Sum of trade quantities (base asset). */
  readonly volume: bigint;
  /** Sum of price x quantity (quote currency), rounded half up to 8 decimals once, at the end. */
  readonly value: bigint;
  /** Last trade of the hour (epoch ms); always inside the hour. */
  readonly lastTradeMs: number;
  readonly tradeCount: number;
}

/** Price path in the quote currency at an instant: smooth waves around the reference price. */
export function pathPrice(market: SimMarket, ms: number): number {
  const hours = ms / HOUR_MS;
  let log = 0;
  for (const wave of market.priceWaves) {
    log += wave.amplitude * Math.sin((2 * Math.PI * hours) / wave.periodHours + wave.phase);
  }
  return market.referencePrice * Math.exp(log);
}

/** More trading in the Korean daytime and evening than at 4 a.m. KST. */
function activity(hourMs: number): number {
  const kstHour = ((hourMs + KST_OFFSET_MS) / HOUR_MS) % 24;
  return 0.6 + 0.5 * (1 + Math.sin((2 * Math.PI * (kstHour - 9)) / 24));
}

/**
 * Every trade of one market in one hour, oldest first; [] when the hour has none (before
 * listing, from the delisting hour on, or a quiet hour). A pure function of (seed, market, hour).
 */
export function tradesInHour(seed: number, market: SimMarket, hourMs: number): Trade[] {
  if (hourMs < market.listedAtMs) return [];
  if (market.delistedAtMs !== null && hourMs >= market.delistedAtMs) return [];
  const rng = new Rng(deriveSeed(seed, market.exchange, market.market, 'hour', hourMs / HOUR_MS));
  if (rng.next() < market.noTradeProbability) return [];

  const mean = market.meanTradesPerHour;
  const count = Math.max(1, Math.round(mean * (0.5 + rng.next())));
  const offsets = Array.from({length: count}, () => rng.int(0, HOUR_MS - 1)).sort((a, b) => a - b);
  const hourValue = market.hourlyValue * activity(hourMs) * Math.exp(0.5 * rng.normal() - 0.125);
  const weights = offsets.map(() => rng.exponential());
  const totalWeight = weights.reduce((a, b) => a + b, 0);

  return offsets.map((offsetMs, i) => {
    const price = toScaled(
      pathPrice(market, hourMs + offsetMs) * (1 + 0.0015 * rng.normal()),
      market.tick
    );
    const tradeValue = (hourValue * weights[i]!) / totalWeight;
    const qtyUnits = Math.max(
      1,
      Math.round((tradeValue / (Number(price) / Number(SCALE))) * Number(SCALE))
    );
    return {offsetMs, price, qty: BigInt(qtyUnits)};
  });
}

/** The candle of `hourMs` as seen at `nowMs` (the open hour only holds trades up to now). */
export function candleAt(
  seed: number,
  market: SimMarket,
  hourMs: number,
  nowMs: number
): SimCandle | null {
  if (hourMs > nowMs) return null;
  const trades = tradesInHour(seed, market, hourMs).filter((t) => hourMs + t.offsetMs <= nowMs);
  const first = trades[0];
  const last = trades[trades.length - 1];
  if (!first || !last) return null;
  let high = first.price;
  let low = first.price;
  let volume = 0n;
  let valueExact = 0n; // scaled by 10^16
  for (const t of trades) {
    if (t.price > high) high = t.price;
    if (t.price < low) low = t.price;
    volume += t.qty;
    valueExact += t.price * t.qty;
  }
  return {
    market: market.market,
    startMs: hourMs,
    open: first.price,
    high,
    low,
    close: last.price,
    volume,
    value: divRoundHalfUp(valueExact, SCALE),
    lastTradeMs: hourMs + last.offsetMs,
    tradeCount: trades.length,
  };
}

/**
 * What `GET candles/minutes/60?to=&count=` returns: candles whose start is before `toExclusiveMs`
 * (and not after now), newest first. In `slots` mode `count` hour slots are walked back; in
 * `candles` mode walking goes on until `count` candles are found or listing is reached.
 */
export function candlesPage(
  seed: number,
  market: SimMarket,
  toExclusiveMs: number,
  count: number,
  nowMs: number,
  mode: CountMode
): SimCandle[] {
  return selectCandles(seed, market, {
    lastHourMs: floorHour(toExclusiveMs - 1),
    limit: count,
    mode,
    fillEmpty: false,
    nowMs,
  });
}

/** Every candle with fromInclusiveMs <= start < toExclusiveMs, as seen at nowMs; newest first. */
export function candlesInRange(
  seed: number,
  market: SimMarket,
  fromInclusiveMs: number,
  toExclusiveMs: number,
  nowMs: number
): SimCandle[] {
  const out: SimCandle[] = [];
  const first = Math.max(floorHour(fromInclusiveMs + HOUR_MS - 1), market.listedAtMs);
  for (let hour = floorHour(Math.min(toExclusiveMs - 1, nowMs)); hour >= first; hour -= HOUR_MS) {
    const candle = candleAt(seed, market, hour, nowMs);
    if (candle) out.push(candle);
  }
  return out;
}
