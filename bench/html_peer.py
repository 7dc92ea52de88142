#!/usr/bin/env python3
"""sitrep's HTML reading next to trafilatura and htmldate on the same pages.

Reads a folder with gold.jsonl, content-gold.jsonl and pages/*.gz (the layout of
../shared/data/html/dev) and sitrep's per-page results (`html_eval DIR --pages FILE`), runs
trafilatura (main text) and htmldate (fast and extensive mode) on every page, and prints:

- publication-date accuracy (exact day) of each tool, overall and per site group (a page's
  country or generic top-level domain; groups of ten pages or more);
- content snippets: share of `with` snippets found in the main text and of `without` snippets
  kept out of it, over the pages that have content gold;
- the agreement of sitrep's and trafilatura's main text (ScrapingHub shingle-4 F1, one against
  the other: the dev gold holds snippets, not whole texts, so this is agreement, not accuracy);
- pages/s on one thread (decoding included for every tool).

Usage: bench/html.sh (installs the peers in a virtual environment and runs this script).
"""
import collections
import gzip
import json
import re
import sys
import time
import urllib.parse


def norm(s):
    return " ".join((s or "").split())


def shingles(text, k=4):
    words = re.findall(r"\w+", (text or "").lower())
    return collections.Counter(tuple(words[i:i + k]) for i in range(max(0, len(words) - k + 1)))


def shingle_f1(a, b):
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    common = sum((sa & sb).values())
    if common == 0:
        return 0.0
    p, r = common / sum(sa.values()), common / sum(sb.values())
    return 2 * p * r / (p + r)


def group(url):
    host = urllib.parse.urlparse(url).hostname or ""
    return "." + host.rsplit(".", 1)[-1] if "." in host else "other"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: html_peer.py DIR SITREP_PAGES_JSONL")
    folder, sitrep_file = sys.argv[1], sys.argv[2]
    import htmldate
    import trafilatura

    gold = [json.loads(l) for l in open(f"{folder}/gold.jsonl") if l.strip()]
    content = {g["file"]: g for g in (json.loads(l) for l in open(f"{folder}/content-gold.jsonl") if l.strip())}
    sitrep = {p["file"]: p for p in (json.loads(l) for l in open(sitrep_file) if l.strip())}

    tools = ["sitrep", "htmldate fast", "htmldate extensive"]
    dates = {t: collections.Counter() for t in tools}
    totals = collections.Counter()
    snippets = {t: [0, 0, 0, 0] for t in ("sitrep", "trafilatura")}
    seconds = collections.Counter()
    agreement = []
    for g in gold:
        raw = gzip.open(f"{folder}/{g['file']}").read()
        grp = group(g["url"])
        totals[grp] += 1
        totals["all"] += 1
        mine = sitrep.get(g["file"], {})
        seconds["sitrep"] += mine.get("seconds", 0.0)
        if mine.get("got") == g["published"]:
            dates["sitrep"][grp] += 1
            dates["sitrep"]["all"] += 1
        for name, extensive in (("htmldate fast", False), ("htmldate extensive", True)):
            t = time.perf_counter()
            try:
                found = htmldate.find_date(raw, url=g["url"], original_date=True, extensive_search=extensive)
            except Exception:  # a peer's failure on one page counts as no date
                found = None
            seconds[name] += time.perf_counter() - t
            if found == g["published"]:
                dates[name][grp] += 1
                dates[name]["all"] += 1
        c = content.get(g["file"])
        if c is None:
            continue
        t = time.perf_counter()
        try:
            text = trafilatura.extract(raw, url=g["url"]) or ""
        except Exception:
            text = ""
        seconds["trafilatura"] += time.perf_counter() - t
        body = norm(text)
        s = snippets["trafilatura"]
        s[0] += sum(norm(x) in body for x in c.get("with", []))
        s[1] += len(c.get("with", []))
        s[2] += sum(norm(x) not in body for x in c.get("without", []))
        s[3] += len(c.get("without", []))
        m = snippets["sitrep"]
        m[0] += mine.get("with_ok", 0)
        m[1] += mine.get("with_n", 0)
        m[2] += mine.get("without_ok", 0)
        m[3] += mine.get("without_n", 0)
        if "body" in mine:
            agreement.append(shingle_f1(mine["body"], text))

    pct = lambda a, b: 100.0 * a / b if b else 0.0
    print(f"pages: {totals['all']} ({len(content)} with content gold)")
    print()
    print("| publication date, exact day | " + " | ".join(tools) + " |")
    print("|---|" + "---|" * len(tools))
    groups = ["all"] + sorted((g for g in totals if g != "all" and totals[g] >= 10), key=lambda g: -totals[g])
    below = []
    for grp in groups:
        row = [pct(dates[t][grp], totals[grp]) for t in tools]
        print(f"| {grp} ({totals[grp]} pages) | " + " | ".join(f"{x:.1f}%" for x in row) + " |")
        if grp != "all" and row[0] < row[2]:
            below.append(grp)
    print()
    print("groups where sitrep is below htmldate extensive: " + (", ".join(below) or "none"))
    print()
    print("| content snippets | with | without | with/without |")
    print("|---|---|---|---|")
    for t, (wo, wn, oo, on) in snippets.items():
        print(f"| {t} | {pct(wo, wn):.1f}% | {pct(oo, on):.1f}% | {pct(wo + oo, wn + on):.1f}% |")
    if agreement:
        print()
        print(f"main text, sitrep against trafilatura (shingle-4 F1, mean over {len(agreement)} pages): "
              f"{100 * sum(agreement) / len(agreement):.1f}")
    print()
    print("| speed, one thread | pages/s |")
    print("|---|---|")
    n = totals["all"]
    for t, key, pages in (("sitrep (date + title + main text)", "sitrep", n),
                          ("trafilatura (main text)", "trafilatura", len(content)),
                          ("htmldate fast", "htmldate fast", n),
                          ("htmldate extensive", "htmldate extensive", n)):
        if seconds[key]:
            print(f"| {t} | {pages / seconds[key]:.0f} |")


if __name__ == "__main__":
    main()
