#!/usr/bin/env node
// Loads the demo's `read` output into a DuckDB file laid out as Airbyte Destinations V2 final
// tables (Incremental | Append: every record a row, with _airbyte_raw_id, _airbyte_extracted_at
// from the record's emitted_at, _airbyte_meta, _airbyte_generation_id), one schema per exchange:
// airbyte_<exchange>.candles_hourly. Prints the KST period covered: "<first> <last>".
// Usage: node scripts/demo-warehouse.js <file.duckdb> <exchange>=<file.jsonl>...
const fs = require('node:fs');
const readline = require('node:readline');
const {randomUUID} = require('node:crypto');
const {DuckDBInstance} = require('@duckdb/node-api');

// The candle record's columns, from the schema the connectors emit (built SDK).
const {candleJsonSchema} = require('../packages/connector-common/lib/model/candle');
const FIELDS = candleJsonSchema.required;
const TYPED = {
  candle_start_utc: 'TIMESTAMPTZ',
  candle_start_kst: 'TIMESTAMPTZ',
  kst_date: 'DATE',
  traded_value_is_estimated: 'BOOLEAN',
  last_trade_at_utc: 'TIMESTAMPTZ',
};

async function main() {
  const [file, ...specs] = process.argv.slice(2);
  if (!file || specs.length === 0)
    throw new Error('usage: demo-warehouse.js <file.duckdb> <exchange>=<file.jsonl>...');
  const db = await DuckDBInstance.create(file);
  const conn = await db.connect();
  let first;
  let last;
  for (const spec of specs) {
    const [exchange, jsonl] = spec.split('=');
    const schema = `airbyte_${exchange}`;
    await conn.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await conn.run('DROP TABLE IF EXISTS staging');
    const cols = ['_airbyte_raw_id', '_airbyte_extracted_at', ...FIELDS];
    await conn.run(`CREATE TEMP TABLE staging (${cols.map((c) => `${c} VARCHAR`).join(', ')})`);
    const appender = await conn.createAppender('staging');
    const lines = readline.createInterface({input: fs.createReadStream(jsonl)});
    let rows = 0;
    for await (const line of lines) {
      if (!line.trim()) continue;
      const m = JSON.parse(line);
      if (m.type !== 'RECORD' || m.record.stream !== 'candles_hourly') continue;
      const d = m.record.data;
      appender.appendVarchar(randomUUID());
      appender.appendVarchar(new Date(m.record.emitted_at).toISOString());
      for (const f of FIELDS) {
        const v = d[f];
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(String(v));
      }
      appender.endRow();
      rows++;
      if (!first || d.kst_date < first) first = d.kst_date;
      if (!last || d.kst_date > last) last = d.kst_date;
    }
    appender.closeSync();
    const select = FIELDS.map((f) => (TYPED[f] ? `CAST(${f} AS ${TYPED[f]}) AS ${f}` : f)).join(
      ', '
    );
    await conn.run(`DROP TABLE IF EXISTS ${schema}.candles_hourly`);
    await conn.run(
      `CREATE TABLE ${schema}.candles_hourly AS SELECT CAST(_airbyte_raw_id AS UUID) AS _airbyte_raw_id, ` +
        `CAST(_airbyte_extracted_at AS TIMESTAMPTZ) AS _airbyte_extracted_at, ` +
        `'{"changes":[]}' AS _airbyte_meta, CAST(0 AS BIGINT) AS _airbyte_generation_id, ${select} FROM staging`
    );
    process.stderr.write(`   ${schema}.candles_hourly: ${rows} rows\n`);
  }
  conn.closeSync();
  db.closeSync();
  console.log(`${first} ${last}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
