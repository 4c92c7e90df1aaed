import type {BreakMode} from '../breaks';
import type {ExchangeId, RateLimitOptions} from '../config';
import type {SimulatedExchanges} from '../data/universe';
import type {Endpoint} from '../faults';
import type {SimResponse} from '../http/responses';
import type {ExchangeLimiter} from '../limits/limiter';

/** What to do with Upbit/Bithumb `count` > 200: a 400 (default) or 200 rows. */
export type CountOverLimit = 'reject' | 'clamp';

/** One GET below an exchange prefix, with what the simulator knows at that moment. */
export interface ExchangeRequest {
  /** Path below the exchange prefix, e.g. `/v1/market/all`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The simulated now (market data); rate limits use the real clock. */
  readonly nowMs: number;
  readonly sim: SimulatedExchanges;
  /** Break modes on for this exchange. */
  readonly breaks: ReadonlySet<BreakMode>;
  readonly countOverLimit: CountOverLimit;
}

/** The bodies fault kinds send, in the exchange's own envelope. */
export interface FaultBodies {
  /** renameField's default field. */
  readonly renameField: string;
  /** numberAsString's default field (a field that is a JSON number on this exchange). */
  readonly numberField: string;
  /** A success answer with no rows. */
  emptyPage(endpoint: Endpoint, nowMs: number): string;
  /** An error envelope carried by HTTP 200. */
  errorIn200(): SimResponse;
  /** HTTP 500 with the exchange's error envelope. */
  internalError(): SimResponse;
}

/**
 * Everything exchange-specific: routes, parameters, envelopes, limits. The server, fault
 * injection, break modes, latency and statistics are shared by all exchanges.
 */
export interface ExchangeModule {
  readonly id: ExchangeId;
  endpointOf(path: string): Endpoint | null;
  /** The normal answer to a GET. */
  handle(req: ExchangeRequest): SimResponse;
  /** Any path the exchange does not serve. */
  notFound(path: string): SimResponse;
  /** Any method but GET. */
  methodNotAllowed(method: string): SimResponse;
  createLimiter(limits: RateLimitOptions): ExchangeLimiter;
  /** Quota headers (removed by the `no-rate-headers` break; kept on empty-page faults). */
  isRateHeader(name: string): boolean;
  readonly faults: FaultBodies;
}
