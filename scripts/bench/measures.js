'use strict';
// The read measures. Each starts its own simulator (fresh rate-limit windows and blocks),
// runs one connector read (or the transport floor) against it, and returns a row for the report
// plus the raw run.
const {spawn} = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const {setTimeout, clearTimeout} = require('node:timers');

const {track} = require('./children');
const {runConnectorRead, runFailure} = require('./connector');
const {imageNodeOptions} = require('./image-node-options');
const {startSimulatorProcess} = require('./simulator');

const TRANSPORT_FLOOR = path.join(__dirname, 'transport-floor.js');

const HOUR_MS = 3_600_000;
const START = '2020-01-01T00:00:00Z';
/** Fixed simulated "now": the data served is the same in every run. */
const SIM_NOW = '2024-06-01T00:00:00Z';
/** Documented limits, which the simulator enforces by default. */
const ALLOWED_RPS = {upbit: 10, bithumb: 150};
const NAMES = {upbit: 'Upbit', bithumb: 'Bithumb'};
const NO_QUOTA_SOURCE = path.join(__dirname, 'no-quota-source.js');

function simOptions(krwMarkets, extra) {
  return {
    seed: 42,
    historyStart: START,
    clock: {now: SIM_NOW},
    // Every market listed for the whole range, so the record count depends only on the data.
    delisting: null,
    marketsPerQuote: {KRW: krwMarkets, BTC: 1, USDT: 1},
    ...extra,
  };
}

function connectorConfig(exchange, simUrl, {hours, pageSize}) {
  return {
    start_date: START,
    end_date: new Date(Date.parse(START) + hours * HOUR_MS).toISOString().replace('.000Z', 'Z'),
    quote_currencies: ['KRW'],
    lookback_hours: 0,
    requests_per_second: ALLOWED_RPS[exchange],
    page_size: pageSize,
    api_base_url: `${simUrl}/${exchange}`,
    max_attempts: 5,
    request_timeout_seconds: 30,
  };
}

async function withSimulator(options, body) {
  const sim = await startSimulatorProcess(options);
  try {
    return await body(sim);
  } finally {
    await sim.close();
  }
}

function load() {
  return os.loadavg()[0].toFixed(1);
}

/**
 * Request rate of a backfill at 150 ms latency under the exchange's real limit:
 * (candle requests - 1) / (last arrival - first arrival), both taken by the simulator, over
 * the allowed rate. N evenly spaced requests span N-1 intervals, hence the -1.
 */
async function measureRequestRate(
  exchange,
  {markets, hours, pageSize, label, timeoutMs, ignoreQuotaHeader, jitterMs = 0, traceSends}
) {
  const loadBefore = load();
  const latency = {latencyMs: 150, latencyJitterMs: jitterMs};
  return withSimulator(simOptions(markets, latency), async (sim) => {
    const config = connectorConfig(exchange, sim.url, {hours, pageSize});
    const variant = ignoreQuotaHeader ? {bin: NO_QUOTA_SOURCE, binArgs: [exchange]} : {};
    const run = await runConnectorRead(exchange, config, {timeoutMs, traceSends, ...variant});
    const {stats, arrivals} = await sim.stats();
    const a = arrivals[exchange] ?? {count: 0, firstMs: 0, lastMs: 0};
    const spanSec = (a.lastMs - a.firstMs) / 1000;
    const achieved = a.count > 1 && spanSec > 0 ? (a.count - 1) / spanSec : 0;
    const allowed = ALLOWED_RPS[exchange];
    const expectedRequests = markets * Math.ceil(hours / pageSize);
    const limited = stats.rateLimited429[exchange];
    const gaps = arrivalGaps(a.times ?? [], allowed);
    const departures = traceSends ? arrivalGaps(run.sends, allowed) : undefined;
    return {
      failure: runFailure(run),
      row: {
        source: NAMES[exchange],
        measure:
          `request rate${label ? ` (${label})` : ''}` +
          (jitterMs > 0 ? ` [latency 150 + 0..${jitterMs} ms]` : '') +
          (ignoreQuotaHeader ? ' [diagnostic: quota header ignored]' : ''),
        result: `${(achieved / allowed).toFixed(3)} of allowed, ${limited} x 429`,
        raw:
          `${achieved.toFixed(2)}/${allowed} req/s; ${a.count} candle requests ` +
          `(${expectedRequests} windows: ${markets} mkts x ${hours} h / page ${pageSize}) in ` +
          `${spanSec.toFixed(2)} s; 418: ${stats.blocked418}; connector retries ` +
          `${run.http?.retries ?? '?'}; ${run.records} records; arrival gaps ms p50 ${gaps.p50} ` +
          `p99 ${gaps.p99} max ${gaps.max}, gaps > 500 ms: ${gaps.over500}; tightest ` +
          `${allowed + 1} arrivals in ${gaps.tightest} ms; load ${loadBefore}->${load()}`,
      },
      numbers: {
        achieved,
        allowed,
        ratio: achieved / allowed,
        requests: a.count,
        expectedRequests,
        spanSec,
        gaps,
        departures,
        rateLimited429: limited,
        blocked418: stats.blocked418,
        loadBefore,
        loadAfter: load(),
        connectorHttp: run.http,
        records: run.records,
        cpuSec: run.cpuSec,
        peakRssKb: run.peakRssKb,
      },
      run,
    };
  });
}

