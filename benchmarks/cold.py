"""Where a new /sparql text spends its time, stage by stage, measured in one run (x1, in process).

    python -m benchmarks.cold [--repeat 300]

Every request carries a query text not seen before (the same work: a LIMIT 10 SELECT, and a counter in
a comment), so no answer is kept. Each stage is timed on its own, medians of `repeat`:
the guard's check; check + engine + writing SPARQL JSON (what a worker does); the same through the
worker pool (the process hop added); and the whole Flask request through the test client (the web edge
added: the answer cache's key, protocol parsing, negotiation). `benchmarks.speed` measures the same
request over HTTP beside Oxigraph server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from jieshou_kg.endpoint import guard
from jieshou_kg.endpoint.protocol import Policy, Request, answer_query
from jieshou_kg.settings import Settings
from jieshou_kg.web import create_app

from .speed import PREFIXES, SPARQL

JSON = {"Accept": "application/sparql-results+json"}


def median_ms(run: Callable[[str], object], repeat: int, tag: str) -> float:
    times = []
    for i in range(repeat):
        text = f"{PREFIXES}{SPARQL} # {tag} {i}"
        started = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def stages(repeat: int) -> list[tuple[str, float]]:
    app = create_app(Settings.load({}))
    site = app.extensions["jieshou_kg"]
    client, store = app.test_client(), site.store
    policy = Policy.of(site.settings, store.graphs)
    pool = site.query_pool()
    pool.wait_ready()
    try:
        return [
            ("the guard's check", median_ms(lambda q: guard.check(q, policy.allowed_graphs), repeat, "g")),
            ("check + engine + SPARQL JSON (a worker's work)", median_ms(
                lambda q: answer_query(store, Request(q), policy), repeat, "a")),
            ("the same through the worker pool", median_ms(lambda q: pool.run(Request(q)), repeat, "p")),
            ("the whole request, Flask test client", median_ms(
                lambda q: client.post("/sparql", data={"query": q}, headers=JSON), repeat, "c")),
        ]  # fmt: skip
    finally:
        site.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    found = stages(args.repeat)
    print(f"### A new /sparql text, stage by stage (x1, medians of {args.repeat}, load {os.getloadavg()[0]:.2f})\n")
    print("| stage | ms | added by the stage |\n| --- | --- | --- |")
    before = 0.0
    for name, ms in found:
        print(f"| {name} | {ms:.3f} | {max(0.0, ms - before):.3f} |")
        before = ms


if __name__ == "__main__":
    main()
