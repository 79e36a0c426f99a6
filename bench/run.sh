#!/usr/bin/env bash
# The board benchmark: transitions per second in one process (bench/BoardBench.java) and the wall time of one CLI call
# (`baton show`), on boards of 100 and 10,000 tasks. Prints a table and writes it into docs/benchmarks.md between the
# "bench:results" markers (the rest of that file is left alone).
#
#   bench/run.sh                      build target/baton.jar if missing or stale, measure, update docs/benchmarks.md
#   BATON_JAR=/tmp/x/baton.jar bench/run.sh    measure that jar instead (it is not built)
#
# Environment:
#   BATON_JAR      the jar to measure (default: target/baton.jar, built with `mvn -B -q -DskipTests package` when it is
#                  missing or older than src/main, as bin/baton does)
#   BENCH_ARGS     extra options for BoardBench (e.g. "--rounds 3 --transitions 60"; see the top of BoardBench.java)
#   CLI_RUNS       timed `baton show` calls per size and mode (default 20)
#   BENCH_DOC      the file to update (default docs/benchmarks.md); BENCH_DOC=- only prints the Markdown
#   JAVA_OPTS      JVM options for the in-process benchmark (default: none, the JVM's own defaults)
#   BENCH_COMMIT   the commit the measured jar was built from, for the report (default: this checkout's HEAD)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=${BATON_JAR:-$root/target/baton.jar}
runs=${CLI_RUNS:-20}
doc=${BENCH_DOC:-$root/docs/benchmarks.md}

# Like bin/baton: the default jar is (re)built when it is missing or older than the sources; a given one is used as is.
stale() {
  [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]
}
if [ -n "${BATON_JAR:-}" ]; then
  if [ ! -f "$jar" ]; then
    echo "bench: $jar does not exist" >&2
    exit 2
  fi
elif stale; then
  echo "bench: building $jar ..." >&2
  mkdir -p "$root/target"
  (
    command -v flock >/dev/null 2>&1 && { exec 9>"$root/target/.build.lock"; flock 9; } # as bin/baton does
    if stale; then cd "$root" && mvn -B -q -DskipTests package; fi
  ) >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/baton-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

# ---- 1. in process ------------------------------------------------------------------------------------------------
echo "bench: in-process transitions (BoardBench) ..." >&2
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$jar" "$root/bench/BoardBench.java" --dir "$work/boards" ${BENCH_ARGS:-} | tee "$work/inproc.txt" >&2

# value KEY LINE: the value of KEY=... in a RESULT/RATIO/REPO line
value() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
result() { grep "^RESULT scenario=$1 tasks=$2 " "$work/inproc.txt" || true; }
ratio() { grep "^RATIO scenario=$1 " "$work/inproc.txt" || true; }
command_result() { grep "^COMMAND scenario=$1 tasks=$2 command=$3 " "$work/inproc.txt" || true; }

cmd_row() { # cmd_row LABEL SCENARIO COMMAND: the median latency of one command at both sizes
  local a b r=""
  a=$(value median_ms "$(command_result "$2" "$small" "$3")")
  b=$(value median_ms "$(command_result "$2" "$large" "$3")")
  [ -n "$a" ] && [ -n "$b" ] && r=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.2f", b / a }')
  echo "| $1 | ${a:--} | ${b:--} | ${r:--} |"
}

# ---- 2. one CLI call ----------------------------------------------------------------------------------------------
# bin/baton runs the jar next to it (../target/baton.jar) and rebuilds it when src/main is newer. To measure exactly
# $jar, with the launcher's own JVM options and CDS archive, copy the launcher into a home of its own.
home="$work/home"
mkdir -p "$home/bin" "$home/target"
cp "$root/bin/baton" "$home/bin/baton"
cp -p "$jar" "$home/target/baton.jar"
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"

# one_call FILE DIR ID NO_CDS: times `baton -C DIR show ID` (with BATON_NO_CDS=NO_CDS) and appends "wall user sys" (s)
one_call() {
  local TIMEFORMAT='%3R %3U %3S'
  { time BATON_NO_CDS=$4 "$home/bin/baton" -C "$2" show "$3" >/dev/null 2>"$work/stderr"; } 2>>"$1" \
    || { cat "$work/stderr" >&2; return 1; }
}

# percentiles: "median p90" of the sorted numbers on stdin
percentiles() {
  awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.0f %.0f\n", m, v[int(0.9 * NR + 0.999999)] }'
}

