#!/usr/bin/env bash
# scripts/bench.sh: the end-to-end benchmark behind `make bench`, every
# figure issue 13 asks for, each checked against its target.
#
# For each size it generates a synthetic dataset with cmd/synth, runs
#   bordernet release --out TMP/out --date 2026-11-27 SOURCE
# under GNU time (wall, user+sys CPU, peak RSS; GOMEMLIMIT and GOGC unset),
# then on the release it made:
#   - serdi converting its N-Triples to Turtle (the reference the release's
#     wall time is divided by), and rdflib (scripts/rdflib_bench.py) loading
#     the N-Triples and writing Turtle and JSON-LD, with a time limit and a
#     memory cap;
#   - bordernet verify;
#   - the release checks (scripts/check-release.sh), untimed;
#   - bordernet serve under a loopback load test (scripts/serve-bench.sh);
#   - the history: the sources again with one description in a hundred
#     revised, released as a second version, and bordernet diff of the two;
#   - with BENCH_COMPARE=REV, the same sources released by bordernet at REV:
#     its SHA256SUMS must be the measured release's, byte for byte;
#   - where a target is missed, the release again with CPU and heap profiles.
# verify, serve, the history and the comparison run at sizes up to
# BENCH_FULL_UPTO records (1 M); above it (the 3 M size) only the release,
# serdi and rdflib. Each size's figures are checked against issue 13's
# targets (peak RSS <= 1 GiB; release wall <= 0.5 x serdi's at 1 M and up;
# RSS bytes per record falling as records grow; diff, verify and serve
# within 1 GiB too) and printed as Markdown tables, with a summary even when
# a size fails or is skipped. Times are reported, never asserted.
#
# usage: scripts/bench.sh [SIZE...]   (default: 10000 100000 1000000 3000000)
#
# A 1 M size needs about 24 GB of free disk in $TMPDIR (the release is
# 10.4 GB; the history's second release lies beside it), 3 M about 35 GB;
# a size without room is skipped, and the summary says so.
#
# Environment:
#   BENCH_TMP=DIR        work here (default: a new mktemp -d, removed at the end)
#   BENCH_KEEP=1         keep the generated datasets and releases
#   BENCH_OUT=FILE       also write the report to FILE
#   BENCH_INSTALL=0      do not try to apt-get install missing tools
#   BENCH_SEED=S         synth seed (default 1)
#   BORDERNET=PATH       use this bordernet binary instead of building one
#   BENCH_REV=REV        build a commit (git archive REV) instead of the
#                        working tree, which other people's unfinished edits
#                        may break or change
#   BENCH_COMPARE=REV    also build bordernet at REV (git archive) and
#                        release the same sources with it at every size up
#                        to BENCH_FULL_UPTO: its wall, CPU and peak RSS in
#                        the same run, and its SHA256SUMS against the
#                        measured release's ("identical" or the differing
#                        lines)
#   BENCH_FULL_UPTO=N    run verify, serve, the history and the comparison
#                        at sizes up to N records (default 1000000)
#   BENCH_MEM_GB=N       address-space cap (ulimit -v) of each bordernet
#                        release and diff (default 12): the machine is
#                        shared, and a release that grows far past the
#                        1 GiB target is reported as such rather than
#                        allowed to starve everyone else. A Go program
#                        needs about 1 GiB of address space beyond its
#                        RSS, so keep N >= 2.
#   BENCH_RDFLIB=0       skip rdflib (which alone takes minutes at 10 k)
#   RDFLIB_TIMEOUT=SEC   time limit of each rdflib run (default 300)
#   RDFLIB_MEM_GB=N      address-space cap of each rdflib run (default 8):
#                        the machine is shared, and rdflib holds the whole
#                        graph in memory
#   BENCH_HISTORY=0      skip the history
#   BENCH_SERVE=0        skip the serve load test
#   BENCH_SERVE_REQUESTS=N, BENCH_SERVE_CONNECTIONS=N
#                        requests per kind (HTML, Turtle) and connections
#                        of the serve load test (default 5000 and 8)
#   BENCH_SERVE_TIMEOUT=SEC  the whole serve load test is stopped after
#                        SEC seconds (default 300)
#   BENCH_CHECK=1        run the release checks (scripts/check-release.sh:
#                        rapper, sorted N-Triples, JSON-LD = N-Triples =
#                        Turtle on a sample, DCAT-AP shapes, SHA256SUMS) on
#                        the largest size up to BENCH_FULL_UPTO (default 1;
#                        0: never; all: every size up to it), untimed.
#                        rapper holds the whole Turtle: 4 GiB at 1 M
#   BENCH_PROFILE=auto   profile the release again at a size that misses a
#                        target (default auto; 1: at every size; 0: never):
#                        bordernet is run with BORDERNET_CPUPROFILE=FILE and
#                        BORDERNET_MEMPROFILE=FILE and GODEBUG=gctrace=1,
#                        and `go tool pprof -top` prints the top 25 of each
#                        profile; a bordernet without those hooks is
#                        sampled by `perf record` instead, when perf works
set -euo pipefail
set -E

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATE=2026-11-27
DATE2=2026-12-03
SEED=${BENCH_SEED:-1}
RDFLIB_TIMEOUT=${RDFLIB_TIMEOUT:-300}
RDFLIB_MEM_GB=${RDFLIB_MEM_GB:-8}
BENCH_MEM_GB=${BENCH_MEM_GB:-12}
FULL_UPTO=${BENCH_FULL_UPTO:-1000000}
BENCH_CHECK=${BENCH_CHECK:-1}
BENCH_PROFILE=${BENCH_PROFILE:-auto}
SERVE_REQUESTS=${BENCH_SERVE_REQUESTS:-5000}
SERVE_CONNECTIONS=${BENCH_SERVE_CONNECTIONS:-8}
SERVE_TIMEOUT=${BENCH_SERVE_TIMEOUT:-300}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000 1000000 3000000); fi
for n in "${SIZES[@]}" "$FULL_UPTO" "$BENCH_MEM_GB" "$RDFLIB_TIMEOUT" "$RDFLIB_MEM_GB" "$SERVE_REQUESTS" "$SERVE_CONNECTIONS" "$SERVE_TIMEOUT"; do
  case $n in ''|*[!0-9]*) echo "bench: '$n' (a size or a knob) is not a whole number" >&2; exit 2 ;; esac
