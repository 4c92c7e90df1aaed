#!/usr/bin/env bash
# The test command (README): installs the project's Node.js and dependencies if needed, then
# builds, type-checks, lints and runs every package's tests, and prints one closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node.sh
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
summary="$(mktemp)"
# The suites run with a fresh, empty TMPDIR of their own (other runs share the machine's /tmp),
# so whatever a test leaves behind in it is a leak this script can name.
test_tmp="$(mktemp -d)"
# Traversable like /tmp: the Postgres test runs initdb as the postgres user in a folder in it.
chmod 755 "$test_tmp"
# Node's module compile cache would otherwise land in TMPDIR too.
export NODE_COMPILE_CACHE="$PWD/node_modules/.cache/node-compile-cache"
status=0
TMPDIR="$test_tmp" JEST_SUMMARY_FILE="$summary" npm test || status=$?
leftovers="$(ls -A "$test_tmp")"
rm -rf "$test_tmp"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean);
  const t = lines.map(JSON.parse).reduce((a, b) => ({passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped}), {passed: 0, failed: 0, skipped: 0});
  console.log(`tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
' "$summary"
rm -f "$summary"
if [ -n "$leftovers" ]; then
  echo "the tests left temporary files behind (remove them in the test that makes them):" >&2
  echo "$leftovers" | sed 's/^/  /' >&2
  [ "$status" -ne 0 ] || status=1
fi
if [ "$status" -ne 0 ]; then
  echo "the test command failed (exit $status): a package's tests, the build, the type check or lint; see above" >&2
fi
exit "$status"
