#!/usr/bin/env bash
# A demo agent: what a coding agent driven by baton does, with the baton CLI and git only.
#   baton claim --next          take the most urgent ready task
#   baton start <id>            get its worktree (branch task/<id>) with TASK.md, the brief, in it
#   edit, git commit            the work itself
#   baton done --summary ...    hand it in for review
# and again; work that review sends back (WORKING again, the reason in TASK.md) comes first.
# Set by the demo as well: RACE_TASK, the task every agent goes for first, and DEMO_GO, a file whose appearance
# starts that race.
set -u
. "$(dirname "$0")/lib.sh"

me=$BATON_AGENT
export GIT_AUTHOR_NAME=$me GIT_AUTHOR_EMAIL=$me@agents.demo GIT_COMMITTER_NAME=$me GIT_COMMITTER_EMAIL=$me@agents.demo

# Does the task in its worktree: writes the file the spec names with the line it gives, and a "Tests:" line when
# TASK.md asks for one (in the spec, or in the reason a reviewer gave). Rework amends the task's one commit.
work_on() {
  local id=$1 wt brief title file line base note out
  wt=$(baton start "$id" 2>&1) || { say "could not start $id: $(quiet "$wt")"; return 1; }
  brief=$wt/TASK.md
  title=$(sed -n '1s/^# [^:]*: //p' "$brief")
  file=$(sed -n 's/^File: *//p' "$brief" | head -n 1)
  line=$(sed -n 's/^Line: *//p' "$brief" | head -n 1)
  base=$(sed -n 's/^- base: *//p' "$brief" | head -n 1)
  base=${base:-$DEMO_BASE}
  if [ -z "$file" ] || [ -z "$line" ]; then
    say "$id: the spec names no File: and Line:, so I cannot do it"
    baton fail "$id" --reason "the spec names no File: and Line:" >/dev/null 2>&1
    return 1
  fi
  if [ -n "$(git -C "$wt" rev-list "$base..HEAD")" ]; then
    say "$id came back from review: \"$(sed -n '/^## Last reason given/{n;n;p;}' "$brief")\"; reworking it"
  else
    say "working on $id ($title) in ${wt#"$PWD"/}, branch task/$id"
  fi

  mkdir -p "$(dirname "$wt/$file")"
  printf '%s\n' "$line" > "$wt/$file"
  note=""
  if grep -q 'Tests:' "$brief"; then
    printf 'Tests: printed it with cat; it reads right (%s)\n' "$me" >> "$wt/$file"
    note=" with a Tests: line"
  fi
  sleep 0.$((RANDOM % 4))   # the thinking part of the work
  git -C "$wt" add -- "$file"
  if [ -n "$(git -C "$wt" rev-list "$base..HEAD")" ]; then
    git -C "$wt" commit -q --amend --no-edit || { say "$id: git commit --amend failed"; return 1; }
  else
    git -C "$wt" commit -q -m "$title ($id)" || { say "$id: git commit failed"; return 1; }
  fi
  if out=$(cd "$wt" && baton done --summary "Wrote $file$note" --changed "$file" 2>&1); then
    say "$id: wrote $file$note, committed $(git -C "$wt" rev-parse --short HEAD); $out"
  else
    say "$id: baton done refused: $(quiet "$out")"
    return 1
  fi
}

# work_on, giving up after three failures in a row rather than trying the same thing for ever.
failures=0
work() {
  if work_on "$1"; then
    failures=0
  else
    failures=$((failures + 1))
    if [ "$failures" -ge 3 ]; then
      say "three failures in a row: signing off"
      exit 1
    fi
  fi
}

# 1. The race: every agent claims the same task at the same moment. The board's compare-and-swap lets exactly one
#    claim through; the others are refused, and move on.
while [ ! -e "$DEMO_GO" ]; do sleep 0.02; done
say "racing for $RACE_TASK: baton claim $RACE_TASK"
if out=$(baton claim "$RACE_TASK" 2>&1); then
  say "won the race: $out"
  work "$RACE_TASK"
else
  say "refused: $(quiet "$out")"
fi

# 2. The loop: work that review sent back first, then the queue. Review sends work back with a reject commit on
#    the board, so the agent asks baton which of its tasks are WORKING again only when git shows one.
waiting=""
while :; do
  if git log --format=%s "$board_seen..$(board_tip)" | grep -q '^reject '; then
    look
    mine=$(baton list --assignee "$me" --state WORKING 2>&1) || { say "baton list failed: $(quiet "$mine")"; exit 1; }
    id=$(ids_in "$mine" WORKING | head -n 1)
    if [ -n "$id" ]; then
      work "$id"
      continue
    fi
  fi
  if out=$(baton claim --next 2>&1); then
    say "baton claim --next: $out"
    work "${out%% *}"
    waiting=""
    continue
  fi
  case $out in
    *"nothing ready"*) ;;
    *) say "claim --next failed: $(quiet "$out")" ;;
  esac
  # Nothing ready: is any of my work still open?
  look
  mine=$(baton list --assignee "$me" 2>&1) || { say "baton list failed: $(quiet "$mine")"; exit 1; }
  id=$( (ids_in "$mine" ASSIGNED; ids_in "$mine" WORKING) | head -n 1)
  if [ -n "$id" ]; then
    work "$id"
    continue
  fi
  in_review=$(ids_in "$mine" IN_REVIEW | tr '\n' ' ')
  if [ -z "$in_review" ]; then
    say "nothing ready and nothing of mine in review: signing off"
    exit 0
  fi
  if [ "$waiting" != "$in_review" ]; then
    say "nothing ready; waiting for the review of ${in_review% }"
    waiting=$in_review
  fi
  # The review of my work ends with approve or reject; new work comes with spawn or retry.
  ids=$(printf '%s' "${in_review% }" | tr ' ' '|')
  wait_for "^(approve|reject) ($ids) |^(spawn|retry) " || { say "gave up: the board stayed still too long"; exit 2; }
done
