#!/usr/bin/env python3
"""spaCy en_core_web_sm NER throughput (words/s, one process) on a sample of the corpus's .txt files.

    python spacy_peer.py CORPUS_DIR [--sample N]
"""
import argparse
import json
import os
import time

import spacy

p = argparse.ArgumentParser()
p.add_argument("corpus")
p.add_argument("--sample", type=int, default=500)
a = p.parse_args()
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(a.corpus) for f in fs if f.endswith(".txt"))[: a.sample]
texts = [open(f, encoding="utf-8", errors="replace").read() for f in files]
words = sum(len(t.split()) for t in texts)
nlp = spacy.load("en_core_web_sm", exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])
t = time.perf_counter()
ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64))
secs = time.perf_counter() - t
print(json.dumps({"spacy": spacy.__version__, "articles": len(texts), "words": words, "entities": ents,
                  "secs": secs, "words_per_sec": words / secs}))
