#!/usr/bin/env bash
# Content snippets of another maintained Rust extractor (dom_smoothie, readability.js's
# algorithm) on the dev content gold, to set beside sitrep's (`bench/html.sh`). A stand-alone
# package (bench/extractors), never built by the workspace's tests.
#
#   bench/extractors.sh [DIR]    # DIR defaults to ../shared/data/html/dev
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=$(cd "${1:-../shared/data/html/dev}" && pwd)
cd bench/extractors
cargo run --release -q -- "$DIR"
