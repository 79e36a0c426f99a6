#!/usr/bin/env bash
# The demo's merger: lands every APPROVED task on its base with `baton merge` (rebase onto the base, fast-forward
# it, COMPLETED, worktree and branch removed). It signs off once no task is left that could still be approved.
set -u
. "$(dirname "$0")/lib.sh"

wait_for "^approve " || { say "gave up: nothing was approved"; exit 2; }
while :; do
  look
  tasks=$(baton list 2>&1) || { say "baton list failed: $(quiet "$tasks")"; exit 1; }
  for id in $(ids_in "$tasks" APPROVED); do
    if out=$(baton merge "$id" 2>&1); then
      say "$out"
    else
      say "merge of $id refused: $(quiet "$out")"
    fi
  done
  if ! any_in "$tasks" QUEUED ASSIGNED WORKING IN_REVIEW; then
    say "everything approved is merged and nothing else is open: signing off"
    exit 0
  fi
  wait_for "^approve " || { say "gave up: the board stayed still too long"; exit 2; }
done
