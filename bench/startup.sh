#!/usr/bin/env bash
# CLI start-up: the wall and CPU time of one short CLI call (`baton show <id>`, also `list` and `heartbeat`), median
# of RUNS calls each, for the jar and launcher of each commit named, in several JVM set-ups: plain `java -jar`, the
# launcher's flags without and with a class-data archive (recorded from one `show`, from one `--version`, from the
# training run), and bin/baton itself. All set-ups of all commits are run round-robin, so that a change in the
# machine's load weighs on each alike. Also counts the classes each call loads and how many of them come from
# outside the archive. Prints Markdown.
#
#   bench/startup.sh                      this checkout's HEAD
#   bench/startup.sh A B C                each of these commits, in that order (before / after each change)
#   bench/startup.sh --flags [REV]        JVM flag variants on one commit's jar (default HEAD)
#   bench/startup.sh --phases [REV]       where one `show` spends its time (bench/StartupPhases.java), medians
#
# Each commit is exported with `git archive` and built with `mvn -o -q -DskipTests package` in a scratch folder (the
# checkout and its target/ are not touched), then measured on a board of its own (5 tasks, one claimed).
#
# Environment:
#   RUNS    calls per row (default 11)
#   KEEP    keep the scratch folder (its path is printed)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bench/lib.sh"
runs=${RUNS:-11}
mode=commits
case ${1:-} in
--flags | --phases)
  mode=${1#--}
  shift
  ;;
esac
[ $# -gt 0 ] || set -- HEAD

work=$(mktemp -d "${TMPDIR:-/tmp}/baton-startup-bench.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "bench: scratch folder $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
export BATON_AGENT=bench
unset BATON BATON_TRACE BATON_NO_CDS BATON_JAVA_OPTS
quiet=(-Xlog:disable -Xlog:all=off)
launcher_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

load() { cut -d' ' -f1-3 /proc/loadavg; }

# build REV DIR: the jar and launcher of REV in DIR/home/{bin/baton,target/baton.jar}
build() {
  local rev=$1 dir=$2
  mkdir -p "$dir/src" "$dir/home/bin" "$dir/home/target"
  git -C "$root" archive "$rev" | tar -x -C "$dir/src"
  echo "bench: building $rev ..." >&2
  (cd "$dir/src" && mvn -B -q -o "-Dbaton.build.dir=$dir/build" -DskipTests package) >&2
  cp -p "$dir/build/baton.jar" "$dir/home/target/baton.jar"
  cp "$dir/src/bin/baton" "$dir/home/bin/baton"
  rm -rf "$dir/src" "$dir/build"
}

# board DIR: a repository with a board of 5 tasks, the second claimed by "bench"; sets $show_id and $beat_id
board() {
  local dir=$1 jar=$1/home/target/baton.jar i
  local b=(java "${launcher_flags[@]}" "${quiet[@]}" -jar "$jar" -C "$dir/repo")
  scratch_repo "$dir/repo"
  "${b[@]}" init >/dev/null
  for i in 1 2 3 4 5; do
    "${b[@]}" spawn "Task $i" --spec "What task $i is about." >>"$dir/ids"
  done
  show_id=$(sed -n 1p "$dir/ids")
  beat_id=$(sed -n 2p "$dir/ids")
  "${b[@]}" claim "$beat_id" >/dev/null
}

# archive FILE CLASS-OR-JAR ARGS...: record a dynamic class-data archive from one run
archive() {
  local file=$1
  shift
  java "${launcher_flags[@]}" "${quiet[@]}" "-XX:ArchiveClassesAtExit=$file" "$@" >/dev/null 2>&1 || true
  [ -s "$file" ]
}

# classes SHARE-OPTION ARGS...: "loaded/outside the archive" for one run of java with the launcher's flags
classes() {
  local f="$work/classes.txt"
  rm -f "$f"
  java "${launcher_flags[@]}" -Xlog:disable "-Xlog:class+load:file=$f::filecount=0" "$@" >/dev/null 2>&1 || true
  echo "$(grep -c 'source:' "$f")/$(grep 'source:' "$f" | grep -vc 'shared objects file')"
}

# rows LABEL::COMMAND...: RUNS rounds over the commands (run by bash, output dropped); prints one line per command:
# "label|wall median|cpu median|wall min"
rows() {
  local -a labels cmds
  local k=0 c i j TIMEFORMAT='%3R %3U %3S'
  for c in "$@"; do
    labels[k]=${c%%::*}
    cmds[k]=${c#*::}
    k=$((k + 1))
  done
  for ((j = 0; j < k; j++)); do
    bash -c "${cmds[j]}" >/dev/null 2>&1 || true # warm the file cache
    : >"$work/t.$j"
  done
  for ((i = 0; i < runs; i++)); do
    for ((j = 0; j < k; j++)); do
      { time bash -c "exec ${cmds[j]}" >/dev/null 2>&1; } 2>>"$work/t.$j" || true
    done
  done
  for ((j = 0; j < k; j++)); do
    echo "${labels[j]}|$(awk '{ print $1 * 1000 }' "$work/t.$j" | median)|$(awk '{ print ($2 + $3) * 1000 }' "$work/t.$j" | median)|$(awk '{ print $1 * 1000 }' "$work/t.$j" | sort -n | head -1)"
  done
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

table() {
  echo "| $runs calls each, round-robin | wall ms (median) | CPU ms (median) | wall ms (min) |"
  echo "| --- | ---: | ---: | ---: |"
  tr '|' '\t' | while IFS=$'\t' read -r label wall cpu min; do
    echo "| $label | $wall | $cpu | $min |"
  done
}

header() {
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) CPUs, $(java -version 2>&1 | head -1); $runs calls a row."
}

# setup REV: sets short (REV's short id) and dir ($work/<short>), builds REV there and makes its board
setup() {
  short=$(git -C "$root" rev-parse --short "$1")
  dir="$work/$short"
  build "$1" "$dir"
  board "$dir"
}

# prepare REV: build REV, make its board and its archives (from one `show`, one `--version`, the training run if the
# jar has one), and time the launcher's first call of the jar once; prints the short commit id
prepare() {
  local rev=$1 dir short
  setup "$rev"
  echo "$show_id $beat_id" >"$dir/tasks"
  local jar="$dir/home/target/baton.jar"
  archive "$dir/show.jsa" -jar "$jar" -C "$dir/repo" show "$show_id"
  archive "$dir/version.jsa" -jar "$jar" --version
  if jar tf "$jar" | grep -q '^dev/baton/cli/TrainingRun.class$'; then
    archive "$dir/train.jsa" -cp "$jar" dev.baton.cli.TrainingRun
  fi
  # the launcher's first call of a new jar records its archive: the old launcher from that very call, the new one
  # from a training run before it
  local TIMEFORMAT='%3R %3U %3S'
  { time "$dir/home/bin/baton" -C "$dir/repo" show "$show_id" >/dev/null 2>&1; } 2>&1 |
    awk '{ printf "%.0f / %.0f", $1 * 1000, ($2 + $3) * 1000 }' >"$dir/first"
  echo "$short"
}

# commits REV...: each commit's jar and launcher in several set-ups, all measured in one round-robin (so that the
# machine's load weighs on every commit alike); tables with one column per commit
commits() {
  local -a shorts=() r=()
  local rev short dir jar repo show_id beat_id key
  for rev in "$@"; do
    shorts+=("$(prepare "$rev")")
  done
  local j="java ${launcher_flags[*]} ${quiet[*]}"
  for short in "${shorts[@]}"; do
    dir="$work/$short" jar="$work/$short/home/target/baton.jar" repo="$work/$short/repo"
    read -r show_id beat_id <"$dir/tasks"
    local show="-jar $jar -C $repo show $show_id"
    r+=("$short:default::java ${quiet[*]} $show" "$short:plain::$j -Xshare:auto $show")
    for key in show version train; do
      [ ! -s "$dir/$key.jsa" ] || r+=("$short:$key::$j -XX:SharedArchiveFile=$dir/$key.jsa $show")
    done
    r+=("$short:lshow::$dir/home/bin/baton -C $repo show $show_id" "$short:llist::$dir/home/bin/baton -C $repo list"
      "$short:lbeat::$dir/home/bin/baton -C $repo heartbeat $beat_id")
  done
  local l0 l1
  l0=$(load)
  echo "bench: measuring ${#r[@]} set-ups ($runs rounds) ..." >&2
  rows "${r[@]}" >"$work/rows"
  l1=$(load)
  for short in "${shorts[@]}"; do
    echo "$short:first|$(cat "$work/$short/first")||" >>"$work/rows"
  done

  echo "Commits, oldest first:"
  echo
  for short in "${shorts[@]}"; do
    echo "- \`$short\` $(git -C "$root" log -1 --format=%s "$short" | cut -c1-110)"
  done
  echo
  echo "Load average (1/5/15 min) before: $l0; after: $l1. Each cell: median wall ms / median CPU ms (user + sys, of the"
  echo "process and its children) of $runs calls of \`show <id>\` unless said otherwise."
  echo
  pivot "${shorts[@]}" <"$work/rows"
  echo
  echo "Classes loaded / of them from outside the archives (\`-Xlog:class+load\`, one call each, the launcher's flags):"
  echo
  {
    for short in "${shorts[@]}"; do
      dir="$work/$short" jar="$work/$short/home/target/baton.jar" repo="$work/$short/repo"
      read -r show_id beat_id <"$dir/tasks"
      echo "$short:cplain|$(classes -Xshare:auto -jar "$jar" -C "$repo" show "$show_id")||"
      for key in show version train; do
        [ -s "$dir/$key.jsa" ] || continue
        echo "$short:c$key|$(classes "-XX:SharedArchiveFile=$dir/$key.jsa" -jar "$jar" -C "$repo" show "$show_id")||"
        echo "$short:c${key}list|$(classes "-XX:SharedArchiveFile=$dir/$key.jsa" -jar "$jar" -C "$repo" list)||"
        echo "$short:c${key}beat|$(classes "-XX:SharedArchiveFile=$dir/$key.jsa" -jar "$jar" -C "$repo" heartbeat "$beat_id")||"
      done
    done
  } | pivot "${shorts[@]}"
}

# pivot SHORT...: "short:key|wall|cpu|min" lines on stdin as a table, one row per key, one column per commit
pivot() {
  local flags
  flags=$(echo "${launcher_flags[@]}")
  awk -F'|' -v commits="$*" -v flags="$flags" '
    BEGIN {
      n = split(commits, c, " ")
      split("default plain show version train lshow llist lbeat first cplain cshow cshowlist cshowbeat cversion cversionlist cversionbeat ctrain ctrainlist ctrainbeat", order, " ")
      d["default"] = "`java -jar baton.jar show <id>`: JDK defaults (its own archive only)"
      d["plain"] = "`java " flags "`, no archive of baton'"'"'s"
      d["show"] = "the same, archive recorded from one `show`"
      d["version"] = "the same, archive recorded from one `--version`"
      d["train"] = "the same, archive recorded from the training run"
      d["lshow"] = "`bin/baton show <id>`, that commit'"'"'s launcher (its archive made)"
      d["llist"] = "`bin/baton list`"
      d["lbeat"] = "`bin/baton heartbeat <id>`"
      d["first"] = "`bin/baton show <id>`, first call of a new jar (makes the archive; one call)"
      d["cplain"] = "`show`, no archive of baton'"'"'s"
      d["cshow"] = "`show`, archive from one `show`"
      d["cshowlist"] = "`list`, archive from one `show`"
      d["cshowbeat"] = "`heartbeat`, archive from one `show`"
      d["cversion"] = "`show`, archive from one `--version`"
      d["cversionlist"] = "`list`, archive from one `--version`"
      d["cversionbeat"] = "`heartbeat`, archive from one `--version`"
      d["ctrain"] = "`show`, archive from the training run"
      d["ctrainlist"] = "`list`, archive from the training run"
      d["ctrainbeat"] = "`heartbeat`, archive from the training run"
    }
    { split($1, k, ":"); cell[k[2], k[1]] = ($3 == "" ? $2 : $2 " / " $3); seen[k[2]] = 1 }
    END {
      printf "|"; for (i = 1; i <= n; i++) printf " | `%s`", c[i]; printf " |\n"
      printf "| ---"; for (i = 1; i <= n; i++) printf " | ---:"; printf " |\n"
      for (o = 1; o in order; o++) {
        key = order[o]; if (!(key in seen)) continue
        printf "| %s", d[key]
        for (i = 1; i <= n; i++) printf " | %s", ((key, c[i]) in cell ? cell[key, c[i]] : "–")
        printf " |\n"
      }
    }'
}

# flags REV: JVM flag variants for `show`, all with the training run's archive
flags() {
  local rev=$1 dir short
  setup "$rev"
  local jar="$dir/home/target/baton.jar" repo="$dir/repo"
  archive "$dir/train.jsa" -cp "$jar" dev.baton.cli.TrainingRun || { echo "bench: $short has no training run" >&2; exit 2; }
  local a="-XX:SharedArchiveFile=$dir/train.jsa" show="-jar $jar -C $repo show $show_id" l0 l1
  l0=$(load)
  echo "bench: measuring flag variants on $short ($runs rounds) ..." >&2
  rows \
    "C1 only, serial GC::java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${quiet[*]} $a $show" \
    "C1 only, serial GC, -XX:-UsePerfData::java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData ${quiet[*]} $a $show" \
    "C1 only, G1 (the default collector)::java -XX:TieredStopAtLevel=1 ${quiet[*]} $a $show" \
    "C1 and C2 (default tiers), serial GC::java -XX:+UseSerialGC ${quiet[*]} $a $show" \
    "interpreter only (-Xint), serial GC::java -Xint -XX:+UseSerialGC ${quiet[*]} $a $show" \
    "\`java -version\`, C1 only, serial GC (the JVM alone)::java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version" \
    >"$dir/rows"
  l1=$(load)
  echo "#### JVM flags, \`show\` with the training run's archive, at \`$short\`"
  echo
  echo "Load average (1/5/15 min) before: $l0; after: $l1."
  echo
  table <"$dir/rows"
  echo
}

# phases REV: the median of each phase of bench/StartupPhases.java (this checkout's copy) on REV's jar, with an
# archive recorded from the training run on that class path; "exit" is the wall time after main returned
phases() {
  local rev=$1 dir short i s e line
  setup "$rev"
  local jar="$dir/home/target/baton.jar" repo="$dir/repo"
  mkdir -p "$dir/phases"
  javac -nowarn -cp "$jar" -d "$dir/phases" "$root/bench/StartupPhases.java"
  jar cf "$dir/phases.jar" -C "$dir/phases" .
  local cp="$dir/phases.jar:$jar" l0 l1
  archive "$dir/phases.jsa" -cp "$cp" dev.baton.cli.TrainingRun || { echo "bench: $short has no training run" >&2; exit 2; }
  l0=$(load)
  echo "bench: phases of show on $short ($runs runs) ..." >&2
  : >"$dir/phases.txt"
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N)
    line=$(java "${launcher_flags[@]}" -XX:-UsePerfData "${quiet[@]}" "-XX:SharedArchiveFile=$dir/phases.jsa" -cp "$cp" \
      StartupPhases "$repo" "$show_id")
    e=$(date +%s%N)
    echo "$line total $(((e - s) / 1000000))" >>"$dir/phases.txt"
  done
  l1=$(load)
  echo "#### Where one \`show\` spends its time, at \`$short\`"
  echo
  echo "Load average (1/5/15 min) before: $l0; after: $l1. Median of $runs runs; the launcher's flags and an archive"
  echo "recorded from the training run; wall/CPU ms of the main thread."
  echo
  echo "| phase | wall ms | CPU ms |"
  echo "| --- | ---: | ---: |"
  awk '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function med(name, kind,   a, r) { for (r = 1; r <= NR; r++) a[r] = (kind == "w" ? w[name, r] : c[name, r]) + 0; return median(a, NR) }
    {
      for (i = 1; i < NF; i += 2) {
        name = $i; if (!(name in seen)) { seen[name] = 1; order[++k] = name }
        n = split($(i + 1), p, "/"); w[name, NR] = p[1]; c[name, NR] = (n > 1 ? p[2] : 0)
      }
    }
    END {
      for (j = 1; j <= k; j++) {
        name = order[j]
        if (name == "end" || name == "total") continue
        if (name == "jvm") printf "| JVM start to main | %d | |\n", med(name, "w")
        else printf "| %s | %d | %d |\n", name, med(name, "w"), med(name, "c")
      }
      for (r = 1; r <= NR; r++) a[r] = w["total", r] - w["end", r]
      printf "| after main: shutdown hooks and exit (and the launch before the JVM starts its clock) | %d | |\n", median(a, NR)
      for (r = 1; r <= NR; r++) b[r] = w["total", r]
      printf "| whole process | %d | |\n", median(b, NR)
    }' "$dir/phases.txt"
  echo
}

header
echo
case $mode in
flags) flags "$1" ;;
phases) phases "$1" ;;
*) commits "$@" ;;
esac
