"""Pages for government staff: saved queries with forms, charts, downloads.

Every saved query page has twins with the same GET parameters:
/queries/<slug>.csv (UTF-8 with BOM, for Excel), .json, .srj (SPARQL results
JSON) and .srx (SPARQL results XML).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, abort, g, render_template, request, send_file, url_for

from .. import results
from ..queries import SavedQuery
from . import describe
from .charts import bar_chart, network_chart
from .site import site

bp = Blueprint("pages", __name__)

DOWNLOADS = {
    "csv": ("text/csv", lambda table, label: results.to_csv(table, label)),
    "json": ("application/json", lambda table, label: results.to_json(table, label)),
    "srj": ("application/sparql-results+json", lambda table, label: results.to_sparql(table, "json")),
    "srx": ("application/sparql-results+xml", lambda table, label: results.to_sparql(table, "xml")),
}
DUMPS = [
    ("jieshou-kg.ttl", "text/turtle", {"zh": "知识图谱（Turtle）", "en": "The knowledge graph (Turtle)"}),
    (
        "jieshou-kg.nt",
        "application/n-triples",
        {"zh": "知识图谱（N-Triples）", "en": "The knowledge graph (N-Triples)"},
    ),
    ("jieshou-kg.jsonld", "application/ld+json", {"zh": "知识图谱（JSON-LD）", "en": "The knowledge graph (JSON-LD)"}),
    (
        "jieshou-kg.trig",
        "application/trig",
        {"zh": "数据与本体两个命名图（TriG）", "en": "Data and ontology as named graphs (TriG)"},
    ),
    (
        "validation-report.ttl",
        "text/turtle",
        {"zh": "SHACL 校验报告（Turtle）", "en": "SHACL validation report (Turtle)"},
    ),
    (
        "validation-report.txt",
        "text/plain; charset=utf-8",
        {"zh": "SHACL 校验报告（文本）", "en": "SHACL validation report (text)"},
    ),
]
ONTOLOGY_FILES = [
    ("jieshou-kg.ttl", "text/turtle", {"zh": "本体（OWL，Turtle）", "en": "The ontology (OWL, Turtle)"}),
    ("shapes.ttl", "text/turtle", {"zh": "SHACL 形状", "en": "The SHACL shapes"}),
]


@bp.get("/")
def home():
    featured = site().queries["organization-co-leads"]
    return render_template(
        "home.html",
        queries=_by_audience(),
        notices=describe.notices(site().store, 5),
        featured=featured,
        featured_org=site().iri(featured.parameter("org").default or ""),
    )


@bp.get("/notices")
def notices():
    return render_template("notices.html", notices=describe.notices(site().store))


@bp.get("/queries/")
def query_index():
    return render_template("queries.html", queries=_by_audience())


def _by_audience() -> dict[str, list[SavedQuery]]:
    grouped: dict[str, list[SavedQuery]] = {"staff": [], "researchers": []}
    for query in site().queries.values():
        grouped.setdefault(query.audience, []).append(query)
    return grouped


@bp.get("/queries/<slug>")
@bp.get("/queries/<slug>.<fmt>")
def saved_query(slug: str, fmt: str | None = None):
    s = site()
    query = s.queries.get(slug) or abort(404, f"no saved query {slug!r}")
    if fmt is not None and fmt not in DOWNLOADS:
        abort(404, f"no download format {fmt!r}; try csv, json, srj or srx")
    raw = {k: v for k, v in request.args.items() if k != "lang"}
    values = query.values(raw, s.known, g.lang)
    sparql = query.bind(values)
    table = s.store.select(sparql)
    label = _labeler(table)
    if fmt:
        mimetype, render = DOWNLOADS[fmt]
        disposition = f'attachment; filename="{slug}.{fmt}"' if fmt == "csv" else "inline"
        return Response(render(table, label), mimetype=mimetype, headers={"Content-Disposition": disposition})
    chosen = {p.name: str(values[p.name]) if p.name in values else "" for p in query.parameters}
    return render_template(
        "query.html",
        query=query,
        table=table,
        label=label,
        sparql=sparql,
        chosen=chosen,
        downloads=list(DOWNLOADS),
        args=raw,
    )


def _labeler(table):
    labels = site().labels({v for row in table.rows for v in row.values()}, g.lang)
    return lambda iri: labels.get(iri, str(iri))


@bp.get("/charts")
def charts():
    s = site()
    officials = s.store.select(s.queries["workload-officials"].sparql)
    organizations = s.store.select(s.queries["workload-organizations"].sparql)
    label = _labeler(officials)
    org_label = _labeler(organizations)
    return render_template(
        "charts.html",
        officials=bar_chart([(label(r["official"]), int(r["tasks"]), r["official"]) for r in officials.rows]),
        organizations=bar_chart([(org_label(r["org"]), int(r["total"]), r["org"]) for r in organizations.rows[:25]]),
        network=network_chart(s.store, g.lang),
    )


@bp.get("/downloads")
def downloads():
    s = site()
    dumps = [_file_entry(s.dist / name, url_for("pages.dump", name=name), mime, text) for name, mime, text in DUMPS]
    ontology = [
        _file_entry(Path(s.config["ONTOLOGY"]) / name, url_for("linked.ontology_file", name=name), mime, text)
        for name, mime, text in ONTOLOGY_FILES
    ]
    return render_template("downloads.html", files=[f for f in dumps + ontology if f])


def _file_entry(path: Path, url: str, mimetype: str, description: dict) -> dict | None:
    if not path.is_file():
        return None
    return {
        "name": path.name,
        "url": url,
        "mimetype": mimetype,
        "description": description,
        "size": path.stat().st_size,
        "sha256": file_sha256(path),
    }


def file_sha256(path: Path) -> str:
    stat = path.stat()
    return _sha256(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _sha256(path: str, mtime_ns: int, size: int) -> str:  # the stat fields key the cache
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@bp.get("/dumps/<name>")
def dump(name: str):
    known = {entry[0]: entry[1] for entry in DUMPS}
    if name not in known or not (site().dist / name).is_file():
        abort(404, f"no dump {name!r}")
    return send_file((site().dist / name).resolve(), mimetype=known[name], as_attachment=False, etag=True)
