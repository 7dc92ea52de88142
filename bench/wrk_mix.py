#!/usr/bin/env python3
"""Writes the wrk Lua script of an HTTP query mix, from a bench run's queries.json.

Usage: wrk_mix.py QUERIES_JSON MODE
  mix        the six questions of bench/run.sh in rotation
  dashboard  the dashboard question alone
  actors     the six plus an actor profile and person autocomplete (bench/scale.sh)
The script's `done` hook prints one JSON line: requests, duration, errors, p50 and p99 in ms.
"""
import json
import sys
import urllib.parse as u

p = json.load(open(sys.argv[1]))["params"]
mode = sys.argv[2]
paths = [
    "/api/search?" + u.urlencode({"q": p["keyword"]}),
    "/api/search?" + u.urlencode({"q": '"%s"' % p["phrase"]}),
    "/api/search?" + u.urlencode({"person": p["person"]}),
    "/api/search?" + u.urlencode({"q": p["keyword"], "facets": "people,organisations,locations", "interval": "week"}),
    "/api/quotes?" + u.urlencode({"speaker": p["speaker"]}),
    "/api/search?" + u.urlencode({"q": p["deep_query"], "offset": p["deep_offset"]}),
]
if mode == "dashboard":
    paths = [paths[3]]
elif mode == "actors":
    paths += [
        "/api/entities/person/" + u.quote(p["person"], safe=""),
        "/api/entities?" + u.urlencode({"type": "person", "prefix": p["prefix"], "limit": 10}),
    ]
elif mode != "mix":
    sys.exit(f"unknown mode {mode!r}: mix, dashboard or actors")
print("local paths = {%s}" % ", ".join(json.dumps(x) for x in paths))
print("""local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "status_errors": %d, "timeout_errors": %d, "p50_ms": %.3f, "p99_ms": %.3f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end""")
