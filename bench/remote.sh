#!/usr/bin/env bash
# The remote-mode benchmark: claims per second and the median latency of one claim (claim --next, in an agent process
# that stays up) through `git daemon` on 127.0.0.1, with 1 and 4 clones, with and without the server's validator;
# the same in local mode; and, as the reference, the same compare-and-swap done with plain git in a shell loop
# (fetch, commit-tree, push --force-with-lease). Prints a Markdown table; nothing is written anywhere else.
#
#   bench/remote.sh                              build target/baton.jar if missing, then measure (~5 min idle)
#   BATON_JAR=/tmp/x/baton.jar bench/remote.sh   measure that jar
#
# Environment:
#   BATON_JAR     the jar to measure (default target/baton.jar, built with `mvn -B -q -DskipTests package` if missing)
#   TASKS_1       claims made by the single clone (default 40)
#   TASKS_4       claims shared by the four clones (default 100)
#   PLAIN_CLAIMS  claims made by the plain-git loops, per scenario (default 100)
#   LIMIT         seconds any one scenario may run before its clients stop (default 300)
# Everything runs on this machine only: the daemon listens on 127.0.0.1, on a port the kernel picks, and is stopped
# when the script ends, however it ends.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=${BATON_JAR:-$root/target/baton.jar}
tasks1=${TASKS_1:-40}
tasks4=${TASKS_4:-100}
plain_claims=${PLAIN_CLAIMS:-100}
limit=${LIMIT:-300}

if [ ! -f "$jar" ]; then
  if [ -n "${BATON_JAR:-}" ]; then
    echo "bench: $jar does not exist" >&2
    exit 2
  fi
  echo "bench: building $jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/baton-remote-bench.XXXXXX")
daemon_pid=
children=()
cleanup() {
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
  for p in "${children[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The launcher and the jar in a home of their own (as bench/run.sh does): the hooks and the CLI then run exactly this
# jar, with the launcher's JVM options and class-data archives.
home="$work/home"
mkdir -p "$home/bin" "$home/target"
cp "$root/bin/baton" "$home/bin/baton"
cp -p "$jar" "$home/target/baton.jar"
baton="$home/bin/baton"
export GIT_TERMINAL_PROMPT=0
unset BATON BATON_AGENT

javac -nowarn -cp "$jar" -d "$work/classes" "$root/bench/RemoteBench.java"
client=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$jar:$work/classes" RemoteBench)

identity() { git -C "$1" config user.name "$2" && git -C "$1" config user.email "$2@example.com" && git -C "$1" config gc.auto 0; }

# server DIR VALIDATOR: a bare repository DIR/srv.git with main, and baton's update hook when VALIDATOR=1
server() {
  local dir=$1
  mkdir -p "$dir"
  git init -q --bare "$dir/srv.git"
  git -C "$dir/srv.git" config gc.auto 0
  git init -q -b main "$dir/seed"
  identity "$dir/seed" seed
  echo "# bench" >"$dir/seed/README.md"
  git -C "$dir/seed" add README.md && git -C "$dir/seed" commit -q -m "Start"
  git -C "$dir/seed" push -q "$dir/srv.git" main
  git -C "$dir/srv.git" symbolic-ref HEAD refs/heads/main
  if [ "$2" = 1 ]; then "$baton" hooks install --server "$dir/srv.git" >/dev/null; fi
}

# daemon DIR: serves DIR on a free loopback port; sets $port and $daemon_pid
daemon() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1)
  git daemon --reuseaddr --base-path="$1" --export-all --enable=receive-pack --listen=127.0.0.1 --port="$port" \
    "$1" 2>"$1/daemon.err" &
  daemon_pid=$!
  local i
  for ((i = 0; i < 300; i++)); do
    git ls-remote "git://127.0.0.1:$port/srv.git" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: git daemon did not come up: $(cat "$1/daemon.err")" >&2
  return 1
}

stop_daemon() {
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=
}

