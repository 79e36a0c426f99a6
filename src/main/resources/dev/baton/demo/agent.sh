#!/usr/bin/env bash
# The demo's stand-in for a coding agent. `baton work` runs it in the task's worktree, with BATON_TASK, BATON_EPOCH,
# BATON_AGENT, BATON_WORKTREE and BATON_TRACE set and TASK.md, the brief, in place. It does what the spec asks
# (writes the File: it names with the Line: it gives, and a "Tests:" line when TASK.md asks for one), commits, leaves
# a handoff in .baton-handoff.md and exits 0; `baton work` then hands the task in for review. Work that review sent
# back gets its one commit amended.
#
# Real agents crash and get stuck now and then. This one does so on purpose, on the first attempt at the tasks the
# demo names, so that what baton does about it can be seen:
#   DEMO_FAILS    exits 3: `baton work` fails the attempt, and the retry policy queues the task again
#   DEMO_HANGS    never finishes: `baton work --timeout` stops it, and the attempt fails
#   DEMO_CRASHES  writes half the work, notes in DEMO_RUNS/<id>.crash who it is, and waits: the demo kills its
#                 `baton work` there (SIGKILL), so the lease is no longer renewed and runs out
set -u

say() { printf '> %s\n' "$*"; }

id=$BATON_TASK
me=$BATON_AGENT
export GIT_AUTHOR_NAME=$me GIT_AUTHOR_EMAIL=$me@agents.demo GIT_COMMITTER_NAME=$me GIT_COMMITTER_EMAIL=$me@agents.demo

# The first value of "<label> value" in TASK.md.
field() { sed -n "s/^$1 *//p" TASK.md | head -n 1; }
title=$(sed -n '1s/^# [^:]*: //p' TASK.md)
file=$(field 'File:')
line=$(field 'Line:')
attempt=$(field '- attempt:')
base=$(field '- base:')
if [ -z "$file" ] || [ -z "$line" ]; then
  say "the spec of $id names no File: and Line:, so I cannot do it"
  exit 2
fi

# Waits for ever, in a way that a signal ends at once.
stall() {
  trap 'say "got SIGTERM: giving up on '"$id"'"; exit 143' TERM
  sleep 600 &
  wait $!
  say "stopped: giving up on $id"
  exit 143
}

if [ "$attempt" = 1 ]; then
  case $id in
  "${DEMO_FAILS:-}")
    say "attempt 1 at $id: error: the model's reply was cut off (a made-up failure); exiting 3"
    exit 3
    ;;
  "${DEMO_HANGS:-}")
    say "attempt 1 at $id: waiting for an answer that never comes (a made-up hang)"
    stall
    ;;
  "${DEMO_CRASHES:-}")
    mkdir -p "$(dirname "$file")"
    printf '%s\n' "$line" > "$file"
    say "attempt 1 at $id: wrote $file, not committed yet; still thinking..."
    printf '%s\n' "$me" > "$DEMO_RUNS/$id.crash"
    stall
    ;;
  esac
fi

if [ -n "$(git rev-list "${base:-main}..HEAD")" ]; then
  rework=yes
  say "$id came back from review: \"$(sed -n '/^## Last reason given/{n;n;p;}' TASK.md)\"; reworking it"
else
  rework=""
  say "working on $id ($title), attempt $attempt, in $(basename "$(dirname "$BATON_WORKTREE")")/${BATON_WORKTREE##*/}"
  if [ -n "$(git status --porcelain -- "$file")" ]; then
    say "$file is there, uncommitted: an earlier attempt got that far; redoing it"
  fi
fi

mkdir -p "$(dirname "$file")"
printf '%s\n' "$line" > "$file"
note=""
if grep -q 'Tests:' TASK.md; then
  printf 'Tests: printed it with cat; it reads right (%s)\n' "$me" >> "$file"
  note=" with a Tests: line"
fi
sleep "0.$((RANDOM % 5))" # the thinking part of the work

git add -- "$file"
trailers="Baton-Task: $id
Baton-Epoch: $BATON_EPOCH"
if [ -n "$rework" ]; then
  git commit -q --amend -m "$title ($id)" -m "$trailers" || { say "git commit --amend failed"; exit 1; }
else
  git commit -q -m "$title ($id)" -m "$trailers" || { say "git commit failed"; exit 1; }
fi
printf '## Summary\nWrote %s%s\n\n## What changed\n%s\n' "$file" "$note" "$file" > .baton-handoff.md
say "wrote $file$note, committed $(git rev-parse --short HEAD); exiting 0"
