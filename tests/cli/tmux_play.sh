#!/usr/bin/env bash
# tmux_play.sh PEACESIM WORKDIR SCENARIOS: plays a game in a real terminal (a tmux pane): the game
# reads the keys typed, draws in colour on the terminal, and draws none with NO_COLOR set.
set -euo pipefail
ps=$1 work=$2 scen=$3
fail() { echo "FAIL: $*" >&2; tmux kill-server 2>/dev/null || true; exit 1; }
command -v tmux >/dev/null || fail "tmux is missing: scripts/test installs it"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
export TMUX_TMPDIR=$work   # a server of its own, whatever else runs
play() {   # play NAME ENV...: a game typed into a tmux pane; the screen, escapes kept, in NAME.txt
  local name=$1; shift
  tmux new-session -d -s "$name" -x 160 -y 60 "env $* $ps play $scen/../../scenarios/classroom/patience.lua --as East; sleep 30"
  for i in $(seq 1 50); do tmux capture-pane -p -t "$name" | grep -q 'Your answer' && break; sleep 0.2; done
  tmux send-keys -t "$name" 'r' Enter
  for i in $(seq 1 50); do [ "$(tmux capture-pane -p -t "$name" | grep -c 'Your answer')" -ge 2 ] && break; sleep 0.2; done
  tmux send-keys -t "$name" 'q' Enter
  for i in $(seq 1 100); do tmux capture-pane -p -t "$name" | grep -q 'not a forecast' && break; sleep 0.2; done
  tmux capture-pane -e -p -S -200 -t "$name" > "$name.txt"
  tmux kill-session -t "$name"
}
play colour TERM=xterm-256color
grep -q 'Round 2\.' colour.txt || fail "the game did not take the typed answers: $(tail -5 colour.txt)"
grep -q 'Debrief' colour.txt || fail "no debrief after q"
grep -q $'\e\\[1m' colour.txt || fail "no bold on a terminal"
grep -q $'\e\\[3[12]m' colour.txt || fail "no colour on a terminal"
play plain TERM=xterm-256color NO_COLOR=1
grep -q 'Debrief' plain.txt || fail "no debrief (NO_COLOR)"
if grep -q $'\e\\[3[12]m\|\e\\[1m' plain.txt; then fail "colour despite NO_COLOR"; fi
tmux kill-server 2>/dev/null || true
