import type {ExchangeId} from '../config';
import {renderBithumbMarkets, renderCandles, renderUpbitMarkets} from '../data/render';
import type {SimulatedExchanges} from '../data/universe';
import type {Endpoint} from '../faults';
import {isListedAt} from '../data/markets';
import {parseExchangeTime} from '../time';
import {
  codeNotFound,
  invalidParameter,
  json,
  methodNotAllowed,
  missingParameter,
  pathNotFound,
  type SimResponse,
} from './responses';

export const MAX_COUNT = 200;

/** What to do with count > 200: the brief asks for a 400; see README for the evidence. */
export type CountOverLimit = 'reject' | 'clamp';

/** How each exchange reads a `to` without an offset. */
const BARE_TO_ZONE = {upbit: 'UTC', bithumb: 'KST'} as const;

export function endpointOf(path: string): Endpoint | null {
  if (path === '/v1/market/all') return 'markets';
  if (path === '/v1/candles/minutes/60') return 'candles';
  return null;
}

export interface ExchangeRequest {
  readonly exchange: ExchangeId;
  readonly method: string;
  /** Path below the exchange prefix, e.g. `/v1/market/all`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly nowMs: number;
}

export function handleExchangeRequest(
  sim: SimulatedExchanges,
  req: ExchangeRequest,
  countOverLimit: CountOverLimit
): SimResponse {
  if (req.method !== 'GET') return methodNotAllowed(req.method);
  const endpoint = endpointOf(req.path);
  if (endpoint === 'markets') return marketAll(sim, req);
  if (endpoint === 'candles') return hourlyCandles(sim, req, countOverLimit);
  return pathNotFound(req.path);
}

function marketAll(sim: SimulatedExchanges, req: ExchangeRequest): SimResponse {
  const listed = sim.listedMarkets(req.exchange, req.nowMs);
  // Upbit's current spelling is is_details; isDetails is the older one and still accepted.
  const details =
    req.exchange === 'upbit'
      ? req.query.get('is_details') === 'true' || req.query.get('isDetails') === 'true'
      : req.query.get('isDetails') === 'true';
  return json(
    200,
    req.exchange === 'upbit'
      ? renderUpbitMarkets(listed, details)
      : renderBithumbMarkets(listed, details)
  );
}

function hourlyCandles(
  sim: SimulatedExchanges,
  req: ExchangeRequest,
  countOverLimit: CountOverLimit
): SimResponse {
  const code = req.query.get('market');
  if (code === null || code === '') return missingParameter();

  const countText = req.query.get('count');
  let count = 1;
  if (countText !== null && countText !== '') {
    if (!/^\d+$/.test(countText) || Number(countText) < 1) {
      return invalidParameter(
        req.exchange,
        `count: "${countText}" must be an integer from 1 to ${MAX_COUNT}`
      );
    }
    count = Number(countText);
    if (count > MAX_COUNT) {
      if (countOverLimit === 'reject') {
        return invalidParameter(
          req.exchange,
          `count: ${count} exceeds the maximum of ${MAX_COUNT}`
        );
      }
      count = MAX_COUNT;
    }
  }

  const toText = req.query.get('to');
  let toMs = Number.MAX_SAFE_INTEGER;
  if (toText !== null && toText !== '') {
    const parsed = parseExchangeTime(toText, BARE_TO_ZONE[req.exchange]);
    if (parsed === null) {
      return invalidParameter(
        req.exchange,
        `to: "${toText}" is not yyyy-MM-ddTHH:mm:ss[Z|±HH:MM] or yyyy-MM-dd HH:mm:ss (URL-encode "+" as %2B)`
      );
    }
    toMs = parsed;
  }

  const market = sim.market(req.exchange, code);
  if (!market || !isListedAt(market, req.nowMs)) return codeNotFound();
  return json(200, renderCandles(req.exchange, sim.page(market, toMs, count, req.nowMs)));
}
