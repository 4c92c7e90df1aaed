import {ConfigError} from '../errors/connector-error';
import type {Market} from '../model/market';
import type {CandleSourceConfig} from '../source/config';
import type {MarketRef} from '../source/exchange-definition';

export interface MarketSelection {
  readonly markets: MarketRef[];
  /** Configured markets the exchange does not list (delisted or mistyped). */
  readonly unlisted: string[];
}

/** Resolves the configured markets (or quote currencies) against the exchange's listing. */
export function selectMarkets(
  config: CandleSourceConfig,
  listed: ReadonlyArray<Market>
): MarketSelection {
  const byCode = new Map(listed.map((m) => [m.market, m]));
  const toRef = (m: Market): MarketRef => ({
    market: m.market,
    base: m.base_currency,
    quote: m.quote_currency,
  });
  if (config.markets.length > 0) {
    return {
      markets: config.markets.filter((c) => byCode.has(c)).map((c) => toRef(byCode.get(c)!)),
      unlisted: config.markets.filter((c) => !byCode.has(c)),
    };
  }
  const quotes = new Set(config.quoteCurrencies);
  const markets = listed.filter((m) => quotes.has(m.quote_currency)).map(toRef);
  if (markets.length === 0) {
    const available = [...new Set(listed.map((m) => m.quote_currency))].sort().join(', ');
    throw new ConfigError(
      `config field "quote_currencies" matches no listed market (${config.quoteCurrencies.join(', ')}); ` +
        `the exchange lists markets quoted in: ${available}.`
    );
  }
  return {markets, unlisted: []};
}
