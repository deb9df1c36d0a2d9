"""Benchmarks: run by hand (`./dev bench`), print tables of medians and ratios measured side by side.

    python -m benchmarks                       # x1, x10, x100
    python -m benchmarks --scales 1,10,100,1000 --http-seconds 10

Sections: build + validate (and the x1 build stage by stage); each saved query on the
embedded default and an Oxigraph server over HTTP; the site beside Oxigraph
server, repeat and cold answers apart (speed.py, which the README quotes);
peak memory of the serving process; hostile load; and, when asked for, the
older HTTP load test.
Machines here are shared and noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import time
import urllib.request

from jieshou_kg.build import build
from jieshou_kg.saved import known_in, load_queries
from jieshou_kg.settings import Settings
from jieshou_kg.store import OxigraphStore, RemoteStore

from . import hostile, measure, speed, stages
from .generate import dataset
from .speed import PAGE

OUT = measure.OUT
QUERIES = load_queries(measure.ROOT / "queries")
SECTIONS = ("build", "queries", "speed", "memory", "hostile", "http")
DEFAULT = "build,queries,speed,memory,hostile"  # http (the older load test) only when asked for: speed has it


REAL = Settings.load(
    {},
    notice=measure.ROOT / "data/jieshou-2020-key-tasks.txt",
    data=measure.ROOT / "data",
    ontology=measure.ROOT / "ontology",
    dist=OUT / "x1-build",
)


def build_section(scales: list[int]) -> str:
    x1 = statistics.median(measure.median_ms(lambda: build(REAL), repeat=1) / 1000 for _ in range(5))
    rows = [[1, 1, x1, x1, "yes" if x1 < 2 else "no"]]
    for scale in [s for s in scales if 1 < s <= 100]:
        started = time.perf_counter()
        _, result = dataset(scale, validate=True)
        rows.append([scale, scale, statistics.median(result["seconds"]), time.perf_counter() - started, ""])
    report = measure.table(
        "Build + validate (parse, graph, SHACL) of each plan, one registry for all",
        ["scale", "plans", "median s per plan", "wall s", "x1 under 2 s"],
        rows,
    )
    return report + "\n" + stages.report(5) + "\n" + shacl_engines()


def shacl_engines() -> str:
    """pySHACL on the Oxigraph-backed graph (what the build does) beside pySHACL on rdflib's in-memory graph."""
    from pyshacl import validate as shacl
    from rdflib import Graph

    from jieshou_kg.graph import load_graph, validate

    graph = build(REAL).graph
    shapes, ontology = load_graph(REAL.layout.shapes_file), load_graph(REAL.layout.ontology_file)
    plain = Graph()
    for triple in (*graph, *ontology):
        plain.add(triple)
    oxigraph = measure.median_ms(lambda: validate(graph, shapes, ontology), repeat=3, budget=60) / 1000
    rdflib = (
        measure.median_ms(
            lambda: shacl(
                plain, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True, inplace=True
            ),
            repeat=3,
            budget=60,
        )
        / 1000
    )
    return measure.table(
        "SHACL at x1: pySHACL on an Oxigraph-backed graph (the build) vs on rdflib's in-memory graph",
        ["engine under pySHACL", "median s", "ratio"],
        [["oxigraph (oxrdflib)", oxigraph, "1.0x"], ["rdflib", rdflib, f"{rdflib / oxigraph:.1f}x"]],
    )


def query_section(scale: int) -> str:
    path, _ = dataset(scale)
    started = time.perf_counter()
    embedded = OxigraphStore(path)
    loaded = time.perf_counter() - started
    rows = []
    with measure.oxigraph_server(path, OUT / f"x{scale}-oxigraph") as (url, _):
        server = RemoteStore(url, timeout=600)
        for slug, query in QUERIES.items():
            sparql = query.bind(query.values({}, known_in(embedded), "zh"))
            expected = len(embedded.select(sparql))
            e = measure.median_ms(lambda s=sparql: embedded.select(s))
            o = measure.median_ms(lambda s=sparql: server.select(s))
            rows.append([slug, expected, e, o, f"{o / e:.1f}x"])
    return measure.table(
        f"Saved queries at x{scale} (medians, ms; embedded store loaded in {loaded:.1f} s)",
        ["query", "rows", "embedded", "oxigraph server", "server/emb"],
        rows,
    )


