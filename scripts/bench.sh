#!/usr/bin/env bash
# scripts/bench.sh: the end-to-end benchmark behind `make bench`.
#
# For each size it generates a synthetic dataset with cmd/synth, runs
#   bordernet release --out TMP/out --date 2026-11-27 SOURCE
# and bordernet verify on the release it made
# under GNU time (wall, user+sys CPU, peak RSS), then times the reference
# points on the same graph: serdi converting the release's N-Triples to
# Turtle, and rdflib (scripts/rdflib_bench.py) loading the N-Triples and
# writing Turtle and JSON-LD, with a time limit and a memory cap. It prints
# one Markdown table.
#
# usage: scripts/bench.sh [SIZE...]          (default: 10000 100000 1000000)
#
# Environment:
#   BENCH_TMP=DIR        work here (default: a new mktemp -d, removed at the end)
#   BENCH_KEEP=1         keep the generated datasets and releases
#   BENCH_OUT=FILE       also write the table (and machine lines) to FILE
#   BENCH_INSTALL=0      do not try to apt-get install missing tools
#   BENCH_SEED=S         synth seed (default 1)
#   BORDERNET=PATH       use this bordernet binary instead of building one
#   BENCH_REV=REV        build a commit (git archive REV) instead of the
#                        working tree, which other people's unfinished edits
#                        may break or change
#   BENCH_MEM_GB=N       address-space cap (ulimit -v) of each bordernet
#                        release (default 12): the machine is shared, and a
#                        release that grows far past the 1 GiB target is
#                        reported as such rather than allowed to starve
#                        everyone else. A Go program needs about 1 GiB of
#                        address space beyond its RSS, so keep N >= 2.
#   RDFLIB_TIMEOUT=SEC   time limit of each rdflib run (default 300)
#   RDFLIB_MEM_GB=N      address-space cap of each rdflib run (default 8):
#                        the machine is shared, and rdflib holds the whole
#                        graph in memory
#   BENCH_HISTORY=0      skip the history: a second release with one record
#                        in a hundred changed, and bordernet diff of the two
#   BENCH_CHECK=1        run the release checks (scripts/check-release.sh:
#                        rapper, sorted N-Triples, JSON-LD = N-Triples =
#                        Turtle on a sample, DCAT-AP shapes, SHA256SUMS) on
#                        the largest size's release (default 1; 0: never;
#                        all: every size), untimed, after the measurements
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATE=2026-11-27
SEED=${BENCH_SEED:-1}
RDFLIB_TIMEOUT=${RDFLIB_TIMEOUT:-300}
RDFLIB_MEM_GB=${RDFLIB_MEM_GB:-8}
BENCH_MEM_GB=${BENCH_MEM_GB:-12}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000 1000000); fi
for n in "${SIZES[@]}"; do
  case $n in ''|*[!0-9]*) echo "bench: size '$n' is not a whole number" >&2; exit 2 ;; esac
done
BENCH_CHECK=${BENCH_CHECK:-1}
LARGEST=$(printf '%s\n' "${SIZES[@]}" | sort -n | tail -1)

say() { echo "bench: $*" >&2; }
NOTES=()
note() { NOTES+=("$*"); say "$*"; }

if [ -n "${BENCH_TMP:-}" ]; then
  TMP=$BENCH_TMP
  mkdir -p "$TMP" || exit 2
else
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/bordernet-bench.XXXXXX") || exit 2
  if [ "${BENCH_KEEP:-0}" != 1 ]; then trap 'rm -rf "$TMP"' EXIT; fi
fi
say "working in $TMP"

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
  try_install time
  if ! gnu_time; then
    say "GNU time (/usr/bin/time) is missing: install it with 'apt-get install time'; nothing can be measured without it"
    exit 2
  fi
fi

SERDI=$(command -v serdi || true)
if [ -z "$SERDI" ]; then
  try_install serdi
  SERDI=$(command -v serdi || true)
fi
[ -n "$SERDI" ] || note "serdi is missing: install it with 'apt-get install serdi'; its column is left empty"

# rdflib from Debian lives in the system python, which may not be the first
# python3 on PATH (pyenv).
find_rdflib() {
  local py
  for py in /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -x "$py" ] && "$py" -c 'import rdflib' 2>/dev/null; then echo "$py"; return 0; fi
  done
  return 1
}
PY=$(find_rdflib)
if [ -z "$PY" ]; then
  try_install python3-rdflib
  PY=$(find_rdflib)
fi
if [ -n "$PY" ]; then
  RDFLIB_VERSION=$("$PY" -c 'import rdflib; print(rdflib.__version__)')
