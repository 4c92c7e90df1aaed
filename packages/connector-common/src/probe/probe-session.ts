import type {RequestContext} from '../errors/connector-error';
import type {QuotaHeaderParser} from '../definition/quota-header';
import type {Logger} from '../protocol/logger';
import {buildCandleRequest, formatTimeBound} from '../definition/candle-request';
import type {CandleSourceConfig} from '../config/config';
import {ExchangeApi} from '../retriever/exchange-api';
import type {
  ExchangeCandle,
  ExchangeDefinition,
  MarketRef,
} from '../definition/exchange-definition';

/** The probe stays far inside every exchange's limit: a handful of requests, two a second. */
export const PROBE_REQUESTS_PER_SECOND = 2;

/** A bound value as sent: a time in the declared format, or a literal text (a bare time). */
export type RawBound = {readonly ms: number} | {readonly text: string};

export interface RawQuery {
  readonly market: MarketRef;
  readonly end?: RawBound;
  readonly start?: RawBound;
  readonly limit: number;
}

/**
 * One probe run against a live API: an HTTP client with the exchange's declarations, which
 * records the quota headers it sees, and requests whose bounds are sent exactly as given
 * (not adjusted for inclusiveness), so the answer tells how the exchange reads them.
 */
export class ProbeSession {
  readonly api: ExchangeApi;
  readonly quotaReadings: string[] = [];
  readonly rateHeaderNames = new Set<string>();

  constructor(
    readonly exchange: ExchangeDefinition,
    config: CandleSourceConfig,
    logger: Logger
  ) {
    const parser = exchange.quotaHeader;
    const spy: QuotaHeaderParser = (headers) => {
      for (const name of Object.keys(headers)) {
        if (/rate|remaining/i.test(name)) this.rateHeaderNames.add(name.toLowerCase());
      }
      const reading = parser?.(headers);
      if (reading) this.quotaReadings.push(JSON.stringify(reading));
      return reading;
    };
    const rps = Math.min(PROBE_REQUESTS_PER_SECOND, config.requestsPerSecond);
    this.api = new ExchangeApi(
      {...exchange, quotaHeader: spy},
      {...config, requestsPerSecond: rps},
      logger
    );
  }

  /** Rows in the order the exchange sent them (the SDK's reader sorts; the probe must not). */
  async candles(query: RawQuery): Promise<ExchangeCandle[]> {
    const decl = this.exchange.candlesRequest;
    const built = buildCandleRequest(decl, query.market, {endMs: 0, limit: query.limit});
    const params: Record<string, string | number | boolean> = {...built.params};
    delete params[decl.end.param];
    if (query.end) params[decl.end.param] = boundValue(query.end, decl.end.format);
    if (decl.start && query.start)
      params[decl.start.param] = boundValue(query.start, decl.start.format);
    const body = await this.api.http.getJson({
      group: 'candles',
      endpoint: built.endpoint,
      params,
      market: query.market.market,
    });
    const context: RequestContext = {
      exchange: this.exchange.displayName,
      endpoint: built.endpoint,
      market: query.market.market,
    };
    // No end for the parser to hold the rows against: the probe judges the bounds itself.
    return this.exchange.parseCandles(body, context, query.market, {
      endMs: Number.MAX_SAFE_INTEGER,
      limit: query.limit,
    });
  }
}

function boundValue(bound: RawBound, format: Parameters<typeof formatTimeBound>[1]) {
  return 'text' in bound ? bound.text : formatTimeBound(bound.ms, format);
}
