import {QUOTES, type ExchangeId, type QuoteCurrency} from '../config';

/** What makes one exchange's market universe differ from another's. */
export interface ExchangeProfile {
  /** Traded value relative to Upbit (reported KRW market shares: Upbit ~80 %, Bithumb ~18 %, Coinone ~1.3 %, Korbit ~0.3 %). */
  readonly liquidity: number;
  /** Added to the chance of an hour without trades (never for the KRW majors, which trade every hour). */
  readonly extraNoTrade: number;
  /** Quote currencies the exchange lists. */
  readonly quotes: ReadonlyArray<QuoteCurrency>;
  /** Days after the history start when the exchange's extra, halted KRW pair stops trading; null: none. */
  readonly haltedPairAfterDays: number | null;
  /** The market list keeps pairs that no longer trade (with a status) instead of dropping them. */
  readonly keepsStoppedPairs: boolean;
}

export const PROFILES: Readonly<Record<ExchangeId, ExchangeProfile>> = {
  upbit: {
    liquidity: 1,
    extraNoTrade: 0,
    quotes: QUOTES,
    haltedPairAfterDays: null,
    keepsStoppedPairs: false,
  },
  bithumb: {
    liquidity: 0.35,
    extraNoTrade: 0.05,
    quotes: QUOTES,
    haltedPairAfterDays: null,
    keepsStoppedPairs: false,
  },
  coinone: {
    liquidity: 0.03,
    extraNoTrade: 0.08,
    quotes: ['KRW'],
    haltedPairAfterDays: null,
    keepsStoppedPairs: false,
  },
  korbit: {
    liquidity: 0.01,
    extraNoTrade: 0.15,
    quotes: ['KRW'],
    haltedPairAfterDays: 7,
    keepsStoppedPairs: true,
  },
};
