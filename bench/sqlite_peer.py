#!/usr/bin/env python3
"""SQLite FTS5 peer: the same articles, the same entity sets, the same questions.

    python3 sqlite_peer.py --dump ARTICLES.jsonl --params PARAMS.json --db OUT.sqlite [--runs N]

ARTICLES.jsonl is written by `query_bench --dump` from the sitrep index (title, body, date,
people/organisations/locations, quote speakers), so SQLite gets sitrep's extraction for free:
its indexing time covers loading and full-text indexing only. PARAMS.json is query_bench's
output (the keyword, person and speaker it used). Prints one JSON object.
"""
import argparse
import json
import os
import sqlite3
import statistics
import time

p = argparse.ArgumentParser()
p.add_argument("--dump", required=True)
p.add_argument("--params", required=True)
p.add_argument("--db", required=True)
p.add_argument("--runs", type=int, default=50)
a = p.parse_args()

params = json.load(open(a.params))["params"]
rows = [json.loads(l) for l in open(a.dump, encoding="utf-8")]
if os.path.exists(a.db):
    os.remove(a.db)

t0 = time.perf_counter()
db = sqlite3.connect(a.db)
db.executescript("""
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
CREATE TABLE articles(id INTEGER PRIMARY KEY, key TEXT, title TEXT, published TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE entities(article INTEGER, type TEXT, name TEXT);
CREATE TABLE quotes(article INTEGER, speaker TEXT);
""")
with db:
    for i, r in enumerate(rows, 1):
        db.execute("INSERT INTO articles VALUES (?,?,?,?)", (i, r["id"], r["title"], r["published"]))
        db.execute("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", (i, r["title"] or "", r["body"]))
        for t, k in (("person", "people"), ("org", "organisations"), ("location", "locations")):
            db.executemany("INSERT INTO entities VALUES (?,?,?)", [(i, t, n) for n in r[k]])
        db.executemany("INSERT INTO quotes VALUES (?,?)", [(i, s) for s in r["speakers"]])
    db.executescript("""
    CREATE INDEX ent_name ON entities(type, name, article);
    CREATE INDEX ent_article ON entities(article, type, name);
    CREATE INDEX quote_speaker ON quotes(speaker, article);
    CREATE INDEX art_published ON articles(published);
    INSERT INTO fts(fts) VALUES('optimize');
    """)
db.close()
index_secs = time.perf_counter() - t0
db_bytes = os.path.getsize(a.db)

db = sqlite3.connect(a.db)
kw = params["keyword"]
HITS = "SELECT rowid, title, snippet(fts, 1, '<mark>', '</mark>', '…', 30) FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 10 OFFSET ?"


def text_query(q, offset=0):
    total = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (q,)).fetchone()[0]
    db.execute(HITS, (q, offset)).fetchall()
    return total


def dashboard():
    db.execute("DROP TABLE IF EXISTS temp.m")
    db.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO temp.m SELECT rowid FROM fts WHERE fts MATCH ?", (kw,))
    total = db.execute("SELECT count(*) FROM temp.m").fetchone()[0]
    db.execute(HITS, (kw, 0)).fetchall()
    for t in ("person", "org", "location"):
        db.execute("SELECT e.name, count(*) c FROM temp.m JOIN entities e ON e.article = m.id AND e.type = ? "
                   "GROUP BY e.name ORDER BY c DESC LIMIT 10", (t,)).fetchall()
    db.execute("SELECT date(a.published, '-6 days', 'weekday 1') w, count(*) FROM temp.m JOIN articles a ON a.id = m.id "
               "WHERE a.published IS NOT NULL GROUP BY w ORDER BY w").fetchall()
    return total


def person_filter():
    total = db.execute("SELECT count(*) FROM entities WHERE type='person' AND name=?", (params["person"],)).fetchone()[0]
    db.execute("SELECT a.id, a.title, a.published FROM entities e JOIN articles a ON a.id = e.article "
               "WHERE e.type='person' AND e.name=? ORDER BY a.published DESC LIMIT 10", (params["person"],)).fetchall()
    return total


def quotes_by_speaker():
    total = db.execute("SELECT count(*) FROM quotes WHERE speaker=?", (params["speaker"],)).fetchone()[0]
    db.execute("SELECT q.article, a.title FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker=? LIMIT 10",
               (params["speaker"],)).fetchall()
    return total


mix = [
    ("keyword", lambda: text_query(kw)),
    ("phrase", lambda: text_query('"prime minister"')),
    ("person_filter", person_filter),
    ("dashboard", dashboard),
    ("quotes_by_speaker", quotes_by_speaker),
    ("deep_page", lambda: text_query("said", params["deep_offset"])),
]
queries = []
for name, f in mix:
    for _ in range(3):
        total = f()
    ms = []
    for _ in range(a.runs):
        t = time.perf_counter()
        f()
        ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    queries.append({"name": name, "total": total, "runs": a.runs, "median_ms": statistics.median(ms),
                    "p99_ms": ms[min(len(ms) - 1, round((len(ms) - 1) * 0.99))]})

print(json.dumps({"sqlite": sqlite3.sqlite_version, "articles": len(rows), "index_secs": index_secs,
                  "articles_per_sec": len(rows) / index_secs, "db_bytes": db_bytes, "queries": queries}))
