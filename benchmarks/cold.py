"""Where a new /sparql text and a task page not asked for before spend their time, stage by stage,
measured in one run (x1, in process).

    python -m benchmarks.cold [--repeat 300]

Every request carries a query text not seen before (the same work: a LIMIT 10 SELECT, and a counter in
a comment), so no answer is kept. Each stage is timed on its own, medians of `repeat`:
the guard's check; check + engine + writing SPARQL JSON (what a worker does); the same through the
worker pool (the process hop added); and the whole request handed to the site's WSGI app, as waitress
hands it (the web edge added: the answer cache's key, protocol parsing, negotiation).
`benchmarks.speed` measures the same request over HTTP beside Oxigraph server.

A page not asked for before (the answer cache off), a task's (every task in turn) and the saved query
page organization-co-leads (every organization, in both languages): its queries alone (a task's four,
queries/site/ resource-page, item-place, task-assignments, task-targets, rows made rdflib terms as the
page uses them; the saved query's own), the whole page through the site's WSGI app, and /health, the
framework's floor (Flask and the site's headers, no store).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from urllib.parse import urlencode

from werkzeug.test import EnvironBuilder

from jieshou_kg.endpoint import guard
from jieshou_kg.endpoint.protocol import Policy, Request, answer_query
from jieshou_kg.saved import options
from jieshou_kg.settings import Settings
from jieshou_kg.web import create_app
from jieshou_kg.web.results import result_of
from jieshou_kg.web.site import Site

from .speed import PAGE, PREFIXES, SPARQL

JSON = {"Accept": "application/sparql-results+json"}
TASK_QUERIES = {"resource-page": "iri", "item-place": "item", "task-assignments": "task", "task-targets": "task"}


def median_ms(run: Callable[[object], object], inputs: list) -> float:
    """The median time of `run(x)` in ms over the inputs, each made before its clock starts."""
    times = []
    for given in inputs:
        started = time.perf_counter()
        run(given)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def texts(repeat: int, tag: str) -> list[str]:
    return [f"{PREFIXES}{SPARQL} # {tag} {i}" for i in range(repeat)]


def wsgi(app) -> Callable[[dict], None]:
    """A request handed to the app as a WSGI server hands it (no test client in the time), checked 200."""

    def call(environ: dict) -> None:
        status = []
        body = app(environ, lambda code, headers, info=None: status.append(code))
        b"".join(body)
        getattr(body, "close", lambda: None)()
        assert status[0].startswith("200"), status

    return call


def environs(paths: list[str], **options) -> list[dict]:
    return [EnvironBuilder(path=path, **options).get_environ() for path in paths]


def stages(repeat: int) -> list[tuple[str, float]]:
    app = create_app(Settings.load({}))
    site = app.extensions["jieshou_kg"]
    store, call = site.store, wsgi(app)
    policy = Policy.of(site.settings, store.graphs)
    pool = site.query_pool()
    pool.wait_ready()
    posts = [environs(["/sparql"], method="POST", data={"query": q}, headers=JSON)[0] for q in texts(repeat, "w")]
    try:
        return [
            ("the guard's check", median_ms(lambda q: guard.check(q, policy.allowed_graphs), texts(repeat, "g"))),
            ("check + engine + SPARQL JSON (a worker's work)", median_ms(
                lambda q: answer_query(store, Request(q), policy), texts(repeat, "a"))),
            ("the same through the worker pool", median_ms(lambda q: pool.run(Request(q)), texts(repeat, "p"))),
            ("the whole request, through the site's WSGI app", median_ms(call, posts)),
        ]  # fmt: skip
    finally:
        site.close()


def page_stages(repeat: int, pages: Callable[[Site], list[tuple[str, Callable[[], object]]]]) -> list:
    """A page not asked for before (the answer cache off), `repeat` times over the (path, its queries)
    that `pages` lists: its queries alone, the whole page, and /health."""
    app = create_app(Settings.load({}, answer_cache_bytes=0))
    site: Site = app.extensions["jieshou_kg"]
    call = wsgi(app)
    listed = pages(site)
    turns = [listed[i % len(listed)] for i in range(repeat)]
    paths = [path for path, _ in turns]
    try:
        median_ms(call, environs(paths))  # warm: the source text and the pickers are read once per site
        return [
            ("its queries alone (the engine, and the rows as the page takes them)", median_ms(
                lambda run: run(), [run for _, run in turns])),
            ("the whole page, through the site's WSGI app", median_ms(call, environs(paths))),
            ("/health, through the site's WSGI app (the framework's floor)", median_ms(
                call, environs(["/health"] * repeat))),
        ]  # fmt: skip
    finally:
        site.close()


def task_pages(site: Site) -> list[tuple[str, Callable[[], object]]]:
    """Every task's page, and its four queries (queries/site/)."""
    tasks = [row["t"] for row in site.store.select(f"{PREFIXES}SELECT ?t WHERE {{ ?t a jk:Task }}").rows]

    def queries(task) -> Callable[[], None]:
        return lambda: [site.select(name, **{variable: task}) for name, variable in TASK_QUERIES.items()]

    return [(str(t).removeprefix("https://w3id.org/jieshou-kg"), queries(t)) for t in tasks]


def saved_pages(site: Site) -> list[tuple[str, Callable[[], object]]]:
    """The saved query page of every organization in both languages, and the query it runs."""
    query, known = site.queries[PAGE], site.pickers.known
    pages = []
    for org in [o.iri for o in options(site.store, "organization")]:
        for lang in ("zh", "en"):
            sparql = query.bind(query.values({"org": str(org)}, known, lang))
            path = f"/queries/{PAGE}?{urlencode({'org': str(org), 'lang': lang})}"
            pages.append((path, lambda sparql=sparql: result_of(site.store.execute(sparql))))
    return pages


def table(title: str, found: list[tuple[str, float]], added: bool) -> str:
    lines = [f"### {title}\n", "| stage | ms |" + (" added by the stage |" if added else ""),
             "| --- | --- |" + (" --- |" if added else "")]  # fmt: skip
    before = 0.0
    for name, ms in found:
        lines.append(f"| {name} | {ms:.3f} |" + (f" {max(0.0, ms - before):.3f} |" if added else ""))
        before = ms
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    found = stages(args.repeat)
    load = f"x1, medians of {args.repeat}, load {os.getloadavg()[0]:.2f}"
    print(table(f"A new /sparql text, stage by stage ({load})", found, added=True))
    for what, pages in (("A task page", task_pages), (f"The saved query page {PAGE}", saved_pages)):
        found = page_stages(args.repeat, pages)
        load = f"x1, medians of {args.repeat}, load {os.getloadavg()[0]:.2f}"
        print()
        print(table(f"{what}, not asked for before, stage by stage ({load})", found, added=False))


if __name__ == "__main__":
    main()