declare -A cli
sizes=()
repos=()
ids=()
while read -r line; do
  [ "$(value scenario "$line")" = rotate ] || continue
  sizes+=("$(value tasks "$line")")
  repos+=("$(value dir "$line")")
  ids+=("$(value id "$line")")
done < <(grep '^REPO ' "$work/inproc.txt")

echo "bench: baton show at ${sizes[*]} tasks: $runs calls each with the CDS archive and without, interleaved ..." >&2
for k in "${!sizes[@]}"; do
  "$home/bin/baton" -C "${repos[$k]}" show "${ids[$k]}" >/dev/null # makes the CDS archive (and JGit's file-system probe)
  "$home/bin/baton" -C "${repos[$k]}" show "${ids[$k]}" >/dev/null
  BATON_NO_CDS=1 "$home/bin/baton" -C "${repos[$k]}" show "${ids[$k]}" >/dev/null
  : >"$work/times-$k-cds"
  : >"$work/times-$k-nocds"
done
# every size and mode in turn, so that a change in the machine's load hits them alike
for ((i = 0; i < runs; i++)); do
  for k in "${!sizes[@]}"; do
    one_call "$work/times-$k-cds" "${repos[$k]}" "${ids[$k]}" ""
    one_call "$work/times-$k-nocds" "${repos[$k]}" "${ids[$k]}" 1
  done
done
for k in "${!sizes[@]}"; do
  for mode in cds nocds; do
    n=${sizes[$k]}
    read -r "cli[$n.$mode.median]" "cli[$n.$mode.p90]" < <(awk '{ print $1 * 1000 }' "$work/times-$k-$mode" | sort -n | percentiles)
    read -r "cli[$n.$mode.cpu]" _ < <(awk '{ print ($2 + $3) * 1000 }' "$work/times-$k-$mode" | sort -n | percentiles)
  done
done
load_cli=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 3. report ----------------------------------------------------------------------------------------------------
small=${sizes[0]:-100}
large=${sizes[1]:-10000}
fmt_n() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

row() { # row LABEL KEY SCENARIO: one table row from the RESULT lines of both sizes, and their ratio
  local a b r=""
  a=$(value "$2" "$(result "$3" "$small")")
  b=$(value "$2" "$(result "$3" "$large")")
  [ -n "$a" ] && [ -n "$b" ] && r=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.2f", b / a }')
  echo "| $1 | ${a:--} | ${b:--} | ${r:--} |"
}

target_line() {
  local r c verdict
  r=$(value median_ratio "$(ratio rotate)")
  c=$(value cpu_ratio "$(ratio rotate)")
  if [ -z "$r" ]; then
    echo "Target not evaluated (the rotate scenario was not run at two sizes)."
    return
  fi
  if awk -v r="$r" 'BEGIN { exit !(r <= 1.5) }'; then verdict="**Target met**"; else verdict="**Target missed**"; fi
  echo "$verdict (rotate scenario): the median transition latency at $(fmt_n "$large") tasks is ${r}x the one at" \
    "$(fmt_n "$small") tasks (target: at most 1.5x); median CPU time per transition: ${c}x."
}

jvm=$(sed -n 's/^# JVM \([^o]\)/\1/p' "$work/inproc.txt")
jvm_options=$(sed -n 's/^# JVM options //p' "$work/inproc.txt")
jgit=$(sed -n 's/^# JGit \([^,]*\),.*/\1/p' "$work/inproc.txt")
setup=$(sed -n 's/^# JGit [^,]*, //p' "$work/inproc.txt")
load_start=$(sed -n 's/^# load average at the start: \([^ ]* [^ ]* [^ ]*\).*/\1/p' "$work/inproc.txt")
load_end=$(sed -n 's/^# load average at the end: \([^ ]* [^ ]* [^ ]*\).*/\1/p' "$work/inproc.txt")
commit=${BENCH_COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}
dirty=$([ -n "$(git -C "$root" status --porcelain -- src/main pom.xml 2>/dev/null)" ] && echo " (src/main has uncommitted changes)" || true)
if [ -n "${BENCH_COMMIT:-}" ]; then
  dirty=""
elif [ -n "${BATON_JAR:-}" ]; then
  dirty=" (measured jar: \`$jar\`, built by the caller)"
fi

