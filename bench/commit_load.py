#!/usr/bin/env python3
"""Searches while articles are posted: how long a commit makes searches wait.

    python3 bench/commit_load.py SITREP_BINARY INDEX_DIR [--posts 6] [--every 1.0] [--quotes]

Starts `SITREP_BINARY --index INDEX_DIR serve --no-index --cache-mb 0` on a free loopback port
with an API token. One thread searches without pause (`/api/search?q=ceasefire&facets=people`);
with `--quotes` it alternates that search with a quotation search (`/api/quotes?q=ceasefire`);
another thread posts `--posts` invented one-article bodies, one every `--every` seconds. Prints the
searches' latency (p50, p99, max) and each post's. THE INDEX IS CHANGED: run it on a copy.
"""
import argparse
import json
import random
import statistics
import threading
import time
import urllib.request

import local_server

TOKEN = "commit-load-token"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("index")
    ap.add_argument("--posts", type=int, default=6)
    ap.add_argument("--every", type=float, default=1.0)
    ap.add_argument("--quotes", action="store_true")
    a = ap.parse_args()
    server, port = local_server.start(a.binary, a.index, TOKEN, "--cache-mb", "0")
    base = f"http://127.0.0.1:{port}"
    latencies, done = [], threading.Event()

    paths = ["/api/search?q=ceasefire&facets=people"]
    if a.quotes:
        paths.append("/api/quotes?q=ceasefire")

    def search():
        n = 0
        while not done.is_set():
            t = time.perf_counter()
            urllib.request.urlopen(base + paths[n % len(paths)]).read()
            latencies.append(time.perf_counter() - t)
            n += 1

    try:
        searcher = threading.Thread(target=search)
        searcher.start()
        posts = []
        rng = random.Random(7)
        for n in range(a.posts):
            time.sleep(a.every)
            tag = rng.randrange(10**9)
            body = json.dumps({
                "title": f"Talks in Velmora {n} {tag}",
                "maintext": f"Orrin Velm met Ada Quorve in Velmora ({tag}). The ceasefire held.",
            }).encode()
            req = urllib.request.Request(base + "/api/articles", data=body, headers={
                "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
            t = time.perf_counter()
            urllib.request.urlopen(req).read()
            posts.append(time.perf_counter() - t)
        time.sleep(a.every)
        done.set()
        searcher.join()
    finally:
        server.terminate()
        server.wait()
    latencies.sort()

    def q(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(f"| searches | {len(latencies)} |")
    print(f"| search latency p50 / p99 / max | {q(0.5):.1f} / {q(0.99):.1f} / {latencies[-1] * 1000:.1f} ms |")
    print(f"| post latency median (each) | {statistics.median(posts) * 1000:.0f} ms "
          f"({' / '.join(f'{p * 1000:.0f}' for p in posts)}) |")


if __name__ == "__main__":
    main()