done
case $BENCH_PROFILE in auto|0|1) ;; *) echo "bench: BENCH_PROFILE is auto, 0 or 1, not '$BENCH_PROFILE'" >&2; exit 2 ;; esac
mapfile -t SIZES < <(printf '%s\n' "${SIZES[@]}" | sort -n -u)
# The size the release checks run at: the largest up to FULL_UPTO.
CHECK_SIZE=$(printf '%s\n' "${SIZES[@]}" | awk -v m="$FULL_UPTO" '$1 <= m { s = $1 } END { print s + 0 }')

# The measured runs get Go's defaults: the issue's 1 GiB is without a soft
# memory limit, and a GOGC left in the caller's environment would change
# every figure.
unset GOMEMLIMIT GOGC

# Targets (issue 13).
TARGET_RSS_KB=$((1024 * 1024))   # peak RSS of release, diff, verify, serve
TARGET_RATIO=0.5                 # release wall / serdi wall, at 1 M and up
RATIO_FROM=1000000
# Disk per record, from the 1 M release of 2026-12-03 (10.4 GB for
# 1,010,005 records) with a margin: a release, and a dataset.
DISK_RELEASE=11000
DISK_SOURCE=700

say() { echo "bench: $*" >&2; }

if [ -n "${BENCH_TMP:-}" ]; then
  TMP=$BENCH_TMP
  mkdir -p "$TMP"
else
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/bordernet-bench.XXXXXX")
  if [ "${BENCH_KEEP:-0}" != 1 ]; then trap 'rm -rf "$TMP"' EXIT; fi
fi
say "working in $TMP"
REPORT=$TMP/report
rm -rf "$REPORT" && mkdir -p "$REPORT" "$TMP/prof"

# note TEXT: a line under the tables (and on stderr now).
note() { echo "- $*" >>"$REPORT/notes"; say "$*"; }

# --- tools -----------------------------------------------------------------

# try_install PKG...: apt-get install, when allowed and possible.
try_install() {
  [ "${BENCH_INSTALL:-1}" = 1 ] || return 1
  command -v apt-get >/dev/null || return 1
  local sudo=
  if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || return 1
    sudo="sudo -n"
  fi
  say "installing $* with apt-get"
  $sudo apt-get install -y -q "$@" >&2 ||
    { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q "$@" >&2; }
}

gnu_time() { /usr/bin/time -V 2>&1 | grep -q GNU; }
if ! gnu_time; then
  try_install time || true
  if ! gnu_time; then
    say "GNU time (/usr/bin/time) is missing: install it with 'apt-get install time'; nothing can be measured without it"
    exit 2
  fi
fi

SERDI=$(command -v serdi || true)
if [ -z "$SERDI" ]; then
  try_install serdi || true
  SERDI=$(command -v serdi || true)
fi
[ -n "$SERDI" ] || note "serdi is missing: install it with 'apt-get install serdi'; its column, and the release ÷ serdi target, are left empty"

# rdflib from Debian lives in the system python, which may not be the first
# python3 on PATH (pyenv).
find_rdflib() {
  local py
  for py in /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -x "$py" ] && "$py" -c 'import rdflib' 2>/dev/null; then echo "$py"; return 0; fi
  done
  return 0
}
PY=
RDFLIB_VERSION=
if [ "${BENCH_RDFLIB:-1}" = 1 ]; then
  PY=$(find_rdflib)
  if [ -z "$PY" ]; then
    try_install python3-rdflib || true
    PY=$(find_rdflib)
  fi
  if [ -n "$PY" ]; then
    RDFLIB_VERSION=$("$PY" -c 'import rdflib; print(rdflib.__version__)')
  else
    note "rdflib is missing: install it with 'apt-get install python3-rdflib'; its column is left empty"
  fi
fi

# perf samples a bordernet that has no profile hooks of its own.
PERF=
if command -v perf >/dev/null && perf stat -e task-clock -o /dev/null true 2>/dev/null; then
  PERF=$(command -v perf)
fi

# --- build -----------------------------------------------------------------

# export_rev REV DIR: the tree of commit REV in DIR.
export_rev() {
  rm -rf "$2" && mkdir -p "$2"
  git -C "$ROOT" archive "$1" | tar -x -C "$2"
}

mkdir -p "$TMP/bin"
BUILD=$ROOT
REV_NOTE="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo ' + working tree (uncommitted changes)')"
if [ -n "${BENCH_REV:-}" ]; then
  BUILD=$TMP/tree
  if ! export_rev "$BENCH_REV" "$BUILD"; then
    say "cannot export $BENCH_REV with git archive"
    exit 2
  fi
  REV_NOTE="commit $(git -C "$ROOT" rev-parse --short "$BENCH_REV") (git archive, working tree not used)"
fi
cd "$BUILD"
if ! go build -o "$TMP/bin/synth" ./cmd/synth; then
  say "cmd/synth does not build"
  exit 2
