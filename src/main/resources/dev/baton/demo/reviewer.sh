#!/usr/bin/env bash
# The demo's reviewer: reads each IN_REVIEW task's branch and approves it, or rejects it with a reason that the
# assignee finds in TASK.md (and in `baton show`). Its one rule: every file a task touches ends with a "Tests:" line.
# It signs off once everything is reviewed and nothing is being worked on any more.
set -u
. "$(dirname "$0")/lib.sh"

# Nothing can be in review before someone hands work in.
wait_for "^done " || { say "gave up: nobody handed anything in"; exit 2; }
while :; do
  look
  tasks=$(baton list 2>&1) || { say "baton list failed: $(quiet "$tasks")"; exit 1; }
  rejected=""
  for id in $(ids_in "$tasks" IN_REVIEW); do
    files=$(git diff --name-only "$DEMO_BASE...task/$id" | tr '\n' ' ')
    missing=""
    for f in $files; do
      git show "task/$id:$f" | grep -q '^Tests:' || missing="$missing $f"
    done
    if [ -n "$missing" ]; then
      rejected=yes
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
  if [ -z "$rejected" ] && ! any_in "$tasks" QUEUED ASSIGNED WORKING; then
    say "everything is reviewed and nobody is working: signing off"
    exit 0
  fi
  wait_for "^done " || { say "gave up: the board stayed still too long"; exit 2; }
done
