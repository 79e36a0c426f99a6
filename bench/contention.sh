#!/usr/bin/env bash
# Contention benchmark (issue 3): claims per second and CAS retries per claim with N concurrent processes looping
# claim --next (bench/ClaimBench.java, one JVM per process, JVM start-up outside the timed window), and the same
# compare-and-swap loop done with plain git (`git update-ref refs/x NEW OLD`) by N bash processes, as the reference.
#
#   bench/contention.sh                          # ~8-10 min on a loaded 2-core machine; stops by itself
#   BATON_JAR=/tmp/b/baton.jar bench/contention.sh
#
# Environment: BATON_JAR (default target/baton.jar), NS ("1 2 4 8"), REPEATS (3), WARMUP (3 s, not counted),
# MEASURE (10 s), QUEUED (300 QUEUED tasks on each fresh board), PROFILE=1 (also record JFR of one process at N=4 into
# $WORK/claim.jfr), WORK (scratch dir, default a temp dir, kept when PROFILE=1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=${BATON_JAR:-$root/target/baton.jar}
NS=${NS:-"1 2 4 8"}
REPEATS=${REPEATS:-3}
WARMUP=${WARMUP:-3}
MEASURE=${MEASURE:-10}
QUEUED=${QUEUED:-300}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/baton-contention.XXXXXX")}
mkdir -p "$work"
[ -n "${WORK:-}" ] || [ "${PROFILE:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "contention: $jar does not exist (mvn -B -q -DskipTests package)" >&2; exit 2; }
load() { cut -d' ' -f1 /proc/loadavg; }

# Compile the benchmark once (the source launcher would compile it again in every process, under the timer's nose).
javac -nowarn -cp "$jar" -d "$work/cls" "$root/bench/ClaimBench.java"
cp_="$jar:$work/cls"
echo "contention: preparing a board with $QUEUED QUEUED tasks (load $(load)) ..." >&2
java -cp "$cp_" ClaimBench prepare "$work/template" "$QUEUED"

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "# kind N repeat claims retries seconds claims_per_s retries_per_claim cpu_ms_per_claim load_before load_after"
for rep in $(seq 1 "$REPEATS"); do
  for n in $NS; do
    # --- baton: N JVMs looping claimNext on a fresh copy of the board --------------------------------------------
    rm -rf "$work/repo" && cp -a "$work/template" "$work/repo"
    l0=$(load)
    start=$(( $(date +%s%3N) + 4000 + 1500 * n )) # every JVM is up and has read the board before this
    pids=()
    for i in $(seq 1 "$n"); do
      jfr=()
      if [ "${PROFILE:-}" = 1 ] && [ "$n" = 4 ] && [ "$rep" = 1 ] && [ "$i" = 1 ]; then
        jfr=("-XX:StartFlightRecording=filename=$work/claim.jfr,settings=profile")
      fi
      java "${jfr[@]}" -cp "$cp_" ClaimBench run "$work/repo" "$start" "$WARMUP" "$MEASURE" "agent-$i" \
        >"$work/out.$i" 2>"$work/err.$i" &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || echo "contention: a claim process failed: $(cat "$work"/err.*)" >&2; done
    l1=$(load)
    cat "$work"/out.* | awk -v n="$n" -v rep="$rep" -v l0="$l0" -v l1="$l1" '
      { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        c += v["claims"]; r += v["retries"]; cpu += v["cpu_ms"]; if (v["seconds"] > s) s = v["seconds"] }
      END { printf "baton %d %d %d %d %.2f %.2f %.3f %.1f %s %s\n", n, rep, c, r, s, c / s, (c ? r / c : 0), (c ? cpu / c : 0), l0, l1 }'
    rm -f "$work"/out.* "$work"/err.*

    # --- reference: N bash loops doing the same CAS with git plumbing ------------------------------------------
    rm -rf "$work/git" && git init -q --bare "$work/git"
    g="$work/git"
    empty=$(git --git-dir="$g" mktree </dev/null)
    root_c=$(git --git-dir="$g" commit-tree -m root "$empty")
    git --git-dir="$g" update-ref refs/x "$root_c"
    l0=$(load)
    for i in $(seq 1 "$n"); do
      (
        end=$(( $(date +%s%3N) + (WARMUP + MEASURE) * 1000 )); warm=$(( $(date +%s%3N) + WARMUP * 1000 ))
        ok=0 retries=0 k=0 t0=0
        while :; do
          now=$(date +%s%3N); [ "$now" -ge "$end" ] && break
          [ "$t0" = 0 ] && [ "$now" -ge "$warm" ] && { t0=$now; ok=0; retries=0; }
          while :; do # read tip -> new blob, tree, commit -> update-ref NEW OLD; on a lost race read again
            old=$(git --git-dir="$g" rev-parse refs/x)
            k=$((k + 1))
            blob=$(echo "{\"claim\": $k, \"by\": $i}" | git --git-dir="$g" hash-object -w --stdin)
            tree=$(printf '100644 blob %s\tT-%d-%d.json\n' "$blob" "$i" "$k" | git --git-dir="$g" mktree)
            new=$(git --git-dir="$g" commit-tree -p "$old" -m "claim $k by $i" "$tree")
            if git --git-dir="$g" update-ref refs/x "$new" "$old" 2>/dev/null; then break; fi
            retries=$((retries + 1))
          done
          ok=$((ok + 1))
        done
        [ "$t0" = 0 ] && t0=$warm
        echo "$ok $retries $(( $(date +%s%3N) - t0 ))"
      ) >"$work/gout.$i" &
    done
    wait
    l1=$(load)
    cat "$work"/gout.* | awk -v n="$n" -v rep="$rep" -v l0="$l0" -v l1="$l1" '
      { c += $1; r += $2; if ($3 / 1000 > s) s = $3 / 1000 }
      END { printf "git %d %d %d %d %.2f %.2f %.3f - %s %s\n", n, rep, c, r, s, c / s, (c ? r / c : 0), l0, l1 }'
    rm -f "$work"/gout.*
  done
done | tee "$work/raw.txt"

echo
echo "Medians over $REPEATS repeats (load = 1-minute load average before/after each run; medians of those too):"
echo "| kind | N | claims/s | retries/claim | CPU ms/claim (sum over processes) | load |"
echo "|---|---:|---:|---:|---:|---|"
for kind in baton git; do
  for n in $NS; do
    rows=$(awk -v k="$kind" -v n="$n" '$1 == k && $2 == n' "$work/raw.txt")
    cps=$(awk '{print $7}' <<<"$rows" | median)
    rpc=$(awk '{print $8}' <<<"$rows" | median)
    cpu=$(awk '{print $9}' <<<"$rows" | grep -v -- - | median || true)
    ld=$(awk '{print $10}' <<<"$rows" | median)
    echo "| $kind | $n | $cps | $rpc | ${cpu:--} | $ld |"
  done
done
[ "${PROFILE:-}" = 1 ] && echo "JFR recording: $work/claim.jfr" >&2
exit 0
