#!/usr/bin/env bash
# Text captures of the editor's main screens, taken from a real terminal (tmux) on the examples:
# docs/tui/<screen>-<cols>x<rows>.txt. Needs tmux and drafter on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$PWD/docs/tui"
work="$(mktemp -d)"
trap 'tmux kill-session -t drafter-docs 2>/dev/null; rm -rf "$work"' EXIT
cp examples/amazon-customer-due-diligence.toml "$work/example.toml"
cp examples/aws-hart-coalition-letter.toml examples/aws-hart-signatories.csv "$work/"

capture() {  # capture DRAFT NAME COLS ROWS KEYS...
  local draft=$1 name=$2 cols=$3 rows=$4
  shift 4
  tmux kill-session -t drafter-docs 2>/dev/null || true
  tmux new-session -d -s drafter-docs -x "$cols" -y "$rows" "drafter edit $work/$draft"
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
  capture example.toml library "$1" "$2" Down
  capture example.toml preview "$1" "$2" p
  capture example.toml issues "$1" "$2" i
  capture example.toml variables "$1" "$2" v
  capture example.toml sources "$1" "$2" c
  capture example.toml edit-text "$1" "$2" Down e
done
capture example.toml help 80 24 F1
capture aws-hart-coalition-letter.toml letter-signers 80 24 g
capture aws-hart-coalition-letter.toml letter-details 80 24 L
echo "wrote $out"
