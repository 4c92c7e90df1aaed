'use strict';
// `--only startup`: how long `spec`, `check` (a config error) and `discover` take from the
// process start to its exit, and their peak RSS. The platform runs these three on every
// connector page view; the goal is 0.3 s each. Every run is a fresh process, run one at a time.
// Each command runs twice per round: as the image runs it (the bundle, copied alone to an empty
// folder as /home/node/airbyte/main is, with the image's NODE_ENV=production and NODE_OPTIONS) and
// unbundled (bin/main with the workspace's node_modules), for the ratio between the two.
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {performance} = require('node:perf_hooks');
const {setTimeout, clearTimeout} = require('node:timers');

const {track} = require('./children');
const {imageNodeOptions} = require('./image-node-options');
const {startSimulatorProcess} = require('./simulator');

const ROOT = path.join(__dirname, '..', '..');
const EXIT_USAGE = path.join(__dirname, 'exit-usage.js');
const GOAL_SEC = 0.3;
const SOURCES = {upbit: 'Upbit', bithumb: 'Bithumb', coinone: 'Coinone', korbit: 'Korbit'};
const TIMEOUT_MS = 30_000;

function bin(exchange) {
  return path.join(ROOT, 'packages', `source-${exchange}-candles`, 'bin', 'main');
}

function bundle(exchange) {
  return path.join(ROOT, 'packages', `source-${exchange}-candles`, 'dist', 'main.js');
}

/** The image's environment (its Dockerfile's ENV lines). */
const IMAGE_ENV = {NODE_ENV: 'production', NODE_OPTIONS: imageNodeOptions()};

/** One process: wall time from spawn to exit, and what it reported about itself on exit. */
function timeProcess(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(
      spawn(process.execPath, ['--require', EXIT_USAGE, ...args], {
        env: {...process.env, ...env},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      const wallSec = (performance.now() - started) / 1000;
      const usage = /^BENCH_USAGE (\d+) ([\d.]+)$/m.exec(stderr);
      resolve({
        exitCode,
        signal,
        wallSec,
        peakRssKb: usage ? Number(usage[1]) : undefined,
        cpuSec: usage ? Number(usage[2]) / 1000 : undefined,
        stdout,
        stderr: stderr.replace(/^BENCH_USAGE .*\n?/m, ''),
      });
    });
  });
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * What each command must print for its run to count: `spec` a SPEC, `check` of a config with a
 * misspelt field a FAILED status naming it (exit 0), `discover` a CATALOG.
 */
function checkOutput(command, run) {
  if (run.exitCode !== 0) return `exited with ${run.exitCode ?? run.signal}: ${run.stderr.trim()}`;
  const types = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return {type: `not JSON: ${l.slice(0, 80)}`};
      }
    });
  const want = {spec: 'SPEC', check: 'CONNECTION_STATUS', discover: 'CATALOG'}[command];
  const found = types.find((m) => m.type === want);
  if (!found) return `printed no ${want} (${types.map((m) => m.type).join(', ')})`;
  if (command === 'check' && found.connectionStatus.status !== 'FAILED') {
    return `check of a bad config did not fail: ${JSON.stringify(found.connectionStatus)}`;
  }
  return undefined;
}

/**
 * `runs` runs of each command of each source, interleaved (spec, check, discover, spec, ...) so
 * a burst of load on the machine spreads over all of them. Rows report the medians.
 */
