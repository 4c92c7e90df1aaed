import {ExchangeApiError} from '../errors/connector-error';
import {ExchangeHttpClient} from '../http';
import type {Logger} from '../protocol/logger';
import type {Candle} from '../model/candle';
import type {Market} from '../model/market';
import {formatTimeParam} from '../time/hours';
import type {CandleSourceConfig} from './config';
import type {ExchangeDefinition, MarketRef} from './exchange-definition';

/** The two calls a candle source makes, on one exchange's HTTP client. */
export class ExchangeApi {
  readonly http: ExchangeHttpClient;

  constructor(
    readonly exchange: ExchangeDefinition,
    readonly config: CandleSourceConfig,
    logger: Logger
  ) {
    this.http = new ExchangeHttpClient({
      exchange: exchange.displayName,
      baseUrl: config.apiBaseUrl,
      rateLimits: {
        candles: {requestsPerSecond: config.requestsPerSecond},
        markets: {requestsPerSecond: exchange.rateLimits.markets.documentedRequestsPerSecond},
      },
      quotaHeader: exchange.quotaHeader,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      logger,
    });
  }

  private marketList: Promise<Market[]> | undefined;

  /** The exchange's market list, fetched once per sync (both streams need it). */
  markets(): Promise<Market[]> {
    if (!this.marketList) {
      const {endpoint, params} = this.exchange.marketsRequest;
      this.marketList = this.http
        .getJson({group: 'markets', endpoint, params})
        .then((body) =>
          this.exchange.parseMarkets(body, {exchange: this.exchange.displayName, endpoint})
        );
      // A failed fetch is not cached: the next caller tries again.
      this.marketList.catch(() => (this.marketList = undefined));
    }
    return this.marketList;
  }

  /** The market list as the exchange shows it now (a 404 mid-sync asks again). */
  refreshMarkets(): Promise<Market[]> {
    this.marketList = undefined;
    return this.markets();
  }

  /** Candles of the hours before `toMs` (exclusive), newest first, at most `count`. */
  async candlesBefore(market: MarketRef, toMs: number, count: number): Promise<Candle[]> {
    const endpoint = this.exchange.candlesEndpoint;
    const body = await this.http.getJson({
      group: 'candles',
      endpoint,
      params: {
        market: market.market,
        to: formatTimeParam(toMs, this.exchange.timeParamZone),
        count,
      },
      market: market.market,
    });
    return this.exchange.parseCandles(
      body,
      {exchange: this.exchange.displayName, endpoint, market: market.market},
      market
    );
  }
}

/** A 404 for one market: the exchange no longer knows the code (delisted or renamed). */
export function isUnknownMarket(err: unknown): boolean {
  return err instanceof ExchangeApiError && err.status === 404 && err.context.market !== undefined;
}
