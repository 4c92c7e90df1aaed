import {parseArgs} from 'node:util';
import type {CountMode, DelistingOptions} from './config';
import {parseFaultSpec, type FaultRule} from './faults';
import {parseBreakSpec, type BreakRule} from './breaks';
import type {CountOverLimit} from './exchanges/module';
import {startSimulator, type RunningSimulator} from './http/server';
import type {SimulatorOptions} from './http/state';

export const USAGE = `Usage: exchange-simulator [options]

Serves simulated Upbit (/upbit), Bithumb v1 (/bithumb), Coinone public v2 (/coinone) and
Korbit v2 (/korbit) hourly-candle APIs on one port.

  --port N                  port to listen on (0 = pick a free one)           [8080]
  --host H                  interface to bind                                  [127.0.0.1]
  --seed N                  data seed                                          [42]
  --history-start ISO       first candle hour of every market       [2024-01-01T00:00:00Z]
  --markets-krw N           KRW markets per exchange                           [8]
  --markets-btc N           BTC markets per exchange                           [4]
  --markets-usdt N          USDT markets per exchange                          [3]
  --delist MARKET@ISO       delist MARKET from that hour on  [last KRW market, start+14d]
  --no-delist               no delisted market
  --count-mode slots|candles  what Upbit/Bithumb count counts (slots or candles) [slots]
  --count-over-limit reject|clamp  count > 200: 400 error or 200 rows         [reject]
  --now ISO                 fixed simulated now (default: real clock)
  --clock-offset-ms N       shift the real clock
  --latency-ms N            delay before every exchange response               [0]
  --latency-jitter-ms N     extra random 0..N ms                               [0]
  --no-rate-limit           disable all rate limits
  --upbit-candles-rps N     Upbit candle group, per IP per second              [10]
  --upbit-market-rps N      Upbit market group, per IP per second              [10]
  --upbit-origin-limit N    Origin-header requests per window                  [1]
  --upbit-origin-window-ms N                                                   [10000]
  --upbit-abuse-429s N      429s within the abuse window that start a block    [10]
  --upbit-abuse-window-ms N                                                    [5000]
  --upbit-block-ms N        first 418 block; later blocks grow                 [30000]
  --upbit-block-growth X    block length multiplier per repeat                 [2]
  --upbit-block-max-ms N                                                       [3600000]
  --bithumb-rps N           Bithumb, per IP per category per second            [150]
  --bithumb-block-ms N      Bithumb block after an excess request              [60000]
  --coinone-rpm N           Coinone, per IP per minute (older docs: 300)       [1200]
  --coinone-block-ms N      Coinone block after an excess request              [60000]
  --coinone-limit-status N  HTTP status of Coinone's error_code 4 refusal      [429]
  --korbit-rps N            Korbit, per IP per second                          [50]
  --fault SPEC              repeatable: kind[,probability=P][,count=N][,after=N][,exchange=E]
                            [,endpoint=candles|markets][,market=M][,status=5xx][,field=F]
                            [,renameTo=G]
                            kinds: http5xx reset timeout truncated malformed renameField
                                   numberAsString emptyPage errorIn200 notFound
  --break SPEC              repeatable: mode[,exchange=E] (default: every exchange it applies to)
                            modes: order-reversed count-slots bound-flipped
                                   bare-zone-flipped (upbit, bithumb) empty-hours-zero
                                   no-rate-headers unknown-market-empty
  --trust-forwarded-for     client IP from X-Forwarded-For (tests acting as many IPs)
  -h, --help
`;

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${flag}: "${value}" is not a number`);
  return n;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string) {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${flag}: "${value}" must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** CLI arguments to simulator options (throws with the flag's name on bad input). */
export function parseCli(argv: string[]): {help: boolean; options: SimulatorOptions} {
  const {values} = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: {type: 'string'},
      host: {type: 'string'},
      seed: {type: 'string'},
      'history-start': {type: 'string'},
      'markets-krw': {type: 'string'},
      'markets-btc': {type: 'string'},
      'markets-usdt': {type: 'string'},
      delist: {type: 'string'},
      'no-delist': {type: 'boolean'},
      'count-mode': {type: 'string'},
      'count-over-limit': {type: 'string'},
      now: {type: 'string'},
      'clock-offset-ms': {type: 'string'},
      'latency-ms': {type: 'string'},
      'latency-jitter-ms': {type: 'string'},
      'no-rate-limit': {type: 'boolean'},
      'upbit-candles-rps': {type: 'string'},
      'upbit-market-rps': {type: 'string'},
      'upbit-origin-limit': {type: 'string'},
      'upbit-origin-window-ms': {type: 'string'},
      'upbit-abuse-429s': {type: 'string'},
      'upbit-abuse-window-ms': {type: 'string'},
      'upbit-block-ms': {type: 'string'},
      'upbit-block-growth': {type: 'string'},
      'upbit-block-max-ms': {type: 'string'},
      'bithumb-rps': {type: 'string'},
      'bithumb-block-ms': {type: 'string'},
      'coinone-rpm': {type: 'string'},
      'coinone-block-ms': {type: 'string'},
      'coinone-limit-status': {type: 'string'},
      'korbit-rps': {type: 'string'},
      fault: {type: 'string', multiple: true},
      break: {type: 'string', multiple: true},
      'trust-forwarded-for': {type: 'boolean'},
      help: {type: 'boolean', short: 'h'},
    },
  });

  let delisting: DelistingOptions | null | undefined;
  if (values['no-delist']) delisting = null;
  else if (values.delist !== undefined) {
    const at = values.delist.indexOf('@');
    if (at <= 0)
      throw new Error(
        `--delist: "${values.delist}" must be MARKET@ISO, e.g. KRW-SAND@2024-02-01T00:00:00Z`
      );
    delisting = {market: values.delist.slice(0, at), at: values.delist.slice(at + 1)};
  }
  const faults: FaultRule[] = (values.fault ?? []).map(parseFaultSpec);
  const breaks: BreakRule[] = (values.break ?? []).map(parseBreakSpec);
  const krw = int(values['markets-krw'], '--markets-krw');
  const btc = int(values['markets-btc'], '--markets-btc');
  const usdt = int(values['markets-usdt'], '--markets-usdt');

  const options: SimulatorOptions = clean({
    port: int(values.port, '--port') ?? 8080,
    host: values.host,
    seed: int(values.seed, '--seed'),
    historyStart: values['history-start'],
    marketsPerQuote:
      krw === undefined && btc === undefined && usdt === undefined
        ? undefined
        : (clean({KRW: krw, BTC: btc, USDT: usdt}) as SimulatorOptions['marketsPerQuote']),
    delisting,
    countMode: oneOf<CountMode>(values['count-mode'], ['slots', 'candles'], '--count-mode'),
    countOverLimit: oneOf<CountOverLimit>(
      values['count-over-limit'],
      ['reject', 'clamp'],
      '--count-over-limit'
    ),
    clock: clean({now: values.now, offsetMs: int(values['clock-offset-ms'], '--clock-offset-ms')}),
    latencyMs: int(values['latency-ms'], '--latency-ms'),
    latencyJitterMs: int(values['latency-jitter-ms'], '--latency-jitter-ms'),
    rateLimits: {
      enabled: !values['no-rate-limit'],
      upbit: clean({
        candlesPerSecond: int(values['upbit-candles-rps'], '--upbit-candles-rps'),
        marketPerSecond: int(values['upbit-market-rps'], '--upbit-market-rps'),
        originLimit: int(values['upbit-origin-limit'], '--upbit-origin-limit'),
        originWindowMs: int(values['upbit-origin-window-ms'], '--upbit-origin-window-ms'),
        abuse429Count: int(values['upbit-abuse-429s'], '--upbit-abuse-429s'),
        abuseWindowMs: int(values['upbit-abuse-window-ms'], '--upbit-abuse-window-ms'),
        blockBaseMs: int(values['upbit-block-ms'], '--upbit-block-ms'),
        blockGrowthFactor: int(values['upbit-block-growth'], '--upbit-block-growth'),
        blockMaxMs: int(values['upbit-block-max-ms'], '--upbit-block-max-ms'),
      }),
      bithumb: clean({
        perSecond: int(values['bithumb-rps'], '--bithumb-rps'),
        blockMs: int(values['bithumb-block-ms'], '--bithumb-block-ms'),
      }),
      coinone: clean({
        perMinute: int(values['coinone-rpm'], '--coinone-rpm'),
        blockMs: int(values['coinone-block-ms'], '--coinone-block-ms'),
        limitStatus: int(values['coinone-limit-status'], '--coinone-limit-status'),
      }),
      korbit: clean({perSecond: int(values['korbit-rps'], '--korbit-rps')}),
    },
    faults,
    breaks,
    trustForwardedFor: values['trust-forwarded-for'],
  });
  return {help: values.help ?? false, options};
}

/** Entry point of bin/exchange-simulator. Diagnostics go to stderr; stdout stays empty. */
export async function main(argv: string[]): Promise<RunningSimulator | undefined> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    process.stderr.write(`exchange-simulator: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (parsed.help) {
    process.stderr.write(USAGE);
    return undefined;
  }
  try {
    const sim = await startSimulator(parsed.options);
    process.stderr.write(
      `exchange-simulator listening on ${sim.url} (upbit: ${sim.upbitUrl}, bithumb: ${sim.bithumbUrl}, ` +
        `coinone: ${sim.coinoneUrl}, korbit: ${sim.korbitUrl}, admin: ${sim.url}/__admin/stats)\n`
    );
    const stop = () => {
      sim.close().then(
        () => process.exit(0),
        () => process.exit(1)
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return sim;
  } catch (error) {
    process.stderr.write(`exchange-simulator: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return undefined;
  }
}
