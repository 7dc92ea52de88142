#!/usr/bin/env python3
"""Writes the "Scale curve" section of bench/RESULTS.md and bench/scale.svg from the outputs
of bench/scale.sh (bench/out/scale/<N>/, one folder per size measured).

    python3 bench/scale_report.py --out bench/out/scale --results bench/RESULTS.md --svg bench/scale.svg

The section sits between the markers <!-- scale:begin --> and <!-- scale:end --> at the end of
RESULTS.md; the rest of the file (written by bench/run.sh) is kept, and bench/report.py keeps
this section. Python 3 standard library only.
"""
import argparse
import datetime
import json
import math
import os
import re
import statistics
import subprocess

BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
QUERIES = ["keyword", "phrase", "person_filter", "dashboard", "quotes_by_speaker", "deep_page", "actor_profile", "autocomplete"]
ERRORS = ("connect_errors", "read_errors", "write_errors", "status_errors", "timeout_errors")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def gnu_time(path):
    """Wall seconds and peak RSS (kB) from a /usr/bin/time -v file."""
    out = {}
    try:
        text = open(path).read()
    except OSError:
        return out
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["peak_kb"] = int(m.group(1))
    m = re.search(r"File system inputs: (\d+)", text)
    if m:
        out["disk_read_bytes"] = int(m.group(1)) * 512
    m = re.search(r"Percent of CPU this job got: (\d+)%", text)
    if m:
        out["cpu_percent"] = int(m.group(1))
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        out["wall"] = secs
    return out


def phases(path):
    """The pipeline's debug events: (message, {field: value}) in order."""
    out = []
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return out
    for line in lines:
        m = re.search(r"sitrep_pipeline[^:]*: (.*)$", re.sub(r"\x1b\[[0-9;]*m", "", line))
        if not m:
            continue
        rest = m.group(1)
        fields = dict(re.findall(r"(\w+)=([\d.]+)", rest))
        msg = re.split(r" \w+=", rest)[0].strip()
        out.append((msg, {k: float(v) for k, v in fields.items()}))
    return out


def per_sec(h):
    return h.get("requests", 0) / (h.get("duration_us", 1) / 1e6) if h else 0


def f(x, d=0):
    return f"{x:,.{d}f}"


