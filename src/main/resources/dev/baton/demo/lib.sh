# Shared by the demo's reviewer and merger scripts. `baton` is on PATH: the demo puts a small wrapper there that runs
# the baton it was started from, so these scripts read as an agent's shell session would.
# Set by the demo: BATON_AGENT (who this is), DEMO_BASE (the branch work lands on), DEMO_STOP (a file that appears
# once the demo is over) and DEMO_MAX_IDLE (how many spells of five seconds in which the board does not move at all
# an actor sits through before giving up).

say() { printf '%s\n' "$*"; }

# "baton: T-x is APPROVED ..." -> "T-x is APPROVED ..."
quiet() { printf '%s' "${1#baton: }"; }

# Ids of the tasks in STATE in `baton list` output (columns: id, state, assignee, priority, title).
ids_in() { printf '%s\n' "$1" | awk -v s="$2" '$1 ~ /^T-/ && $2 == s { print $1 }'; }

# The assignee of task ID in `baton list` output.
assignee_of() { printf '%s\n' "$1" | awk -v id="$2" '$1 == id { print $3 }'; }

# True once the demo has said it is over.
over() { [ -e "$DEMO_STOP" ]; }

# The board is a git ref: watching it costs next to nothing, while every baton call starts a JVM. So an actor with
# nothing to do remembers the board's tip when it last looked (board_seen, set by look) and waits for a board
# commit whose subject matches PATTERN (an extended regex; subjects read "<transition> <id> <title> (<actor>)",
# e.g. "done T-4k2p9x7a Add the French greeting (agent-a)") before asking baton again. Every five seconds it looks
# anyway. wait_for is false once the demo is over, or the board has not moved at all for DEMO_MAX_IDLE such spells.
board_ref=$(cd "$(git rev-parse --git-common-dir)" && pwd)/refs/baton/board
board_tip() {
  # The ref's file, read without starting a process (git replaces it whole, never writes it in place); git itself
  # when the ref is packed.
  local tip
  if [ -f "$board_ref" ] && read -r tip < "$board_ref"; then
    printf '%s\n' "$tip"
  else
    git rev-parse -q --verify refs/baton/board
  fi
}
look() { board_seen=$(board_tip); }
board_seen=$(board_tip)
quiet_spells=0
wait_for() {
  local pattern=$1 from=$board_seen tip ticks=0 moved=""
  while :; do
    over && return 1
    sleep 0.25
    tip=$(board_tip)
    if [ "$tip" != "$from" ]; then
      quiet_spells=0
      if git log --format=%s "$from..$tip" | grep -qE "$pattern"; then
        return 0
      fi
      from=$tip
      moved=yes
    fi
    ticks=$((ticks + 1))
    if [ "$ticks" -ge 20 ]; then
      [ -n "$moved" ] || quiet_spells=$((quiet_spells + 1))
      [ "$quiet_spells" -lt "${DEMO_MAX_IDLE:-30}" ]
      return
    fi
  done
}

# wait_for, then sign off when it is false: the demo is over, or the board stood still too long.
wait_or_sign_off() {
  wait_for "$1" && return
  if over; then
    say "the demo is over: signing off"
    exit 0
  fi
  say "gave up: the board stayed still too long"
  exit 2
}
