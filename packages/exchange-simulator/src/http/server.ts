import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import type {ClockOptions, ExchangeId} from '../config';
import {expectedFrom, type ExpectedCandle, type Instant} from '../data/universe';
import {faultRulesSchema, type ActiveFaultRule, type FaultRule} from '../faults';
import {Rng, deriveSeed} from '../prng';
import type {StatsSnapshot} from '../stats';
import {handleAdmin, readBody} from './admin';
import {endpointOf, handleExchangeRequest} from './exchange-api';
import {applyFault} from './fault-effects';
import {
  bithumbTooManyRequests,
  text,
  upbitBlocked,
  upbitTooManyRequests,
  type SimResponse,
} from './responses';
import {SimulatorState, type SimulatorOptions} from './state';

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** API base URLs to give a source: `${url}/upbit`, `${url}/bithumb`. */
  readonly upbitUrl: string;
  readonly bithumbUrl: string;
  readonly state: SimulatorState;
  close(): Promise<void>;
  setFaults(rules: ReadonlyArray<FaultRule>): void;
  addFaults(rules: ReadonlyArray<FaultRule>): void;
  clearFaults(): void;
  faults(): ReadonlyArray<ActiveFaultRule>;
  stats(): StatsSnapshot;
  /** Counters, rate-limit windows, IP blocks and fault rules back to zero. */
  reset(): void;
  setLatency(latencyMs: number, jitterMs?: number): void;
  setClock(options: ClockOptions): void;
  /** The simulated now (epoch ms). */
  now(): number;
  /** Market codes market/all lists right now. */
  listedMarkets(exchange: ExchangeId): string[];
  /** Candles this server holds for fromInclusive <= start < toExclusive at its current now, newest first. */
  expectedCandles(
    exchange: ExchangeId,
    market: string,
    fromInclusive: Instant,
    toExclusive: Instant
  ): ExpectedCandle[];
}

function clientIp(req: IncomingMessage, trustForwardedFor: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustForwardedFor && typeof forwarded === 'string' && forwarded.trim() !== '') {
    return forwarded.split(',')[0]!.trim();
  }
  return (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

function send(res: ServerResponse, response: SimResponse): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {...response.headers, 'Content-Length': String(body.length)});
  res.end(body);
}

/** Applies the exchange's rate limit; returns the refusal to send, or the headers to add. */
function rateLimit(
  state: SimulatorState,
  exchange: ExchangeId,
  endpoint: 'candles' | 'markets',
  req: IncomingMessage
): {refusal: SimResponse | null; headers: Record<string, string>} {
  if (!state.rateLimits.enabled) return {refusal: null, headers: {}};
  const ip = clientIp(req, state.trustForwardedFor);
  const nowMs = Date.now();
  if (exchange === 'upbit') {
    const group = endpoint === 'candles' ? 'candles' : 'market';
    const decision = state.upbitLimiter.check(ip, group, req.headers.origin !== undefined, nowMs);
    if (decision.kind === 'ok')
      return {refusal: null, headers: {'Remaining-Req': decision.remainingReq}};
    if (decision.kind === 'limited') {
      state.stats.rateLimited('upbit');
      return {refusal: upbitTooManyRequests(decision.remainingReq), headers: {}};
    }
    state.stats.blockedResponse();
    if (decision.newBlock) state.stats.blockStarted('upbit');
    return {refusal: upbitBlocked(decision.blockedForMs), headers: {}};
  }
  const category = endpoint === 'candles' ? 'candles' : 'market';
  const decision = state.bithumbLimiter.check(ip, category, nowMs);
  if (decision.allowed) return {refusal: null, headers: {...decision.headers}};
  state.stats.rateLimited('bithumb');
  if (decision.blockedForMs === state.rateLimits.bithumb.blockMs)
    state.stats.blockStarted('bithumb');
  return {refusal: bithumbTooManyRequests({...decision.headers}), headers: {}};
}

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = new SimulatorState(options);
  const jitter = new Rng(deriveSeed(state.exchanges.data.seed, 'latency'));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith('/__admin/')) {
      send(
        res,
        await handleAdmin(state, method, url.pathname, url.searchParams, () => readBody(req))
      );
      return;
    }

    const match = /^\/(upbit|bithumb)(\/.*)?$/.exec(url.pathname);
    if (!match) {
      send(
        res,
        text(404, `Unknown path ${url.pathname}: exchange APIs live under /upbit and /bithumb`)
      );
      return;
    }
    const exchange = match[1] as ExchangeId;
    const path = match[2] ?? '/';
    const endpoint = endpointOf(path);
    const nowMs = state.clock.now();
    state.stats.request(exchange, endpoint ?? 'other');

    const limit =
      endpoint !== null && method === 'GET'
        ? rateLimit(state, exchange, endpoint, req)
        : {refusal: null, headers: {}};

    const {latencyMs, jitterMs} = state.latency;
    const delay = latencyMs + (jitterMs > 0 ? Math.floor(jitter.next() * (jitterMs + 1)) : 0);
    if (delay > 0) await sleep(delay);

    if (limit.refusal) {
      state.stats.response(limit.refusal.status);
      send(res, limit.refusal);
      return;
    }

    const plain = handleExchangeRequest(
      state.exchanges,
      {exchange, method, path, query: url.searchParams, nowMs},
      state.countOverLimit
    );
    const normal = {...plain, headers: {...plain.headers, ...limit.headers}};
    const rule =
      endpoint !== null
        ? state.faults.pick(exchange, endpoint, url.searchParams.get('market'))
        : null;
    if (!rule) {
      state.stats.response(normal.status);
      send(res, normal);
      return;
    }
    state.stats.fault(rule.kind);
    const effect = applyFault(rule, exchange, normal);
    if (effect.kind === 'reset') {
      req.socket.destroy();
    } else if (effect.kind === 'hang') {
      // Never answer; the socket is closed by the client's timeout or by close().
    } else {
      state.stats.response(effect.response.status);
      send(res, effect.response);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(
          res,
          text(500, `simulator error: ${error instanceof Error ? error.message : String(error)}`)
        );
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    upbitUrl: `${url}/upbit`,
    bithumbUrl: `${url}/bithumb`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging (timeout-fault) and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
    setFaults: (rules) => state.faults.set(faultRulesSchema.parse(rules)),
    addFaults: (rules) => state.faults.add(faultRulesSchema.parse(rules)),
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.list(),
    stats: () => state.stats.snapshot(),
    reset: () => state.reset(),
    setLatency: (latencyMs, jitterMs = 0) => {
      if (latencyMs < 0 || jitterMs < 0) throw new Error('setLatency: values must be >= 0');
      state.latency = {latencyMs, jitterMs};
    },
    setClock: (clock) => state.clock.set(clock),
    now: () => state.clock.now(),
    listedMarkets: (exchange) =>
      state.exchanges.listedMarkets(exchange, state.clock.now()).map((m) => m.market),
    expectedCandles: (exchange, market, fromInclusive, toExclusive) =>
      expectedFrom(
        state.exchanges,
        exchange,
        market,
        fromInclusive,
        toExclusive,
        state.clock.now()
      ),
  };
}