def http_section(scale: int, seconds: float) -> str:
    path, _ = dataset(scale)
    query = QUERIES[PAGE]
    embedded = OxigraphStore(path)
    sparql = query.bind(query.values({}, known_in(embedded), "zh"))
    form = measure.sparql_form(sparql, embedded.graphs)
    rows = []
    with (
        measure.oxigraph_server(path, OUT / f"x{scale}-oxigraph") as (oxigraph, _),
        measure.site_server(path) as (site, _),
    ):
        targets = [
            ("oxigraph server: the SPARQL", oxigraph, form, measure.FORM),
            ("site: saved query page", f"{site}/queries/{PAGE}", None, {}),
            ("site: /sparql JSON", f"{site}/sparql", form, measure.FORM),
        ]
        for clients in (1, 4):
            results = {name: measure.load(url, seconds, clients, body, headers) for name, url, body, headers in targets}
            base = results["oxigraph server: the SPARQL"]
            for name, result in results.items():
                rows.append(
                    [
                        name,
                        clients,
                        result.requests,
                        result.rps,
                        result.p50,
                        result.p99,
                        f"{result.p50 / base.p50:.2f}x",
                        result.errors,
                    ]
                )
    return measure.table(
        f"HTTP at x{scale}: {seconds:g} s per run on loopback (waitress, 16 threads; the page runs {PAGE})",
        ["target", "clients", "requests", "req/s", "p50 ms", "p99 ms", "p50 / server", "errors"],
        rows,
    )


def memory_section(scales: list[int]) -> str:
    rows = []
    for scale in scales:
        path, _ = dataset(scale)
        started = time.perf_counter()
        with measure.site_server(path) as (site, pid):
            ready = time.perf_counter() - started
            for url in (
                f"{site}/queries/{PAGE}",
                f"{site}/queries/all-tasks",
                f"{site}/charts",
                f"{site}/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
            ):
                with urllib.request.urlopen(url, timeout=1800) as response:
                    response.read()
            main = measure.peak_rss_mb(pid)
        rows.append([scale, path.stat().st_size / 2**20, ready, main])
    return measure.table(
        "Peak memory of the serving process (main + /sparql workers, VmHWM)",
        ["scale", "dump MB", "ready after s", "peak RSS MB"],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated, from 1,10,100,1000")
    parser.add_argument("--http-seconds", type=float, default=10.0, help="length of each HTTP run (at most 30)")
    parser.add_argument("--sections", default=DEFAULT, help=f"from {','.join(SECTIONS)}")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    seconds = min(args.http_seconds, 30.0)
    sections = args.sections.split(",")
    if unknown := [s for s in sections if s not in SECTIONS]:
        parser.error(f"no section {', '.join(unknown)}: choose from {', '.join(SECTIONS)}")
    OUT.mkdir(exist_ok=True)
    report = []
    if "build" in sections:
        report.append(build_section(scales))
        print(report[-1], flush=True)
    for scale in scales if "queries" in sections else []:
        report.append(query_section(scale))
        print(report[-1], flush=True)
    if "speed" in sections:
        report.append(speed.report({s: dataset(s)[0] for s in scales if s <= 100}, 300, min(seconds, 5.0)))
        print(report[-1], flush=True)
    for scale in [s for s in scales if s <= 100] if "http" in sections else []:
        report.append(http_section(scale, seconds))
        print(report[-1], flush=True)
    if "memory" in sections:
        report.append(memory_section(scales))
        print(report[-1], flush=True)
    if "hostile" in sections:
        report.append(hostile.report(seconds))
        print(report[-1], flush=True)
    (OUT / "results.md").write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"\n(also written to {OUT / 'results.md'})")


if __name__ == "__main__":
    main()
