#!/usr/bin/env bash
# The hooks benchmark: the wall time of `git commit` in a task worktree without and with baton's hooks (median of
# RUNS commits each), what each hook costs on its own (with the JVM's phases from BATON_HOOK_TIMING), and one CLI call
# (`baton show`). Prints a Markdown report and writes it into docs/benchmarks.md between the "bench:hooks" markers
# (the rest of that file is left alone; the markers are added at its end if missing).
#
#   bench/hooks.sh                          build target/baton.jar if missing, measure, update docs/benchmarks.md
#   BATON_JAR=/tmp/x/baton.jar bench/hooks.sh   measure that jar instead (it is not built)
#
# Environment:
#   BATON_JAR     the jar to measure (default: target/baton.jar, built with `mvn -B -q -DskipTests package` if missing)
#   RUNS          timed runs per row (default 20)
#   BENCH_DOC     the file to update (default docs/benchmarks.md); BENCH_DOC=- only prints the Markdown
#   BENCH_COMMIT  the commit the measured jar was built from, for the report (default: this checkout's HEAD)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bench/lib.sh"
jar=${BATON_JAR:-$root/target/baton.jar}
runs=${RUNS:-20}
doc=${BENCH_DOC:-$root/docs/benchmarks.md}

if [ ! -f "$jar" ]; then
  if [ -n "${BATON_JAR:-}" ]; then
    echo "bench: $jar does not exist" >&2
    exit 2
  fi
  echo "bench: building $jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/baton-hooks-bench.XXXXXX")
trap 'sleep 1; rm -rf "$work"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# bin/baton runs the jar next to it and rebuilds it when src/main is newer: copy both into a home of their own, so
# that exactly $jar is measured, with the launcher's JVM options and class-data archives.
home="$work/home"
mkdir -p "$home/bin" "$home/target"
cp "$root/bin/baton" "$home/bin/baton"
cp -p "$jar" "$home/target/baton.jar"
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
B="$home/bin/baton"

export BATON_AGENT=bench
unset BATON BATON_HOOK_SYNC BATON_HOOK_TIMING BATON_PUSH BATON_NO_CDS
repo="$work/repo"
scratch_repo "$repo"
"$B" -C "$repo" init >/dev/null
other=$("$B" -C "$repo" spawn "other work" --json | sed -n 's/.*"id":"\(T-[0-9a-z]*\)".*/\1/p')
BATON_AGENT=other "$B" -C "$repo" start "$other" >/dev/null # another agent at work, whose task the check reads
id=$("$B" -C "$repo" spawn "benchmark task" --json | sed -n 's/.*"id":"\(T-[0-9a-z]*\)".*/\1/p')
wt=$("$B" -C "$repo" start "$id" --json | sed -n 's/.*"worktree":"\([^"]*\)".*/\1/p')
[ -d "$wt" ] || wt="$work/repo.baton/$id"
[ -d "$wt" ] || { echo "bench: no worktree for $id" >&2; exit 3; }
common="$repo/.git"

# percentiles: "median p90" of the sorted numbers on stdin
percentiles() {
  awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.0f %.0f\n", m, v[int(0.9 * NR + 0.999999)] }'
}

# summarize FILE: "median p90 cpu" (ms) of the "wall user sys" lines bash's time wrote there
summarize() {
  local wall cpu
  wall=$(awk '{ print $1 * 1000 }' "$1" | sort -n | percentiles)
  cpu=$(awk '{ print ($2 + $3) * 1000 }' "$1" | sort -n | percentiles)
  echo "$wall ${cpu%% *}"
}

# commits LABEL [VAR=value...]: RUNS timed `git commit`s in the task worktree, each of one changed file; with
# FORGET=1, the pre-commit verdict kept from the last check is removed first (as any board transition would void it)
n=0
commits() {
  local label=$1 i TIMEFORMAT='%3R %3U %3S'
  shift
  : >"$work/t.$label"
  for ((i = 0; i < runs; i++)); do
    n=$((n + 1))
    echo "line $n" >>"$wt/work.txt"
    git -C "$wt" add work.txt
    [ -z "${FORGET:-}" ] || rm -f "$common/baton/verified/$id"
    { time env "$@" git -C "$wt" commit -q -m "commit $n" >/dev/null 2>"$work/err"; } 2>>"$work/t.$label" \
      || { cat "$work/err" >&2; exit 1; }
  done
  summarize "$work/t.$label"
}

# timed LABEL COMMAND...: RUNS timed runs of COMMAND (stdin from $work/stdin)
timed() {
  local label=$1 i TIMEFORMAT='%3R %3U %3S'
  shift
  : >"$work/t.$label"
  for ((i = 0; i < runs; i++)); do
    { time "$@" <"$work/stdin" >/dev/null 2>>"$work/err.$label"; } 2>>"$work/t.$label" \
      || { cat "$work/err.$label" >&2; exit 1; }
  done
  summarize "$work/t.$label"
}

