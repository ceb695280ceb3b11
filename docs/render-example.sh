#!/usr/bin/env bash
# Render page 1 of the example proposal, as drafter builds it, to docs/images/example-page-1.png
# (the picture in the README): drafter → DOCX → LibreOffice → PDF → pdftoppm → PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
drafter build examples/amazon-customer-due-diligence.toml -o "$work/example.docx"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
  --outdir "$work" "$work/example.docx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/example.pdf" docs/images/example-page-1
echo "wrote docs/images/example-page-1.png"
