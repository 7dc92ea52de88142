#!/usr/bin/env bash
# sitrep benchmark suite: sitrep and its peers on one generated corpus, in one run.
#
#   bench/run.sh            # quick: 10,000 articles
#   bench/run.sh full       # 100,000 articles (the targets of issue 8 apply here)
#   BENCH_N=2000 bench/run.sh   # any size (development)
#
# Environment: MAKE_CORPUS (default ../shared/data/bench/make_corpus.py relative to the repo),
# BENCH_SEED (1), BENCH_RUNS (200 in-process runs per query), BENCH_HTTP_SECS (15),
# BENCH_HTTP_RUNS (3 runs of the uncached HTTP mix; the median is reported),
# BENCH_SQLITE_RUNS (min(BENCH_RUNS, 50)), BENCH_INDEX_RUNS (3 alternating indexing runs of sitrep and
# raw tantivy; medians reported), BENCH_PORT (17701), BENCH_THREADS (0 = all cores), CARGO_TARGET_DIR (target).
# Writes corpora to bench/data/ and everything else to bench/out/ (both git-ignored), and the
# report to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-quick}
case "$MODE" in
  quick) N=${BENCH_N:-10000} ;;
  full) N=${BENCH_N:-100000} ;;
  *) echo "usage: bench/run.sh [quick|full]" >&2; exit 2 ;;
esac
MAKE_CORPUS=${MAKE_CORPUS:-$ROOT/../shared/data/bench/make_corpus.py}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-200}
INDEX_RUNS=${BENCH_INDEX_RUNS:-3}
HTTP_SECS=${BENCH_HTTP_SECS:-15}
HTTP_RUNS=${BENCH_HTTP_RUNS:-3}
PORT=${BENCH_PORT:-17701}
THREADS=${BENCH_THREADS:-0}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
CORPUS=$ROOT/bench/data/corpus-$N-seed$SEED
OUT=$ROOT/bench/out/$N
mkdir -p "$ROOT/bench/data" "$OUT"
log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Tools: GNU time for peak memory, wrk for HTTP load (Debian packages).
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} with apt-get"
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 1. Corpus (deterministic; generated once).
if [ ! -f "$CORPUS.done" ]; then
  [ -f "$MAKE_CORPUS" ] || { echo "make_corpus.py not found at $MAKE_CORPUS (set MAKE_CORPUS)" >&2; exit 2; }
  log "generating $N articles into $CORPUS"
  rm -rf "$CORPUS"
  python3 "$MAKE_CORPUS" --out "$CORPUS" --n "$N" --seed "$SEED" > "$CORPUS.log"
  touch "$CORPUS.done"
fi
find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {printf "{\"files\": %d, \"bytes\": %d}\n", NR, s}' > "$OUT/corpus.json"

# 2. Build.
log "building (release)"
cargo build --release -q -p sitrep-server --bin sitrep --example query_bench --example extract_bench --example raw_tantivy
BIN=$TARGET/release/sitrep
EX=$TARGET/release/examples

# 3. Indexing end to end, alternating with 4. raw tantivy (the same text without extraction), so
# that both see the same machine load; the report takes the median run of each. Then an
# unchanged re-run over the last index.
IDX=$OUT/index
rm -f "$OUT"/index-*.json "$OUT"/index-*.time "$OUT"/raw_tantivy-*.json "$OUT"/raw_tantivy-*.time
for r in $(seq 1 "$INDEX_RUNS"); do
  rm -rf "$IDX"
  log "sitrep index (full), run $r of $INDEX_RUNS"
  /usr/bin/time -v "$BIN" --index "$IDX" index "$CORPUS" --full --threads "$THREADS" --format json > "$OUT/index-$r.json" 2> "$OUT/index-$r.time"
  log "raw tantivy, run $r of $INDEX_RUNS"
  /usr/bin/time -v "$EX/raw_tantivy" "$CORPUS" "$OUT/raw-tantivy" --threads "$THREADS" > "$OUT/raw_tantivy-$r.json" 2> "$OUT/raw_tantivy-$r.time"
  rm -rf "$OUT/raw-tantivy"
done
log "sitrep index (unchanged re-run)"
/usr/bin/time -v "$BIN" --index "$IDX" index "$CORPUS" --threads "$THREADS" --format json > "$OUT/reindex.json" 2> "$OUT/reindex.time"
du -sb "$IDX" | awk '{printf "{\"bytes\": %d}\n", $1}' > "$OUT/index_size.json"

# 5. Extraction alone.
log "extraction alone"
"$EX/extract_bench" "$CORPUS" --sample 5000 --threads "$THREADS" > "$OUT/extract.json"

