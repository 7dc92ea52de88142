#!/usr/bin/env bash
# sitrep scale curve (issue 25): the same generated corpus family at several sizes, measured
# with the release binary, one size after the other.
#
#   bench/scale.sh                      # 10,000 and 100,000 articles (about 5 min on 2 cores)
#   bench/scale.sh 1000000              # one size (1M: about 30 min, needs ~4 GB of disk)
#   bench/scale.sh 10000 100000 1000000 # the whole curve
#
# For each size N:
#   1. corpus: make_corpus.py --n N --seed 5 (SCALE_SEED), and an addition of N/100 articles
#      with seed 6 (SCALE_ADD_SEED) in its own folder; both generated once into bench/data/
#      (SCALE_DATA);
#   2. `sitrep index CORPUS --full` under /usr/bin/time -v: articles/s, peak RSS, index size
#      against the bytes of the files read; the phases of the run from the pipeline's debug log;
#   3. incremental: `sitrep index ADD` into that index (only the new folder is walked; nothing
#      is pruned): seconds and peak RSS; and the same articles indexed alone into an empty
#      index, the cost the addition would have without the existing index;
#   4. `sitrep serve --no-index` start-up: seconds until GET /healthz answers (median of 3);
#   5. query_bench --actors: in-process median and p99 of keyword, phrase, person filter,
#      dashboard, quotes by speaker, deep page, actor profile and autocomplete;
#   6. HTTP: wrk -t2 -c64 rotating over those eight questions, response cache off
#      (--cache-mb 0, every request computed; SCALE_HTTP_RUNS runs, median reported), server RSS
#      sampled every second; then one run with the default response cache.
# Then bench/scale_report.py writes the "Scale curve" section of bench/RESULTS.md and
# bench/scale.svg from every size measured so far (bench/out/scale/<N>/).
#
# Environment: MAKE_CORPUS (default ../shared/data/bench/make_corpus.py relative to the repo),
# SCALE_SEED (5), SCALE_ADD_SEED (6), SCALE_RUNS (200 in-process runs per query),
# SCALE_HTTP_SECS (15), SCALE_HTTP_RUNS (3), SCALE_PORT (17711), SCALE_THREADS (0 = all cores),
# SCALE_BUILD (1; 0 = use the binaries already built), SCALE_OUT (bench/out/scale),
# SCALE_DATA (bench/data: where corpora are generated; a folder outside the checkout keeps
# them out of tools that scan it), SCALE_NOTE (what else ran on the machine, for the report),
# SCALE_STEPS (all; "index" = steps 1-3 only, to compare indexing builds: then no report),
# CARGO_TARGET_DIR (target).
# Not part of CI (CI runs `cargo test --workspace` only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
MAKE_CORPUS=${MAKE_CORPUS:-$ROOT/../shared/data/bench/make_corpus.py}
SEED=${SCALE_SEED:-5}
ADD_SEED=${SCALE_ADD_SEED:-6}
RUNS=${SCALE_RUNS:-200}
HTTP_SECS=${SCALE_HTTP_SECS:-15}
HTTP_RUNS=${SCALE_HTTP_RUNS:-3}
PORT=${SCALE_PORT:-17711}
THREADS=${SCALE_THREADS:-0}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
SCALE_OUT=${SCALE_OUT:-$ROOT/bench/out/scale}
DATA=${SCALE_DATA:-$ROOT/bench/data}
STEPS=${SCALE_STEPS:-all}
BIN=$TARGET/release/sitrep
EX=$TARGET/release/examples
log() { printf '[scale %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -ge 100 ]] || { echo "usage: bench/scale.sh [N ...] (N >= 100)" >&2; exit 2; }
done

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} with apt-get"
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${SCALE_BUILD:-1}" != 0 ]; then
  log "building (release)"
  cargo build --release -q -p sitrep-server --bin sitrep --example query_bench
fi

# gen DIR N SEED: a corpus, generated once (DIR.done marks a complete one).
gen() {
  if [ ! -f "$1.done" ]; then
    [ -f "$MAKE_CORPUS" ] || { echo "make_corpus.py not found at $MAKE_CORPUS (set MAKE_CORPUS)" >&2; exit 2; }
    log "generating $2 articles (seed $3) into $1"
    rm -rf "$1"
    mkdir -p "$(dirname "$1")"
    python3 "$MAKE_CORPUS" --out "$1" --n "$2" --seed "$3" > "$1.log"
    touch "$1.done"
  fi
}

SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ -n "${SAMPLER:-}" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
}
trap cleanup EXIT
# serve IDX CACHE_MB LOG: starts the server and prints the seconds until /healthz answered.
serve() {
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" --index "$1" serve --no-index --cache-mb "$2" --bind "127.0.0.1:$PORT" > "$3" 2>&1 &
  SERVER=$!
  for _ in $(seq 3000); do
    if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
      t1=$(date +%s.%N)
      python3 -c "print(round($t1 - $t0, 3))"
      return 0
    fi
    kill -0 "$SERVER" 2>/dev/null || { echo "server exited, see $3" >&2; exit 1; }
    sleep 0.01
  done
  echo "server not ready after 30 s, see $3" >&2
  exit 1
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

for N in "${SIZES[@]}"; do
  ADD=$(( N / 100 ))
  CORPUS=$DATA/corpus-$N-seed$SEED
  ADDS=$DATA/add-$ADD-seed$ADD_SEED
  OUT=$SCALE_OUT/$N
  IDX=$OUT/index
  mkdir -p "$OUT"
  rm -f "$OUT"/*.json "$OUT"/*.time "$OUT"/*.log "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.lua
  gen "$CORPUS" "$N" "$SEED"
  gen "$ADDS" "$ADD" "$ADD_SEED"
  for d in "$CORPUS" "$ADDS"; do
    find "$d" -type f -printf '%s\n' | awk '{s+=$1} END {printf "{\"files\": %d, \"bytes\": %d}\n", NR, s}'
  done > "$OUT/corpus.jsonl"
  cp "$CORPUS.log" "$OUT/corpus.log"
  # The source the binaries were built from (with SCALE_BUILD=0: the tree as it is now).
  git describe --always --dirty > "$OUT/source.txt" 2>/dev/null || echo unknown > "$OUT/source.txt"

  # 2. Full indexing, with the pipeline's phase log (debug level of sitrep_pipeline only).
  rm -rf "$IDX"
  log "N=$N: sitrep index --full"
  SITREP_LOG=error,sitrep_pipeline=debug /usr/bin/time -v -o "$OUT/index.time" \
    "$BIN" --index "$IDX" index "$CORPUS" --full --threads "$THREADS" --format json > "$OUT/index.json" 2> "$OUT/index.log"
  du -sb "$IDX" | awk '{printf "{\"bytes\": %d}\n", $1}' > "$OUT/index_size.json"

  # 3. Incremental: N/100 new articles into the full index; then the same alone.
  log "N=$N: sitrep index (incremental, $ADD new articles)"
  SITREP_LOG=error,sitrep_pipeline=debug /usr/bin/time -v -o "$OUT/add.time" \
    "$BIN" --index "$IDX" index "$ADDS" --threads "$THREADS" --format json > "$OUT/add.json" 2> "$OUT/add.log"
  rm -rf "$OUT/add-alone"
  /usr/bin/time -v -o "$OUT/add_alone.time" \
    "$BIN" --index "$OUT/add-alone" index "$ADDS" --full --threads "$THREADS" --format json > "$OUT/add_alone.json"
  rm -rf "$OUT/add-alone"
  du -sb "$IDX" | awk '{printf "{\"bytes\": %d}\n", $1}' > "$OUT/index_size_after_add.json"
  if [ "$STEPS" = index ]; then log "N=$N: done (indexing steps only)"; continue; fi

  # 5. Queries in-process (before the server, so that nothing else runs).
  log "N=$N: queries in-process ($RUNS runs each)"
  "$EX/query_bench" "$IDX" --runs "$RUNS" --actors > "$OUT/queries.json"

  # 4. Server start-up, three times (the index is in the page cache after the runs above).
  log "N=$N: serve start-up"
  for r in 1 2 3; do
    serve "$IDX" 0 "$OUT/serve-$r.log" > "$OUT/startup-$r.txt"
    [ "$r" = 3 ] || stop
  done
  grep VmRSS /proc/$SERVER/status | awk '{printf "{\"idle_rss_kb\": %d}\n", $2}' > "$OUT/rss_idle.json"

  # 6. HTTP mix, cache off, with the server's RSS sampled every second.
  python3 bench/wrk_mix.py "$OUT/queries.json" actors > "$OUT/mix.lua"
  # Every path of the mix must answer 200 before it is timed.
  for path in $(grep -o '"/api[^"]*"' "$OUT/mix.lua" | tr -d '"'); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT$path" || { echo "GET $path failed" >&2; exit 1; }
  done
  log "N=$N: http mix, ${HTTP_RUNS} runs of ${HTTP_SECS}s at 64 connections, cache off"
  ( while kill -0 "$SERVER" 2>/dev/null; do
      printf '%s\t%s\n' "$(date +%s)" "$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status 2>/dev/null)"
      sleep 1
    done ) > "$OUT/rss_samples.tsv" &
  SAMPLER=$!
  for r in $(seq 1 "$HTTP_RUNS"); do
    wrk -t2 -c64 -d"${HTTP_SECS}s" --timeout 10s -s "$OUT/mix.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-$r.txt"
    grep '^{' "$OUT/wrk-$r.txt" > "$OUT/http-$r.json"
  done
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=
  grep VmHWM /proc/$SERVER/status | awk '{printf "{\"peak_rss_kb\": %d}\n", $2}' > "$OUT/rss.json"
  stop
  log "N=$N: http mix, one run with the default response cache"
  serve "$IDX" 64 "$OUT/serve-cached.log" > /dev/null
  wrk -t2 -c64 -d"${HTTP_SECS}s" --timeout 10s -s "$OUT/mix.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-cached.txt"
  grep '^{' "$OUT/wrk-cached.txt" > "$OUT/http_cached.json"
  stop
  log "N=$N: done (index kept in $IDX)"
done

[ "$STEPS" = all ] || exit 0
python3 "$ROOT/bench/scale_report.py" --out "$SCALE_OUT" --results "$ROOT/bench/RESULTS.md" --svg "$ROOT/bench/scale.svg" \
  --command "bench/scale.sh ${SIZES[*]}"
log "wrote the Scale curve section of bench/RESULTS.md and bench/scale.svg"