fi
BN=${BORDERNET:-}
if [ -z "$BN" ]; then
  if go build -o "$TMP/bin/bordernet" ./cmd/bordernet; then
    BN=$TMP/bin/bordernet
  else
    note "cmd/bordernet does not build: the release is not measured"
  fi
fi
if [ -n "$BN" ] && ! "$BN" release --help >/dev/null 2>&1; then
  note "$BN has no working 'release' command: the release is not measured"
  BN=
fi
# serveload is the harness, not the code measured: the measured tree's, or
# the working tree's when that has none.
SERVELOAD=
if [ "${BENCH_SERVE:-1}" = 1 ]; then
  if go build -o "$TMP/bin/serveload" ./cmd/serveload 2>/dev/null ||
    (cd "$ROOT" && go build -o "$TMP/bin/serveload" ./cmd/serveload); then
    SERVELOAD=$TMP/bin/serveload
  else
    note "cmd/serveload does not build: serve is not measured"
  fi
fi
CMP_BN=
CMP_NOTE=
if [ -n "${BENCH_COMPARE:-}" ]; then
  if export_rev "$BENCH_COMPARE" "$TMP/tree-compare" &&
    (cd "$TMP/tree-compare" && go build -o "$TMP/bin/bordernet-compare" ./cmd/bordernet); then
    CMP_BN=$TMP/bin/bordernet-compare
    CMP_NOTE="commit $(git -C "$ROOT" rev-parse --short "$BENCH_COMPARE")"
  else
    note "BENCH_COMPARE=$BENCH_COMPARE: cannot export or build bordernet at that commit; nothing is compared"
  fi
fi

# --- measuring ---------------------------------------------------------------

# timed FILE CMD...: run CMD under GNU time -v, the report in FILE; returns
# CMD's exit status.
timed() {
  local report=$1
  shift
  /usr/bin/time -v -o "$report" "$@"
}

# capped FILE CMD...: timed, within the address-space cap.
capped() {
  (
    ulimit -v $((BENCH_MEM_GB * 1024 * 1024))
    timed "$@"
  )
}

# wall_s/cpu_s/rss_kb/rss_mib FILE: read a GNU time -v report.
wall_s() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.2f", s }' "$1"
}
cpu_s() {
  awk -F': ' '/User time \(seconds\)/ {u = $2} /System time \(seconds\)/ {s = $2}
    END { printf "%.2f", u + s }' "$1"
}
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
# figures FILE: "wall s wall, CPU s CPU, max RSS MiB" of a report.
figures() { echo "$(wall_s "$1") s wall, $(cpu_s "$1") s CPU, max RSS $(rss_mib "$1") MiB"; }

# quot A B DIGITS: A / B, or "–" when either is not a number (or B is 0).
quot() {
  awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN {
    if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "–"; exit }
    printf "%.*f", d, a / b }'
}

# ratio A B: A / B with one decimal and ×, or "–" when either is missing.
# An A of "did not finish in T s" gives "> T/B×".
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (b == "" || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "–"; exit }
    if (a ~ /^did not finish in [0-9]+ s$/) { split(a, w, " "); printf "> %.0f×", w[5] / b; exit }
    if (a == "" || a !~ /^[0-9.]+$/) { print "–"; exit }
    printf "%.1f×", a / b }'
}

# within_rss KB: "yes" or "NO" against the 1 GiB target, "–" without a figure.
within_rss() {
  if [ -z "$1" ]; then echo "–"
  elif [ "$1" -le "$TARGET_RSS_KB" ]; then echo "yes"
  else echo "NO"; fi
}

# free_bytes: the free space of the file system of TMP.
free_bytes() { df -P -B1 "$TMP" | awk 'NR == 2 { print $4 }'; }
gb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e9 }'; }

# free_port: a loopback port nobody listens on.
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# The results of a size go to $RES as shell assignments (the size runs in
# a subshell of its own, so that a failure stops that size and not the
# report); the report sources them.
put() { printf '%s=%q\n' "$1" "$2" >>"$RES"; }

# --- the steps of a size -----------------------------------------------------

# release_step: bordernet release of $src into $out, measured.
release_step() {
  local status=0
  say "$n: bordernet release (cap $BENCH_MEM_GB GiB; load $(cut -d' ' -f1 /proc/loadavg))"
  put load "$(cut -d' ' -f1 /proc/loadavg)"
  capped "$TMP/release-$n.time" "$BN" release --out "$out" --date "$DATE" "$src" >"$TMP/release-$n.log" 2>&1 || status=$?
  if [ $status != 0 ]; then
    if grep -q 'out of memory' "$TMP/release-$n.log"; then
      put wall "out of memory (cap $BENCH_MEM_GB GiB)"
      note "$n: bordernet release ran out of memory at the $BENCH_MEM_GB GiB cap after $(wall_s "$TMP/release-$n.time") s"
    else
      put wall "failed (exit $status)"
      note "$n: bordernet release failed (exit $status) after $(figures "$TMP/release-$n.time"): $(grep -v ': warning: ' "$TMP/release-$n.log" | tail -3 | tr '\n' ' ')"
    fi
    return 0
  fi
  wall=$(wall_s "$TMP/release-$n.time")
  rss=$(rss_kb "$TMP/release-$n.time")
  put wall "$wall"
  put cpu "$(cpu_s "$TMP/release-$n.time")"
  put rss "$rss"
  put mb "$(du -sm "$out/$DATE" | cut -f1)"
  bpr=$((rss * 1024 / records))
  put bpr "$bpr"
  echo "$records $bpr" >>"$REPORT/bpr"
  if [ -f "$nt" ]; then
    triples=$(wc -l <"$nt")
    put triples "$triples"
    put tps "$(awk -v t="$triples" -v w="$wall" 'BEGIN { if (w > 0) printf "%.2f", t / w / 1e6 }')"
  else
    note "$n: the release has no $DATE/bordernet.nt"
  fi
}