else
  note "rdflib is missing: install it with 'apt-get install python3-rdflib'; its column is left empty"
fi

# --- build -----------------------------------------------------------------

mkdir -p "$TMP/bin"
BUILD=$ROOT
REV_NOTE="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo ' + working tree (uncommitted changes)')"
if [ -n "${BENCH_REV:-}" ]; then
  BUILD=$TMP/tree
  rm -rf "$BUILD" && mkdir -p "$BUILD" || exit 2
  if ! git -C "$ROOT" archive "$BENCH_REV" | tar -x -C "$BUILD"; then
    say "cannot export $BENCH_REV with git archive"
    exit 2
  fi
  REV_NOTE="commit $(git -C "$ROOT" rev-parse --short "$BENCH_REV") (git archive, working tree not used)"
fi
cd "$BUILD" || exit 2
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

# --- measuring ---------------------------------------------------------------

# timed FILE CMD...: run CMD under GNU time -v, the report in FILE; returns
# CMD's exit status.
timed() {
  local report=$1
  shift
  /usr/bin/time -v -o "$report" "$@"
}

# wall_s/cpu_s/rss_kb FILE: read a GNU time -v report.
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

# ratio A B: A / B with one decimal, or "–" when either is missing. An A of
# "did not finish in T s" gives "> T/B×".
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (b == "" || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "–"; exit }
    if (a ~ /^did not finish in [0-9]+ s$/) { split(a, w, " "); printf "> %.0f×", w[5] / b; exit }
    if (a == "" || a !~ /^[0-9.]+$/) { print "–"; exit }
    printf "%.1f×", a / b }'
}

# history_bench N RECORDS: the release's history at this size. The
# listing's sources are copied with one description in a hundred revised
# (a sentence appended; ids stay), released again with --date $DATE2
# (comparing with $DATE, writing CHANGES.md, changes.json and the graph
# difference), then `bordernet diff` compares the two releases. Each is
# timed like the release.
HIST_ROWS=()
DATE2=2026-12-03
history_bench() {
  local n=$1 records=$2 src2=$TMP/src2-$n
  rm -rf "$src2" && cp -r "$src" "$src2" || return
  # Descriptions are the long paragraphs (200 to 800 characters; titles
  # are short): every hundredth gets a sentence more.
  awk 'length($0) > 150 { if (++d % 100 == 0) $0 = $0 " Revised in the second release." } { print }' \
    "$src/listing.txt" >"$src2/listing.txt" || return
  say "$n: release again with one description in a hundred revised"
  local rwall= rcpu= rrss= dwall= dcpu= drss= dout=
  if (
    ulimit -v $((BENCH_MEM_GB * 1024 * 1024))
    timed "$TMP/release2-$n.time" "$BN" release --out "$out" --date "$DATE2" "$src2"
  ) >"$TMP/release2-$n.log" 2>&1; then
    rwall=$(wall_s "$TMP/release2-$n.time")
    rcpu=$(cpu_s "$TMP/release2-$n.time")
    rrss=$(($(rss_kb "$TMP/release2-$n.time") / 1024))
  else
    note "$n: the second release failed: $(tail -3 "$TMP/release2-$n.log" | tr '\n' ' ')"
    return
  fi
  say "$n: bordernet diff $DATE $DATE2"
  (
    ulimit -v $((BENCH_MEM_GB * 1024 * 1024))
    timed "$TMP/diff-$n.time" "$BN" diff "$out/$DATE" "$out/$DATE2"
  ) >"$TMP/diff-$n.log" 2>&1
  if [ $? = 1 ]; then
    dwall=$(wall_s "$TMP/diff-$n.time")
    dcpu=$(cpu_s "$TMP/diff-$n.time")
    drss=$(($(rss_kb "$TMP/diff-$n.time") / 1024))
    dout=$(tail -1 "$TMP/diff-$n.log")
  else
    note "$n: bordernet diff did not exit 1: $(tail -3 "$TMP/diff-$n.log" | tr '\n' ' ')"
  fi
  local ru
  ru=$(grep -c '^<' "$out/$DATE2/changes.ru" 2>/dev/null)
  HIST_ROWS+=("| $records | ${rwall:-–} | ${rcpu:-–} | ${rrss:-–} | ${dwall:-–} | ${dcpu:-–} | ${drss:-–} | ${ru:-–} | ${dout:-–} |")
  rm -rf "$src2"
}

ROWS=()
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RDFLIB_STOPPED=   # the size at which rdflib first failed: larger ones are not run

