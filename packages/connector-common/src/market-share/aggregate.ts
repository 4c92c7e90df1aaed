import {addExcluded, addInto, emptyBreakdown, ValueBreakdown} from './breakdown';
import {D, Dec, ZERO} from './decimal';
import {KRW, krwRateOf, ReferenceCandle, ShareCandle, toKrw} from './normalize';
import {kstDateOf} from './time';

/** A non-KRW market's hour, kept in its quote currency until the same hour's KRW rate is known. */
interface ForeignAcc {
  quote: string;
  base: string;
  exactQ: Dec;
  estimatedQ: Dec;
  candlesExact: number;
  candlesEstimated: number;
}

interface HourAcc {
  krw: ValueBreakdown;
  markets: number;
  foreign: Map<string, ForeignAcc>;
  /** KRW-<currency> candles of this exchange-hour whose base is a convertible quote currency. */
  refs: Map<string, ReferenceCandle>;
}

export interface ExchangeHour {
  readonly exchange: string;
  readonly hourMs: number;
  readonly value: ValueBreakdown;
  /** Markets with a candle in the hour, including excluded ones. */
  readonly markets: number;
}

export interface AssetDay {
  readonly kstDate: string;
  readonly base: string;
  readonly exchange: string;
  readonly value: ValueBreakdown;
}

export interface Aggregates {
  /** Every exchange in the input, sorted. */
  readonly exchanges: string[];
  /** exchange -> hour -> totals; only hours with at least one candle exist. */
  readonly hours: Map<string, Map<number, ExchangeHour>>;
  readonly assetDays: AssetDay[];
  /** exchange -> KST date -> distinct markets traded that day. */
  readonly dayMarkets: Map<string, Map<string, number>>;
}

export interface AggregatorOptions {
  /** Quote currencies converted to KRW through the exchange's KRW-<quote> candle; others are excluded. */
  readonly convertQuotes: ReadonlySet<string>;
  /** `exchange\0market` keys whose hourly values are kept for reconciliation. */
  readonly watchMarkets?: ReadonlySet<string>;
  /**
   * An hour with no KRW-<quote> candle (nobody traded the conversion market then) converts at
   * that market's last close at most this many hours earlier, flagged as carried; older than
   * that, the candles stay excluded. Default DEFAULT_MAX_RATE_CARRY_HOURS.
   */
  readonly maxRateCarryHours?: number;
}

/** A quiet hour on KRW-BTC or KRW-USDT is common; a rate older than this is no longer the hour's. */
export const DEFAULT_MAX_RATE_CARRY_HOURS = 6;
const HOUR_MS = 3_600_000;

/**
 * Folds deduplicated candles into per exchange-hour totals. A non-KRW market's hour is kept in
 * its quote currency until its exchange-hour is sealed, because the KRW rate of an hour may
 * arrive later in the stream: finish() seals every hour, and an input known to come in hour
 * order per exchange (a warehouse query) seals each hour as the next begins (sealThrough), so
 * memory then grows with exchange-hours and asset-days only, never with records or duplicates.
 */
export class MarketShareAggregator {
  /** Open hours: candles may still arrive. */
  private readonly hours = new Map<string, Map<number, HourAcc>>();
  /** Sealed hours, converted to KRW. */
  private readonly sealed = new Map<string, Map<number, ExchangeHour>>();
  /** exchange -> the last sealed hour. */
  private readonly sealedThroughMs = new Map<string, number>();
  /** exchange -> quote -> the latest sealed hour's reference candle, for hours without one. */
  private readonly lastRefs = new Map<
    string,
    Map<string, {ref: ReferenceCandle; hourMs: number}>
  >();
  private readonly assets = new Map<string, AssetDay & {value: ValueBreakdown}>();
  private readonly dayMarketSets = new Map<string, Map<string, Set<number>>>();
  private readonly marketIds = new Map<string, number>();
  /** `exchange\0market` -> hour -> traded value in quote currency, for reconciliation. */
  readonly watched = new Map<string, Map<number, string>>();

