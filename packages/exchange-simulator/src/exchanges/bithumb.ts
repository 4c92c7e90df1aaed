import {renderBithumbMarkets} from '../data/render';
import {json} from '../http/responses';
import {BithumbLimiter} from '../limits/bithumb-limiter';
import {upbitCompatible} from './upbit-compatible';

export const bithumb = upbitCompatible({
  id: 'bithumb',
  bareZone: 'KST',
  // Bithumb's documented 400 code.
  invalidParameterName: 'invalid_parameter',
  renderMarkets: (listed, query) => renderBithumbMarkets(listed, query.get('isDetails') === 'true'),
  errorIn200: () =>
    json(
      200,
      JSON.stringify({error: {name: 'invalid_parameter', message: '잘못된 파라미터 입니다.'}})
    ),
  createLimiter: (limits) => {
    const limiter = new BithumbLimiter(limits.bithumb);
    return {
      check(ip, endpoint, _hasOrigin, nowMs) {
        const d = limiter.check(ip, endpoint === 'candles' ? 'candles' : 'market', nowMs);
        if (d.allowed) return {kind: 'ok', headers: d.headers};
        // JSON error envelope (status 429 is the gateway default; see README).
        const body = JSON.stringify({error: {name: 429, message: 'Too Many Requests'}});
        return {
          kind: 'refused',
          response: json(429, body, {...d.headers}),
          blocked: false,
          newBlock: d.blockedForMs === limits.bithumb.blockMs,
        };
      },
      reset: () => limiter.reset(),
    };
  },
  isRateHeader: (name) => name.startsWith('X-RateLimit-'),
});