# phases LABEL: the median of each phase in the BATON_HOOK_TIMING lines of $work/err.LABEL, as "name wall/cpu, ..."
phases() {
  grep -h 'baton: timing' "$work/err.$1" | sed 's/.*: [a-z-]*: //' | tr ',' '\n' | awk '
    function sort(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x } }
    { name = $1; split($2, t, "/"); if (!(name in seen)) { seen[name] = 1; order[++k] = name }
      w[name, ++c[name]] = t[1]; p[name, c[name]] = t[2] }
    END { for (j = 1; j <= k; j++) { nm = order[j]; n = c[nm]
            for (a = 1; a <= n; a++) { ww[a] = w[nm, a]; pp[a] = p[nm, a] }
            sort(ww, n); sort(pp, n); m = int((n + 1) / 2)
            printf "%s%s %d/%d", (j > 1 ? ", " : ""), nm, ww[m], pp[m] }
          printf "\n" }'
}

declare -A r
echo "bench: git commit without hooks ($runs commits) ..." >&2
commits none >/dev/null # warm the file cache and git
read -r r[none.med] r[none.p90] r[none.cpu] < <(commits none)

"$B" -C "$repo" hooks install >/dev/null
echo "bench: warming up the hooks (class-data archives) ..." >&2
commits warm BATON_HOOK_SYNC=1 >/dev/null
rm -rf "$common/baton/heartbeat"
commits warm >/dev/null # one background heartbeat, then throttled for a minute
sleep 3                 # let that heartbeat finish before measuring

echo "bench: git commit with the hooks, the board unchanged between commits ($runs commits) ..." >&2
read -r r[hooks.med] r[hooks.p90] r[hooks.cpu] < <(commits hooks)
echo "bench: git commit with the hooks, every commit checked by the JVM ($runs commits) ..." >&2
read -r r[miss.med] r[miss.p90] r[miss.cpu] < <(FORGET=1 commits miss)
echo "bench: git commit with the hooks, checked by the JVM, heartbeat in the foreground ($runs commits) ..." >&2
read -r r[sync.med] r[sync.p90] r[sync.cpu] < <(FORGET=1 commits sync BATON_HOOK_SYNC=1)

echo "bench: each hook alone ..." >&2
hooks="$common/hooks"
cd "$wt"
echo "work.txt" | tr '\n' '\0' >"$work/stdin"
read -r r[pre.med] r[pre.p90] r[pre.cpu] < <(BATON_HOOK_TIMING=1 timed prejvm "$B" hook pre-commit "$id")
read -r r[precds.med] r[precds.p90] r[precds.cpu] < <(BATON_NO_CDS=1 timed prenocds "$B" hook pre-commit "$id")
: >"$work/stdin"
echo "line" >>"$wt/work.txt"
git add work.txt
"$hooks/pre-commit" </dev/null # leaves a verdict
read -r r[prehit.med] r[prehit.p90] r[prehit.cpu] < <(timed prehit "$hooks/pre-commit")
read -r r[prescript.med] r[prescript.p90] r[prescript.cpu] < <(timed prescript sh -c 'rm -f "$1" && exec "$2"' - \
  "$common/baton/verified/$id" "$hooks/pre-commit")
git reset -q
printf 'a message\n' >"$work/msg"
read -r r[msg.med] r[msg.p90] r[msg.cpu] < <(timed msg sh -c 'cp "$1" "$1.x" && exec "$2" "$1.x"' - "$work/msg" "$hooks/commit-msg")
touch "$common/baton/heartbeat/$id"
read -r r[postthrottled.med] r[postthrottled.p90] r[postthrottled.cpu] < <(timed postthrottled "$hooks/post-commit")
: >"$work/t.postspawn"
for ((i = 0; i < runs; i++)); do
  rm -f "$common/baton/heartbeat/$id"
  { TIMEFORMAT='%3R %3U %3S'; time "$hooks/post-commit" </dev/null >/dev/null 2>&1; } 2>>"$work/t.postspawn"
  sleep 2 # the heartbeat it started runs on; let it end before the next
done
read -r r[postspawn.med] r[postspawn.p90] r[postspawn.cpu] < <(summarize "$work/t.postspawn")
read -r r[beat.med] r[beat.p90] r[beat.cpu] < <(BATON_HOOK_TIMING=1 timed beat "$B" hook post-commit "$id")
read -r r[push.med] r[push.p90] r[push.cpu] < <(BATON_HOOK_TIMING=1 timed push "$B" hook pre-push "$id")
cd "$root"