  constructor(private readonly options: AggregatorOptions) {}

  add(c: ShareCandle): void {
    const through = this.sealedThroughMs.get(c.exchange);
    if (through !== undefined && c.hourMs <= through) {
      throw new Error(
        `${c.exchange} ${c.market} ${new Date(c.hourMs).toISOString()} arrived after its hour was sealed: the input is not in hour order`
      );
    }
    const hour = this.hourAcc(c.exchange, c.hourMs);
    hour.markets++;
    this.markDayMarket(c);
    const watchKey = `${c.exchange}\u0000${c.market}`;
    if (this.options.watchMarkets?.has(watchKey)) {
      let byHour = this.watched.get(watchKey);
      if (!byHour) this.watched.set(watchKey, (byHour = new Map()));
      byHour.set(c.hourMs, c.value);
    }
    if (c.quote === KRW) {
      if (this.options.convertQuotes.has(c.base)) {
        hour.refs.set(c.base, {
          value: c.value,
          volume: c.volume,
          close: c.close,
          estimated: c.estimated,
        });
      }
      const value = new D(c.value);
      addKrw(hour.krw, value, c.estimated);
      addKrw(this.asset(c.exchange, kstDateOf(c.hourMs), c.base), value, c.estimated);
      return;
    }
    const key = `${c.quote}\u0000${c.base}`;
    let f = hour.foreign.get(key);
    if (!f) {
      f = {
        quote: c.quote,
        base: c.base,
        exactQ: ZERO,
        estimatedQ: ZERO,
        candlesExact: 0,
        candlesEstimated: 0,
      };
      hour.foreign.set(key, f);
    }
    if (c.estimated) {
      f.estimatedQ = f.estimatedQ.plus(c.value);
      f.candlesEstimated++;
    } else {
      f.exactQ = f.exactQ.plus(c.value);
      f.candlesExact++;
    }
  }

  /**
   * Converts the exchange's open hours up to and including `hourMs`, oldest first, at their own
   * hour's rate (or a carried one). No candle of those hours may arrive afterwards.
   */
  sealThrough(exchange: string, hourMs: number): void {
    const open = this.hours.get(exchange);
    if (!open) return;
    const due = [...open.keys()].filter((h) => h <= hourMs).sort((a, b) => a - b);
    let done = this.sealed.get(exchange);
    if (!done) this.sealed.set(exchange, (done = new Map()));
    let lastRefs = this.lastRefs.get(exchange);
    if (!lastRefs) this.lastRefs.set(exchange, (lastRefs = new Map()));
    for (const h of due) {
      const acc = open.get(h) as HourAcc;
      open.delete(h);
      const value = emptyBreakdown();
      addInto(value, acc.krw);
      const kstDate = kstDateOf(h);
      for (const f of acc.foreign.values()) {
        const converted = this.convert(f, acc.refs, this.carried(lastRefs.get(f.quote), h));
        addInto(value, converted);
        addInto(this.asset(exchange, kstDate, f.base), converted);
      }
      for (const [quote, ref] of acc.refs) lastRefs.set(quote, {ref, hourMs: h});
      done.set(h, {exchange, hourMs: h, value, markets: acc.markets});
    }
    const last = hourMs === Infinity ? due[due.length - 1] : hourMs;
    if (last !== undefined) {
      this.sealedThroughMs.set(
        exchange,
        Math.max(this.sealedThroughMs.get(exchange) ?? -Infinity, last)
      );
    }
  }