# clone URL DIR NAME: a clone in remote mode
clone() {
  git clone -q "$1" "$2"
  identity "$2" "$3"
  (cd "$2" && "$baton" --as "$3" init --remote origin >/dev/null)
}

# run_claims LABEL N REPO...: N tasks, then one claim loop per REPO at once; prints the figures line
run_claims() {
  local label=$1 n=$2 i
  shift 2
  local repos=("$@")
  "${client[@]}" spawn "${repos[0]}" "$n" >/dev/null
  local go="$work/go-$label" pids=()
  for ((i = 0; i < ${#repos[@]}; i++)); do
    timeout $((limit + 120)) "${client[@]}" claim "${repos[$i]}" "agent-$i" "$go" "$work/$label-$i.out" "$limit" \
      2>>"$work/$label.err" &
    pids+=($!)
    children+=($!)
  done
  sleep 2 # let them start, open the repository and read the board once
  local load0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  touch "$go"
  for p in "${pids[@]}"; do wait "$p" || echo "bench: a claim loop of $label failed" >&2; done
  figures "$label" "${#repos[@]}" "$n" "$load0" "$work/$label"-*.out
}

# figures LABEL CLIENTS TASKS LOAD FILES...: "label clients claims errors claims/s median p90 load" from the loops' lines
figures() {
  local label=$1 clients=$2 tasks=$3 load0=$4
  shift 4
  local errors span lat
  errors=$(cat "$@" | awk '$1 == "END" { e += $2 } END { print e + 0 }')
  # the run's span: from the first claim's start to the last claim's end, in seconds
  span=$(cat "$@" | awk '$1 != "END" && NF >= 2 { if (min == "" || $1 < min) min = $1; if ($2 > max) max = $2 }
    END { printf "%.3f", (max - min) / 1e9 }')
  lat=$(cat "$@" | awk '$1 != "END" && NF >= 2 { printf "%.1f\n", ($2 - $1) / 1e6 }' | sort -n)
  awk -v label="$label" -v clients="$clients" -v tasks="$tasks" -v errors="$errors" -v span="$span" \
    -v load0="$load0" -v load1="$(cut -d' ' -f1 /proc/loadavg)" '
    { v[++n] = $1 }
    END {
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      p90 = v[int(0.9 * n + 0.999999)]
      printf "%s %d %d/%d %d %.1f %.0f %.0f %s/%s\n", label, clients, n, tasks, errors, (span > 0 ? n / span : 0), med, p90, load0, load1
    }' <<<"$lat"
}

# plain_loop DIR N OUT REF: N compare-and-swap "claims" on REF with plain git, each retried until it lands
plain_loop() {
  local dir=$1 n=$2 out=$3 ref=$4 i tip new start tree tries=0
  cd "$dir"
  tree=$(git mktree </dev/null)
  : >"$out"
  for ((i = 0; i < n; i++)); do
    start=$(date +%s%N)
    while :; do
      git fetch -q --no-tags origin "+$ref:$ref"
      tip=$(git rev-parse "$ref")
      new=$(git commit-tree -p "$tip" -m "claim $i by $(basename "$dir")" "$tree")
      if git push -q --porcelain --force-with-lease="$ref:$tip" origin "$new:$ref" \
        >/dev/null 2>&1; then
        break
      fi
      tries=$((tries + 1))
      [ "$tries" -lt 5000 ] || { echo "END $tries" >>"$out"; return 1; }
    done
    echo "$start $(date +%s%N)" >>"$out"
  done
  echo "END 0" >>"$out"
}

# run_plain LABEL URL CLIENTS: PLAIN_CLAIMS claims split across CLIENTS plain-git loops at once
run_plain() {
  local label=$1 url=$2 clients=$3 i pids=() ref=refs/bench/$1
  local seed="$work/$label-seed"
  git clone -q "$url" "$seed"
  identity "$seed" seed
  git -C "$seed" push -q origin "$(git -C "$seed" commit-tree -m start "$(git -C "$seed" mktree </dev/null)"):$ref"
  for ((i = 0; i < clients; i++)); do
    git clone -q "$url" "$work/$label-c$i"
    identity "$work/$label-c$i" "plain-$i"
  done
  local load0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  for ((i = 0; i < clients; i++)); do
    (timeout "$limit" bash -c "$(declare -f plain_loop); plain_loop '$work/$label-c$i' $((plain_claims / clients)) '$work/$label-$i.out' $ref") &
    pids+=($!)
    children+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || echo "bench: a plain loop of $label failed" >&2; done
  local commits
  commits=$(git -C "$seed" fetch -q origin "+$ref:$ref" && git -C "$seed" rev-list --count "$ref")
  [ "$commits" = $(((plain_claims / clients) * clients + 1)) ] || echo "bench: $label: $commits commits on the ref, expected $(((plain_claims / clients) * clients + 1))" >&2
  figures "$label" "$clients" $(((plain_claims / clients) * clients)) "$load0" "$work/$label"-*.out
}

results=()
echo "bench: daemon, validator installed, 1 clone ..." >&2
server "$work/v1" 1 && daemon "$work/v1"
clone "git://127.0.0.1:$port/srv.git" "$work/v1/c0" agent-0
results+=("$(run_claims v1 "$tasks1" "$work/v1/c0")")
stop_daemon

echo "bench: daemon, validator installed, 4 clones ..." >&2
server "$work/v4" 1 && daemon "$work/v4"
for i in 0 1 2 3; do clone "git://127.0.0.1:$port/srv.git" "$work/v4/c$i" "agent-$i"; done
results+=("$(run_claims v4 "$tasks4" "$work/v4/c0" "$work/v4/c1" "$work/v4/c2" "$work/v4/c3")")
stop_daemon

echo "bench: daemon, no validator, 1 and 4 clones ..." >&2
server "$work/n1" 0 && daemon "$work/n1"
clone "git://127.0.0.1:$port/srv.git" "$work/n1/c0" agent-0
results+=("$(run_claims n1 "$tasks1" "$work/n1/c0")")
stop_daemon
server "$work/n4" 0 && daemon "$work/n4"
for i in 0 1 2 3; do clone "git://127.0.0.1:$port/srv.git" "$work/n4/c$i" "agent-$i"; done
results+=("$(run_claims n4 "$tasks4" "$work/n4/c0" "$work/n4/c1" "$work/n4/c2" "$work/n4/c3")")

echo "bench: plain git push --force-with-lease through the same daemon, 1 and 4 loops ..." >&2
results+=("$(run_plain p1 "git://127.0.0.1:$port/srv.git" 1)")
results+=("$(run_plain p4 "git://127.0.0.1:$port/srv.git" 4)")
stop_daemon

echo "bench: local mode, 1 and 4 processes ..." >&2
for n in 1 4; do
  git init -q -b main "$work/local$n"
  identity "$work/local$n" local
  git -C "$work/local$n" commit -q --allow-empty -m "Start"
  (cd "$work/local$n" && "$baton" --as boss init >/dev/null)
  repos=()
  for ((i = 0; i < n; i++)); do repos+=("$work/local$n"); done
  if [ "$n" = 1 ]; then tasks=$tasks1; else tasks=$tasks4; fi
  results+=("$(run_claims "l$n" "$tasks" "${repos[@]}")")
done

cat <<EOF

Commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); load average at the start/end of each run in the last column.

| mode | clones | claims (made/tasks) | errors | claims/s | median claim (ms) | p90 (ms) | load |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
EOF
for r in "${results[@]}"; do
  read -r label clients claims errors rate med p90 load <<<"$r"
  case $label in
  v*) mode="baton, git daemon, validator installed" ;;
  n*) mode="baton, git daemon, no validator" ;;
  p*) mode="plain git through the daemon: fetch, commit-tree, push --force-with-lease" ;;
  l*) mode="baton, local mode (one repository, JGit compare-and-swap)" ;;
  *) mode=$label ;;
  esac
  echo "| $mode | $clients | $claims | $errors | $rate | $med | $p90 | $load |"
done
