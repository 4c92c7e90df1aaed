#!/usr/bin/env node
// Prints what a `read` produced, for a person: records per stream and market, the hours
// covered, the state it ended with, and any error. With --share, prints the daily share table.
const fs = require('node:fs');
const readline = require('node:readline');

async function summarizeRead(exchange, file) {
  const perStream = new Map();
  const markets = new Set();
  let first;
  let last;
  let state;
  let exact = 0;
  let estimated = 0;
  const errors = [];
  const lines = readline.createInterface({input: fs.createReadStream(file)});
  for await (const line of lines) {
    const m = JSON.parse(line);
    if (m.type === 'RECORD') {
      perStream.set(m.record.stream, (perStream.get(m.record.stream) ?? 0) + 1);
      if (m.record.stream === 'candles_hourly') {
        const d = m.record.data;
        markets.add(d.market);
        if (!first || d.candle_start_utc < first) first = d.candle_start_utc;
        if (!last || d.candle_start_utc > last) last = d.candle_start_utc;
        if (d.traded_value_is_estimated) estimated++;
        else exact++;
      }
    } else if (m.type === 'STATE' && m.state.stream.stream_descriptor.name === 'candles_hourly') {
      state = m.state.stream.stream_state;
    } else if (m.type === 'TRACE' && m.trace.type === 'ERROR') {
      errors.push(m.trace.error.message);
    }
  }
  console.log(`   ${exchange}: ${[...perStream].map(([s, n]) => `${n} ${s}`).join(', ')}`);
  console.log(
    `   ${markets.size} markets, hours ${first} .. ${last}, ${exact} candles with the exchange's own traded value` +
      (estimated ? `, ${estimated} with an estimate (volume x typical price)` : '')
  );
  if (state) {
    const cursors = Object.values(state.markets).map((c) => c.candle_start_utc);
    console.log(`   state: ${cursors.length} market cursors, newest ${cursors.sort().at(-1)}`);
  }
  for (const e of errors) console.log(`   ERROR: ${e}`);
  if (errors.length > 0) process.exitCode = 1;
}

function printShare(file) {
  const rows = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  const header = rows.shift();
  console.log(`   ${header.join('  ')}`);
  for (const r of rows.slice(-10)) console.log(`   ${r.join('  ')}`);
}

if (process.argv[2] === '--share') printShare(process.argv[3]);
else summarizeRead(process.argv[2], process.argv[3]);
