"""The site beside Oxigraph server answering the same SPARQL on the same dump, measured in one run.

    python -m benchmarks.speed --scales 1,10,100     # or: ./dev bench --sections speed

For each scale: one client (p50, p99, CPU per request) and 4 and 16 clients (requests/s), for repeat
answers and for cold ones (a new query text, or a page not asked for before, with the answer cache
off) measured apart; the page's size; start-up time and peak memory of both servers. Two floors: the
site's smallest answer (/health) and a new /sparql text that asks nothing (ASK {}), beside Oxigraph
server's ASK {}: what each server costs before any work, below which no ratio can go.
"""

from __future__ import annotations

import argparse
import http.client
import os
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from jieshou_kg.namespaces import SPARQL_PREFIXES as PREFIXES
from jieshou_kg.saved import load_queries

from . import measure
from .generate import dataset

PAGE = "organization-co-leads"
SPARQL = "SELECT ?task ?text WHERE { ?task a jk:Task ; jk:text ?text } LIMIT 10"
Request = tuple[str, str, bytes | None, dict]  # method, path, body, headers


class Target:
    """A server on loopback and the requests it is asked, the i-th by `make(i)`."""

    def __init__(self, base: str, pid: int, make: Callable[[int], Request]):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.pid, self.make = parts.hostname, parts.port, pid, make

    def one_client(self, n: int, offset: int = 0) -> tuple[float, float, float]:
        """p50 and p99 in ms, and the server's CPU per request in ms, over `n` requests on one connection
        (the `offset`-th request on)."""
        connection, latencies = http.client.HTTPConnection(self.host, self.port, timeout=60), []
        cpu = cpu_seconds(self.pid)
        for i in range(offset, offset + n):
            started = time.perf_counter()
            send(connection, self.make(i))
            latencies.append(time.perf_counter() - started)
        used = (cpu_seconds(self.pid) - cpu) / n
        connection.close()
        ordered = sorted(latencies)
        return ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.99)] * 1000, used * 1000

    def throughput(self, clients: int, seconds: float, offset: int = 10**6) -> float:
        counts, deadline = [0] * clients, time.perf_counter() + seconds

        def client(k: int) -> None:
            connection, i = http.client.HTTPConnection(self.host, self.port, timeout=60), offset + k * 10**5
            while time.perf_counter() < deadline:
                send(connection, self.make(i))
                counts[k] += 1
                i += 1
            connection.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(counts) / seconds


def send(connection: http.client.HTTPConnection, request: Request) -> None:
    method, path, body, headers = request
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.status not in (200, 304):
        raise RuntimeError(f"{method} {path[:80]} answered {response.status}")


def cpu_seconds(pid: int) -> float:
    total = 0
    for candidate in [pid, *measure.children(pid)]:
        try:
            with open(f"/proc/{candidate}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return total / os.sysconf("SC_CLK_TCK")


def form(query: str, graphs: list[str], accept: str = "application/sparql-results+json") -> tuple[bytes, dict]:
    body = urllib.parse.urlencode({"query": query, "default-graph-uri": graphs}, doseq=True).encode()
    return body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}


def rows_for(work: dict) -> list[tuple[str, Callable, Callable]]:
    """(what, the site's i-th request, Oxigraph server's i-th request doing the same work)."""
    graphs = work["graphs"]

    def server(query: Callable[[int], str]) -> Callable[[int], Request]:
        return lambda i: ("POST", "/query", *form(query(i), graphs))

    def site(query: Callable[[int], str]) -> Callable[[int], Request]:
        return lambda i: ("POST", "/sparql", *form(query(i), []))

    repeat, cold = (lambda i: PREFIXES + SPARQL), (lambda i: f"{PREFIXES}{SPARQL} # {i}")

    def empty(i: int) -> str:  # no work at all: what each server costs by itself
        return f"ASK {{}} # {i}"

    k = next((i for i, t in enumerate(work["tasks"]) if t.endswith("/1.1.3.2")), 0)  # the task
    task, task_iri = work["tasks"][k], work["task_iris"][k]
    return [
        ("saved query page, repeated (a kept 200)", lambda i: ("GET", f"/queries/{PAGE}", None, {}),
         server(lambda i: work["sparql"])),
        ("/sparql JSON, the same text repeated", site(repeat), server(repeat)),
        ("/sparql JSON, a new text each time", site(cold), server(cold)),
        ("task page, repeated (a kept 200) / its DESCRIBE", lambda i: ("GET", task, None, {}),
         lambda i: ("POST", "/query", *form(f"DESCRIBE <{task_iri}>", graphs, "text/turtle"))),
        ("floor: /health (no store, no query) / ASK {}", lambda i: ("GET", "/health", None, {}),
         server(lambda i: "ASK {}")),
        ("floor: /sparql ASK {}, a new text each time", site(empty), server(empty)),
    ]  # fmt: skip