/**
 * How the simulator saw the requests arrive: gaps between arrivals, how many gaps were long
 * stalls, and the shortest time in which limit+1 arrivals came (under 1000 ms means a 429).
 */
function arrivalGaps(times, limit) {
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((x, y) => x - y);
  const q = (f) => (gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(f * gaps.length))] : 0);
  let tightest = Infinity;
  for (let i = limit; i < times.length; i++)
    tightest = Math.min(tightest, times[i] - times[i - limit]);
  return {
    p50: q(0.5).toFixed(1),
    p99: q(0.99).toFixed(1),
    max: q(1).toFixed(0),
    over500: gaps.filter((g) => g > 500).length,
    tightest: Number.isFinite(tightest) ? tightest.toFixed(0) : 'n/a',
  };
}

/**
 * A backfill with the rate limit lifted on the simulator (connector at its maximum rate) and
 * no latency: records per second through the whole read path, and the process's peak RSS.
 */
async function measureBackfill(exchange, {markets, targetRecords, fill, pageSize, timeoutMs}) {
  const hours = Math.ceil(targetRecords / markets / fill);
  const loadBefore = load();
  return withSimulator(simOptions(markets, {rateLimits: {enabled: false}}), async (sim) => {
    const config = connectorConfig(exchange, sim.url, {hours, pageSize});
    const run = await runConnectorRead(exchange, config, {timeoutMs});
    const {arrivals} = await sim.stats();
    const steadySec = ((run.lastRecordMs ?? 0) - (run.firstRecordMs ?? 0)) / 1000;
    const wallSec = (run.endedMs - run.startedMs) / 1000;
    return {
      failure: runFailure(run),
      numbers: {
        exchange,
        markets,
        hours,
        records: run.records,
        requests: arrivals[exchange]?.count ?? 0,
        steadySec,
        wallSec,
        recordsPerSec: steadySec > 0 ? run.records / steadySec : 0,
        recordsPerWallSec: wallSec > 0 ? run.records / wallSec : 0,
        cpuSec: run.cpuSec,
        peakRssKb: run.peakRssKb,
        loadBefore,
        loadAfter: load(),
      },
      run,
    };
  });
}

/**
 * The transport floor: the candle requests of the same Bithumb backfill through the connector's
 * HTTP client with the pages taken as text and nothing else done (transport-floor.js), in a child
 * with the image's NODE_OPTIONS. Its CPU per request is what the connector pays before any work on
 * the data; set beside the backfill's, it bounds the records per CPU-second any data path reaches.
 */
async function measureTransportFloor({markets, hours, pageSize, inFlight, timeoutMs}) {
  return withSimulator(simOptions(markets, {rateLimits: {enabled: false}}), async (sim) => {
    const args = {
      baseUrl: `${sim.url}/bithumb`,
      markets,
      hours,
      pageSize,
      start: START,
      requestsPerSecond: ALLOWED_RPS.bithumb,
      inFlight,
    };
    const child = track(
      spawn(process.execPath, [TRANSPORT_FLOOR, JSON.stringify(args)], {
        env: {...process.env, NODE_OPTIONS: imageNodeOptions()},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise((resolve) => child.once('exit', (c, sig) => resolve(c ?? sig)));
    clearTimeout(timer);
    if (code !== 0) return {failure: `transport floor exited with ${code}: ${err.trim()}`};
    return {numbers: JSON.parse(out.trim().split('\n').pop())};
  });
}

module.exports = {measureRequestRate, measureBackfill, measureTransportFloor, ALLOWED_RPS, NAMES};