# serdi_step: serdi's N-Triples -> Turtle conversion of the release.
serdi_step() {
  local status=0
  say "$n: serdi"
  timed "$TMP/serdi-$n.time" "$SERDI" -i ntriples -o turtle "$nt" >/dev/null 2>"$TMP/serdi-$n.log" || status=$?
  if [ $status = 0 ]; then
    serdi=$(wall_s "$TMP/serdi-$n.time")
    put serdi "$serdi"
    put serdi_cpu "$(cpu_s "$TMP/serdi-$n.time")"
    put serdi_rss "$(rss_kb "$TMP/serdi-$n.time")"
    note "serdi at $records records: $(figures "$TMP/serdi-$n.time")"
  else
    note "$n: serdi failed (exit $status) on bordernet.nt: $(head -c 300 "$TMP/serdi-$n.log")"
  fi
}

# rdflib_step: rdflib loading the N-Triples and writing Turtle and JSON-LD.
rdflib_step() {
  local status=0 phases
  if [ -s "$REPORT/rdflib-stopped" ]; then
    put rdflib "not run (failed at $(cat "$REPORT/rdflib-stopped"))"
    return 0
  fi
  say "$n: rdflib (limit ${RDFLIB_TIMEOUT} s, ${RDFLIB_MEM_GB} GiB)"
  (
    ulimit -v $((RDFLIB_MEM_GB * 1024 * 1024))
    timed "$TMP/rdflib-$n.time" timeout -k 10 "$RDFLIB_TIMEOUT" "$PY" "$BUILD/scripts/rdflib_bench.py" "$nt"
  ) >"$TMP/rdflib-$n.json" 2>"$TMP/rdflib-$n.log" || status=$?
  phases=$(awk -F'"' '/"phase": "(parse|turtle|jsonld)"/ { for (i = 1; i < NF; i++) if ($i == "s") { v = $(i+1); gsub(/[^0-9.]/, "", v) } printf "%s%s %s s", sep, $4, v; sep = ", " }' "$TMP/rdflib-$n.json")
  note "rdflib at $records records: ${phases:-no phase finished}; max RSS $(rss_mib "$TMP/rdflib-$n.time" 2>/dev/null || echo '?') MiB"
  if [ $status = 0 ]; then
    put rdflib "$(wall_s "$TMP/rdflib-$n.time")"
    return 0
  fi
  if [ $status = 124 ] || [ $status = 137 ]; then
    put rdflib "did not finish in $RDFLIB_TIMEOUT s"
  elif grep -q MemoryError "$TMP/rdflib-$n.log"; then
    put rdflib "out of memory (cap $RDFLIB_MEM_GB GiB)"
  else
    put rdflib "failed (exit $status)"
    note "$n: rdflib failed: $(tail -3 "$TMP/rdflib-$n.log" | tr '\n' ' ')"
  fi
  echo "$n" >"$REPORT/rdflib-stopped"
}

# verify_step: bordernet verify of the release just made (every checksum,
# the catalogue, every file read by its format). Right after the release
# its files are partly out of the page cache: verify reads them from disk.
verify_step() {
  local status=0
  say "$n: bordernet verify"
  capped "$TMP/verify-$n.time" "$BN" verify "$out/$DATE" >"$TMP/verify-$n.log" 2>&1 || status=$?
  echo "| $records | $(wall_s "$TMP/verify-$n.time") | $(cpu_s "$TMP/verify-$n.time") | $(rss_mib "$TMP/verify-$n.time") | $(within_rss "$(rss_kb "$TMP/verify-$n.time")") | exit $status: $(tail -1 "$TMP/verify-$n.log" | tr '|' '/') |" >>"$REPORT/verify"
  if [ $status != 0 ]; then
    note "$n: bordernet verify failed (exit $status): $(tail -3 "$TMP/verify-$n.log" | tr '\n' ' ')"
  fi
}

# check_step: scripts/check-release.sh on the release, untimed.
check_step() {
  local status=0
  say "$n: release checks (scripts/check-release.sh)"
  (cd "$ROOT" && scripts/check-release.sh "$out/$DATE") >"$TMP/check-$n.log" 2>&1 || status=$?
  if [ $status = 0 ]; then
    note "release checks at $records records: $(tail -1 "$TMP/check-$n.log")"
  else
    note "$n: the release checks FAIL: $(grep -E '^(FAIL|SKIP) ' "$TMP/check-$n.log" | tr '\n' ' ' || true)(log: $TMP/check-$n.log)"
  fi
  cat "$TMP/check-$n.log" >&2
}

