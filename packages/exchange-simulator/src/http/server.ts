import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {breakRulesSchema, type BreakRule} from '../breaks';
import {EXCHANGES, type ClockOptions, type ExchangeId} from '../config';
import {expectedApiFrom, type ExpectedApiCandles} from '../data/ground-truth';
import {expectedFrom, type ExpectedCandle, type Instant} from '../data/universe';
import type {ExchangeModule} from '../exchanges/module';
import {EXCHANGE_MODULES} from '../exchanges/registry';
import {faultRulesSchema, type ActiveFaultRule, type Endpoint, type FaultRule} from '../faults';
import {Rng, deriveSeed} from '../prng';
import type {StatsSnapshot} from '../stats';
import {handleAdmin, readBody} from './admin';
import {applyFault, withoutRateHeaders} from './fault-effects';
import {text, type SimResponse} from './responses';
import {SimulatorState, type SimulatorOptions} from './state';

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** API base URLs to give a source: `${url}/upbit`, `${url}/bithumb`, `${url}/coinone`, `${url}/korbit`. */
  readonly upbitUrl: string;
  readonly bithumbUrl: string;
  readonly coinoneUrl: string;
  readonly korbitUrl: string;
  readonly state: SimulatorState;
  close(): Promise<void>;
  setFaults(rules: ReadonlyArray<FaultRule>): void;
  addFaults(rules: ReadonlyArray<FaultRule>): void;
  clearFaults(): void;
  faults(): ReadonlyArray<ActiveFaultRule>;
  /** Assumption-breaking modes (replace, append, clear, list); reset() keeps them. */
  setBreaks(rules: ReadonlyArray<BreakRule>): void;
  addBreaks(rules: ReadonlyArray<BreakRule>): void;
  clearBreaks(): void;
  breaks(): ReadonlyArray<BreakRule>;
  stats(): StatsSnapshot;
  /** Counters, rate-limit windows, IP blocks and fault rules back to zero. */
  reset(): void;
  setLatency(latencyMs: number, jitterMs?: number): void;
  setClock(options: ClockOptions): void;
  /** The simulated now (epoch ms). */
  now(): number;
  /** Market codes (`KRW-BTC`) the exchange's market list shows right now (Korbit: stopped pairs too). */
  listedMarkets(exchange: ExchangeId): string[];
  /**
   * Candles this server holds for fromInclusive <= start < toExclusive at its current now, newest
   * first, in the Upbit shape (Coinone's quote_volume as candle_acc_trade_price). Throws for
   * Korbit, which reports no traded value: use expectedApiCandles.
   */
  expectedCandles(
    exchange: ExchangeId,
    market: string,
    fromInclusive: Instant,
    toExclusive: Instant
  ): ExpectedCandle[];
  /** The same candles in the exchange's own fields (Korbit: no traded value), newest first. */
  expectedApiCandles<E extends ExchangeId>(
    exchange: E,
    market: string,
    fromInclusive: Instant,
    toExclusive: Instant
  ): ExpectedApiCandles[E][];
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
  endpoint: Endpoint,
  req: IncomingMessage
): {refusal: SimResponse | null; headers: Readonly<Record<string, string>>} {
  if (!state.rateLimits.enabled) return {refusal: null, headers: {}};
  const ip = clientIp(req, state.trustForwardedFor);
  const hasOrigin = req.headers.origin !== undefined;
  const outcome = state.limiters[exchange].check(ip, endpoint, hasOrigin, Date.now());
  if (outcome.kind === 'ok') return {refusal: null, headers: outcome.headers};
  if (outcome.blocked) state.stats.blockedResponse();
  else state.stats.rateLimited(exchange);
  if (outcome.newBlock) state.stats.blockStarted(exchange);
  return {refusal: outcome.response, headers: {}};
}

const EXCHANGE_PATH = new RegExp(`^/(${EXCHANGES.join('|')})(/.*)?$`);

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

    const match = EXCHANGE_PATH.exec(url.pathname);
    if (!match) {
      send(
        res,
        text(
          404,
          `Unknown path ${url.pathname}: exchange APIs live under ${EXCHANGES.map((e) => `/${e}`).join(', ')}`
        )
      );
      return;
    }
    const exchange = match[1] as ExchangeId;
    const module: ExchangeModule = EXCHANGE_MODULES[exchange];
    const path = match[2] ?? '/';
    const endpoint = module.endpointOf(path);
    const nowMs = state.clock.now();
    const breaks = state.breaks.active(exchange);
    state.stats.request(exchange, endpoint ?? 'other');

    const limit =
      endpoint !== null && method === 'GET'
        ? rateLimit(state, exchange, endpoint, req)
        : {refusal: null, headers: {}};

    const {latencyMs, jitterMs} = state.latency;
    const delay = latencyMs + (jitterMs > 0 ? Math.floor(jitter.next() * (jitterMs + 1)) : 0);
    if (delay > 0) await sleep(delay);

    const answer = (response: SimResponse) => {
      const final = breaks.has('no-rate-headers') ? withoutRateHeaders(module, response) : response;
      state.stats.response(final.status);
      send(res, final);
    };
    if (limit.refusal) {
      answer(limit.refusal);
      return;
    }

    const plain =
      method !== 'GET'
        ? module.methodNotAllowed(method)
        : endpoint === null
          ? module.notFound(path)
          : module.handle({
              path,
              query: url.searchParams,
              nowMs,
              sim: state.exchanges,
              breaks,
              countOverLimit: state.countOverLimit,
            });
    const normal = {...plain, headers: {...plain.headers, ...limit.headers}};
    // Fault rules may target one market: its code as the request names it (Coinone's is in the path).
    const rule =
      endpoint !== null ? state.faults.pick(exchange, endpoint, requestedMarket(path, url)) : null;
    if (!rule || endpoint === null) {
      answer(normal);
      return;
    }
    state.stats.fault(rule.kind);
    const effect = applyFault(rule, module, endpoint, normal, nowMs);
    if (effect.kind === 'reset') {
      req.socket.destroy();
    } else if (effect.kind === 'hang') {
      // Never answer; the socket is closed by the client's timeout or by close().
    } else {
      answer(effect.response);
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
    coinoneUrl: `${url}/coinone`,
    korbitUrl: `${url}/korbit`,
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
    setBreaks: (rules) => state.breaks.set(breakRulesSchema.parse(rules)),
    addBreaks: (rules) => state.breaks.add(breakRulesSchema.parse(rules)),
    clearBreaks: () => state.breaks.clear(),
    breaks: () => state.breaks.list(),
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
    expectedApiCandles: (exchange, market, fromInclusive, toExclusive) =>
      expectedApiFrom(
        state.exchanges,
        exchange,
        market,
        fromInclusive,
        toExclusive,
        state.clock.now()
      ),
  };
}

/**
 * The market a request names, as a fault rule's `market` matches it: Upbit/Bithumb `market`,
 * Korbit `symbol`, Coinone's chart path `/public/v2/chart/{QUOTE}/{BASE}` as `QUOTE-BASE`.
 */
function requestedMarket(path: string, url: URL): string | null {
  const chart = /^\/public\/v2\/chart\/([^/]+)\/([^/]+)$/.exec(path);
  if (chart) return `${chart[1]!.toUpperCase()}-${chart[2]!.toUpperCase()}`;
  return url.searchParams.get('market') ?? url.searchParams.get('symbol');
}
