"""Pages for government staff: saved queries with forms, charts, downloads.

Every saved query page has twins with the same GET parameters:
/queries/<slug>.xlsx (the spreadsheet), .csv (UTF-8 with BOM), .json, .srj (SPARQL results
JSON) and .srx (SPARQL results XML).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, g, render_template, request, send_file

from ..layout import DUMPS
from ..saved import SavedQuery
from . import describe
from .cache import shared
from .charts import bar_chart, collaboration, network_chart
from .errors import refuse
from .files import offered
from .links import iri_of
from .query_page import DOWNLOADS, PAGE_ARGS, answer
from .site import site
from .templating import label, prefetch_labels

bp = Blueprint("pages", __name__)
bp.after_request(shared("Accept-Language", "Cookie"))


@bp.get("/")
def home():
    """The entry points: the featured saved query, the notices, every saved query by audience."""
    featured = min(site().queries.values(), key=lambda q: (q.featured is None, q.featured or 0, q.slug))
    iri_parameter = next((p for p in featured.parameters if p.is_iri and p.default), None)
    featured_iri = iri_of(f"id/{iri_parameter.default}") if iri_parameter else None
    notices = describe.notices(site())[:5]
    prefetch_labels(notices, featured_iri)
    return render_template(
        "home.html", queries=_by_audience(), notices=notices, featured=featured, featured_iri=featured_iri
    )


@bp.get("/notices")
def notices():
    """Every notice of the dataset with its plan."""
    rows = describe.notices(site())
    prefetch_labels(rows)
    return render_template("notices.html", notices=rows)


@bp.get("/queries/")
def query_index():
    """The saved queries, grouped by audience."""
    return render_template("queries.html", queries=_by_audience())


def _by_audience() -> dict[str, list[SavedQuery]]:
    grouped: dict[str, list[SavedQuery]] = {"staff": [], "researchers": []}
    for query in site().queries.values():
        grouped.setdefault(query.audience, []).append(query)
    return grouped


@bp.get("/queries/<slug>")
@bp.get("/queries/<slug>.<fmt>")
def saved_query(slug: str, fmt: str | None = None):
    """A saved query: its form and result table, or the result as a download (xlsx, csv, json, srj, srx)."""
    s = site()
    query = s.queries.get(slug)
    if query is None:
        refuse(404, f"no saved query {slug!r}", "error_no_query_named", name=slug)
    g.query = query
    if fmt is not None and fmt not in DOWNLOADS:
        known = ", ".join(DOWNLOADS)
        refuse(404, f"no download format {fmt!r}; try {known}", "error_download_format", value=fmt, known=known)
    repeated = [name for name in request.args if len(request.args.getlist(name)) > 1]
    if repeated:
        n = len(request.args.getlist(repeated[0]))
        refuse(400, f"give parameter {repeated[0]!r} once, not {n} times", "error_repeated", name=repeated[0], n=n)
    raw = {k: v for k, v in request.args.items() if k not in PAGE_ARGS}
    return answer(query, query.values(raw, s.pickers.known, g.lang), fmt)


@bp.get("/charts")
def charts():
    """Bar charts of the saved queries that declare one, and the collaboration network of units."""
    s = site()
    bars = []
    for query in (q for q in s.queries.values() if q.chart):
        spec = query.chart
        table = s.store.select(query.sparql)
        rows = table.rows[: spec.get("limit", len(table.rows))]
        prefetch_labels(rows)
        items = [(label(r[spec["label"]]), int(r[spec["value"]]), r[spec["label"]]) for r in rows]
        bars.append((query, spec.get("title") or query.title, bar_chart(items)))
    return render_template("charts.html", charts=bars, network=s.memo(("network", g.lang), _network))


def _network() -> dict:
    graph = collaboration(site().select("network"))
    prefetch_labels(list(graph.nodes))
    return network_chart(graph, {n: label(n) for n in graph.nodes})


@bp.get("/downloads")
def downloads():
    """The dumps and ontology files, with sizes and SHA-256."""
    return render_template("downloads.html", files=offered(site().settings))


@bp.get("/favicon.ico")
def favicon():
    """The site's icon, where browsers and crawlers look for it."""
    return send_file(Path(current_app.static_folder) / "favicon.ico", mimetype="image/vnd.microsoft.icon", etag=True)


@bp.get("/dumps/<name>")
def dump(name: str):
    """One of the built dumps."""
    known = {d.name: d.mimetype for d in DUMPS}
    path = site().settings.layout.dump_file(name)
    if name not in known or not path.is_file():
        refuse(404, f"no dump {name!r}", "error_no_file", name=name)
    return send_file(path.resolve(), mimetype=known[name], as_attachment=False, etag=True)