# serve_step: scripts/serve-bench.sh on the release, on a free loopback
# port, bounded by BENCH_SERVE_TIMEOUT (timeout signals its whole process
# group: the script, the server and the load generator).
serve_step() {
  local status=0 port log=$TMP/serve-$n.log
  port=$(free_port) || { note "$n: no free loopback port for serve"; return 0; }
  say "$n: bordernet serve on 127.0.0.1:$port, $SERVE_REQUESTS requests per kind, $SERVE_CONNECTIONS connections (limit $SERVE_TIMEOUT s)"
  BORDERNET=$BN SERVELOAD=$SERVELOAD PORT=$port REQUESTS=$SERVE_REQUESTS CONNECTIONS=$SERVE_CONNECTIONS \
    timeout -k 10 "$SERVE_TIMEOUT" bash "$ROOT/scripts/serve-bench.sh" "$out/$DATE" >"$log" 2>&1 || status=$?
  if [ $status != 0 ]; then
    note "$n: the serve load test failed (exit $status$([ $status = 124 ] && echo ": stopped after $SERVE_TIMEOUT s")): $(tail -3 "$log" | tr '\n' ' ')"
  fi
  # serve-bench.sh prints "ready: N ms after start", "RSS after start: N
  # MiB", one table row per kind (| kind | requests | connections |
  # requests/s | p50 | p90 | p99 | max | errors |), "RSS after the load: N
  # MiB", "peak RSS of the server: N MiB".
  awk -F'|' -v records="$records" -v limit="$TARGET_RSS_KB" '
    /^ready: / { ready = $0; sub(/^ready: /, "", ready); sub(/ ms after start/, "", ready) }
    /^RSS after start: / { start = $0; gsub(/[^0-9]/, "", start) }
    /^RSS after the load: / { after = $0; gsub(/[^0-9]/, "", after) }
    /^peak RSS of the server: / { peak = $0; gsub(/[^0-9]/, "", peak) }
    /^\| HTML/ { hr = $5; h50 = $6; h99 = $8; err += $10 }
    /^\| Turtle/ { tr = $5; t50 = $6; t99 = $8; err += $10 }
    function v(x) { gsub(/ /, "", x); return x == "" ? "–" : x }
    END {
      within = peak == "" ? "–" : (peak * 1024 <= limit ? "yes" : "NO")
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", records, v(ready), v(start),
        v(hr), v(h50), v(h99), v(tr), v(t50), v(t99), v(err == "" ? "" : err + 0), v(after), v(peak), within
    }' "$log" >>"$REPORT/serve"
}

# history_step: the release's history at this size. The sources are copied
# with one description in a hundred revised (a sentence appended; ids
# stay), released again with --date $DATE2 (comparing with $DATE, writing
# CHANGES.md, changes.json and the graph difference), then `bordernet
# diff` compares the two releases. Each is timed like the release.
history_step() {
  local src2=$TMP/src2-$n status=0 r='' d='' ru dout=–
  rm -rf "$src2" && cp -r "$src" "$src2"
  # Descriptions are the long paragraphs (200 to 800 characters; titles
  # are short): every hundredth gets a sentence more.
  awk 'length($0) > 150 { if (++d % 100 == 0) $0 = $0 " Revised in the second release." } { print }' \
    "$src/listing.txt" >"$src2/listing.txt"
  say "$n: release again with one description in a hundred revised"
  capped "$TMP/release2-$n.time" "$BN" release --out "$out" --date "$DATE2" "$src2" >"$TMP/release2-$n.log" 2>&1 || status=$?
  if [ $status != 0 ]; then
    note "$n: the second release failed (exit $status): $(tail -3 "$TMP/release2-$n.log" | tr '\n' ' ')"
    return 0
  fi
  r="$(wall_s "$TMP/release2-$n.time") | $(cpu_s "$TMP/release2-$n.time") | $(rss_mib "$TMP/release2-$n.time") | $(within_rss "$(rss_kb "$TMP/release2-$n.time")")"
  say "$n: bordernet diff $DATE $DATE2"
  status=0
  capped "$TMP/diff-$n.time" "$BN" diff "$out/$DATE" "$out/$DATE2" >"$TMP/diff-$n.log" 2>&1 || status=$?
  if [ $status = 1 ]; then
    d="$(wall_s "$TMP/diff-$n.time") | $(cpu_s "$TMP/diff-$n.time") | $(rss_mib "$TMP/diff-$n.time") | $(within_rss "$(rss_kb "$TMP/diff-$n.time")")"
    dout=$(tail -1 "$TMP/diff-$n.log" | tr '|' '/')
  else
    note "$n: bordernet diff did not exit 1 (exit $status): $(tail -3 "$TMP/diff-$n.log" | tr '\n' ' ')"
  fi
  ru=$(grep -c '^<' "$out/$DATE2/changes.ru" 2>/dev/null || true)
  echo "| $records | ${r:-– | – | – | –} | ${d:-– | – | – | –} | ${ru:-–} | $dout |" >>"$REPORT/history"
  if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$src2" "${out:?}/$DATE2"; fi
}

# compare_step: the same sources released by bordernet at BENCH_COMPARE;
# its SHA256SUMS against the measured release's.
compare_step() {
  local cout=$TMP/out-compare-$n status=0 same
  rm -rf "$cout"
  say "$n: bordernet release at $CMP_NOTE (BENCH_COMPARE)"
  capped "$TMP/compare-$n.time" "$CMP_BN" release --out "$cout" --date "$DATE" "$src" >"$TMP/compare-$n.log" 2>&1 || status=$?
  if [ $status != 0 ]; then
    echo "| $records | failed (exit $status) | – | – | – |" >>"$REPORT/compare"
    note "$n: the release at $CMP_NOTE failed (exit $status): $(tail -3 "$TMP/compare-$n.log" | tr '\n' ' ')"
  else
    if cmp -s "$out/$DATE/SHA256SUMS" "$cout/$DATE/SHA256SUMS"; then
      same=identical
    else
      same="DIFFERENT (below)"
      {
        echo
        echo "SHA256SUMS at $records records, $CMP_NOTE against the measured bordernet (the release's own files first, at most 40):"
        echo
        # Joined on the file name: a file whose sum differs, or that only
        # one of the two releases has.
        awk 'NR == FNR { a[$2] = $1; next }
          { if (!($2 in a)) print "only in the measured release: " $2; else if (a[$2] != $1) print "differs: " $2; delete a[$2] }
          END { for (f in a) print "only in " rev ": " f }' rev="$CMP_NOTE" \
          "$cout/$DATE/SHA256SUMS" "$out/$DATE/SHA256SUMS" >"$TMP/compare-$n.diff"
        echo "    $(wc -l <"$TMP/compare-$n.diff") of $(wc -l <"$out/$DATE/SHA256SUMS") files:"
        awk -F'/' '{ print NF "\t" $0 }' "$TMP/compare-$n.diff" | sort -t"$(printf '\t')" -k1,1n -k2 | cut -f2- | awk 'NR <= 40 { print "    " $0 }'
      } >>"$REPORT/compare-diffs"
    fi
    echo "| $records | $(wall_s "$TMP/compare-$n.time") | $(cpu_s "$TMP/compare-$n.time") | $(rss_mib "$TMP/compare-$n.time") | $same |" >>"$REPORT/compare"
  fi
  if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$cout"; fi
}

