#!/usr/bin/env bash
# The demo's merger: lands every APPROVED task on its base with `baton merge` (rebase onto the base, fast-forward
# it, COMPLETED, worktree and branch removed). It runs until the demo is over.
set -u
. "$(dirname "$0")/lib.sh"

while :; do
  wait_or_sign_off "^approve "
  look
  tasks=$(baton list --state APPROVED 2>&1) || { say "baton list failed: $(quiet "$tasks")"; exit 1; }
  for id in $(ids_in "$tasks" APPROVED); do
    if out=$(baton merge "$id" 2>&1); then
      say "$out"
    else
      say "merge of $id refused: $(quiet "$out")"
    fi
  done
done
