#!/usr/bin/env python3
"""Unauthenticated floods against `sitrep serve`: the server's memory before, during and after.

    python3 bench/flood.py SITREP_BINARY INDEX_DIR [--bodies 200] [--body-mb 10] [--half-open 2000]

Starts `SITREP_BINARY --index INDEX_DIR serve --no-index` on a free loopback port with an API
token, then
1. opens `--bodies` connections at once, each posting `--body-mb` MB to `/api/articles` without
   the token (the server must refuse before reading the body), and closes them;
2. opens `--half-open` connections that send half a request head and never finish it (the server
   must close them after its header deadline, 10 s).
The server's resident memory (VmRSS of /proc/PID/status) is printed at each step as a Markdown
table. Linux only; loopback only.
"""

import argparse
import socket
import sys
import threading
import time

import local_server


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def post_body(port, mb, results):
    """Posts `mb` MB without a token; records the status line (or the error) the server gave."""
    head = (f"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {mb * 1024 * 1024}\r\n\r\n").encode()
    chunk = b"x" * 65536
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(head)
        sent = 0
        try:
            while sent < mb * 1024 * 1024:
                s.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed: what it should do
        s.settimeout(5)
        try:
            status = s.recv(200).split(b"\r\n")[0].decode(errors="replace")
        except OSError as e:
            status = f"no answer ({e.__class__.__name__})"
        results.append((status, sent))
        s.close()
    except OSError as e:
        results.append((f"error {e}", 0))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("index")
    ap.add_argument("--bodies", type=int, default=200)
    ap.add_argument("--body-mb", type=int, default=10)
    ap.add_argument("--half-open", type=int, default=2000)
    a = ap.parse_args()
    server, port = local_server.start(a.binary, a.index, "flood-test-token")
    rows = [("started", rss_mb(server.pid))]
    try:
        results, threads = [], []
        peak = 0.0
        for _ in range(a.bodies):
            t = threading.Thread(target=post_body, args=(port, a.body_mb, results))
            t.start()
            threads.append(t)
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_mb(server.pid))
            time.sleep(0.05)
        rows.append((f"{a.bodies} unauthenticated posts of {a.body_mb} MB: peak during", peak))
        time.sleep(1)
        rows.append(("… 1 s after they closed", rss_mb(server.pid)))
        statuses = {}
        for status, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        sent_mb = sum(s for _, s in results) / 1024 / 1024
        socks = []
        for _ in range(a.half_open):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.sendall(b"GET /api/search?q=peace HTTP/1.1\r\nHost: x\r\n")
                socks.append(s)
            except OSError:
                break
        time.sleep(2)
        rows.append((f"{len(socks)} half-open requests, 2 s later", rss_mb(server.pid)))
        time.sleep(10)
        closed = 0
        for s in socks:
            s.settimeout(0.01)
            try:
                if s.recv(1) == b"":
                    closed += 1
            except socket.timeout:
                pass
            except OSError:
                closed += 1
        rows.append((f"… 12 s later ({closed} closed by the server)", rss_mb(server.pid)))
        for s in socks:
            s.close()
        time.sleep(1)
        rows.append(("after the clients closed", rss_mb(server.pid)))
    finally:
        server.terminate()
        server.wait()
    print("| step | server RSS (MB) |")
    print("|---|---|")
    for step, mb in rows:
        print(f"| {step} | {mb:.0f} |")
    print()
    print(f"answers to the posts: {statuses}; body bytes the clients managed to send: {sent_mb:.0f} MB in all")


if __name__ == "__main__":
    sys.exit(main())
