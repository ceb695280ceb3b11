#!/usr/bin/env bash
# Text captures of the editor's main screens, taken from a real terminal (tmux) on the example:
# docs/tui/<screen>-<cols>x<rows>.txt. Needs tmux and drafter on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$PWD/docs/tui"
work="$(mktemp -d)"
trap 'tmux kill-session -t drafter-docs 2>/dev/null; rm -rf "$work"' EXIT
cp examples/amazon-customer-due-diligence.toml "$work/example.toml"

capture() {  # capture NAME COLS ROWS KEYS...
  local name=$1 cols=$2 rows=$3
  shift 3
  tmux kill-session -t drafter-docs 2>/dev/null || true
  tmux new-session -d -s drafter-docs -x "$cols" -y "$rows" "drafter edit $work/example.toml"
  sleep 2.5
  for key in "$@"; do
    tmux send-keys -t drafter-docs "$key"
    sleep 0.5
  done
  tmux capture-pane -t drafter-docs -p > "$out/$name-${cols}x${rows}.txt"
}

for size in "80 24" "120 40"; do
  # shellcheck disable=SC2086
  set -- $size
  capture library "$1" "$2" Down
  capture preview "$1" "$2" p
  capture issues "$1" "$2" i
  capture variables "$1" "$2" v
  capture sources "$1" "$2" c
  capture edit-text "$1" "$2" Down e
done
capture help 80 24 F1

# a letter: the signatory table and the letter's details
cp examples/aws-hart-coalition-letter.toml examples/aws-hart-signatories.csv "$work/"
letter() {  # letter NAME KEYS...
  local name=$1
  shift
  tmux kill-session -t drafter-docs 2>/dev/null || true
  tmux new-session -d -s drafter-docs -x 80 -y 24 "drafter edit $work/aws-hart-coalition-letter.toml"
  sleep 2.5
  for key in "$@"; do
    tmux send-keys -t drafter-docs "$key"
    sleep 0.5
  done
  tmux capture-pane -t drafter-docs -p > "$out/$name-80x24.txt"
}
letter letter-signers g
letter letter-details L
echo "wrote $out"
