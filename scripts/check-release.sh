#!/usr/bin/env bash
# scripts/check-release.sh: the release checks on a published release
# folder of any size (TestBigRelease in pipeline/release): rapper accepts
# bordernet.ttl and bordernet.nt with as many triples as bordernet.nt has
# lines, bordernet.nt is sorted, a sample of ~500-1000 records is the same
# triples in the JSON-LD, N-Triples and Turtle, the catalogue passes the
# DCAT-AP shapes, and SHA256SUMS matches.
#
# usage: scripts/check-release.sh DIR      (e.g. out/2026-11-27)
#
# It prints one verdict line per check with its time, then the total, and
# exits non-zero when any check fails. CHECK_LOG=FILE keeps the full
# go test -v log in FILE.
set -uo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 RELEASE-DIR" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$(cd "$1" && pwd)
LOG=${CHECK_LOG:-$(mktemp "${TMPDIR:-/tmp}/check-release.XXXXXX")}
[ -n "${CHECK_LOG:-}" ] || trap 'rm -f "$LOG"' EXIT

start=$(date +%s.%N)
(cd "$ROOT" && BORDERNET_CHECK_RELEASE=$DIR go test ./pipeline/release -run '^TestBigRelease$' -count=1 -v -timeout 30m) >"$LOG" 2>&1
status=$?
end=$(date +%s.%N)

echo "release checks on $DIR"
# One line per check: its verdict, time and what it logged.
awk '
  /^=== (RUN|CONT|NAME)/ { cur = $3; sub(/^TestBigRelease\/(checks\/)?/, "", cur); next }
  /^ +[a-z_]+\.go:[0-9]+: / && cur != "" { line = $0; sub(/^ +[a-z_]+\.go:[0-9]+: /, "", line); logs[cur] = logs[cur] (logs[cur] == "" ? "" : "; ") line; next }
  /^ *--- (PASS|FAIL|SKIP): TestBigRelease\// {
    name = $3; sub(/^TestBigRelease\/(checks\/)?/, "", name)
    if (name == "checks") next
    v = $2; sub(/:$/, "", v); t = $4; gsub(/[()]/, "", t)
    printf "%-4s %-24s %8s  %s\n", v, name, t, logs[name]
  }' "$LOG"
if grep -q -- '--- SKIP: TestBigRelease ' "$LOG"; then echo "SKIP the whole check: $(grep -m1 -A1 -- '--- SKIP: TestBigRelease ' "$LOG" | tail -1 | sed 's/^ *//')"; fi
if [ $status -ne 0 ]; then
  echo "FAIL (go test exit $status); last lines of the log:"
  grep -v '^=== ' "$LOG" | tail -25
fi
awk -v s="$start" -v e="$end" -v st=$status 'BEGIN { printf "%s: release checks in %.1f s wall\n", (st == 0 ? "PASS" : "FAIL"), e - s }'
exit $status
