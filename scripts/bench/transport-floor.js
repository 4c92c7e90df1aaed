'use strict';
// Child process of `--only transport`: the candle requests of a Bithumb backfill sent through the
// connector's own HTTP client (axios, the rate limiter, the retry wrapper, the quota header) with
// every page taken as text and nothing else done with it: no parse, no records, no output. Its CPU
// is the floor under the connector's: what the transport costs before any work on the data.
// argv[2]: JSON {baseUrl, markets, hours, pageSize, start, requestsPerSecond, inFlight}.
// Prints one JSON line: {requests, bytes, cpuSec, wallSec}.
const path = require('node:path');
const {performance} = require('node:perf_hooks');

const ROOT = path.join(__dirname, '..', '..');
const common = (p) => require(path.join(ROOT, 'packages', 'connector-common', 'lib', p));
const {ExchangeHttpClient} = common('requester/exchange-http-client');
const {buildCandleRequest} = common('definition/candle-request');
const {bithumb} = require(path.join(ROOT, 'packages', 'source-bithumb-candles', 'lib', 'index.js'));

const HOUR_MS = 3_600_000;

async function main() {
  const options = JSON.parse(process.argv[2]);
  const quiet = {debug() {}, info() {}, warn() {}, error() {}};
  const http = new ExchangeHttpClient({
    exchange: bithumb.displayName,
    baseUrl: options.baseUrl,
    rateLimits: {
      candles: {requestsPerSecond: options.requestsPerSecond},
      markets: {requestsPerSecond: options.requestsPerSecond},
    },
    quotaHeader: bithumb.quotaHeader,
    errors: bithumb.errors,
    logger: quiet,
  });
  const listed = await http.getJson({group: 'markets', endpoint: '/v1/market/all', params: {}});
  const markets = listed
    .map((row) => String(row.market))
    .filter((code) => code.startsWith('KRW-'))
    .slice(0, options.markets);
  // Market after market, newest window first: the order the connector asks in.
  const queue = [];
  const startMs = Date.parse(options.start);
  for (const code of markets) {
    const [quote, base] = code.split('-');
    const market = {market: code, base, quote};
    for (
      let end = startMs + options.hours * HOUR_MS;
      end > startMs;
      end -= options.pageSize * HOUR_MS
    ) {
      queue.push(
        buildCandleRequest(bithumb.candlesRequest, market, {endMs: end, limit: options.pageSize})
      );
    }
  }
  let requests = 0;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const answer = await http.getDecoded(
        {
          group: 'candles',
          endpoint: next.endpoint,
          params: next.params,
          market: next.params.market,
        },
        (text) => text.length
      );
      requests++;
      bytes += 'decoded' in answer ? answer.decoded : 0;
    }
  };
  await Promise.all(Array.from({length: options.inFlight}, worker));
  const cpu = process.cpuUsage(cpu0);
  const wallSec = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${JSON.stringify({requests, bytes, cpuSec: (cpu.user + cpu.system) / 1e6, wallSec})}\n`
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
