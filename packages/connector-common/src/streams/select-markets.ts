import {ConfigError} from '../errors/connector-error';
import type {Market} from '../model/market';
import type {Logger} from '../protocol/logger';
import type {CandleSourceConfig} from '../config/config';
import type {MarketRef} from '../definition/exchange-definition';

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

/**
 * What a read does about configured markets the exchange does not list. None listed: the
 * stream fails with a config error, since nothing could be read. Some listed: the others are
 * read, and each unlisted one gets an ERROR log line (and a count in the stream's summary)
 * on every sync, until it is removed from the config. A delisted market must not fail every
 * sync of a long-running connection, but must not be silent either.
 */
export function reportUnlistedMarkets(
  selection: MarketSelection,
  exchange: string,
  hasCursor: (market: string) => boolean,
  logger: Logger
): void {
  const {markets, unlisted} = selection;
  if (unlisted.length === 0) return;
  if (markets.length === 0) {
    throw new ConfigError(
      `config field "markets": ${exchange} lists none of the configured markets ` +
        `(${unlisted.join(', ')}: delisted or mistyped), so nothing can be read. Use QUOTE-BASE ` +
        'codes of listed markets (e.g. KRW-BTC), or leave it empty to read all markets of the ' +
        'quote currencies.'
    );
  }
  for (const code of unlisted) {
    logger.error(
      `${exchange} does not list market ${code} (delisted or mistyped): it is not read` +
        (hasCursor(code) ? ', and its saved cursor is kept' : '') +
        '. Remove it from config field "markets" to stop this error.'
    );
  }
}
