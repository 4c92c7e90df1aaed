#!/usr/bin/env bash
# market-share on the same candles from JSONL and from DuckDB (Destinations V2 final table), and
# with --write-schema: wall time and peak memory (GNU time). 100 KRW markets x 60 KST days of
# hours = 144,000 records. Usage: bash scripts/bench-market-share-warehouse.sh (after npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node.sh
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
node -e '
const fs = require("fs");
const out = fs.createWriteStream(process.argv[1]);
const start = Date.parse("2025-01-01T15:00:00Z");
for (let m = 0; m < 100; m++) {
  const base = "C" + m;
  for (let h = 0; h < 24 * 60; h++) {
    const ms = start + h * 36e5;
    const kst = new Date(ms + 9 * 36e5).toISOString();
    const data = {exchange: "upbit", market: "KRW-" + base, base_currency: base, quote_currency: "KRW",
      candle_start_utc: new Date(ms).toISOString().slice(0, 19) + "Z", candle_start_kst: kst.slice(0, 19) + "+09:00",
      kst_date: kst.slice(0, 10), open: "1", high: "2", low: "1", close: "1.5", volume_base: "123.456",
      traded_value_quote: 1000 + h + m + ".12345678", traded_value_is_estimated: false,
      last_trade_at_utc: null, source_api: "upbit_v1"};
    out.write(JSON.stringify({type: "RECORD", record: {stream: "candles_hourly", data, emitted_at: ms + 36e5}}) + "\n");
  }
}
out.end();' "$dir/upbit.jsonl"
node scripts/demo-warehouse.js "$dir/w.duckdb" upbit="$dir/upbit.jsonl" > /dev/null
ms=packages/connector-common/bin/market-share
wh=(--duckdb "$dir/w.duckdb" --table upbit=airbyte_upbit.candles_hourly --from 2025-01-02 --to 2025-03-02)
/usr/bin/time -f "jsonl          %e s  %M KB peak" node "$ms" "$dir/upbit.jsonl" -o "$dir/o1" 2>&1 | tail -1
/usr/bin/time -f "duckdb         %e s  %M KB peak" node "$ms" "${wh[@]}" -o "$dir/o2" 2>&1 | tail -1
/usr/bin/time -f "duckdb + write %e s  %M KB peak" node "$ms" "${wh[@]}" -o "$dir/o3" --write-schema market_share 2>&1 | tail -1
diff -r "$dir/o1" "$dir/o2" > /dev/null && echo "reports identical"
