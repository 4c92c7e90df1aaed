'use strict';
// `npm run bench`: request rate, throughput and memory of both sources against the local
// exchange simulator, each connector and simulator in its own process. A benchmark, not a
// test: it exits non-zero only when a run fails, never because a figure is slow.
// Options: --only rate|backfill   --sources upbit,bithumb   --scale 0.1 (smaller, quicker runs)
//          (the Bithumb backfill ends with the transport floor: its requests through the HTTP
//          client alone, the share of the connector's CPU that is transport)
//          --only upbit-repeat --runs N [--jitter-ms J]: the Upbit rate run N times (429s per run)
//          --only rate --sources bithumb --page-size 200: only the rate runs with that page size
//          --only startup [--runs N] [--sources upbit,bithumb,coinone,korbit]: spec, check (config
//          error) and discover, wall time and peak RSS, median of N runs (default 10) against 0.3 s
//          --only market-share-warehouse [--scale S]: market-share reading 4 exchanges x 300 markets
//          x 90 KST days from DuckDB and PostgreSQL: rows/s and peak RSS (scale shrinks the markets)
const os = require('node:os');
const {parseArgs} = require('node:util');

const {killAll} = require('./bench/children');
const {imageNodeOptions} = require('./bench/image-node-options');
const {measureMarketShareWarehouse} = require('./bench/market-share-warehouse');
const {
  measureBackfill,
  measureRequestRate,
  measureTransportFloor,
  NAMES,
} = require('./bench/measures');
const {measureStartup, STARTUP_SOURCES} = require('./bench/startup');
const {printTable} = require('./bench/table');

const MB = 1024;

/** Sizes chosen so each rate run takes 20-40 s at the allowed rate. */
const RATE_RUNS = {
  upbit: [
    {markets: 25, hours: 2000, pageSize: 200, timeoutMs: 180_000},
    // Diagnostic: the same run with the Remaining-Req header ignored by the limiter.
    {markets: 25, hours: 2000, pageSize: 200, timeoutMs: 180_000, ignoreQuotaHeader: true},
  ],
  bithumb: [
    // Small pages: 150 req/s x 20 candles stays well inside what two cores can parse, so
    // the figure shows the request pipeline and limiter, not the CPU.
    {markets: 40, hours: 1900, pageSize: 20, label: 'page 20', timeoutMs: 240_000},
    {
      markets: 40,
      hours: 1900,
      pageSize: 20,
      label: 'page 20',
      timeoutMs: 240_000,
      ignoreQuotaHeader: true,
    },
    // Full pages: 150 req/s would be 30,000 candles/s; shows where the CPU caps the rate.
    {markets: 40, hours: 15_000, pageSize: 200, label: 'page 200', timeoutMs: 240_000},
  ],
};

/**
 * Backfills that grow 1x, 2x, 4x (Bithumb: 100k to 1M records, where memory must stay flat).
 * Upbit's connector cannot go above its documented 10 req/s (2,000 candles/s), so its series
 * is smaller; Bithumb's reaches a million records.
 */
const BACKFILLS = {
  upbit: {markets: 20, fill: 0.9, targets: [20_000, 40_000, 80_000], minRecordsPerSec: 1500},
  bithumb: {
    markets: 40,
    fill: 0.85,
    targets: [100_000, 300_000, 1_000_000],
    minRecordsPerSec: 1500,
  },
};

/**
 * `--only upbit-repeat`: the read that once got one 429 in 642 requests (5 KRW markets, page 200,
 * 10 req/s, 150 ms latency) with 0..J ms of latency jitter, repeated N times. A rare 429 shows
 * only over many runs; each run gets a fresh simulator (fresh windows).
 */
const UPBIT_REPEAT = {markets: 5, hours: 12_000, pageSize: 200, timeoutMs: 180_000};