def compare(site: Target, server: Target, n: int, seconds: float) -> list:
    for target in (site, server):
        target.one_client(min(50, n), offset=10**8)  # warm both up alike, on requests not measured after
    s1, o1 = site.one_client(n), server.one_client(n)
    s4, o4 = site.throughput(4, seconds), server.throughput(4, seconds)
    s16, o16 = site.throughput(16, seconds), server.throughput(16, seconds)
    return [
        f"{s1[0]:.2f} / {o1[0]:.2f}", f"**{s1[0] / o1[0]:.2f}×**", f"{s1[1]:.2f} / {o1[1]:.2f}",
        f"{s1[2]:.2f} / {o1[2]:.2f}", f"{s4:.0f} / {o4:.0f}", f"{s16:.0f} / {o16:.0f}",
    ]  # fmt: skip


def measure_scale(dataset: Path, scale: int, n: int, seconds: float) -> list[list]:
    """Every row at one scale: the site (cache on, and a second one with it off for the cold pages)."""
    work = workload(dataset)
    started = time.perf_counter()
    with measure.oxigraph_server(dataset, measure.OUT / f"x{scale}-oxigraph") as (oxigraph, oxigraph_pid):
        ready_oxigraph = time.perf_counter() - started

        def side_by_side(site: str, site_pid: int, pairs) -> list[list]:
            return [
                [what, *compare(Target(site, site_pid, mine), Target(oxigraph, oxigraph_pid, theirs), n, seconds)]
                for what, mine, theirs in pairs
            ]

        started = time.perf_counter()
        with measure.site_server(dataset) as (site, site_pid):
            ready_site = time.perf_counter() - started
            rows = side_by_side(site, site_pid, rows_for(work))
            size = len(fetch(site + f"/queries/{PAGE}"))
            memory = measure.peak_rss_mb(site_pid), measure.peak_rss_mb(oxigraph_pid)
        with measure.site_server(dataset, "--answer-cache-bytes", "0") as (site, site_pid):
            rows += side_by_side(site, site_pid, cold_rows(work))
    note = (
        f"page {size / 1024:.0f} KB; ready in {ready_site:.1f} s / {ready_oxigraph:.1f} s; peak memory "
        f"{memory[0]:.0f} / {memory[1]:.0f} MB (site with its 2 workers / Oxigraph server)"
    )
    return [[f"x{scale}", *row] for row in rows] + [[f"x{scale}", note, "", "", "", "", "", ""]]


def workload(dataset: Path) -> dict:
    """What the rows ask: the page's SPARQL, pages not asked before (every organization, both languages)
    with the SPARQL each runs, and every task's page."""
    from jieshou_kg.saved import known_in, options
    from jieshou_kg.store import OxigraphStore

    store, query = OxigraphStore(dataset), load_queries(measure.ROOT / "queries")[PAGE]
    known = known_in(store)
    organizations = [o.iri for o in options(store, "organization")][:500]
    pairs = [(org, lang) for org in organizations for lang in ("zh", "en")]
    tasks = [str(r["t"]) for r in store.select(f"{PREFIXES}SELECT ?t WHERE {{ ?t a jk:Task }} LIMIT 1000").rows]
    return {
        "graphs": list(store.graphs),
        "sparql": query.bind(query.values({}, known, "zh")),
        "urls": [f"/queries/{PAGE}?{urllib.parse.urlencode({'org': str(o), 'lang': lang})}" for o, lang in pairs],
        "queries": [query.bind(query.values({"org": str(o)}, known, lang)) for o, lang in pairs],
        "tasks": [t.replace("https://w3id.org/jieshou-kg/", "/") for t in tasks],
        "task_iris": tasks,
    }


def cold_rows(work: dict) -> list[tuple[str, Callable, Callable]]:
    graphs = work["graphs"]

    def cycle(items: list, make: Callable) -> Callable[[int], Request]:
        return lambda i: make(items[i % len(items)])

    return [
        ("saved query page, first time (none kept)", cycle(work["urls"], lambda url: ("GET", url, None, {})),
         cycle(work["queries"], lambda q: ("POST", "/query", *form(q, graphs)))),
        ("task page, first time / a DESCRIBE of it", cycle(work["tasks"], lambda url: ("GET", url, None, {})),
         cycle(work["task_iris"], lambda t: ("POST", "/query", *form(f"DESCRIBE <{t}>", graphs, "text/turtle")))),
    ]  # fmt: skip


def fetch(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read()


def report(datasets: dict[int, Path], n: int, seconds: float) -> str:
    rows = []
    for scale, path in datasets.items():
        rows += measure_scale(path, scale, n, seconds)
    load = os.getloadavg()
    header = ["scale", "what", "1 client p50 ms (site / server)", "ratio", "p99 ms", "CPU ms per request",
              "4 clients req/s", "16 clients req/s"]  # fmt: skip
    title = (
        f"The site beside Oxigraph server, {n} requests for one client and {seconds:g} s for many (load {load[0]:.2f})"
    )
    return measure.table(title, header, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    datasets = {int(s): dataset(int(s))[0] for s in args.scales.split(",")}
    print(report(datasets, args.requests, min(args.seconds, 30.0)))


if __name__ == "__main__":
    main()