# 6. Queries in-process (and the article dump for SQLite).
log "queries in-process ($RUNS runs each)"
"$EX/query_bench" "$IDX" --runs "$RUNS" --dump "$OUT/articles.jsonl" > "$OUT/queries.json"

# 7. SQLite FTS5 peer.
log "sqlite fts5"
python3 "$ROOT/bench/sqlite_peer.py" --dump "$OUT/articles.jsonl" --params "$OUT/queries.json" --db "$OUT/fts5.sqlite" \
  --runs "${BENCH_SQLITE_RUNS:-$(( RUNS < 50 ? RUNS : 50 ))}" > "$OUT/sqlite.json"
rm -f "$OUT/fts5.sqlite" "$OUT/articles.jsonl"

# 8. HTTP under load: wrk, 64 connections, the query mix in rotation.
log "http: sitrep serve + wrk -c64, ${HTTP_RUNS} runs of ${HTTP_SECS}s uncached, one cached"
# Lua scripts for wrk: the whole mix in rotation, and the dashboard query alone.
lua() { python3 bench/wrk_mix.py "$OUT/queries.json" "$1"; }
lua mix > "$OUT/mix.lua"
lua dashboard > "$OUT/dashboard.lua"
# serve CACHE_MB: starts the server with that response cache size and waits until it answers.
serve() {
  "$BIN" --index "$IDX" serve --no-index --cache-mb "$1" --bind "127.0.0.1:$PORT" > "$OUT/serve-$1.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
}
stop() { kill $SERVER; wait $SERVER 2>/dev/null || true; trap - EXIT; }
# First with the response cache off: every request is computed.
serve 0
grep VmRSS /proc/$SERVER/status | awk '{printf "{\"idle_rss_kb\": %d}\n", $2}' > "$OUT/rss_idle.json"
# The dashboard query alone, one request at a time: its latency over HTTP (issue 6).
wrk -t1 -c1 -d5s --timeout 10s -s "$OUT/dashboard.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-dashboard.txt"
grep '^{' "$OUT/wrk-dashboard.txt" > "$OUT/http_dashboard.json"
# The mix several times: on shared cores one run varies by ±10%; the report takes the median.
rm -f "$OUT"/http.json "$OUT"/http-*.json "$OUT"/wrk.txt "$OUT"/wrk-[0-9]*.txt
for r in $(seq 1 "$HTTP_RUNS"); do
  wrk -t2 -c64 -d"${HTTP_SECS}s" --timeout 10s -s "$OUT/mix.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-$r.txt"
  grep '^{' "$OUT/wrk-$r.txt" > "$OUT/http-$r.json"
done
grep VmHWM /proc/$SERVER/status | awk '{printf "{\"peak_rss_kb\": %d}\n", $2}' > "$OUT/rss.json"
stop
# Then with the default response cache: the six questions repeat, so after the first round
# every answer comes from the cache (what a dashboard watched by many users sees).
serve 64
wrk -t2 -c64 -d"${HTTP_SECS}s" --timeout 10s -s "$OUT/mix.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-cached.txt"
grep VmHWM /proc/$SERVER/status | awk '{printf "{\"peak_rss_kb\": %d}\n", $2}' > "$OUT/rss-cached.json"
stop
grep '^{' "$OUT/wrk-cached.txt" > "$OUT/http_cached.json"

# 9. spaCy en_core_web_sm NER on a sample of the same articles, if the model installs by name.
log "spacy"
VENV=$ROOT/bench/out/venv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
if "$VENV/bin/python" -c 'import spacy, en_core_web_sm' 2>/dev/null || \
   "$VENV/bin/pip" install -q spacy en_core_web_sm > "$OUT/spacy-install.log" 2>&1; then
  "$VENV/bin/python" "$ROOT/bench/spacy_peer.py" "$CORPUS" --sample 500 > "$OUT/spacy.json"
else
  echo '{"unavailable": "en_core_web_sm does not install from the package registry by name (see spacy-install.log)"}' > "$OUT/spacy.json"
fi

# 10. Report.
# (written beside, then moved: the scale-curve section of the old file is kept)
python3 "$ROOT/bench/report.py" --out "$OUT" --mode "$MODE" --n "$N" --command "${BENCH_N:+BENCH_N=$BENCH_N }bench/run.sh $*" \
  --previous "$ROOT/bench/RESULTS.md" > "$OUT/RESULTS.md"
mv "$OUT/RESULTS.md" "$ROOT/bench/RESULTS.md"
log "wrote bench/RESULTS.md"
