#!/usr/bin/env bash
# The demo's reviewer: reads each IN_REVIEW task's branch and approves it, or rejects it with a reason that the
# assignee finds in TASK.md (and in `baton show`); the assignee's `baton work` takes the task up again. Its one rule:
# every file a task touches ends with a "Tests:" line. It runs until the demo is over.
set -u
. "$(dirname "$0")/lib.sh"

while :; do
  # Nothing can be in review before someone hands work in.
  wait_or_sign_off "^done "
  look
  tasks=$(baton list --state IN_REVIEW 2>&1) || { say "baton list failed: $(quiet "$tasks")"; exit 1; }
  for id in $(ids_in "$tasks" IN_REVIEW); do
    files=$(git diff --name-only "$DEMO_BASE...task/$id" | tr '\n' ' ')
    missing=""
    for f in $files; do
      git show "task/$id:$f" | grep -q '^Tests:' || missing="$missing $f"
    done
    if [ -n "$missing" ]; then
      if out=$(baton reject "$id" --reason "${missing# } has no 'Tests:' line; end the file with one saying how you checked it" 2>&1); then
        say "$id by $(assignee_of "$tasks" "$id"): rejected, ${missing# } has no Tests: line; $out"
      else
        say "$id: reject refused: $(quiet "$out")"
      fi
    elif out=$(baton approve "$id" 2>&1); then
      say "$id by $(assignee_of "$tasks" "$id"): ${files}looks good; $out"
    else
      say "$id: approve refused: $(quiet "$out")"
    fi
  done
done
