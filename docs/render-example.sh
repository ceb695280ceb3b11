#!/usr/bin/env bash
# Render page 1 of each example, as drafter builds it, to docs/images/ (the README's pictures):
# drafter → DOCX → LibreOffice → PDF → pdftoppm → PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
render() {  # render DRAFT NAME
  drafter build "$1" -o "$work/$2.docx"
  soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
    --outdir "$work" "$work/$2.docx" >/dev/null
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$2.pdf" "docs/images/$2-page-1"
  echo "wrote docs/images/$2-page-1.png"
}
render examples/amazon-customer-due-diligence.toml example
render examples/aws-hart-coalition-letter.toml letter
# the filing checklist from the example's packet
drafter packet examples/amazon-customer-due-diligence.toml --out-dir "$work/packet" >/dev/null
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
  --outdir "$work/packet" "$work/packet/checklist.docx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/packet/checklist.pdf" docs/images/checklist-page-1
echo "wrote docs/images/checklist-page-1.png"