  /** Seals every open hour and returns the finished totals. */
  finish(): Aggregates {
    for (const exchange of this.hours.keys()) this.sealThrough(exchange, Infinity);
    const hours = new Map<string, Map<number, ExchangeHour>>();
    for (const [exchange, done] of this.sealed) {
      hours.set(exchange, new Map([...done].sort((a, b) => a[0] - b[0])));
    }
    const dayMarkets = new Map<string, Map<string, number>>();
    for (const [exchange, byDay] of this.dayMarketSets) {
      dayMarkets.set(exchange, new Map([...byDay].map(([day, set]) => [day, set.size])));
    }
    return {
      exchanges: [...this.hours.keys()].sort(),
      hours,
      assetDays: [...this.assets.values()].sort(
        (a, b) => cmp(a.kstDate, b.kstDate) || cmp(a.base, b.base) || cmp(a.exchange, b.exchange)
      ),
      dayMarkets,
    };
  }

  private asset(exchange: string, kstDate: string, base: string): ValueBreakdown {
    const key = `${exchange}\u0000${kstDate}\u0000${base}`;
    let asset = this.assets.get(key);
    if (!asset) {
      asset = {kstDate, base, exchange, value: emptyBreakdown()};
      this.assets.set(key, asset);
    }
    return asset.value;
  }

  /** A reference from an earlier hour, as its close only (its hour's vwap is not this hour's). */
  private carried(
    last: {ref: ReferenceCandle; hourMs: number} | undefined,
    hourMs: number
  ): ReferenceCandle | undefined {
    const maxHours = this.options.maxRateCarryHours ?? DEFAULT_MAX_RATE_CARRY_HOURS;
    if (!last || hourMs - last.hourMs > maxHours * HOUR_MS) return undefined;
    return {...last.ref, volume: '0'};
  }

  private convert(
    f: ForeignAcc,
    refs: Map<string, ReferenceCandle>,
    carriedRef: ReferenceCandle | undefined
  ): ValueBreakdown {
    const out = emptyBreakdown();
    if (!this.options.convertQuotes.has(f.quote)) {
      addExcluded(out, f.quote, f.candlesExact + f.candlesEstimated);
      return out;
    }
    const own = refs.get(f.quote);
    const ref = own ?? carriedRef;
    const rate = ref ? krwRateOf(ref) : undefined;
    if (!ref || !rate) {
      addExcluded(out, f.quote, f.candlesExact + f.candlesEstimated);
      return out;
    }
    if (!own) out.candlesCarriedRate += f.candlesExact + f.candlesEstimated;
    const exactKrw = toKrw(f.exactQ, ref, rate);
    if (rate.estimated) {
      // Converted at a rate derived from an estimated value: the result is an estimate too.
      out.estimated = exactKrw;
      out.candlesEstimated += f.candlesExact;
    } else {
      out.converted = exactKrw;
      out.candlesConverted += f.candlesExact;
    }
    out.estimated = out.estimated.plus(toKrw(f.estimatedQ, ref, rate));
    out.candlesEstimated += f.candlesEstimated;
    return out;
  }

  private hourAcc(exchange: string, hourMs: number): HourAcc {
    let byHour = this.hours.get(exchange);
    if (!byHour) this.hours.set(exchange, (byHour = new Map()));
    let acc = byHour.get(hourMs);
    if (!acc) {
      acc = {krw: emptyBreakdown(), markets: 0, foreign: new Map(), refs: new Map()};
      byHour.set(hourMs, acc);
    }
    return acc;
  }

  private markDayMarket(c: ShareCandle): void {
    const marketKey = `${c.exchange}\u0000${c.market}`;
    let id = this.marketIds.get(marketKey);
    if (id === undefined) this.marketIds.set(marketKey, (id = this.marketIds.size));
    let byDay = this.dayMarketSets.get(c.exchange);
    if (!byDay) this.dayMarketSets.set(c.exchange, (byDay = new Map()));
    const day = kstDateOf(c.hourMs);
    let set = byDay.get(day);
    if (!set) byDay.set(day, (set = new Set()));
    set.add(id);
  }
}

function addKrw(target: ValueBreakdown, value: Dec, estimated: boolean): void {
  if (estimated) {
    target.estimated = target.estimated.plus(value);
    target.candlesEstimated++;
  } else {
    target.exact = target.exact.plus(value);
    target.candlesExact++;
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
