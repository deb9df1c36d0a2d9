"""Hostile load on `jieshou-kg serve` (x1, started without any capability, on loopback), bounded in time:
each scenario runs for `--seconds`, and prints /health p50/p99, page and /sparql throughput, every status
code seen, and the peak memory of the server and its query workers.

    python -m benchmarks.hostile              # or: ./dev bench --sections hostile

Scenarios: nothing else (baseline); 150 idle sockets holding half a request; 60 clients sending runaway
queries; a mix in which 1 query in 10 is a runaway; a client sending a 200 MB body.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from . import measure

OUT = Path(__file__).resolve().parent / "out" / "hostile"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "ASK { ?t a <https://w3id.org/jieshou-kg/def#Task> }"
PAGE = "/queries/organization-co-leads"
CAPLESS = ["setpriv", "--securebits=+noroot,+noroot_locked", "--bounding-set=-all", "--inh-caps=-all"]


def fetch(url: str, timeout: float = 60) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    except OSError:
        status = 0  # no answer at all: a refused or dropped connection
    return status, time.perf_counter() - started


def sparql(base: str, query: str) -> str:
    return f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"


class Loop:
    """`clients` threads fetching URLs from `urls(i)` until stopped; statuses and latencies kept."""

    def __init__(self, clients: int, urls, pause: float = 0.0):
        self.statuses, self.latencies, self.stop = Counter(), [], threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(urls, pause), daemon=True) for _ in range(clients)]
        for thread in self.threads:
            thread.start()

    def _run(self, urls, pause: float) -> None:
        i = 0
        while not self.stop.is_set():
            status, seconds = fetch(urls(i))
            self.statuses[status] += 1
            self.latencies.append(seconds)
            i += 1
            time.sleep(pause)

    def finish(self) -> Loop:
        self.stop.set()
        for thread in self.threads:
            thread.join(90)
        return self


@contextmanager
def idle_sockets(base: str, count: int):
    host, port = base.removeprefix("http://").split(":")
    held = []
    for _ in range(count):
        connection = socket.create_connection((host, int(port)), timeout=30)
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        held.append(connection)
    try:
        yield
    finally:
        for connection in held:
            connection.close()


def huge_body(base: str, size: int = 200 << 20) -> str:
    """Send a body of `size` bytes as fast as the server takes it; what happened, in words."""
    host, port = base.removeprefix("http://").split(":")
    started, sent = time.perf_counter(), 0
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(
            f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {size}\r\n\r\n".encode()
        )
        chunk = b"x" * (1 << 20)
        try:
            while sent < size:
                connection.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        connection.settimeout(5)
        try:
            answer = connection.recv(64).split(b"\r\n")[0].decode(errors="replace")
        except OSError:
            answer = "no answer"
    return f"{answer} after {time.perf_counter() - started:.2f} s, {sent >> 20} MiB sent"


def scenario(base: str, name: str, seconds: float, background=None) -> list:
    """Run the probes (health, page, /sparql) for `seconds`, with `background` load running."""
    load = Background(background) if background else None
    time.sleep(0.5)
    health = Loop(1, lambda i: base + "/health", pause=0.05)
    pages = Loop(2, lambda i: base + PAGE)
    queries = Loop(2, lambda i: sparql(base, f"{SMALL} # {time.perf_counter()}"))
    time.sleep(seconds)
    for loop in (health, pages, queries):
        loop.finish()
    statuses, note = load.finish() if load else (Counter(), "")
    ordered = sorted(health.latencies)
    seen = health.statuses + pages.statuses + queries.statuses + statuses
    return [
        name,
        f"{statistics.median(ordered) * 1000:.1f}",
        f"{ordered[int(len(ordered) * 0.99)] * 1000:.1f}",
        f"{sum(pages.statuses.values()) / seconds:.0f}",
        f"{pages.statuses[200] / seconds:.0f} / {queries.statuses[200] / seconds:.0f}",
        ", ".join(f"{s}: {n}" for s, n in sorted(seen.items())),
        note,
    ]


def build(dist: Path) -> None:
    if not (dist / "jieshou-kg.trig").exists():
        subprocess.run([sys.executable, "-m", "jieshou_kg.cli", "build", "--out", str(dist)], check=True)
    os.chmod(dist, 0o755)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each scenario (at most 30)")
    print(report(min(parser.parse_args().seconds, 30.0)))


def report(seconds: float) -> str:
    dist = OUT / "dist"
    build(dist)
    prefix = CAPLESS if os.geteuid() == 0 else []
    with measure.site_server(dist / "jieshou-kg.trig", "--sparql-timeout", "5", prefix=prefix) as (base, pid):
        rows = [
            scenario(base, "baseline", seconds),
            scenario(base, "150 idle sockets", seconds, lambda stop: _hold(base, stop)),
            scenario(base, "60 runaway clients", seconds, lambda stop: _crowd(base, stop, 60, every=1)),
            scenario(base, "1 in 10 a runaway (24 clients)", seconds, lambda stop: _crowd(base, stop, 24, every=10)),
            scenario(base, "a 200 MB body", seconds, lambda stop: (Counter(), huge_body(base))),
        ]
        memory = measure.peak_rss_mb(pid)
    header = ["scenario", "/health p50 ms", "p99 ms", "page req/s", "200/s page / sparql", "statuses", "note"]
    load = os.getloadavg()
    title = f"Hostile load at x1, {seconds:g} s a scenario (load average {load[0]:.2f}; peak memory {memory:.0f} MB)"
    return measure.table(title, header, rows)


class Background:
    """`work(stop)` in a thread: it returns (statuses it saw, a note) once `stop` is set, or when it is done."""

    def __init__(self, work):
        self.stop, self.result = threading.Event(), (Counter(), "")
        self.thread = threading.Thread(target=lambda: setattr(self, "result", work(self.stop)), daemon=True)
        self.thread.start()

    def finish(self) -> tuple[Counter, str]:
        self.stop.set()
        self.thread.join(120)
        return self.result


def _hold(base: str, stop: threading.Event) -> tuple[Counter, str]:
    with idle_sockets(base, 150):
        stop.wait()
    return Counter(), "150 sockets held"


def _crowd(base: str, stop: threading.Event, clients: int, every: int) -> tuple[Counter, str]:
    def url(i: int) -> str:
        return sparql(base, RUNAWAY if i % every == 0 else f"{SMALL} # {i} {time.perf_counter()}")

    crowd = Loop(clients, url)
    stop.wait()
    crowd.finish()
    return crowd.statuses, f"{clients} clients: " + ", ".join(f"{s}: {n}" for s, n in sorted(crowd.statuses.items()))


if __name__ == "__main__":
    main()