# profile_step WHY: the release again, profiled. bordernet writes a CPU and
# a heap profile where BORDERNET_CPUPROFILE and BORDERNET_MEMPROFILE say;
# GODEBUG=gctrace=1 gives the live heap at every collection. A bordernet
# without the hooks (its binary does not name them) is sampled by perf.
profile_step() {
  local why=$1 pout=$TMP/out-profile-$n cpu=$TMP/prof/cpu-$n.pprof heap=$TMP/prof/heap-$n.pprof
  local status=0 pre=() file=$REPORT/profile-$n hooks=1
  rm -rf "$pout" "$cpu" "$heap"
  grep -q BORDERNET_CPUPROFILE "$BN" || hooks=0
  if [ $hooks = 0 ] && [ -n "$PERF" ]; then
    pre=("$PERF" record -q -g -F 499 -o "$TMP/prof/perf-$n.data" --)
  fi
  say "$n: the release again, profiled ($why)"
  BORDERNET_CPUPROFILE=$cpu BORDERNET_MEMPROFILE=$heap GODEBUG=gctrace=1 \
    capped "$TMP/profile-$n.time" "${pre[@]}" "$BN" release --out "$pout" --date "$DATE" "$src" >"$TMP/profile-$n.log" 2>&1 || status=$?
  {
    echo
    echo "### Profiles at $records records ($why)"
    echo
    echo "The release again, profiled (exit $status): $(figures "$TMP/profile-$n.time")."
    # gctrace: "gc N @T s P%: ... A->B->C MB, D MB goal, ...": C is the
    # live heap after the collection.
    awk '/^gc [0-9]+ @/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+->[0-9]+->[0-9]+$/) { split($i, h, "->"); if (h[3] + 0 > live) live = h[3] + 0; if (h[2] + 0 > top) top = h[2] + 0 } gcs++ }
      END { if (gcs) printf "Collections: %d; largest live heap after one %d MB, largest heap before one ended %d MB (GODEBUG=gctrace=1).\n", gcs, live, top }' "$TMP/profile-$n.log"
    if [ -s "$cpu" ]; then
      echo
      echo "CPU (go tool pprof -top -nodecount=25):"
      echo
      go tool pprof -top -nodecount=25 "$cpu" 2>&1 | sed 's/^/    /'
      echo
      echo "CPU, bordernet's own functions by the time under them (go tool pprof -top -cum -show='bordernet/|^main\.' -nodecount=25):"
      echo
      go tool pprof -top -cum -show='bordernet/|^main\.' -nodecount=25 "$cpu" 2>&1 | sed 's/^/    /'
    elif [ ${#pre[@]} -gt 0 ] && [ -s "$TMP/prof/perf-$n.data" ]; then
      echo
      echo "CPU (this bordernet has no BORDERNET_CPUPROFILE hook: perf record -g -F 499; perf report, the top 25 symbols by their own samples):"
      echo
      "$PERF" report -i "$TMP/prof/perf-$n.data" --stdio --no-children -F overhead,dso,sym -g none 2>/dev/null |
        grep -v '^#' | grep -v '^$' | awk 'NR <= 25 { print "    " $0 }' || true
      echo
      echo "CPU, bordernet's own functions by the samples under them (perf report --children, top 25):"
      echo
      "$PERF" report -i "$TMP/prof/perf-$n.data" --stdio --children -F overhead_children,overhead,sym -g none 2>/dev/null |
        grep -E '\] (github\.com/bordernet/|main\.)' | awk 'NR <= 25 { print "    " $0 }' || true
    else
      echo "No CPU profile: this bordernet wrote none to BORDERNET_CPUPROFILE (the lead adds the hook to cmd/bordernet), and perf is not usable."
    fi
    if [ -s "$heap" ]; then
      echo
      echo "Heap, in use when the profile was written (go tool pprof -sample_index=inuse_space -top -nodecount=25):"
      echo
      go tool pprof -sample_index=inuse_space -top -nodecount=25 "$heap" 2>&1 | sed 's/^/    /'
      echo
      echo "Heap, allocated over the run (-sample_index=alloc_space):"
      echo
      go tool pprof -sample_index=alloc_space -top -nodecount=25 "$heap" 2>&1 | sed 's/^/    /'
    else
      echo
      echo "No heap profile: this bordernet wrote none to BORDERNET_MEMPROFILE (the lead adds the hook to cmd/bordernet)."
    fi
  } >"$file"
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    note "$n: profiles kept in $TMP/prof"
  else
    rm -rf "$pout"
  fi
}

# bench_size N: every measurement of one size. It runs in a subshell under
# set -e: an unexpected failure stops this size only, and the ERR trap
# says where.
bench_size() {
  n=$1
  RES=$REPORT/size-$n
  : >"$RES"
  trap 'status=$?; echo "line $LINENO: $BASH_COMMAND (exit $status)" >"$REPORT/stopped-$n"' ERR
  src=$TMP/src-$n out=$TMP/out-$n nt=$TMP/out-$n/$DATE/bordernet.nt
  rm -rf "$src" "$out"
  put n "$n"

  # Disk: a release and its dataset, and for the full set a second
  # release (the history or the comparison, one at a time) and the
  # history's copy of the dataset.
  local free need_min need_full full=0
  free=$(free_bytes)
  need_min=$((n * (DISK_RELEASE + DISK_SOURCE)))
  need_full=$((n * (2 * DISK_RELEASE + 2 * DISK_SOURCE)))
  if [ "$free" -lt "$need_min" ]; then
    put status "skipped: needs about $(gb "$need_min") GB of disk in $TMP, $(gb "$free") GB free"
    note "$n: SKIPPED for lack of disk: needs about $(gb "$need_min") GB in $TMP, $(gb "$free") GB free"
    return 0
  fi
  if [ "$n" -le "$FULL_UPTO" ]; then
    if [ "$free" -ge "$need_full" ]; then
      full=1
    else
      note "$n: only the release, serdi and rdflib: verify, serve, the history and the comparison need about $(gb "$need_full") GB of disk in $TMP, $(gb "$free") GB free"
    fi
  fi

  say "$n: generating"
  local synth_line status=0
  synth_line=$(timed "$TMP/synth-$n.time" "$TMP/bin/synth" -n "$n" -seed "$SEED" -out "$src") || status=$?
  if [ $status != 0 ]; then
    put status "synth failed (exit $status)"
    note "$n: synth failed (exit $status)"
    return 0
  fi
  local new
  new=$(sed -n 's/.*(\([0-9]*\) enriching, \([0-9]*\) new).*/\2/p' <<<"$synth_line")
  records=$((n + ${new:-0}))
  put records "$records"
  put synth "$(wall_s "$TMP/synth-$n.time")"
  [ -n "$BN" ] || { put status "not measured"; return 0; }

  wall='' rss='' bpr='' serdi='' triples=''
  release_step
  if [ -z "$rss" ]; then
    put status "release failed"
    return 0
  fi
  if [ -n "$SERDI" ] && [ -f "$nt" ]; then serdi_step; fi
  if [ -n "$PY" ] && [ -f "$nt" ]; then rdflib_step; fi
  if [ $full = 1 ]; then
    verify_step
    if [ -f "$nt" ] && { [ "$BENCH_CHECK" = all ] || { [ "$BENCH_CHECK" = 1 ] && [ "$n" = "$CHECK_SIZE" ]; }; }; then
      check_step
    fi
    if [ -n "$SERVELOAD" ]; then serve_step; fi
    if [ "${BENCH_HISTORY:-1}" = 1 ]; then history_step; fi
    if [ -n "$CMP_BN" ]; then compare_step; fi
  fi
  put status ok

  # Profile where a target is missed (or always, BENCH_PROFILE=1).
  local why='' prev
  if [ "$rss" -gt "$TARGET_RSS_KB" ]; then why="peak RSS $((rss / 1024)) MiB > 1 GiB"; fi
  if [ "$records" -ge "$RATIO_FROM" ] && [ -n "$serdi" ] &&
    awk -v w="$wall" -v s="$serdi" -v t="$TARGET_RATIO" 'BEGIN { exit !(w > t * s) }'; then
    why="${why:+$why; }wall $wall s > $TARGET_RATIO × serdi's $serdi s"
  fi
  prev=$(awk -v r="$records" '$1 < r && $1 > pr { pr = $1; pb = $2 } END { print pb }' "$REPORT/bpr")
  if [ -n "$prev" ] && [ "$bpr" -ge "$prev" ]; then
    why="${why:+$why; }$bpr RSS bytes per record, not below the $prev of the size before"
  fi
  if [ "$BENCH_PROFILE" = 1 ] || { [ "$BENCH_PROFILE" = auto ] && [ -n "$why" ]; }; then
    if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$out"; fi
    profile_step "${why:-BENCH_PROFILE=1}"
  fi
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s)
for n in "${SIZES[@]}"; do
  set +e
  (set -e; bench_size "$n")
  status=$?
  set -e
  if [ $status != 0 ]; then
    echo "status=$(printf '%q' "stopped (exit $status)")" >>"$REPORT/size-$n"
    note "$n: the benchmark of this size stopped (exit $status) at $(cat "$REPORT/stopped-$n" 2>/dev/null || echo 'an unknown step'); the tables show what it measured before"
  fi
  if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$TMP/src-$n" "$TMP/out-$n"; fi
done

# --- report ----------------------------------------------------------------

# table_rows: the release table and the targets table, one row per size.
table_rows() {
  local n
  for n in "${SIZES[@]}"; do
    (
      records='' triples='' mb='' wall='' cpu='' rss='' bpr='' tps='' serdi='' rdflib='' synth='' load='' status=''
      # shellcheck disable=SC1090
      source "$REPORT/size-$n"
      mib=
      [ -z "$rss" ] || mib=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
      echo "R| ${records:-$n} | ${load:-–} | ${triples:-–} | ${mb:-–} | ${wall:-${status:-–}} | ${cpu:-–} | ${mib:-–} | ${bpr:-–} | ${tps:-–} | ${serdi:-–} | $(quot "$wall" "$serdi" 2) | ${rdflib:-–} | $(ratio "$rdflib" "$wall") | ${synth:-–} |"
    )
  done
}

targets_rows() {
  local n
  for n in "${SIZES[@]}"; do
    (
      records='' wall='' rss='' bpr='' serdi='' status=''
      # shellcheck disable=SC1090
      source "$REPORT/size-$n"
      if [ -z "$rss" ]; then
        echo "| ${records:-$n} | ${status:-not measured} | – | – | – |"
        exit 0
      fi
      r=$(within_rss "$rss")
      q=$(quot "$wall" "$serdi" 2)
      if [ "${records:-0}" -lt "$RATIO_FROM" ]; then
        s="$q (target from 1 M)"
      elif [ "$q" = "–" ]; then
        s="– (no serdi figure)"
      else
        s=$(awk -v q="$q" -v t="$TARGET_RATIO" 'BEGIN { print (q <= t ? "yes" : "NO") }')" ($q)"
      fi
      p=$(awk -v r="$records" '$1 < r && $1 > pr { pr = $1; pb = $2 } END { print pb }' "$REPORT/bpr")
      if [ -z "$p" ]; then f="– (smallest)"
      elif [ "$bpr" -lt "$p" ]; then f="yes ($p → $bpr)"
      else f="NO ($p → $bpr)"; fi
      case "$r $s $f" in
        *NO*) v=MISSED ;;
        *) v=met ;;
      esac
      [ "$status" = ok ] || v="$v ($status)"
      echo "| $records | $r ($(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') MiB) | $s | $f | $v |"
    )
  done
}

