'use strict';
// The exchange simulator in a process of its own, so its CPU is not the connector's.
// Options come as JSON in argv[2]; the parent talks to it over the IPC channel. Besides the
// simulator's own stats it records when the first and the last candle request arrived, which
// the achieved request rate is computed from.
const path = require('node:path');
const {performance} = require('node:perf_hooks');

const {startSimulator} = require(
  path.join(__dirname, '..', '..', 'packages', 'exchange-simulator', 'lib', 'index.js')
);

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}');
  const sim = await startSimulator({...options, host: '127.0.0.1', port: 0});
  const arrivals = {};
  // Counted where the simulator counts a request: on arrival, before its rate limit and latency.
  const stats = sim.state.stats;
  const countRequest = stats.request.bind(stats);
  stats.request = (exchange, endpoint) => {
    if (endpoint === 'candles') {
      const at = performance.timeOrigin + performance.now();
      const a = (arrivals[exchange] ??= {count: 0, firstMs: at, lastMs: at, times: []});
      a.count++;
      a.lastMs = at;
      a.times.push(at);
    }
    countRequest(exchange, endpoint);
  };

  process.on('message', (msg) => {
    if (msg?.cmd === 'stats') {
      process.send({id: msg.id, stats: sim.stats(), arrivals});
    } else if (msg?.cmd === 'close') {
      sim.close().finally(() => process.exit(0));
    }
  });
  // The bench died or dropped us: never outlive it.
  process.on('disconnect', () => {
    sim.close().finally(() => process.exit(0));
  });
  process.send({ready: true, url: sim.url});
}

main().catch((err) => {
  process.stderr.write(`sim-host: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