for n in "${SIZES[@]}"; do
  src=$TMP/src-$n out=$TMP/out-$n
  rm -rf "$src" "$out"
  say "$n: generating"
  if ! synth_line=$(timed "$TMP/synth-$n.time" "$TMP/bin/synth" -n "$n" -seed "$SEED" -out "$src"); then
    note "$n: synth failed"
    continue
  fi
  new=$(sed -n 's/.*(\([0-9]*\) enriching, \([0-9]*\) new).*/\2/p' <<<"$synth_line")
  records=$((n + ${new:-0}))
  synth_wall=$(wall_s "$TMP/synth-$n.time")

  triples= wall= cpu= rss= mb= bpr= tps= serdi= rdflib=
  nt=$out/$DATE/bordernet.nt
  if [ -n "$BN" ]; then
    say "$n: bordernet release (cap $BENCH_MEM_GB GiB)"
    if (
      ulimit -v $((BENCH_MEM_GB * 1024 * 1024))
      timed "$TMP/release-$n.time" "$BN" release --out "$out" --date "$DATE" "$src"
    ) >"$TMP/release-$n.log" 2>&1; then
      wall=$(wall_s "$TMP/release-$n.time")
      cpu=$(cpu_s "$TMP/release-$n.time")
      rss=$(rss_kb "$TMP/release-$n.time")
      mb=$(du -sm "$out/$DATE" | cut -f1)
      bpr=$((rss * 1024 / records))
      if [ -f "$nt" ]; then
        triples=$(wc -l <"$nt")
        tps=$(awk -v t="$triples" -v w="$wall" 'BEGIN { if (w > 0) printf "%.2f", t / w / 1e6 }')
      else
        note "$n: the release has no $DATE/bordernet.nt"
      fi
    else
      status=$?
      if grep -q 'out of memory' "$TMP/release-$n.log"; then
        wall="out of memory (cap $BENCH_MEM_GB GiB)"
        note "$n: bordernet release ran out of memory at the $BENCH_MEM_GB GiB cap after $(wall_s "$TMP/release-$n.time") s"
      else
        wall="failed (exit $status)"
        note "$n: bordernet release failed (exit $status) after $(wall_s "$TMP/release-$n.time") s wall, $(cpu_s "$TMP/release-$n.time") s CPU, max RSS $(($(rss_kb "$TMP/release-$n.time") / 1024)) MiB: $(grep -v ': warning: ' "$TMP/release-$n.log" | tail -3 | tr '\n' ' ')"
      fi
    fi
  fi

  # bordernet verify on the release just made: every checksum, the
  # catalogue, and every file read by its format.
  if [ -n "$BN" ] && [ -n "$triples" ]; then
    say "$n: bordernet verify"
    if timed "$TMP/verify-$n.time" "$BN" verify "$out/$DATE" >"$TMP/verify-$n.log" 2>&1; then
      NOTES+=("verify at $records records: $(wall_s "$TMP/verify-$n.time") s wall, $(cpu_s "$TMP/verify-$n.time") s CPU, max RSS $(($(rss_kb "$TMP/verify-$n.time") / 1024)) MiB ($(tail -1 "$TMP/verify-$n.log"))")
    else
      note "$n: bordernet verify failed (exit $?): $(tail -3 "$TMP/verify-$n.log" | tr '\n' ' ')"
    fi
  fi

  if [ -n "$SERDI" ] && [ -f "$nt" ]; then
    say "$n: serdi"
    if timed "$TMP/serdi-$n.time" "$SERDI" -i ntriples -o turtle "$nt" >/dev/null 2>"$TMP/serdi-$n.log"; then
      serdi=$(wall_s "$TMP/serdi-$n.time")
      NOTES+=("serdi at $records records: max RSS $(($(rss_kb "$TMP/serdi-$n.time") / 1024)) MiB")
    else
      note "$n: serdi failed on bordernet.nt: $(head -c 300 "$TMP/serdi-$n.log")"
    fi
  fi

  if [ -n "$PY" ] && [ -f "$nt" ]; then
    if [ -n "$RDFLIB_STOPPED" ]; then
      rdflib="not run (failed at $RDFLIB_STOPPED)"
    else
      say "$n: rdflib (limit ${RDFLIB_TIMEOUT} s, ${RDFLIB_MEM_GB} GiB)"
      (
        ulimit -v $((RDFLIB_MEM_GB * 1024 * 1024))
        timed "$TMP/rdflib-$n.time" timeout -k 10 "$RDFLIB_TIMEOUT" "$PY" "$BUILD/scripts/rdflib_bench.py" "$nt"
      ) >"$TMP/rdflib-$n.json" 2>"$TMP/rdflib-$n.log"
      status=$?
      phases=$(awk -F'"' '/"phase": "(parse|turtle|jsonld)"/ { for (i = 1; i < NF; i++) if ($i == "s") { v = $(i+1); gsub(/[^0-9.]/, "", v) } printf "%s%s %s s", sep, $4, v; sep = ", " }' "$TMP/rdflib-$n.json")
      NOTES+=("rdflib at $records records: ${phases:-no phase finished}; max RSS $(($(rss_kb "$TMP/rdflib-$n.time" 2>/dev/null || echo 0) / 1024)) MiB")
      if [ $status = 0 ]; then
        rdflib=$(wall_s "$TMP/rdflib-$n.time")
      else
        if [ $status = 124 ] || [ $status = 137 ]; then
          rdflib="did not finish in $RDFLIB_TIMEOUT s"
        elif grep -q MemoryError "$TMP/rdflib-$n.log"; then
          rdflib="out of memory (cap $RDFLIB_MEM_GB GiB)"
        else
          rdflib="failed (exit $status)"
          note "$n: rdflib failed: $(tail -3 "$TMP/rdflib-$n.log")"
        fi
        RDFLIB_STOPPED=$n
      fi
    fi
  fi

  if [ -f "$nt" ] && { [ "$BENCH_CHECK" = all ] || { [ "$BENCH_CHECK" = 1 ] && [ "$n" = "$LARGEST" ]; }; }; then
    say "$n: release checks (scripts/check-release.sh)"
    if (cd "$ROOT" && scripts/check-release.sh "$out/$DATE") >"$TMP/check-$n.log" 2>&1; then
      NOTES+=("release checks at $records records: $(tail -1 "$TMP/check-$n.log")")
    else
      note "$n: the release checks FAIL: $(grep -E '^(FAIL|SKIP) ' "$TMP/check-$n.log" | tr '\n' ' ')(log: $TMP/check-$n.log)"
    fi
    cat "$TMP/check-$n.log" >&2
  fi

  if [ -f "$nt" ] && [ "${BENCH_HISTORY:-1}" = 1 ]; then
    history_bench "$n" "$records"
  fi

  mib=
  [ -n "$rss" ] && mib=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
  ROWS+=("| $records | ${triples:-–} | ${mb:-–} | ${wall:-–} | ${cpu:-–} | ${mib:-–} | ${bpr:-–} | ${tps:-–} | ${serdi:-–} | $(ratio "$serdi" "$wall") | ${rdflib:-–} | $(ratio "$rdflib" "$wall") | $synth_wall |")
  if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$src" "$out"; fi
