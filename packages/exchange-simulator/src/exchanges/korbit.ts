import {universeCode} from '../data/market-codes';
import {isListedAt} from '../data/markets';
import {json, type SimResponse} from '../http/responses';
import {KorbitLimiter} from '../limits/korbit-limiter';
import {HOUR_MS, floorHour} from '../time';
import {renderCandles, renderPairs} from './korbit-render';
import type {ExchangeModule, ExchangeRequest} from './module';
import {inOrder, intParam, msParam} from './params';

export const MAX_LIMIT = 200;

/** Korbit's error envelope: a symbolic code in `error.message`. */
export function korbitError(status: number, message: string): SimResponse {
  return json(status, JSON.stringify({success: false, error: {message}}));
}

const badRequest = () => korbitError(400, 'BAD_REQUEST');

function candles(req: ExchangeRequest): SimResponse {
  const symbol = req.query.get('symbol');
  const interval = req.query.get('interval');
  // Documented intervals: 1, 5, 15, 30, 60, 240, 1D, 1W. Only 60 is simulated; the rest are refused too.
  if (symbol === null || symbol === '' || interval !== '60') {
    return badRequest();
  }
  const limit = intParam(req.query, 'limit', 1, MAX_LIMIT);
  const start = msParam(req.query, 'start');
  const end = msParam(req.query, 'end');
  if (!limit.ok || !start.ok || !end.ok) return badRequest();
  if (start.value !== null && end.value !== null && start.value > end.value) return badRequest();

  const market = req.sim.market('korbit', universeCode('korbit', symbol));
  // Stopped pairs keep their history; only codes that never traded are unknown.
  if (!market || req.nowMs < market.listedAtMs || !/^[a-z0-9]+_[a-z0-9]+$/.test(symbol)) {
    return req.breaks.has('unknown-market-empty')
      ? json(200, '{"success":true,"data":[]}')
      : korbitError(400, 'INVALID_CURRENCY_PAIR');
  }
  // `end` is inclusive (a candle starting at `end` is returned); bound-flipped: exclusive.
  const lastHourMs =
    end.value === null
      ? Number.MAX_SAFE_INTEGER
      : floorHour(req.breaks.has('bound-flipped') ? end.value - 1 : end.value);
  // `start`: candles starting at or after it.
  const firstHourMs = start.value === null ? undefined : floorHour(start.value + HOUR_MS - 1);
  const rows = req.sim.select(market, {
    lastHourMs,
    firstHourMs,
    limit: limit.value,
    mode: req.breaks.has('count-slots') ? 'slots' : 'candles',
    fillEmpty: req.breaks.has('empty-hours-zero'),
    nowMs: req.nowMs,
  });
  return json(200, renderCandles(inOrder(rows, false, req.breaks.has('order-reversed'))));
}

function currencyPairs(req: ExchangeRequest): SimResponse {
  const pairs = req.sim
    .listedMarkets('korbit', req.nowMs)
    .map((market) => ({market, trading: isListedAt(market, req.nowMs)}));
  return json(200, renderPairs(pairs));
}

export const korbit: ExchangeModule = {
  id: 'korbit',
  endpointOf: (path) =>
    path === '/v2/currencyPairs' ? 'markets' : path === '/v2/candles' ? 'candles' : null,
  handle(req) {
    if (req.path === '/v2/candles') return candles(req);
    if (req.path === '/v2/currencyPairs') return currencyPairs(req);
    return this.notFound(req.path);
  },
  notFound: () => korbitError(404, 'NOT_FOUND'),
  methodNotAllowed: () => korbitError(405, 'METHOD_NOT_ALLOWED'),
  createLimiter: (limits) => {
    const limiter = new KorbitLimiter(limits.korbit);
    const perSecond = limits.korbit.perSecond;
    return {
      check(ip, _endpoint, _hasOrigin, nowMs) {
        const d = limiter.check(ip, nowMs);
        const headers = {
          Ratelimit: `limit=${perSecond}, remaining=${d.remaining}, reset=${d.resetSeconds}`,
          'Ratelimit-Policy': `${perSecond};w=1`,
        };
        if (d.allowed) return {kind: 'ok', headers};
        const refusal = korbitError(429, 'TOO_MANY_REQUESTS');
        return {
          kind: 'refused',
          response: {
            ...refusal,
            headers: {...refusal.headers, ...headers, 'Retry-After': String(d.resetSeconds)},
          },
          blocked: false,
          newBlock: false,
        };
      },
      reset: () => limiter.reset(),
    };
  },
  isRateHeader: (name) => name === 'Ratelimit' || name === 'Ratelimit-Policy',
  faults: {
    renameField: 'close',
    numberField: 'timestamp',
    emptyPage: () => '{"success":true,"data":[]}',
    errorIn200: () => korbitError(200, 'TRY_AGAIN'),
    internalError: () => korbitError(500, 'INTERNAL_SERVER_ERROR'),
  },
};
