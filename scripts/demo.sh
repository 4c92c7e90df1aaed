#!/usr/bin/env bash
# The main job, offline: installs what the project needs, builds it, starts the local exchange
# simulator, runs a real `read` of the Upbit, Bithumb, Coinone and Korbit sources against it, and turns their
# records into the KRW market-share report. Everything lands in .demo/ (see the summary).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node.sh
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
echo "== Building"
npm run --silent build

out=.demo
rm -rf "$out" && mkdir -p "$out/report"
days="${DEMO_DAYS:-14}"

echo "== Starting the exchange simulator (Upbit, Bithumb, Coinone, Korbit; real rate limits)"
node packages/exchange-simulator/bin/exchange-simulator --port 0 --seed 7 2> "$out/simulator.log" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  url="$(sed -n 's/^exchange-simulator listening on \([^ ]*\) .*/\1/p' "$out/simulator.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "the simulator did not start:" >&2; cat "$out/simulator.log" >&2; exit 1; }
echo "   $url"

# From 00:00 KST $days days ago to the last closed hour: every KRW, BTC and USDT market where the
# exchange has them (Coinone and Korbit list KRW markets only).
start="$(node -e 'const d=new Date(Date.now()+9*36e5-'"$days"'*864e5);console.log(d.toISOString().slice(0,10)+"T00:00:00+09:00")')"
end="$(node -e 'const h=36e5;console.log(new Date(Math.floor(Date.now()/h)*h).toISOString().slice(0,19)+"Z")')"
cat > "$out/catalog.json" <<JSON
{"streams":[
 {"stream":{"name":"markets","json_schema":{},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"overwrite"},
 {"stream":{"name":"candles_hourly","json_schema":{},"supported_sync_modes":["full_refresh","incremental"]},"sync_mode":"incremental","destination_sync_mode":"append_dedup","cursor_field":["candle_start_utc"],"primary_key":[["market"],["candle_start_utc"]]}
]}
JSON

for exchange in upbit bithumb coinone korbit; do
  case "$exchange" in
    upbit | bithumb) quotes='["KRW","BTC","USDT"]' ;;
    *) quotes='["KRW"]' ;;
  esac
  cat > "$out/$exchange-config.json" <<JSON
{"start_date":"$start","end_date":"$end","quote_currencies":$quotes,"api_base_url":"$url/$exchange"}
JSON
  echo "== Syncing $exchange: source-$exchange-candles read (hours $start .. $end)"
  node "packages/source-$exchange-candles/bin/main" read \
    --config "$out/$exchange-config.json" --catalog "$out/catalog.json" > "$out/$exchange.jsonl"
  node scripts/demo-summary.js "$exchange" "$out/$exchange.jsonl"
done

echo "== Market share (KRW traded value per exchange per KST day)"
node packages/connector-common/bin/market-share "$out"/{upbit,bithumb,coinone,korbit}.jsonl -o "$out/report"
node scripts/demo-summary.js --share "$out/report/daily_share.csv"

echo "== The same from a warehouse: the records loaded into DuckDB as Destinations V2 final tables"
read -r first last < <(node scripts/demo-warehouse.js "$out/warehouse.duckdb" \
  upbit="$out/upbit.jsonl" bithumb="$out/bithumb.jsonl" coinone="$out/coinone.jsonl" korbit="$out/korbit.jsonl")
node packages/connector-common/bin/market-share --duckdb "$out/warehouse.duckdb" \
  --table upbit=airbyte_upbit.candles_hourly --table bithumb=airbyte_bithumb.candles_hourly \
  --table coinone=airbyte_coinone.candles_hourly --table korbit=airbyte_korbit.candles_hourly \
  --from "$first" --to "$last" -o "$out/report-duckdb" --write-schema market_share
for f in "$out"/report/*.csv; do
  cmp -s "$f" "$out/report-duckdb/$(basename "$f")" || { echo "DuckDB and JSONL reports differ: $(basename "$f")" >&2; exit 1; }
done
echo "   identical to the JSONL report; the result tables are in $out/warehouse.duckdb, schema market_share"
echo
echo "Records:  $out/{upbit,bithumb,coinone,korbit}.jsonl (Airbyte messages, one per line)"
echo "Report:   $out/report/*.csv and the chart $out/report/daily_share.svg (open it in a browser)"
echo "Warehouse: $out/warehouse.duckdb (airbyte_<exchange>.candles_hourly, market_share.market_share_*)"