{
  echo "bordernet release benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $REV_NOTE; $(( ($(date +%s) - START) / 60 )) min"
  echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: other work slows every column alike)"
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(go version | cut -d' ' -f3-), serdi ${SERDI:+$("$SERDI" -v 2>&1 | head -1 | grep -o '[0-9][0-9.]*' | head -1)}, rdflib ${RDFLIB_VERSION:-not run}; GOMEMLIMIT and GOGC unset; releases capped at $BENCH_MEM_GB GiB of address space"
  echo
  echo "| records | load | triples | release MB | wall s | CPU s | max RSS MiB | RSS bytes/record | M triples/s | serdi s | ours ÷ serdi | rdflib s | rdflib ÷ ours | synth s |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  table_rows | sed 's/^R//'
  echo
  echo "records: listing records + records only in the curator workbook. load: the 1-minute load average when the release started. wall, CPU (user+sys) and max RSS: bordernet release, all files, checksums and catalogue, by GNU time."
  echo "serdi: serdi -i ntriples -o turtle bordernet.nt > /dev/null. ours ÷ serdi: the release's wall time divided by serdi's, in the same run. rdflib: load bordernet.nt, write Turtle and JSON-LD to /dev/null (scripts/rdflib_bench.py), limit ${RDFLIB_TIMEOUT} s and ${RDFLIB_MEM_GB} GiB; rdflib ÷ ours: its wall time divided by the release's."
  echo
  echo "Targets (issue 13): peak RSS ≤ 1 GiB with no GOMEMLIMIT; release wall ≤ $TARGET_RATIO × serdi's at 1 M records and up; RSS bytes per record falling as records grow."
  echo
  echo "| records | peak RSS ≤ 1 GiB | wall ≤ $TARGET_RATIO × serdi | bytes/record falls | verdict |"
  echo "|---:|---|---|---|---|"
  targets_rows
  if [ -s "$REPORT/verify" ]; then
    echo
    echo "bordernet verify of the release, right after it (its files partly out of the page cache):"
    echo
    echo "| records | wall s | CPU s | max RSS MiB | ≤ 1 GiB | says |"
    echo "|---:|---:|---:|---:|---|---|"
    cat "$REPORT/verify"
  fi
  if [ -s "$REPORT/history" ]; then
    echo
    echo "History: the sources again with one description in a hundred revised, released as $DATE2 (compared with $DATE: CHANGES.md, changes.json, changes.ru, changes.rdfp), then bordernet diff out/$DATE out/$DATE2."
    echo
    echo "| records | 2nd release wall s | CPU s | max RSS MiB | ≤ 1 GiB | diff wall s | CPU s | max RSS MiB | ≤ 1 GiB | changes.ru triples | diff says |"
    echo "|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|"
    cat "$REPORT/history"
  fi
  if [ -s "$REPORT/serve" ]; then
    echo
    echo "bordernet serve on the release, loopback load test (scripts/serve-bench.sh: $SERVE_REQUESTS requests per kind, $SERVE_CONNECTIONS connections, record IRIs followed through the 303; ready: from start to the first answer):"
    echo
    echo "| records | ready ms | RSS after start MiB | HTML req/s | HTML p50 ms | HTML p99 ms | Turtle req/s | Turtle p50 ms | Turtle p99 ms | errors | RSS after load MiB | peak RSS MiB | ≤ 1 GiB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    cat "$REPORT/serve"
  fi
  if [ -s "$REPORT/compare" ]; then
    echo
    echo "The same sources released by $CMP_NOTE (BENCH_COMPARE=$BENCH_COMPARE), in the same run; its SHA256SUMS against the measured release's:"
    echo
    echo "| records | wall s | CPU s | max RSS MiB | SHA256SUMS |"
    echo "|---:|---:|---:|---:|---|"
    cat "$REPORT/compare"
    [ ! -s "$REPORT/compare-diffs" ] || cat "$REPORT/compare-diffs"
  fi
  if [ -s "$REPORT/notes" ]; then
    echo
    cat "$REPORT/notes"
  fi
  for n in "${SIZES[@]}"; do
    [ ! -s "$REPORT/profile-$n" ] || cat "$REPORT/profile-$n"
  done
} | tee "${BENCH_OUT:-/dev/null}"