echo "bench: baton show ($runs calls) ..." >&2
: >"$work/stdin"
"$B" -C "$repo" show "$id" >/dev/null
read -r r[show.med] r[show.p90] r[show.cpu] < <(timed show "$B" -C "$repo" show "$id")

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
added=$((r[hooks.med] - r[none.med]))
added_miss=$((r[miss.med] - r[none.med]))
added_sync=$((r[sync.med] - r[none.med]))
commit=${BENCH_COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}
verdict() { if [ "$1" -lt "$2" ]; then echo "**met**"; else echo "**missed**"; fi; }

markdown() {
  echo "Measured $(date -u +%Y-%m-%d) at commit \`$commit\`; $(nproc) CPUs, $(java -version 2>&1 | head -1)."
  echo "Load average (1/5/15 min) at the start: $load_start; at the end: $load_end."
  if awk -v l="${load_start%% *}" -v n="$(nproc)" 'BEGIN { exit !(l + 0 > n / 2) }'; then
    echo "Other processes were using the machine: wall times are noisy, CPU times less so."
  fi
  echo
  echo "| $runs runs each | median ms | p90 ms | CPU ms (median) |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| \`git commit\` in a task worktree, no hooks | ${r[none.med]} | ${r[none.p90]} | ${r[none.cpu]} |"
  echo "| \`git commit\` with baton's hooks, the board unchanged since the last check (its verdict reused) | ${r[hooks.med]} | ${r[hooks.p90]} | ${r[hooks.cpu]} |"
  echo "| \`git commit\` with baton's hooks, every commit checked by the JVM (as after any board transition) | ${r[miss.med]} | ${r[miss.p90]} | ${r[miss.cpu]} |"
  echo "| the same with \`BATON_HOOK_SYNC=1\` (the heartbeat in the foreground, every commit) | ${r[sync.med]} | ${r[sync.p90]} | ${r[sync.cpu]} |"
  echo "| pre-commit script, verdict reused (shell and git only) | ${r[prehit.med]} | ${r[prehit.p90]} | ${r[prehit.cpu]} |"
  echo "| pre-commit script, checked (shell, \`git diff --cached\`, the JVM) | ${r[prescript.med]} | ${r[prescript.p90]} | ${r[prescript.cpu]} |"
  echo "| \`baton hook pre-commit\` (the JVM alone) | ${r[pre.med]} | ${r[pre.p90]} | ${r[pre.cpu]} |"
  echo "| \`baton hook pre-commit\` without the class-data archive | ${r[precds.med]} | ${r[precds.p90]} | ${r[precds.cpu]} |"
  echo "| commit-msg script (shell, no JVM) | ${r[msg.med]} | ${r[msg.p90]} | ${r[msg.cpu]} |"
  echo "| post-commit script, heartbeat less than a minute ago (shell only) | ${r[postthrottled.med]} | ${r[postthrottled.p90]} | ${r[postthrottled.cpu]} |"
  echo "| post-commit script, starting the background heartbeat | ${r[postspawn.med]} | ${r[postspawn.p90]} | ${r[postspawn.cpu]} |"
  echo "| \`baton hook post-commit\` (the heartbeat itself, off the commit's path) | ${r[beat.med]} | ${r[beat.p90]} | ${r[beat.cpu]} |"
  echo "| \`baton hook pre-push\` (one task branch) | ${r[push.med]} | ${r[push.p90]} | ${r[push.cpu]} |"
  echo "| \`baton show <id>\` | ${r[show.med]} | ${r[show.p90]} | ${r[show.cpu]} |"
  echo
  echo "Inside the JVM (\`BATON_HOOK_TIMING=1\`, median ms wall/CPU of each phase; \"main\" is from the JVM's start to"
  echo "\`main\`):"
  echo
  echo "- pre-commit: $(phases prejvm)"
  echo "- post-commit: $(phases beat)"
  echo "- pre-push: $(phases push)"
  echo
  echo "The hooks add **${added_miss} ms** to a commit that the JVM checks (median with minus median without; target:" \
    "under 200 ms): target $(verdict "$added_miss" 200). When the board has not moved since the last check they add" \
    "${added} ms; with the heartbeat in the foreground as well, ${added_sync} ms."
  echo "\`baton show\` takes **${r[show.med]} ms** (target: under 250 ms): target $(verdict "${r[show.med]}" 250)."
}

out=$(markdown)
echo "$out"
if [ "$doc" != - ]; then
  mkdir -p "$(dirname "$doc")"
  [ -f "$doc" ] || echo "# Benchmarks" >"$doc"
  if ! grep -q '<!-- bench:hooks:begin -->' "$doc"; then
    printf '\n<!-- bench:hooks:begin -->\n<!-- bench:hooks:end -->\n' >>"$doc"
  fi
  awk -v body="$out" '
    /<!-- bench:hooks:begin -->/ { print; print body; skip = 1; next }
    /<!-- bench:hooks:end -->/ { skip = 0 }
    !skip { print }' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  echo "bench: wrote the figures into $doc" >&2
fi
