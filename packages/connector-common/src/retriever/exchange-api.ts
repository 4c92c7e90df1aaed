import {UnknownMarketError} from '../errors/connector-error';
import {ExchangeHttpClient} from '../requester/exchange-http-client';
import type {Logger} from '../protocol/logger';
import {byCandleStart, type Candle} from '../model/candle';
import type {Market} from '../model/market';
import {buildCandleRequest} from '../definition/candle-request';
import {normalizeCandles} from '../record-selector/normalize-candle';
import type {CandleSourceConfig} from '../config/config';
import type {ExchangeDefinition, MarketRef} from '../definition/exchange-definition';

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
        candles: {
          requestsPerSecond: config.requestsPerSecond,
          excessBlockMs: exchange.rateLimits.candles.excessBlockMs,
        },
        markets: {
          requestsPerSecond: exchange.rateLimits.markets.documentedRequestsPerSecond,
          excessBlockMs: exchange.rateLimits.markets.excessBlockMs,
        },
      },
      quotaHeader: exchange.quotaHeader,
      errors: exchange.errors,
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

  /**
   * Candles of the hours before `toMs` (exclusive), at most `count`, oldest first. With
   * `fromMs` (inclusive) an exchange that takes a start bound is given one; one that does not
   * answers the latest `count` candles before `toMs`, and the caller filters.
   */
  async candlesBefore(
    market: MarketRef,
    toMs: number,
    count: number,
    fromMs?: number
  ): Promise<Candle[]> {
    const query = {endMs: toMs, startMs: fromMs, limit: count};
    const {endpoint, params} = buildCandleRequest(this.exchange.candlesRequest, market, query);
    const exchange = this.exchange;
    const answer = await this.http.getDecoded(
      {group: 'candles', endpoint, params, market: market.market},
      exchange.decodeCandles && ((text: string) => exchange.decodeCandles?.(text, market))
    );
    const context = {exchange: this.exchange.displayName, endpoint, market: market.market};
    const rows =
      'decoded' in answer
        ? answer.decoded
        : this.exchange.parseCandles(answer.body, context, market, query);
    return normalizeCandles(this.exchange, market, rows, context).sort(byCandleStart);
  }
}

/** The exchange says it does not know a market (its declared unknown-market answer). */
export function isUnknownMarket(err: unknown): boolean {
  return err instanceof UnknownMarketError;
}
