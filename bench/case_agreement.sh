#!/usr/bin/env bash
# How much of what sitrep finds in running text it still finds when the same articles are set in
# capitals: a check of truecasing on text no rule was tuned on. The mixed-case plain-text articles
# of a generated bench corpus are extracted as published; that output is the reference ("silver"
# gold), and `eval --upper` scores extraction on upper-cased copies against it, with everything on
# and with the case model off (`--without case-in-context`).
#
#   bench/case_agreement.sh [N] [SEED]     # default 3000 articles, seed 53
#
# Writes into $CASE_DATA (default $TMPDIR/sitrep-case-agreement: generated corpora stay out of the
# checkout, where the dev-text check would read them as code). Needs ../shared beside
# the checkout (the corpus generator) and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-3000}"
seed="${2:-53}"
out="${CASE_DATA:-${TMPDIR:-/tmp}/sitrep-case-agreement}"
shared="${SITREP_SHARED:-$here/../shared}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
cd "$here"
cargo build --release -q -p sitrep-server
cargo build --release -q -p sitrep-indexer --example eval
bin="$CARGO_TARGET_DIR/release"
mkdir -p "$out"
corpus="$out/corpus-$n-seed$seed"
[ -d "$corpus" ] || python3 "$shared/data/bench/make_corpus.py" --out "$corpus" --n "$n" --seed "$seed" > /dev/null
find "$corpus" -name '*.txt' | sort > "$out/files"
xargs "$bin/sitrep" extract --format json < "$out/files" > "$out/mixed.jsonl"
# the reference: every mention found in the articles written mostly in lower case, as gold
python3 - "$out/mixed.jsonl" "$out/silver.jsonl" <<'PY'
import json, sys
docs = caps = 0
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        d = json.loads(line)
        t = d["text"]
        if sum(c.islower() for c in t) < sum(c.isupper() for c in t):
            caps += 1
            continue
        b = t.encode()
        ents = [{"type": typ, "start": m["start"], "end": m["end"], "text": b[m["start"]:m["end"]].decode("utf-8", "replace")}
                for key, typ in (("people", "PERSON"), ("organisations", "ORG"), ("locations", "LOC"))
                for e in d.get(key, []) for m in e["mentions"]]
        out.write(json.dumps({"id": f"silver/{docs}", "source": "silver", "file": d["path"], "text": t, "entities": ents}) + "\n")
        docs += 1
print(f"{docs} articles in running text (reference), {caps} in capitals left out")
PY
echo "agreement of extraction on upper-cased copies with extraction as published (span overlap F1, PER / ORG / LOC):"
echo "everything on:        $("$bin/examples/eval" "$out/silver.jsonl" --summary --upper | tail -1 | cut -d'|' -f3)"
echo "case model off:       $("$bin/examples/eval" "$out/silver.jsonl" --summary --upper --without case-in-context | tail -1 | cut -d'|' -f3)"
echo "truecasing off:       $("$bin/examples/eval" "$out/silver.jsonl" --summary --upper --without truecase | tail -1 | cut -d'|' -f3)"