def size_label(n):
    return f"{n // 1000000}M" if n >= 1000000 and n % 1000000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def collect(out_dir, complete=True):
    rows = []
    for name in os.listdir(out_dir):
        d = os.path.join(out_dir, name)
        done = "http_cached.json" if complete else "add_alone.json"
        if not name.isdigit() or not os.path.isfile(os.path.join(d, "index.json")) or not os.path.isfile(os.path.join(d, done)):
            continue  # a size whose run did not finish
        r = {"n": int(name), "dir": d}
        r["index"] = load(os.path.join(d, "index.json"))
        r["index_time"] = gnu_time(os.path.join(d, "index.time"))
        r["phases"] = phases(os.path.join(d, "index.log"))
        r["add"] = load(os.path.join(d, "add.json"))
        r["add_time"] = gnu_time(os.path.join(d, "add.time"))
        r["add_phases"] = phases(os.path.join(d, "add.log"))
        r["add_alone"] = load(os.path.join(d, "add_alone.json"))
        r["add_alone_time"] = gnu_time(os.path.join(d, "add_alone.time"))
        corpus = [json.loads(l) for l in open(os.path.join(d, "corpus.jsonl")) if l.strip()]
        r["corpus"], r["add_corpus"] = corpus[0], corpus[1]
        r["size"] = load(os.path.join(d, "index_size.json"))
        try:
            r["source"] = open(os.path.join(d, "source.txt")).read().strip()
        except OSError:
            r["source"] = "unknown"
        try:
            m = re.search(r"(\d+) sources, (\d+) cycle", open(os.path.join(d, "corpus.log")).read())
            r["sources"] = int(m.group(1)) if m else None
        except OSError:
            r["sources"] = None
        r["queries"] = {q["name"]: q for q in load(os.path.join(d, "queries.json")).get("queries", [])}
        r["params"] = load(os.path.join(d, "queries.json")).get("params", {})
        starts = []
        for i in (1, 2, 3):
            try:
                starts.append(float(open(os.path.join(d, f"startup-{i}.txt")).read().strip()))
            except (OSError, ValueError):
                pass
        r["startups"] = starts
        runs = []
        while (h := load(os.path.join(d, f"http-{len(runs) + 1}.json"))):
            runs.append(h)
        r["http_runs"] = runs
        r["http"] = sorted(runs, key=per_sec)[(len(runs) - 1) // 2] if runs else {}
        r["http_errors"] = sum(h.get(k, 0) for h in runs for k in ERRORS)
        r["http_cached"] = load(os.path.join(d, "http_cached.json"))
        r["rss"] = load(os.path.join(d, "rss.json"))
        r["rss_idle"] = load(os.path.join(d, "rss_idle.json"))
        samples = []
        try:
            for line in open(os.path.join(d, "rss_samples.tsv")):
                parts = line.split()
                if len(parts) == 2:
                    samples.append(int(parts[1]))
        except OSError:
            pass
        r["rss_samples"] = samples
        rows.append(r)
    rows.sort(key=lambda r: r["n"])
    return rows


def rate(r):
    secs = r["index"].get("elapsed_secs") or r["index_time"].get("wall") or 0
    return r["index"].get("articles_indexed", 0) / secs if secs else 0


def event(r, key, msg):
    return next((fl for m, fl in r[key] if m == msg), {})


def comparison(before, after, label):
    """Indexing figures of the sizes measured by both builds (SCALE_STEPS=index runs)."""
    L = []
    w = L.append
    pairs = [(b, a) for b in before for a in after if a["n"] == b["n"]]
    if not pairs:
        return L
    w(f"\n### {label}\n")
    w(f"The indexing steps again (`SCALE_STEPS=index SCALE_OUT=… bench/scale.sh N`), binaries built from `{'`, `'.join(sorted({a['source'] for _, a in pairs}))}`; "
      "before = the curve above. Same machine, also shared.\n")
    w("| figure | " + " | ".join(f"{size_label(b['n'])} before | {size_label(b['n'])} after" for b, _ in pairs) + " |")
    w("|---|" + "---:|---:|" * len(pairs))
    def line(name, fn):
        w(f"| {name} | " + " | ".join(f"{fn(b)} | {fn(a)}" for b, a in pairs) + " |")
    line("indexing seconds (`--full`)", lambda r: f(r["index"].get("elapsed_secs", 0), 1))
    line("articles/s", lambda r: f(rate(r)))
    line("peak RSS", lambda r: f"{r['index_time'].get('peak_kb', 0) / 1024:,.0f} MiB")
    line("read from disk (GNU time file system inputs) / CPU", lambda r: f"{r['index_time'].get('disk_read_bytes', 0) / 1e9:,.1f} GB / {r['index_time'].get('cpu_percent', 0)}%")
    line("ordering files by similarity (s)", lambda r: f"{event(r, 'phases', 'files ordered by similarity').get('secs', 0) - event(r, 'phases', 'first pass done (read, parse, signatures)').get('secs', 0):,.1f}")
    line("RSS after ordering", lambda r: f"{event(r, 'phases', 'files ordered by similarity').get('rss_mib', 0):,.0f} MiB")
    line("near-duplicate lookups in the writer (s)", lambda r: f"{event(r, 'phases', 'second pass done (extract, write)').get('near_duplicate_lookup_secs', 0):,.1f}")
    line("incremental +N/100: seconds", lambda r: f(r["add"].get("elapsed_secs", 0), 2))
    line("incremental: peak RSS", lambda r: f"{r['add_time'].get('peak_kb', 0) / 1024:,.0f} MiB")
    line("incremental: loading the duplicate state (s, RSS after)", lambda r: f"{event(r, 'add_phases', 'duplicate state loaded').get('secs', 0) - event(r, 'add_phases', 'files ordered by similarity').get('secs', 0):,.1f}, {event(r, 'add_phases', 'duplicate state loaded').get('rss_mib', 0):,.0f} MiB")
    line("near-duplicates linked (full run)", lambda r: f"{r['index'].get('near_duplicates', 0):,}")
    w("\nWall-clock seconds of two runs on this shared machine are not comparable: the disk row shows how much of each run's input "
      "came from disk rather than the page cache, and the other engineer's load differed. Compare the memory rows and the phases "
      "that only compute (ordering, near-duplicate lookups); the same number of near-duplicates linked shows the same answers.")
    return L


def section(rows, command, extra=()):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    L = []
    w = L.append
    w(BEGIN)
    w("## Scale curve (issue 25)\n")
    sources = sorted({r["source"] for r in rows})
    w(f"Generated by `{command}` (each size's figures come from its own run in `bench/out/scale/<N>/`), "
      f"written {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC at commit `{commit}`; "
      f"binaries built from `{'`, `'.join(sources)}`. "
      f"Machine: {os.cpu_count()} cores; {os.environ.get('SCALE_NOTE') or 'nothing else ran during the runs'}. "
      "Rates of one binary vary by about ±10% between runs on this machine.\n")
    w("Corpus: `make_corpus.py --n N --seed 5`; the incremental run adds `--n N/100 --seed 6` "
      "(a separate folder, `sitrep index ADD` into the full index: only the new folder is walked).\n")
    labels = [size_label(r["n"]) for r in rows]
    w("### Indexing\n")
    w("| figure | " + " | ".join(labels) + " |")
    w("|---|" + "---:|" * len(rows))
    def line(name, vals):
        w(f"| {name} | " + " | ".join(vals) + " |")
    base = next((r for r in rows if r["n"] == 100000), None)
    line("files read / text read", [f"{r['index'].get('files_seen', 0):,} / {r['corpus']['bytes'] / 1e6:,.0f} MB" for r in rows])
    line("articles indexed (near-duplicates linked)", [f"{r['index'].get('articles_indexed', 0):,} ({r['index'].get('near_duplicates', 0):,})" for r in rows])
    line("indexing seconds (`--full`)", [f(r["index"].get("elapsed_secs", 0), 1) for r in rows])
    line("articles/s", [f(rate(r)) for r in rows])
    if base:
        line("rate vs 100k", [f"{rate(r) / rate(base) * 100:.0f}%" if rate(base) else "–" for r in rows])
    line("peak RSS", [f"{r['index_time'].get('peak_kb', 0) / 1024:,.0f} MiB" for r in rows])
    line("read from disk (GNU time file system inputs) / CPU", [f"{r['index_time'].get('disk_read_bytes', 0) / 1e9:,.2f} GB / {r['index_time'].get('cpu_percent', 0)}%" for r in rows])
    line("index size / text read", [f"{r['size'].get('bytes', 0) / 1e6:,.0f} MB ({r['size'].get('bytes', 0) / max(r['corpus']['bytes'], 1):.2f}×)" for r in rows])
    line("incremental: +N/100 articles, seconds", [f"+{r['add'].get('articles_indexed', 0):,}: {f(r['add'].get('elapsed_secs', 0), 2)} s" for r in rows])
    line("incremental: peak RSS", [f"{r['add_time'].get('peak_kb', 0) / 1024:,.0f} MiB" for r in rows])
    line("same articles alone into an empty index", [f"{f(r['add_alone'].get('elapsed_secs', 0), 2)} s, {r['add_alone_time'].get('peak_kb', 0) / 1024:,.0f} MiB" for r in rows])
    line("`serve` ready (GET /healthz answers), median of 3", [f"{statistics.median(r['startups']):.2f} s" if r["startups"] else "–" for r in rows])
    w("\nSeconds are the run's own `elapsed_secs` (walk to last commit); peak RSS is GNU time's maximum resident set size. "
      "Text read = bytes of the corpus files. The incremental figure includes loading the existing index's duplicate state; "
      "the row below it indexes the same files into an empty index, so the difference is what the existing index costs the addition.\n")

    w("### Phases of the full indexing run\n")
    w("From the pipeline's debug log (`SITREP_LOG=error,sitrep_pipeline=debug`): the seconds each phase took and the process's RSS at its end; "
      "the last column is how much longer the phase took at the largest size than at the one before it.\n")
    grow = f"growth {labels[-2]} → {labels[-1]} ({rows[-1]['n'] / rows[-2]['n']:.0f}× the articles)" if len(rows) > 1 else "growth"
    w("| phase | " + " | ".join(labels) + f" | {grow} |")
    w("|---|" + "---:|" * (len(rows) + 1))
    steps = [
        ("walk, read, parse, signatures (first pass)", None, "first pass done (read, parse, signatures)"),
        ("order files by similarity", "first pass done (read, parse, signatures)", "files ordered by similarity"),
        ("extract and write (second pass)", "duplicate state loaded", "second pass done (extract, write)"),
        ("commit", "second pass done (extract, write)", "committed"),
        ("orphan check, wait for merges", "committed", None),
    ]
    def dur(r, a, b):
        t0 = event(r, "phases", a).get("secs", 0) if a else 0
        t1 = event(r, "phases", b).get("secs") if b else r["index"].get("elapsed_secs")
        return None if t1 is None else t1 - t0
    for name, a, b in steps:
        ds = [dur(r, a, b) for r in rows]
        rss = [event(r, "phases", b).get("rss_mib") if b else None for r in rows]
        cells = [("–" if d is None else f"{d:,.1f} s") + (f", {m:,.0f} MiB" if m is not None else "") for d, m in zip(ds, rss)]
        g = f"{ds[-1] / ds[-2]:.1f}×" if len(ds) > 1 and ds[-1] is not None and ds[-2] else "–"
        line(name, cells + [g])
    near = [event(r, "phases", "second pass done (extract, write)").get("near_duplicate_lookup_secs") for r in rows]
    g = f"{near[-1] / near[-2]:.1f}×" if len(near) > 1 and near[-1] is not None and near[-2] else "–"
    line("of the second pass: near-duplicate lookups (writer thread)", [("–" if x is None else f"{x:,.1f} s") for x in near] + [g])
    tot = [r["index"].get("elapsed_secs", 0) for r in rows]
    line("total", [f"{t:,.1f} s" for t in tot] + [f"{tot[-1] / tot[-2]:.1f}×" if len(tot) > 1 and tot[-2] else "–"])
    src = next((r["sources"] for r in rows if r.get("sources")), None)
    if src:
        w(f"\nThe generated corpus cycles through its {src:,} source stories, so every story has about N / {src:,} near-identical copies "
          "(" + ", ".join(f"{r['n'] / src:,.1f} at {size_label(r['n'])}" for r in rows) + "): a near-duplicate lookup compares an article with the earlier articles "
          "that share a band with it, at most the newest 64 of each band (`minhash::MAX_WALK`), so its cost is bounded however many copies a story has.\n")

    w("\n### Queries in-process (ms, median / p99)\n")
    p = rows[-1]["params"] if rows else {}
    w(f"`crates/server/examples/query_bench.rs --actors`, {rows[0]['queries'].get('keyword', {}).get('runs', 0) if rows else 0} runs per query. "
      "Person, speaker and autocomplete prefix are the most frequent of each index "
      f"(largest size: person `{p.get('person')}`, speaker `{p.get('speaker')}`, prefix `{p.get('prefix')}`).\n")
    w("| query | " + " | ".join(labels) + " |")
    w("|---|" + "---:|" * len(rows))
    for name in QUERIES:
        line(name, [f"{r['queries'][name]['median_ms']:.2f} / {r['queries'][name]['p99_ms']:.2f}" if name in r["queries"] else "–" for r in rows])

    w("\n### HTTP mix at 64 connections\n")
    w("`wrk -t2 -c64` rotating over the eight queries above (actor profile = `GET /api/entities/person/{name}`, "
      "autocomplete = `GET /api/entities?type=person&prefix=…`) against `sitrep serve --no-index` on 127.0.0.1; wrk shares the cores with the server. "
      "Computed = `--cache-mb 0`, median run of several (requests/s of each run listed); cached = default response cache, one run.\n")
    w("| figure | " + " | ".join(labels) + " |")
    w("|---|" + "---:|" * len(rows))
    line("computed: requests/s (runs)", [f"{f(per_sec(r['http']))} ({' / '.join(f(per_sec(h)) for h in r['http_runs'])})" for r in rows])
    line("computed: errors (all runs)", [str(r["http_errors"]) for r in rows])
    line("computed: latency p50 / p99", [f"{r['http'].get('p50_ms', 0):.1f} / {r['http'].get('p99_ms', 0):.1f} ms" for r in rows])
    line("server RSS idle / during the mix (min–max of 1 s samples) / peak", [
        f"{r['rss_idle'].get('idle_rss_kb', 0) / 1024:,.0f} / "
        f"{(min(r['rss_samples']) / 1024 if r['rss_samples'] else 0):,.0f}–{(max(r['rss_samples']) / 1024 if r['rss_samples'] else 0):,.0f} / "
        f"{r['rss'].get('peak_rss_kb', 0) / 1024:,.0f} MiB" for r in rows])
    line("cached: requests/s, errors", [f"{f(per_sec(r['http_cached']))}, {sum(r['http_cached'].get(k, 0) for k in ERRORS)}" for r in rows])
    L.extend(extra)
    w("\n![indexing rate and peak RSS against corpus size](scale.svg)\n")
    w(END)
    return "\n".join(L)


def svg(rows):
    """Two panels over log10(articles): indexing articles/s, and peak RSS (indexing and server)."""
    W, H, pad = 760, 300, 60
    pw = (W - 3 * pad) / 2
    ns = [r["n"] for r in rows]
    lo, hi = math.log10(min(ns)), math.log10(max(ns))
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>']

    def panel(x0, title, series, unit):
        top, bottom = 40, H - 50
        top_value = max((v for _, vals, _ in series for v in vals), default=1) * 1.15 or 1
        step = 10 ** math.floor(math.log10(top_value / 4))
        step = next(m * step for m in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 10) if m * step * 4 >= top_value)
        ymax = step * 4  # four gridlines at round values
        X = lambda n: x0 + (math.log10(n) - lo) / (hi - lo) * pw
        Y = lambda v: bottom - v / ymax * (bottom - top)
        out.append(f'<text x="{x0 + pw / 2}" y="22" text-anchor="middle" font-weight="bold">{title}</text>')
        out.append(f'<line x1="{x0}" y1="{bottom}" x2="{x0 + pw}" y2="{bottom}" stroke="black"/>')
        out.append(f'<line x1="{x0}" y1="{top}" x2="{x0}" y2="{bottom}" stroke="black"/>')
        for k in range(5):
            v = ymax * k / 4
            out.append(f'<text x="{x0 - 6}" y="{Y(v) + 4}" text-anchor="end">{v:,.0f}</text>')
            out.append(f'<line x1="{x0}" y1="{Y(v)}" x2="{x0 + pw}" y2="{Y(v)}" stroke="#ddd"/>')
        for n in ns:
            out.append(f'<text x="{X(n)}" y="{bottom + 16}" text-anchor="middle">{size_label(n)}</text>')
        out.append(f'<text x="{x0 + pw / 2}" y="{bottom + 34}" text-anchor="middle">articles (log scale); {unit}</text>')
        for i, (name, vals, color) in enumerate(series):
            pts = " ".join(f"{X(n):.1f},{Y(v):.1f}" for n, v in zip(ns, vals))
            out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
            for n, v in zip(ns, vals):
                out.append(f'<circle cx="{X(n):.1f}" cy="{Y(v):.1f}" r="3.5" fill="{color}"/>')
                out.append(f'<text x="{X(n):.1f}" y="{Y(v) - 8:.1f}" text-anchor="middle" fill="{color}">{v:,.0f}</text>')
            out.append(f'<text x="{x0 + 10}" y="{top + 14 + 16 * i}" fill="{color}">{name}</text>')

    panel(pad, "Indexing rate", [("articles/s (--full)", [rate(r) for r in rows], "#1f77b4")], "articles/s")
    panel(2 * pad + pw, "Peak RSS", [
        ("indexing (--full)", [r["index_time"].get("peak_kb", 0) / 1024 for r in rows], "#d62728"),
        ("server under the HTTP mix", [r["rss"].get("peak_rss_kb", 0) / 1024 for r in rows], "#2ca02c"),
    ], "MiB")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--svg", required=True)
    ap.add_argument("--command", default="bench/scale.sh")
    ap.add_argument("--compare", help="an output folder of SCALE_STEPS=index runs of another build, shown against --out")
    ap.add_argument("--compare-label", default="Another build")
    a = ap.parse_args()
    rows = collect(a.out)
    if not rows:
        raise SystemExit("no complete size in " + a.out)
    extra = comparison(rows, collect(a.compare, complete=False), a.compare_label) if a.compare else []
    text = section(rows, a.command, extra)
    try:
        old = open(a.results).read()
    except OSError:
        old = ""
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    with open(a.results, "w") as fh:
        fh.write(new)
    with open(a.svg, "w") as fh:
        fh.write(svg(rows))


if __name__ == "__main__":
    main()