markdown() {
  echo "Measured $(date -u +%Y-%m-%d) at commit \`$commit\`$dirty; $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), JVM $jvm; JGit $jgit."
  echo "In-process JVM: $jvm_options."
  echo "In-process setup: $setup. Load average (1/5/15 min) at the start of the in-process run: $load_start, at its end: $load_end."
  if awk -v l="${load_start%% *}" -v n="$(nproc)" 'BEGIN { exit !(l + 0 > n / 2) }'; then
    echo "Other processes were using the machine during the run: wall times are noisy, CPU times less so."
  fi
  echo
  echo "| In process, one thread | $(fmt_n "$small") tasks | $(fmt_n "$large") tasks | ratio |"
  echo "|---|---:|---:|---:|"
  row "**rotate**: transitions/s" per_second rotate
  row "**rotate**: median latency (ms)" median_ms rotate
  row "**rotate**: p90 latency (ms)" p90_ms rotate
  row "**rotate**: median CPU time of the thread per transition (ms)" cpu_median_ms rotate
  row "**rotate**: bytes written per transition (loose objects, compressed)" stored_bytes rotate
  row "**rotate**: bytes per transition, uncompressed" raw_bytes rotate
  row "**rotate**: objects per transition" objects rotate
  row "**lifecycle**: transitions/s" per_second lifecycle
  row "**lifecycle**: median latency (ms)" median_ms lifecycle
  row "**lifecycle**: median CPU time per transition (ms)" cpu_median_ms lifecycle
  row "**lifecycle**: bytes written per transition (compressed)" stored_bytes lifecycle
  row "**all-open**: transitions/s" per_second all-open
  row "**all-open**: median latency (ms)" median_ms all-open
  row "**all-open**: p90 latency (ms)" p90_ms all-open
  row "**all-open**: median CPU time per transition (ms)" cpu_median_ms all-open
  cmd_row "**all-open**: median latency of claim (leaves QUEUED) (ms)" all-open claim
  cmd_row "**all-open**: median latency of start (QUEUED untouched) (ms)" all-open start
  row "**all-open**: bytes written per transition (compressed)" stored_bytes all-open
  row "**queue**: transitions/s" per_second queue
  row "**queue**: median latency (ms)" median_ms queue
  row "**queue**: p90 latency (ms)" p90_ms queue
  row "**queue**: median CPU time per transition (ms)" cpu_median_ms queue
  cmd_row "**queue**: median latency of the claim-next transitions (ms)" queue claim-next
  cmd_row "**queue**: median latency of the spawn transitions (ms)" queue spawn
  row "**queue**: bytes written per transition (compressed)" stored_bytes queue
  echo
  target_line
  echo
  echo "| CLI: \`bin/baton -C <repo> show <id>\`, $runs calls each (load at the end: $load_cli) | $(fmt_n "$small") tasks | $(fmt_n "$large") tasks |"
  echo "|---|---:|---:|"
  echo "| with the CDS archive (default): median wall time (p90) | ${cli[$small.cds.median]:--} ms (${cli[$small.cds.p90]:--}) | ${cli[$large.cds.median]:--} ms (${cli[$large.cds.p90]:--}) |"
  echo "| with the CDS archive: median CPU time (user + sys) | ${cli[$small.cds.cpu]:--} ms | ${cli[$large.cds.cpu]:--} ms |"
  echo "| \`BATON_NO_CDS=1\`: median wall time (p90) | ${cli[$small.nocds.median]:--} ms (${cli[$small.nocds.p90]:--}) | ${cli[$large.nocds.median]:--} ms (${cli[$large.nocds.p90]:--}) |"
  echo "| \`BATON_NO_CDS=1\`: median CPU time (user + sys) | ${cli[$small.nocds.cpu]:--} ms | ${cli[$large.nocds.cpu]:--} ms |"
}

markdown >"$work/results.md"
echo >&2
cat "$work/results.md"
echo >&2
echo "bench: finished in $(($(date +%s) - started)) s" >&2

begin='<!-- bench:results:begin -->'
end='<!-- bench:results:end -->'
if [ "$doc" = - ]; then
  exit 0
elif [ -f "$doc" ] && grep -qF "$begin" "$doc" && grep -qF "$end" "$doc"; then
  awk -v begin="$begin" -v end="$end" -v results="$work/results.md" '
    $0 == begin { print; while ((getline l < results) > 0) print l; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$doc" >"$work/doc.md"
  cat "$work/doc.md" >"$doc"
  echo "bench: updated the results in $doc" >&2
else
  mkdir -p "$(dirname "$doc")"
  { echo "## Board transitions (first benchmark)"; echo; echo "$begin"; cat "$work/results.md"; echo "$end"; } >>"$doc"
  echo "bench: appended the results to $doc" >&2
fi
