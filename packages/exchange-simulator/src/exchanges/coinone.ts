import {isListedAt} from '../data/markets';
import {json, type SimResponse} from '../http/responses';
import {CoinoneLimiter} from '../limits/coinone-limiter';
import {floorHour, HOUR_MS} from '../time';
import {renderChart, renderMarkets, successHead} from './coinone-render';
import type {ExchangeModule, ExchangeRequest} from './module';
import {inOrder, intParam, msParam} from './params';

export const MAX_SIZE = 500;
export const DEFAULT_SIZE = 200;
const INTERVALS = [
  '1m',
  '3m',
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '1d',
  '1w',
  '1mon',
];

/**
 * Coinone's public v2 error envelope. Sent with HTTP 200 (Coinone reports errors in the body;
 * the status of its parameter errors is not recorded anywhere).
 */
export function coinoneError(code: string, message: string, status = 200): SimResponse {
  return json(status, JSON.stringify({result: 'error', error_code: code, error_msg: message}));
}

const wrongParameter = (detail: string) =>
  coinoneError('107', `Parameter value is wrong (${detail})`);

function markets(req: ExchangeRequest, quote: string): SimResponse {
  if (quote.toUpperCase() !== 'KRW') return wrongParameter(`quote_currency: ${quote} is not KRW`);
  return json(200, renderMarkets(req.sim.listedMarkets('coinone', req.nowMs), req.nowMs));
}

function chart(req: ExchangeRequest, quote: string, base: string): SimResponse {
  const interval = req.query.get('interval');
  if (interval === null || !INTERVALS.includes(interval)) {
    return wrongParameter(`interval: "${interval ?? ''}" must be one of ${INTERVALS.join(', ')}`);
  }
  if (interval !== '1h') return wrongParameter(`interval: the simulator serves only 1h`);
  const size = intParam(req.query, 'size', 1, MAX_SIZE, DEFAULT_SIZE);
  if (!size.ok) return wrongParameter(size.problem);
  const timestamp = msParam(req.query, 'timestamp');
  if (!timestamp.ok) return wrongParameter(timestamp.problem);

  const code = `${quote.toUpperCase()}-${base.toUpperCase()}`;
  const market = req.sim.market('coinone', code);
  if (!market || !isListedAt(market, req.nowMs)) {
    if (req.breaks.has('unknown-market-empty')) {
      return json(200, `{${successHead(req.nowMs)},"is_last":true,"chart":[]}`);
    }
    const knownCoin = req.sim.allMarkets('coinone').some((m) => m.base === base.toUpperCase());
    return knownCoin
      ? coinoneError('109', 'Unknown cryptocurrency pair')
      : coinoneError('108', 'Unknown cryptocurrency');
  }

  // `timestamp`: the candles starting at or before it (bound-flipped: strictly before it).
  const ts = timestamp.value;
  const lastHourMs =
    ts === null
      ? Number.MAX_SAFE_INTEGER
      : floorHour(req.breaks.has('bound-flipped') ? ts - 1 : ts);
  const selection = {
    limit: size.value,
    mode: req.breaks.has('count-slots') ? ('slots' as const) : ('candles' as const),
    fillEmpty: req.breaks.has('empty-hours-zero'),
    nowMs: req.nowMs,
  };
  const rows = req.sim.select(market, {...selection, lastHourMs});
  // is_last: nothing older than this page exists.
  const oldest = rows[rows.length - 1];
  const olderFrom = oldest ? oldest.startMs - HOUR_MS : lastHourMs;
  const isLast =
    req.sim.select(market, {...selection, lastHourMs: olderFrom, limit: 1, mode: 'candles'})
      .length === 0;
  const ordered = inOrder(rows, true, req.breaks.has('order-reversed'));
  return json(200, renderChart(ordered, isLast, req.nowMs));
}

const MARKETS_PATH = /^\/public\/v2\/markets\/([A-Za-z]+)$/;
const CHART_PATH = /^\/public\/v2\/chart\/([A-Za-z]+)\/([A-Za-z0-9]+)$/;

export const coinone: ExchangeModule = {
  id: 'coinone',
  endpointOf: (path) =>
    MARKETS_PATH.test(path) ? 'markets' : CHART_PATH.test(path) ? 'candles' : null,
  handle(req) {
    const m = MARKETS_PATH.exec(req.path);
    if (m) return markets(req, m[1]!);
    const c = CHART_PATH.exec(req.path);
    if (c) return chart(req, c[1]!, c[2]!);
    return this.notFound(req.path);
  },
  notFound: (path) => coinoneError('404', `No such endpoint in the simulator: ${path}`, 404),
  methodNotAllowed: (method) =>
    coinoneError('405', `Method ${method} not allowed; the public API is GET only`, 405),
  createLimiter: (limits) => {
    const limiter = new CoinoneLimiter(limits.coinone);
    return {
      check(ip, _endpoint, _hasOrigin, nowMs) {
        const d = limiter.check(ip, nowMs);
        const headers = {'Public-Ratelimit-Remaining': String(d.remaining)};
        if (d.allowed) return {kind: 'ok', headers};
        // The documented body (docs sample, here with the v2 snake_case keys).
        const response = coinoneError('4', 'Blocked user access.', limits.coinone.limitStatus);
        return {
          kind: 'refused',
          response: {...response, headers: {...response.headers, ...headers}},
          blocked: false,
          newBlock: d.newBlock,
        };
      },
      reset: () => limiter.reset(),
    };
  },
  isRateHeader: (name) => name === 'Public-Ratelimit-Remaining',
  faults: {
    renameField: 'close',
    numberField: 'timestamp',
    emptyPage: (endpoint, nowMs) =>
      endpoint === 'markets'
        ? `{${successHead(nowMs)},"markets":[]}`
        : `{${successHead(nowMs)},"is_last":false,"chart":[]}`,
    errorIn200: () => coinoneError('107', 'Parameter value is wrong'),
    internalError: () => coinoneError('500', 'Internal Server Error', 500),
  },
};
