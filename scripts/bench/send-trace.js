'use strict';
// Preloaded into the connector by the bench (`node --require`) for the upbit-repeat mode: writes
// `BENCH_SEND <ms>` to stderr when each candle request has been written to its socket, so the
// bench can tell compression before the request left (the connector) from compression after
// it (the network, or the simulator waiting for a CPU). Uses the same diagnostics channel and
// `finish` event as the rate limiter; changes nothing in the connector.
const dc = require('node:diagnostics_channel');
const {performance} = require('node:perf_hooks');

dc.subscribe('http.client.request.created', ({request}) => {
  if (!String(request.path).includes('/candles/')) return;
  request.once('finish', () => {
    process.stderr.write(`BENCH_SEND ${(performance.timeOrigin + performance.now()).toFixed(1)}\n`);
  });
});
