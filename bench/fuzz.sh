#!/usr/bin/env bash
# Runs every fuzz target of crates/indexer/tests/no_panic.rs for a fixed wall time, one after
# another, in the test profile (optimised, as `cargo test` builds it), and prints how many cases each ran. A panic fails the script and
# prints the input (the mutation target also saves it to $TMPDIR/sitrep-fuzz-crash).
#
#   bench/fuzz.sh            # 600 s per target, mutating the bundled corpus and fixtures
#   FUZZ_SECONDS=60 FUZZ_CORPUS=../shared/data/html/dev/pages:../shared/data/gold/dev bench/fuzz.sh
#
# Environment: FUZZ_SECONDS (600), FUZZ_SEED (0), FUZZ_CORPUS (folders of seed files for the
# mutation target, `:`-separated), FUZZ_TARGETS (space-separated; default all four),
# CARGO_TARGET_DIR.
set -euo pipefail
# FUZZ_CORPUS folders are relative to where the script is called from (the test runs in
# crates/indexer): made absolute before anything changes directory.
if [ -n "${FUZZ_CORPUS:-}" ]; then
  abs=()
  IFS=: read -r -a dirs <<< "$FUZZ_CORPUS"
  for d in "${dirs[@]}"; do
    [ -d "$d" ] || { echo "fuzz.sh: FUZZ_CORPUS folder not found: $d" >&2; exit 2; }
    abs+=("$(cd "$d" && pwd)")
  done
  FUZZ_CORPUS=$(IFS=:; echo "${abs[*]}")
fi
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=${FUZZ_TARGETS:-"generated_text_never_panics generated_files_never_panic generated_articles_extract_without_panic mutated_files_read_and_extract_without_panic"}
# The test binary is copied, so that edits and rebuilds during a long run do not change it.
BIN=$(mktemp -d)/no_panic
cargo test -p sitrep-indexer --test no_panic --no-run --message-format=json \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("executable") and m.get("target", {}).get("name") == "no_panic": print(m["executable"])' \
  | xargs -I{} cp {} "$BIN"
export SITREP_FUZZ_SECONDS=$SECONDS_PER_TARGET SITREP_FUZZ_SEED=${FUZZ_SEED:-0}
if [ -n "${FUZZ_CORPUS:-}" ]; then export SITREP_FUZZ_CORPUS=$FUZZ_CORPUS; fi
failed=0
for t in $TARGETS; do
  start=$(date +%s)
  log=$(mktemp)
  if (cd crates/indexer && "$BIN" --exact "$t" --nocapture) >"$log" 2>&1; then
    grep -E '^fuzz ' "$log" || true
  else
    failed=1
    cat "$log"
  fi
  rm -f "$log"
  echo "$t: $(( $(date +%s) - start )) s"
done
exit $failed
