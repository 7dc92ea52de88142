"""Starts `sitrep serve` on a free loopback port for the benchmark scripts beside this file."""
import os
import socket
import subprocess


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(binary, index, token, *flags):
    """`binary --index index serve --no-index *flags` with API token `token`, on a free port;
    returns the process and its port once the server says it is serving."""
    port = free_port()
    env = dict(os.environ, SITREP_API_TOKEN=token)
    server = subprocess.Popen(
        [binary, "--index", index, "serve", "--no-index", *flags, "--bind", f"127.0.0.1:{port}"],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    for line in server.stderr:
        if b"serving on" in line:
            break
    return server, port
