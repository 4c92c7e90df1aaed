import type {RateLimitOptions} from '../config';
import {renderCandles, type UpbitCompatibleId} from '../data/render';
import type {SimMarket} from '../data/markets';
import {isListedAt} from '../data/markets';
import {json, type SimResponse} from '../http/responses';
import type {ExchangeLimiter} from '../limits/limiter';
import {floorHour, parseExchangeTime, type BareTimeZone} from '../time';
import type {ExchangeModule, ExchangeRequest} from './module';
import {inOrder, intParam} from './params';

export const MAX_COUNT = 200;

/** What differs between Upbit and Bithumb v1, whose public APIs otherwise match. */
export interface UpbitCompatibleSpec {
  readonly id: UpbitCompatibleId;
  /** How a `to` without an offset is read. */
  readonly bareZone: BareTimeZone;
  /** `error.name` of a bad parameter value. */
  readonly invalidParameterName: string;
  renderMarkets(listed: ReadonlyArray<SimMarket>, query: URLSearchParams): string;
  errorIn200(): SimResponse;
  createLimiter(limits: RateLimitOptions): ExchangeLimiter;
  isRateHeader(name: string): boolean;
}

function errorBody(name: string | number, message: string): string {
  return JSON.stringify({error: {name, message}});
}

/** The documented missing-parameter error (same text on both exchanges, numeric name). */
export function missingParameter(): SimResponse {
  return json(
    400,
    errorBody(400, 'Missing request parameter error. Check the required parameters!')
  );
}

/** Unknown or delisted market code. */
export function codeNotFound(): SimResponse {
  return json(404, errorBody(404, 'Code not found'));
}

const OTHER_ZONE: Record<BareTimeZone, BareTimeZone> = {UTC: 'KST', KST: 'UTC'};

/** Upbit and Bithumb v1: `/v1/market/all` and `/v1/candles/minutes/60`. */
export function upbitCompatible(spec: UpbitCompatibleSpec): ExchangeModule {
  const invalid = (message: string) => json(400, errorBody(spec.invalidParameterName, message));

  function candles(req: ExchangeRequest): SimResponse {
    const code = req.query.get('market');
    if (code === null || code === '') return missingParameter();

    let count = intParam(req.query, 'count', 1, Number.MAX_SAFE_INTEGER, 1);
    if (!count.ok) {
      return invalid(
        `count: "${req.query.get('count')}" must be an integer from 1 to ${MAX_COUNT}`
      );
    }
    if (count.value > MAX_COUNT) {
      if (req.countOverLimit === 'reject') {
        return invalid(`count: ${count.value} exceeds the maximum of ${MAX_COUNT}`);
      }
      count = {ok: true, value: MAX_COUNT};
    }

    const toText = req.query.get('to');
    let lastHourMs = Number.MAX_SAFE_INTEGER;
    if (toText !== null && toText !== '') {
      const zone = req.breaks.has('bare-zone-flipped') ? OTHER_ZONE[spec.bareZone] : spec.bareZone;
      const toMs = parseExchangeTime(toText, zone);
      if (toMs === null) {
        return invalid(
          `to: "${toText}" is not yyyy-MM-ddTHH:mm:ss[Z|±HH:MM] or yyyy-MM-dd HH:mm:ss (URL-encode "+" as %2B)`
        );
      }
      // `to` is exclusive (candles starting before it); the bound-flipped break makes it inclusive.
      lastHourMs = floorHour(req.breaks.has('bound-flipped') ? toMs : toMs - 1);
    }

    const market = req.sim.market(spec.id, code);
    if (!market || !isListedAt(market, req.nowMs)) {
      return req.breaks.has('unknown-market-empty') ? json(200, '[]') : codeNotFound();
    }
    const rows = req.sim.select(market, {
      lastHourMs,
      limit: count.value,
      mode: req.breaks.has('count-slots') ? 'slots' : req.sim.data.countMode,
      fillEmpty: req.breaks.has('empty-hours-zero'),
      nowMs: req.nowMs,
    });
    return json(200, renderCandles(spec.id, inOrder(rows, true, req.breaks.has('order-reversed'))));
  }

  return {
    id: spec.id,
    endpointOf: (path) =>
      path === '/v1/market/all' ? 'markets' : path === '/v1/candles/minutes/60' ? 'candles' : null,
    handle(req) {
      if (req.path === '/v1/candles/minutes/60') return candles(req);
      if (req.path === '/v1/market/all') {
        return json(200, spec.renderMarkets(req.sim.listedMarkets(spec.id, req.nowMs), req.query));
      }
      return this.notFound(req.path);
    },
    notFound: (path) => json(404, errorBody(404, `No such endpoint in the simulator: ${path}`)),
    methodNotAllowed: (method) =>
      json(405, errorBody(405, `Method ${method} not allowed; the public API is GET only`)),
    createLimiter: spec.createLimiter,
    isRateHeader: spec.isRateHeader,
    faults: {
      renameField: 'trade_price',
      numberField: 'trade_price',
      emptyPage: () => '[]',
      errorIn200: spec.errorIn200,
      internalError: () => json(500, errorBody(500, 'Internal Server Error')),
    },
  };
}
