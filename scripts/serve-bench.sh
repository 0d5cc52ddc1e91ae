#!/usr/bin/env bash
# scripts/serve-bench.sh: load test of bordernet serve on loopback.
#
# For each release folder given, it starts `bordernet serve` under GNU time,
# measures how long it takes to answer (cmd/serveload polls it from the
# moment it is started), sends random record IRIs as a browser (HTML) and
# as a linked-data client (Turtle), following the 303 to the document,
# from several connections at once, then stops the server with SIGINT and
# reports requests/s, latency percentiles, the server's resident memory
# after start and after the load, and its peak.
#
# usage: scripts/serve-bench.sh RELEASE_DIR...
#
# Environment:
#   REQUESTS=N     requests per kind (default 20000)
#   CONNECTIONS=N  concurrent connections (default 8)
#   PORT=N         loopback port (default 18181)
#   BORDERNET=PATH, SERVELOAD=PATH  use these binaries instead of building
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REQUESTS=${REQUESTS:-20000}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18181}
[ $# -gt 0 ] || { echo "usage: $0 RELEASE_DIR..." >&2; exit 2; }
/usr/bin/time -V 2>&1 | grep -q GNU || { echo "serve-bench: GNU time is missing (apt-get install time)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/serve-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
BN=${BORDERNET:-}
LOAD=${SERVELOAD:-}
if [ -z "$BN" ] || [ -z "$LOAD" ]; then
  (cd "$ROOT" && go build -o "$TMP/bordernet" ./cmd/bordernet && go build -o "$TMP/serveload" ./cmd/serveload)
  BN=${BN:-$TMP/bordernet}
  LOAD=${LOAD:-$TMP/serveload}
fi

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

echo "bordernet serve load test, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for dir in "$@"; do
  echo
  echo "### $dir ($(du -sh "$dir/" | cut -f1), per-record files: $([ -d "$dir/id" ] && echo yes || echo 'no, made on request'))"
  start=$(date +%s%N)
  /usr/bin/time -v -o "$TMP/serve.time" "$BN" serve --addr "127.0.0.1:$PORT" "$dir" >"$TMP/serve.log" 2>&1 &
  timepid=$!
  # GNU time's child is the server; give up when it does not appear in
  # 10 s (bordernet failed to start) rather than spin.
  pid=
  for _ in $(seq 1000); do
    pid=$(pgrep -P "$timepid" || true)
    [ -z "$pid" ] || break
    sleep 0.01
  done
  [ -n "$pid" ] || { echo "serve-bench: bordernet serve did not start: $(tail -3 "$TMP/serve.log")" >&2; exit 1; }
  "$LOAD" -url "http://127.0.0.1:$PORT" -release "$dir" -since "$start" -n 1 -c 1 >"$TMP/ready.txt"
  head -1 "$TMP/ready.txt"
  echo "RSS after start: $(rss_mib "$pid") MiB"
  "$LOAD" -url "http://127.0.0.1:$PORT" -release "$dir" -n "$REQUESTS" -c "$CONNECTIONS" | tail -n +2
  echo "RSS after the load: $(rss_mib "$pid") MiB"
  kill -INT "$pid"
  wait "$timepid" || true
  awk -F': ' '/Maximum resident set size/ { printf "peak RSS of the server: %.0f MiB\n", $2 / 1024 }
    /User time/ { u = $2 } /System time/ { s = $2 } END { printf "server CPU: %.1f s\n", u + s }' "$TMP/serve.time"
  grep -v '^serving\|^stopped' "$TMP/serve.log" || true
done
