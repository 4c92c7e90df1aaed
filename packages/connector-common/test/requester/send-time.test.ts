import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import {ExchangeHttpClient} from '../../src/requester/exchange-http-client';
import {silentLogger} from '../../src/protocol/logger';

/**
 * The exchange counts a request when it arrives. A request granted by the limiter but sent
 * late (here: the event loop is busy for 300 ms right after the grant, as when a page is parsed)
 * must count from when it left, or the next request reaches the exchange too soon after it.
 */
describe('ExchangeHttpClient: the rate limit counts a request from when it left', () => {
  let server: Server;
  let base: string;
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals.push(performance.timeOrigin + performance.now());
      res.writeHead(200, {'content-type': 'application/json'});
      res.end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('spaces the next request one window after the late send, not after the grant', async () => {
    const client = new ExchangeHttpClient({
      exchange: 'Test',
      baseUrl: base,
      rateLimits: {candles: {requestsPerSecond: 1}},
      rateLimitSafetyMarginMs: 0,
      logger: silentLogger,
    });
    const first = client.getJson({group: 'candles', endpoint: '/a'});
    // Granted now; the send waits for the event loop, which is busy for 300 ms.
    const busyUntil = performance.now() + 300;
    while (performance.now() < busyUntil) {
      // busy
    }
    await first;
    await client.getJson({group: 'candles', endpoint: '/b'});

    expect(arrivals).toHaveLength(2);
    // Without the send time the second request left 1000 ms after the grant: ~700 ms later.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(995);
  });
});
