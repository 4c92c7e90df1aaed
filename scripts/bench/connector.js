'use strict';
// Runs one connector `read` as its own process and watches it: counts the messages on its
// stdout as they stream (nothing is kept), samples its peak RSS and CPU time from /proc, and
// kills it when it overruns its time limit.
const {execFileSync, spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {performance} = require('node:perf_hooks');
const {setInterval, clearInterval, setTimeout, clearTimeout} = require('node:timers');

const {track} = require('./children');
const {imageNodeOptions} = require('./image-node-options');

const ROOT = path.join(__dirname, '..', '..');
const BINS = {
  upbit: path.join(ROOT, 'packages', 'source-upbit-candles', 'bin', 'main'),
  bithumb: path.join(ROOT, 'packages', 'source-bithumb-candles', 'bin', 'main'),
};
const POLL_MS = 100;
const RECORD_PREFIX = '{"record"';
const CLOCK_TICKS = clockTicksPerSecond();

const CATALOG = {
  streams: [
    {
      stream: {
        name: 'candles_hourly',
        json_schema: {},
        supported_sync_modes: ['full_refresh', 'incremental'],
        source_defined_cursor: true,
        default_cursor_field: ['candle_start_utc'],
      },
      sync_mode: 'incremental',
      cursor_field: ['candle_start_utc'],
      destination_sync_mode: 'append',
    },
  ],
};

function nowMs() {
  return performance.timeOrigin + performance.now();
}

function clockTicksPerSecond() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
  } catch {
    return 100;
  }
}

/** VmHWM (peak RSS, kB) and user+system CPU seconds of a live process, or undefined once gone. */
function sampleProc(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    // Fields after the command name (which may hold spaces) start at field 3; utime is 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSec = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    return {peakRssKb: hwm ? Number(hwm[1]) : undefined, cpuSec};
  } catch {
    return undefined;
  }
}

/**
 * `read` of the candles_hourly stream with `config`. Resolves with what was observed; never
 * rejects for a failed run (the caller decides), only for a process that cannot start.
 */
const SEND_TRACE = path.join(__dirname, 'send-trace.js');

function runConnectorRead(
  source,
  config,
  {
    timeoutMs,
    bin = BINS[source],
    binArgs = [],
    traceSends = false,
    nodeOptions = imageNodeOptions(),
  }
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${source}-`));
  const configPath = path.join(dir, 'config.json');
  const catalogPath = path.join(dir, 'catalog.json');
  fs.writeFileSync(configPath, JSON.stringify(config));
  fs.writeFileSync(catalogPath, JSON.stringify(CATALOG));

  const startedMs = nowMs();
  const child = track(
    spawn(
      process.execPath,
      [
        ...(traceSends ? ['--require', SEND_TRACE] : []),
        bin,
        ...binArgs,
        'read',
        '--config',
        configPath,
        '--catalog',
        catalogPath,
      ],
      {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NODE_OPTIONS: nodeOptions}}
    )
  );
  const seen = {
    records: 0,
    states: 0,
    firstRecordMs: undefined,
    lastRecordMs: undefined,
    http: undefined,
    problems: [],
    /** With traceSends: when each candle request left the connector (ms). */
    sends: [],
  };
  let peak = {peakRssKb: undefined, cpuSec: undefined};
  let rest = '';
  let stderr = '';
  let timedOut = false;

  const onLine = (line, at) => {
    if (line.startsWith(RECORD_PREFIX)) {
      seen.records++;
      seen.firstRecordMs ??= at;
      seen.lastRecordMs = at;
      return;
    }
    if (line.length === 0) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      seen.problems.push(`not JSON on stdout: ${line.slice(0, 200)}`);
      return;
    }
    if (msg.type === 'STATE') seen.states++;
    else if (msg.type === 'LOG') {
      const text = msg.log?.message ?? '';
      if (text.startsWith('HTTP: ')) seen.http = JSON.parse(text.slice('HTTP: '.length));
      else if (msg.log?.level === 'ERROR' || msg.log?.level === 'WARN') {
        if (seen.problems.length < 20) seen.problems.push(`${msg.log.level}: ${text}`);
      }
    } else if (msg.type === 'TRACE' && msg.trace?.type === 'ERROR') {
      seen.problems.push(`TRACE ERROR: ${msg.trace.error?.message}`);
    }
  };

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const at = nowMs();
    const text = rest + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      onLine(text.slice(from, nl), at);
      from = nl + 1;
    }
    rest = text.slice(from);
  });
  child.stderr.setEncoding('utf8');
  let errRest = '';
  child.stderr.on('data', (d) => {
    const lines = (errRest + d).split('\n');
    errRest = lines.pop();
    const other = [];
    for (const line of lines) {
      const send = /^BENCH_SEND ([\d.]+)$/.exec(line);
      if (send) seen.sends.push(Number(send[1]));
      else other.push(line);
    }
    if (other.length > 0) stderr = (stderr + other.join('\n') + '\n').slice(-4000);
  });

  const poll = setInterval(() => {
    const s = sampleProc(child.pid);
    // An exiting process (zombie) has no VmHWM line any more: keep the last reading.
    if (s?.peakRssKb !== undefined) peak = s;
  }, POLL_MS);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);

  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (exitCode, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (rest) onLine(rest, nowMs());
      fs.rmSync(dir, {recursive: true, force: true});
      resolve({
        source,
        exitCode,
        signal,
        timedOut,
        startedMs,
        endedMs: nowMs(),
        ...seen,
        peakRssKb: peak.peakRssKb,
        cpuSec: peak.cpuSec,
        stderr: stderr.trim(),
      });
    });
  });
}

/** Why a run counts as failed, or undefined when it finished cleanly. */
function runFailure(run) {
  if (run.timedOut) return `timed out and was killed (${run.records} records so far)`;
  if (run.exitCode !== 0) {
    const why = run.problems.slice(-3).join(' | ') || run.stderr || 'no message';
    return `exited with ${run.exitCode ?? run.signal}: ${why}`;
  }
  if (run.records === 0) return 'finished without emitting a record';
  return undefined;
}

module.exports = {runConnectorRead, runFailure};
