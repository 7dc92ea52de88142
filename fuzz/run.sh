#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 600), after seeding its corpus from a
# folder of sample inputs when one is given (files are copied into fuzz/corpus/, which git
# ignores; nothing from measurement data may be committed).
#
#   fuzz/run.sh [SECONDS] [SEED_DIR]
#
# Needs the nightly toolchain and cargo-fuzz (installed here when missing). Crashes land in
# fuzz/artifacts/TARGET/; put each reproducer's text into a regression test.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
seed_dir="${2:-}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked cargo-fuzz
for t in dates plain read extract; do
  mkdir -p "corpus/$t"
  if [ -n "$seed_dir" ]; then
    find "$seed_dir" -type f -size -256k | head -2000 | while read -r f; do
      case "$f" in
        *.gz) gzip -dc "$f" 2>/dev/null | head -c 200000 > "corpus/$t/$(basename "$f" .gz)" || true ;;
        *) cp "$f" "corpus/$t/" ;;
      esac
    done
  fi
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096
done
