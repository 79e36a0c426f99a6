#!/usr/bin/env bash
# Scale benchmark (issue 4): ready, claim --next, show and one transition (requeue) at 1,000 / 10,000 / 100,000 tasks
# (all COMPLETED through claim, start, done, approve and merge, but QUEUED of them, half of which wait for another),
# in process (bench/ScaleBench.java) and as CLI calls with -Xmx256m (wall, CPU, peak RSS); then the same on a board
# of 1,000 WORKING + 200 QUEUED tasks with a short history and with a history of 1,000,000 transitions.
# Every board is built from real transitions (ScaleBench build|history, through git fast-import) and replays clean.
#
#   BATON_JAR=/tmp/b/baton.jar bench/scale.sh
# Environment: BATON_JAR (default target/baton.jar), SIZES ("1000 10000 100000"), QUEUED (200), WARMUP (3), REPS (7,
# in-process rounds), CLI_REPS (7), HEAP (the CLI's -Xmx, 256m), HISTORY ("5000 1000000": history lengths), WORK (kept, and boards already built
# there are reused), CHECKPOINT (1: also checkpoint a copy of each board and time the CLI on it).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=${BATON_JAR:-$root/target/baton.jar}
SIZES=${SIZES:-"1000 10000 100000"}
QUEUED=${QUEUED:-200}
WARMUP=${WARMUP:-3}
REPS=${REPS:-7}
CLI_REPS=${CLI_REPS:-7}
HISTORY=${HISTORY:-"5000 1000000"}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/baton-scale.XXXXXX")}
mkdir -p "$work"
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "scale: $jar does not exist" >&2; exit 2; }
load() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
javac -nowarn -cp "$jar" -d "$work/cls" "$root/bench/ScaleBench.java" "$root/bench/dev/baton/store/FastImportHistory.java"
cp_="$jar:$work/cls"
cli=(java -Xmx${HEAP:-256m} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$jar")
export BATON_AGENT=bench-worker

# inproc LABEL REPO: in-process medians
inproc() {
  local l0 l1; l0=$(load)
  java -cp "$cp_" ScaleBench inproc "$2" "$WARMUP" "$REPS" >"$work/inproc.txt"
  l1=$(load)
  sed -n 's/^RESULT /INPROC '"$1"' load='"$l0"'\/'"$l1"' /p; s/^HEAP /HEAP '"$1"' /p' "$work/inproc.txt"
}
# clicall LABEL OP REPO ARGS...: CLI_REPS calls, median wall / user+sys / max RSS (KB) / failures
clicall() {
  local label=$1 op=$2 repo=$3; shift 3
  local l0 l1 fails=0; l0=$(load); : >"$work/t.txt"
  for _ in $(seq 1 "$CLI_REPS"); do
    if ! /usr/bin/time -f "%e %U %S %M" -a -o "$work/t.txt" "${cli[@]}" -C "$repo" "$@" >/dev/null 2>"$work/cli.err"; then
      fails=$((fails + 1)); cat "$work/cli.err" >&2
    fi
    [ "$op" = claim_next ] && "${cli[@]}" -C "$repo" requeue "$(cat "$work/claimed" 2>/dev/null || echo none)" >/dev/null 2>&1 || true
  done
  l1=$(load)
  echo "CLI $label op=$op wall_s=$(awk '{print $1}' "$work/t.txt" | median) cpu_s=$(awk '{print $2+$3}' "$work/t.txt" | median) maxrss_mb=$(awk '{printf "%.0f\n", $4/1024}' "$work/t.txt" | sort -n | tail -1) fails=$fails load=$l0/$l1"
}
# cli_all LABEL REPO COMPLETED_ID
cli_all() {
  clicall "$1" ready "$2" ready
  # claim --next, then requeue it (untimed) so that the board stays the same; the claimed id comes from --json
  local l0 l1; l0=$(load); : >"$work/t.txt"; : >"$work/t2.txt"
  for _ in $(seq 1 "$CLI_REPS"); do
    # a call that fails (out of memory, say) is timed and counted like the others, and does not end the run
    id=$({ /usr/bin/time -f "%e %U %S %M" -a -o "$work/t.txt" "${cli[@]}" -C "$2" --json claim --next || true; } |
      sed -n 's/.*"id" *: *"\(T-[a-z0-9]*\)".*/\1/p' | head -1)
    /usr/bin/time -f "%e %U %S %M" -a -o "$work/t2.txt" "${cli[@]}" -C "$2" requeue "${id:-none}" >/dev/null 2>&1 || true
  done
  l1=$(load)
  echo "CLI $1 op=claim_next wall_s=$(awk '{print $1}' "$work/t.txt" | median) cpu_s=$(awk '{print $2+$3}' "$work/t.txt" | median) maxrss_mb=$(awk '{printf "%.0f\n", $4/1024}' "$work/t.txt" | sort -n | tail -1) load=$l0/$l1"
  echo "CLI $1 op=transition(requeue) wall_s=$(awk '{print $1}' "$work/t2.txt" | median) cpu_s=$(awk '{print $2+$3}' "$work/t2.txt" | median) maxrss_mb=$(awk '{printf "%.0f\n", $4/1024}' "$work/t2.txt" | sort -n | tail -1) load=$l0/$l1"
  clicall "$1" show "$2" show "$3"
}

# build KIND DIR ARGS...: builds a board once (ScaleBench build|history), printing its size and history
build() {
  local kind=$1 dir=$2; shift 2
  if [ ! -f "$dir.ids" ]; then
    echo "scale: building $dir (load $(load)) ..." >&2
    local t; t=$(date +%s)
    java -Xmx2g -cp "$cp_" ScaleBench "$kind" "$dir" "$@" >"$dir.ids.tmp"
    mv "$dir.ids.tmp" "$dir.ids"
    echo "BUILD $kind $* seconds=$(( $(date +%s) - t ))" >"$dir.build"
  fi
  cat "$dir.build"
  echo "BOARD $(basename "$dir") commits=$(git -C "$dir" rev-list --count refs/baton/board) pack_mb=$(du -sm "$dir/.git/objects" | cut -f1)"
}

# checkpointed LABEL DIR ID: a copy of the board, checkpointed (with the heap its history needs), then the same CLI
# calls on it (CHECKPOINT=1)
checkpointed() {
  [ "${CHECKPOINT:-0}" = 1 ] || return 0
  local label=$1 dir=$2 id=$3 l0
  rm -rf "$dir.ckpt"; cp -a "$dir" "$dir.ckpt"
  l0=$(load)
  /usr/bin/time -f "%e %U %S %M" -o "$work/t.txt" java -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" \
    -C "$dir.ckpt" --as bench-admin checkpoint >/dev/null
  echo "CHECKPOINT $label wall_s=$(awk '{print $1}' "$work/t.txt") cpu_s=$(awk '{print $2+$3}' "$work/t.txt") maxrss_mb=$(awk '{printf "%.0f\n", $4/1024}' "$work/t.txt") load=$l0/$(load) objects_in_pack=$(git -C "$dir.ckpt" count-objects -v | sed -n 's/^in-pack: //p')"
  cli_all "$label checkpointed" "$dir.ckpt" "$id"
  rm -rf "$dir.ckpt"
}

for n in $SIZES; do
  build build "$work/b$n" "$n" "$QUEUED"
  done_id=$(sed -n 's/^COMPLETED //p' "$work/b$n.ids")
  "${cli[@]}" -C "$work/b$n" ready >/dev/null || echo "CLI tasks=$n warm-up call failed (heap ${HEAP:-256m})" # page cache
  inproc "tasks=$n" "$work/b$n"
  cli_all "tasks=$n" "$work/b$n" "$done_id"
  checkpointed "tasks=$n" "$work/b$n" "$done_id"
done

for h in $HISTORY; do
  build history "$work/h$h" 1000 "$h"
  queued_id=$(sed -n 's/^QUEUED //p' "$work/h$h.ids")
  "${cli[@]}" -C "$work/h$h" ready >/dev/null || echo "CLI history=$h warm-up call failed (heap ${HEAP:-256m})"
  inproc "history=$h" "$work/h$h"
  cli_all "history=$h" "$work/h$h" "$queued_id"
  checkpointed "history=$h" "$work/h$h" "$queued_id"
done