function parseCli() {
  const {values} = parseArgs({
    options: {
      only: {type: 'string'},
      sources: {type: 'string'},
      scale: {type: 'string', default: '1'},
      runs: {type: 'string'},
      'jitter-ms': {type: 'string', default: '50'},
      'page-size': {type: 'string'},
    },
  });
  const startupOnly = values.only === 'startup';
  // The start-up runs need no rate figures, so they cover every source; the others Upbit and Bithumb.
  const known = startupOnly ? STARTUP_SOURCES : NAMES;
  const sources = (values.sources ?? Object.keys(known).join(',')).split(',').filter(Boolean);
  for (const s of sources) {
    if (!known[s]) {
      throw new Error(`--sources: unknown source "${s}" (use ${Object.keys(known).join(', ')})`);
    }
  }
  const modes = ['rate', 'backfill', 'upbit-repeat', 'startup', 'market-share-warehouse'];
  if (values.only && !modes.includes(values.only)) {
    throw new Error(`--only: "${values.only}" must be one of ${modes.join(', ')}`);
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale: "${values.scale}" must be in (0, 1]`);
  const runs = Number(values.runs ?? (startupOnly ? 10 : 5));
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new Error(`--runs: "${values.runs}" must be >= 1`);
  const jitterMs = Number(values['jitter-ms']);
  if (!(Number.isInteger(jitterMs) && jitterMs >= 0)) {
    throw new Error(`--jitter-ms: "${values['jitter-ms']}" must be a whole number >= 0`);
  }
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1)) {
    throw new Error(`--page-size: "${values['page-size']}" must be a whole number >= 1`);
  }
  return {only: values.only, sources, scale, runs, jitterMs, pageSize};
}

/** The Upbit rate run `runs` times: 429s and achieved/allowed per run, then the totals. */
async function upbitRepeat({runs, jitterMs, scale}) {
  const spec = {
    ...UPBIT_REPEAT,
    hours: Math.max(UPBIT_REPEAT.pageSize, Math.round(UPBIT_REPEAT.hours * scale)),
    jitterMs,
    traceSends: true,
  };
  log(`Upbit request rate x ${runs}: ${JSON.stringify(spec)}`);
  const rows = [];
  const failures = [];
  let total429 = 0;
  let totalRequests = 0;
  let minRatio = Infinity;
  for (let i = 1; i <= runs; i++) {
    const result = await measureRequestRate('upbit', spec);
    const n = result.numbers;
    if (result.failure) failures.push(`run ${i}: ${result.failure}`);
    total429 += n.rateLimited429;
    totalRequests += n.requests;
    minRatio = Math.min(minRatio, n.ratio);
    const line =
      `${n.ratio.toFixed(3)} of allowed, ${n.rateLimited429} x 429, ${n.blocked418} x 418; ` +
      `${n.requests} requests, retries ${n.connectorHttp?.retries ?? '?'}; tightest 11 ` +
      `departures (connector) ${n.departures?.tightest ?? '?'} ms, arrivals (simulator) ` +
      `${n.gaps.tightest} ms; load ${n.loadBefore}->${n.loadAfter}`;
    log(`  run ${i}/${runs}: ${line}`);
    rows.push({
      source: 'Upbit',
      measure: `request rate, run ${i}/${runs} [latency 150 + 0..${jitterMs} ms]`,
      result: `${n.ratio.toFixed(3)} of allowed, ${n.rateLimited429} x 429`,
      raw: `${result.row.raw}; tightest 11 departures (connector) ${n.departures?.tightest ?? '?'} ms`,
    });
  }
  rows.push({
    source: 'Upbit',
    measure: `request rate, ${runs} runs`,
    result: `${total429} x 429 in ${totalRequests} requests; min ratio ${minRatio.toFixed(3)}`,
    raw: `goal: 0 x 429 and every ratio >= 0.95: ${total429 === 0 && minRatio >= 0.95 ? 'met' : 'MISSED'}`,
  });
  return {rows, failures};
}

function mb(kb) {
  return kb === undefined ? '?' : `${(kb / MB).toFixed(0)} MB`;
}

function log(line) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function main() {
  const cli = parseCli();
  const {only, sources, scale} = cli;
  const rows = [];
  const failures = [];
  const record = (what, result) => {
    if (result.failure) failures.push(`${what}: ${result.failure}`);
  };
  log(`${os.cpus().length} CPUs, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  log(`connector NODE_OPTIONS (from the Dockerfile): "${imageNodeOptions()}"`);

  if (only === 'startup' || only === undefined) {
    const startupRuns = only === 'startup' ? cli.runs : 10;
    log(`start-up of spec, check (config error), discover: ${startupRuns} runs each`);
    const startup = await measureStartup({
      sources: only === 'startup' ? sources : Object.keys(STARTUP_SOURCES),
      runs: startupRuns,
      log,
    });
    rows.push(...startup.rows);
    failures.push(...startup.failures);
  }

  if (only === 'upbit-repeat') {
    const repeat = await upbitRepeat(cli);
    rows.push(...repeat.rows);
    failures.push(...repeat.failures);
  }

  if (only === 'market-share-warehouse') {
    const warehouse = await measureMarketShareWarehouse({scale, log});
    rows.push(...warehouse.rows);
    failures.push(...warehouse.failures);
  }

  if (only === undefined || only === 'rate') {
    for (const exchange of sources) {
      const specs = RATE_RUNS[exchange].filter(
        (spec) => cli.pageSize === undefined || spec.pageSize === cli.pageSize
      );
      for (const spec of specs) {
        const sized = {...spec, hours: Math.max(spec.pageSize, Math.round(spec.hours * scale))};
        log(`${NAMES[exchange]} request rate ${spec.label ?? ''}: ${JSON.stringify(sized)}`);
        const result = await measureRequestRate(exchange, sized);
        record(`${NAMES[exchange]} request rate ${spec.label ?? ''}`, result);
        log(`  ${result.row.result}; ${result.row.raw}`);
        rows.push(result.row);
      }
    }
  }

  if (only === undefined || only === 'backfill') {
    for (const exchange of sources) {
      const plan = BACKFILLS[exchange];
      const series = [];
      for (const target of plan.targets.map((t) => Math.round(t * scale))) {
        log(`${NAMES[exchange]} backfill of ~${target} records (${plan.markets} markets)`);
        const result = await measureBackfill(exchange, {
          markets: plan.markets,
          targetRecords: target,
          fill: plan.fill,
          pageSize: 200,
          timeoutMs: Math.round((target / plan.minRecordsPerSec) * 1000) + 60_000,
        });
        record(`${NAMES[exchange]} backfill ~${target}`, result);
        const n = result.numbers;
        log(
          `  ${n.records} records, ${n.recordsPerSec.toFixed(0)}/s steady, wall ${n.wallSec.toFixed(1)} s, ` +
            `CPU ${n.cpuSec?.toFixed(1)} s, peak RSS ${mb(n.peakRssKb)}, load ${n.loadBefore}->${n.loadAfter}`
        );
        series.push(n);
      }
      rows.push(...backfillRows(exchange, series));
      if (exchange === 'bithumb') {
        const last = series[series.length - 1];
        const floor = await transportFloor(last);
        record('Bithumb transport floor', floor);
        if (floor.row) rows.push(floor.row);
      }
    }
  }

  printTable(rows);
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} run(s) failed:\n  ${failures.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

/**
 * The last Bithumb backfill's requests through the HTTP client alone (no parse, no records): the
 * share of the connector's CPU that is transport, and the records per CPU-second that would be
 * left if every other step cost nothing.
 */
async function transportFloor(backfill) {
  const plan = BACKFILLS.bithumb;
  log(`Bithumb transport floor: the same ${backfill.requests} requests, pages taken as text only`);
  const result = await measureTransportFloor({
    markets: plan.markets,
    hours: backfill.hours,
    pageSize: 200,
    inFlight: 64,
    timeoutMs: 600_000,
  });
  if (result.failure) return result;
  const n = result.numbers;
  const floorMs = (n.cpuSec * 1000) / n.requests;
  const connectorMs = (backfill.cpuSec * 1000) / backfill.requests;
  const recordsPerRequest = backfill.records / backfill.requests;
  log(`  ${n.requests} requests, CPU ${n.cpuSec.toFixed(1)} s, wall ${n.wallSec.toFixed(1)} s`);
  return {
    row: {
      source: 'Bithumb',
      measure: 'transport floor (HTTP client only)',
      result: `${(floorMs / connectorMs).toFixed(2)} of the connector's CPU per request`,
      raw:
        `${n.requests} requests, ${(n.bytes / 1e6).toFixed(0)} MB, CPU ${n.cpuSec.toFixed(1)} s: ` +
        `${floorMs.toFixed(2)} ms per request vs the connector's ${connectorMs.toFixed(2)} ms; ` +
        `at ${recordsPerRequest.toFixed(1)} records a request the transport alone allows ` +
        `${((recordsPerRequest * 1000) / floorMs).toFixed(0)} records per CPU-s`,
    },
  };
}

function backfillRows(exchange, series) {
  const last = series[series.length - 1];
  const first = series[0];
  const perCpu = last.cpuSec ? last.records / last.cpuSec : 0;
  const throughput = {
    source: NAMES[exchange],
    measure: 'throughput (no limit, no latency)',
    result: `${last.recordsPerSec.toFixed(0)} records/s`,
    raw:
      `${last.records} records in ${last.steadySec.toFixed(1)} s first->last record ` +
      `(${last.wallSec.toFixed(1)} s wall incl. start-up, ${last.recordsPerWallSec.toFixed(0)}/s); ` +
      `${last.requests} requests; connector CPU ${last.cpuSec?.toFixed(1)} s = ` +
      `${perCpu.toFixed(0)} records per CPU-s; load ${last.loadBefore}->${last.loadAfter}`,
  };
  const ratio = first.peakRssKb && last.peakRssKb ? last.peakRssKb / first.peakRssKb : NaN;
  const memory = {
    source: NAMES[exchange],
    measure: `peak RSS, ${series.length} backfill sizes`,
    result: `${mb(last.peakRssKb)} at ${last.records} rec; x${ratio.toFixed(2)} vs ${first.records}`,
    raw: series.map((n) => `${n.records} rec: ${mb(n.peakRssKb)}`).join('; '),
  };
  return [throughput, memory];
}

main()
  .catch((err) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(killAll);
