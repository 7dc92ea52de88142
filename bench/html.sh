#!/usr/bin/env bash
# sitrep's HTML reading (dates, main text, speed) next to trafilatura and htmldate, on the same
# pages. Installs the peers from PyPI in a virtual environment (bench/out/venv-html), never in
# the product.
#
#   bench/html.sh [DIR]    # DIR defaults to ../shared/data/html/dev
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/data/html/dev}
OUT=bench/out/html
mkdir -p "$OUT"
VENV=bench/out/venv-html
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q trafilatura htmldate lxml_html_clean > "$OUT/pip.log" 2>&1
cargo build --release -q -p sitrep-indexer --example html_eval
TARGET=${CARGO_TARGET_DIR:-target}
"$TARGET/release/examples/html_eval" "$DIR" --pages "$OUT/sitrep-pages.jsonl" | tee "$OUT/sitrep.txt"
echo
"$VENV/bin/python" bench/html_peer.py "$DIR" "$OUT/sitrep-pages.jsonl" | tee "$OUT/peers.md"