done

# --- report ----------------------------------------------------------------

{
  echo "bordernet release benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $REV_NOTE"
  echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: other work slows every column alike)"
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(go version | cut -d' ' -f3-), serdi ${SERDI:+$("$SERDI" -v 2>&1 | head -1 | grep -o '[0-9][0-9.]*' | head -1)}, rdflib ${RDFLIB_VERSION:-missing}"
  echo
  echo "| records | triples | release MB | wall s | CPU s | max RSS MiB | RSS bytes/record | M triples/s | serdi s | serdi ÷ ours | rdflib s | rdflib ÷ ours | synth s |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "records: listing records + records only in the curator workbook. wall, CPU (user+sys) and max RSS: bordernet release, all formats, checksums and catalogue, by GNU time."
  echo "serdi: serdi -i ntriples -o turtle bordernet.nt > /dev/null. rdflib: load bordernet.nt, write Turtle and JSON-LD to /dev/null (scripts/rdflib_bench.py), limit ${RDFLIB_TIMEOUT} s and ${RDFLIB_MEM_GB} GiB."
  echo "÷ ours: the reference's wall time divided by the whole release's. M triples/s: triples of bordernet.nt per second of the whole release."
  for n in "${NOTES[@]}"; do echo "- $n"; done
  if ((${#HIST_ROWS[@]})); then
    echo
    echo "History: the sources again with one description in a hundred revised, released as $DATE2 (compared with $DATE: CHANGES.md, changes.json, changes.ru, changes.rdfp), then bordernet diff out/$DATE out/$DATE2."
    echo
    echo "| records | 2nd release wall s | CPU s | max RSS MiB | diff wall s | CPU s | max RSS MiB | changes.ru triples | diff says |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${HIST_ROWS[@]}"
  fi
} | tee "${BENCH_OUT:-/dev/null}"