async function measureStartup({sources, runs, log}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  const sim = await startSimulatorProcess({seed: 42, clock: {now: '2024-06-01T00:00:00Z'}});
  const rows = [];
  const failures = [];
  try {
    // The floor: a Node process that does nothing.
    const floor = [];
    for (let i = 0; i < runs; i++) floor.push(await timeProcess(['-e', '0']));
    const floorWall = median(floor.map((r) => r.wallSec));
    rows.push({
      source: '-',
      measure: 'start-up floor: node -e 0',
      result: `${floorWall.toFixed(3)} s = ${(floorWall / GOAL_SEC).toFixed(2)} of 0.3 s`,
      raw: `median of ${runs}; CPU ${median(floor.map((r) => r.cpuSec)).toFixed(3)} s; peak RSS ${mb(median(floor.map((r) => r.peakRssKb)))}`,
    });
    for (const exchange of sources) {
      const good = path.join(dir, `${exchange}-good.json`);
      const bad = path.join(dir, `${exchange}-bad.json`);
      fs.writeFileSync(
        good,
        JSON.stringify({start_date: '2024-01-01', api_base_url: `${sim.url}/${exchange}`})
      );
      // A misspelt field ("market" for "markets"): check answers FAILED, naming the field.
      fs.writeFileSync(bad, JSON.stringify({start_date: '2024-01-01', market: []}));
      // The image's layout: the bundle alone, named main, in a folder with no node_modules.
      const imageDir = fs.mkdtempSync(path.join(dir, `${exchange}-image-`));
      const imageMain = path.join(imageDir, 'main');
      if (!fs.existsSync(bundle(exchange))) {
        throw new Error(
          `${bundle(exchange)} is missing: run npm run build (it writes the bundles)`
        );
      }
      fs.copyFileSync(bundle(exchange), imageMain);
      const bundleBytes = fs.statSync(imageMain).size;
      const variants = {
        image: {main: imageMain, env: IMAGE_ENV, label: 'image bundle'},
        unbundled: {main: bin(exchange), env: {}, label: 'bin/main, unbundled'},
      };
      const commandArgs = {
        spec: ['spec'],
        check: ['check', '--config', bad],
        discover: ['discover', '--config', good],
      };
      const results = {};
      for (const v of Object.keys(variants))
        for (const c of Object.keys(commandArgs)) results[`${v} ${c}`] = [];
      for (let i = 0; i < runs; i++) {
        for (const [command, args] of Object.entries(commandArgs)) {
          for (const [variant, {main, env}] of Object.entries(variants)) {
            const run = await timeProcess([main, ...args], env);
            const failure = checkOutput(command, run);
            if (failure) failures.push(`${SOURCES[exchange]} ${variant} ${command}: ${failure}`);
            results[`${variant} ${command}`].push(run);
          }
        }
      }
      const medians = {};
      for (const [key, list] of Object.entries(results)) {
        const [variant, command] = key.split(' ');
        const wall = median(list.map((r) => r.wallSec));
        const cpu = median(list.map((r) => r.cpuSec));
        const rss = median(list.map((r) => r.peakRssKb));
        medians[key] = {wall, cpu, rss};
        const label = {spec: 'spec', check: 'check (config error)', discover: 'discover'}[command];
        const ratio = (field) =>
          (medians[`image ${command}`][field] / medians[key][field]).toFixed(2);
        const versus =
          variant === 'image'
            ? ''
            : `; image / unbundled: wall ${ratio('wall')}, CPU ${ratio('cpu')}`;
        const row = {
          source: SOURCES[exchange],
          measure: `start-up: ${label}, ${variants[variant].label}`,
          result: `${wall.toFixed(3)} s = ${(wall / GOAL_SEC).toFixed(2)} of 0.3 s, CPU ${cpu.toFixed(3)} s, ${mb(rss)}`,
          raw:
            `median of ${runs}: wall ${wall.toFixed(3)} s (min ${Math.min(...list.map((r) => r.wallSec)).toFixed(3)}, ` +
            `max ${Math.max(...list.map((r) => r.wallSec)).toFixed(3)}); CPU ${cpu.toFixed(3)} s; ` +
            `peak RSS ${mb(rss)}; wall minus the node -e 0 floor ${(wall - floorWall).toFixed(3)} s` +
            `${versus}; load ${os.loadavg()[0].toFixed(1)}`,
          numbers: {wall, cpu, rss},
        };
        log(`  ${row.source} ${row.measure}: ${row.result}`);
        rows.push(row);
      }
      rows.push({
        source: SOURCES[exchange],
        measure: 'bundle size (the image adds this file to the base image)',
        result: `${(bundleBytes / 1024).toFixed(0)} KiB`,
        raw: bundle(exchange),
      });
    }
  } finally {
    await sim.close();
    fs.rmSync(dir, {recursive: true, force: true});
  }
  return {rows, failures};
}

function mb(kb) {
  return kb === undefined || Number.isNaN(kb) ? '?' : `${(kb / 1024).toFixed(0)} MB`;
}

module.exports = {measureStartup, STARTUP_SOURCES: SOURCES, GOAL_SEC};
