import {renderUpbitMarkets} from '../data/render';
import {json, text, type SimResponse} from '../http/responses';
import type {LimitOutcome} from '../limits/limiter';
import {UpbitLimiter} from '../limits/upbit-limiter';
import {upbitCompatible} from './upbit-compatible';

/** Upbit 429: plain text, not JSON. */
function tooManyRequests(remainingReq: string): SimResponse {
  return text(429, 'Too many API requests.', {'Remaining-Req': remainingReq});
}

/**
 * Upbit 418 (IP blocked). The real body/headers are not recorded anywhere; the simulator sends
 * plain text naming the block length, and no Retry-After (Upbit documents none).
 */
function blocked(blockedForMs: number): SimResponse {
  const seconds = Math.ceil(blockedForMs / 1000);
  return text(418, `Too many API requests. Your IP is blocked for ${seconds} seconds.`);
}

export const upbit = upbitCompatible({
  id: 'upbit',
  bareZone: 'UTC',
  invalidParameterName: 'validation_error',
  // Upbit's current spelling is is_details; isDetails is the older one and still accepted.
  renderMarkets: (listed, query) =>
    renderUpbitMarkets(
      listed,
      query.get('is_details') === 'true' || query.get('isDetails') === 'true'
    ),
  errorIn200: () =>
    json(
      200,
      JSON.stringify({
        error: {name: 'server_error', message: 'Temporary server error. Please retry.'},
      })
    ),
  createLimiter: (limits) => {
    const limiter = new UpbitLimiter(limits.upbit);
    return {
      check(ip, endpoint, hasOrigin, nowMs): LimitOutcome {
        const group = endpoint === 'candles' ? 'candles' : 'market';
        const d = limiter.check(ip, group, hasOrigin, nowMs);
        if (d.kind === 'ok') return {kind: 'ok', headers: {'Remaining-Req': d.remainingReq}};
        if (d.kind === 'limited') {
          return {
            kind: 'refused',
            response: tooManyRequests(d.remainingReq),
            blocked: false,
            newBlock: false,
          };
        }
        return {
          kind: 'refused',
          response: blocked(d.blockedForMs),
          blocked: true,
          newBlock: d.newBlock,
        };
      },
      reset: () => limiter.reset(),
    };
  },
  isRateHeader: (name) => name === 'Remaining-Req',
});
