import {HOUR_MS} from '../time';
import type {ExchangeId, QuoteCurrency, ResolvedData} from '../config';
import {SCALE_DIGITS} from '../decimal';
import {Rng, deriveSeed} from '../prng';
import {coinAt} from './coins';
import {PROFILES} from './exchange-profiles';

export const CAUTION_FLAGS = [
  'PRICE_FLUCTUATIONS',
  'TRADING_VOLUME_SOARING',
  'DEPOSIT_AMOUNT_SOARING',
  'GLOBAL_PRICE_DIFFERENCES',
  'CONCENTRATION_OF_SMALL_ACCOUNTS',
] as const;
export type CautionFlag = (typeof CAUTION_FLAGS)[number];

export interface PriceWave {
  readonly amplitude: number;
  readonly periodHours: number;
  readonly phase: number;
}

/** One generated market of one exchange; everything its candles need. */
export interface SimMarket {
  readonly exchange: ExchangeId;
  readonly market: string;
  readonly quote: QuoteCurrency;
  readonly base: string;
  readonly koreanName: string;
  readonly englishName: string;
  readonly listedAtMs: number;
  /** First hour without trading; the market is absent from market/all from then on. */
  readonly delistedAtMs: number | null;
  /** Reference price in the quote currency; the price path oscillates around it. */
  readonly referencePrice: number;
  readonly priceWaves: ReadonlyArray<PriceWave>;
  /** Price grid, scaled by 10^8. */
  readonly tick: bigint;
  /** Mean traded value per trading hour, in the quote currency. */
  readonly hourlyValue: number;
  readonly meanTradesPerHour: number;
  /** Chance that an hour has no trade at all (and so no candle). */
  readonly noTradeProbability: number;
  readonly warning: boolean;
  readonly caution: Readonly<Record<CautionFlag, boolean>>;
  /** The exchange's halted pair (Korbit `stopped`): not part of `marketsPerQuote`. */
  readonly halted: boolean;
}

const USDT_KRW = 1400;

function coinIndexes(quote: QuoteCurrency, count: number): number[] {
  // A coin is never quoted in itself (no BTC-BTC, no USDT-USDT).
  const indexes: number[] = [];
  for (let i = 0; indexes.length < count; i++) {
    if (coinAt(i).symbol !== quote) indexes.push(i);
  }
  return indexes;
}

function tickFor(quote: QuoteCurrency, price: number): bigint {
  if (quote !== 'KRW') return 1n; // 1e-8: satoshi-sized steps for BTC and USDT markets
  const exponent = Math.max(-SCALE_DIGITS, Math.floor(Math.log10(price)) - 5);
  return 10n ** BigInt(exponent + SCALE_DIGITS);
}

/**
 * The full market universe of one exchange, listed or delisted, in market/all order: the
 * quote currencies the exchange serves (Coinone and Korbit: KRW only), plus the exchange's
 * halted pair (Korbit: the next KRW coin, trading stopped 7 days into the history).
 */
export function buildMarkets(exchange: ExchangeId, data: ResolvedData): SimMarket[] {
  const profile = PROFILES[exchange];
  const markets: SimMarket[] = [];
  for (const quote of profile.quotes) {
    const count = data.marketsPerQuote[quote];
    const halted = quote === 'KRW' && profile.haltedPairAfterDays !== null ? 1 : 0;
    for (const [rank, index] of coinIndexes(quote, count + halted).entries()) {
      const market = makeMarket(exchange, data, quote, rank, index);
      if (rank < count) markets.push(market);
      else {
        const stopAt = data.historyStartMs + profile.haltedPairAfterDays! * 24 * HOUR_MS;
        markets.push({...market, delistedAtMs: stopAt, halted: true});
      }
    }
  }
  return markets;
}

function makeMarket(
  exchange: ExchangeId,
  data: ResolvedData,
  quote: QuoteCurrency,
  rank: number,
  index: number
): SimMarket {
  const btcKrw = coinAt(0).krwPrice;
  const profile = PROFILES[exchange];
  const coin = coinAt(index);
  const market = `${quote}-${coin.symbol}`;
  const rng = new Rng(deriveSeed(data.seed, exchange, market, 'profile'));
  const drift = 0.97 + rng.next() * 0.06;
  const toQuote = quote === 'KRW' ? 1 : quote === 'BTC' ? 1 / btcKrw : 1 / USDT_KRW;
  const quoteShare = quote === 'KRW' ? 1 : quote === 'BTC' ? 0.02 : 0.03;
  const referencePrice = coin.krwPrice * drift * toQuote;
  const hourlyValue =
    coin.hourlyKrwValue * quoteShare * profile.liquidity * (0.8 + rng.next() * 0.45) * toQuote;
  const major = quote === 'KRW' && rank < 2;
  const meanTradesPerHour = major ? 24 : quote === 'KRW' ? rng.int(6, 20) : rng.int(1, 5);
  const baseGap =
    quote === 'KRW'
      ? major
        ? 0
        : 0.02 + 0.1 * (rank / Math.max(1, data.marketsPerQuote.KRW))
      : index === 0
        ? 0.03
        : 0.2 + rng.next() * 0.3;
  const noTradeProbability = baseGap === 0 ? 0 : Math.min(0.9, baseGap + profile.extraNoTrade);
  const priceWaves: PriceWave[] = [
    [0.2, 24 * 120],
    [0.12, 24 * 30],
    [0.05, 24 * 7],
    [0.012, 24],
    [0.004, 5.3],
  ].map(([amplitude, periodHours]) => ({
    amplitude: amplitude! * (0.6 + rng.next() * 0.8),
    periodHours: periodHours!,
    phase: rng.next() * 2 * Math.PI,
  }));
  const caution = Object.fromEntries(
    CAUTION_FLAGS.map((flag) => [flag, rng.next() < 0.08])
  ) as Record<CautionFlag, boolean>;
  const delisted = data.delisting?.market === market ? data.delisting.atMs : null;
  return {
    exchange,
    market,
    quote,
    base: coin.symbol,
    koreanName: coin.koreanName,
    englishName: coin.englishName,
    listedAtMs: data.historyStartMs,
    delistedAtMs: delisted,
    referencePrice,
    priceWaves,
    tick: tickFor(quote, referencePrice),
    hourlyValue,
    meanTradesPerHour,
    noTradeProbability,
    // The third KRW market always carries a warning so both flag values show up.
    warning: rng.next() < 0.15 || (quote === 'KRW' && rank === 2),
    caution,
    halted: false,
  };
}

export function isListedAt(market: SimMarket, nowMs: number): boolean {
  return (
    nowMs >= market.listedAtMs && (market.delistedAtMs === null || nowMs < market.delistedAtMs)
  );
}
