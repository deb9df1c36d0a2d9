"""Linked data: every IRI under https://w3id.org/jieshou-kg/ resolves on this site.

/id/…                 a resource: HTML page, or its RDF by Accept or ?format=
/def                  the ontology: documentation page, or the ontology as RDF
/ontology/<file>      the ontology and shapes files
/.well-known/void     VoID/DCAT description of the dataset and its dumps
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, abort, render_template, request, send_file
from rdflib import Graph, URIRef

from . import describe
from .negotiate import HTML, VARY, negotiate, rdf_response
from .site import site
from .void import void_graph

bp = Blueprint("linked", __name__)
NOT_IN_AN_IRI = re.compile(r'[<>"{}|^`\\\s]')
ONTOLOGY_FILES = ("jieshou-kg.ttl", "shapes.ttl")


@bp.get("/id/<path:path>")
def resource(path: str):
    s = site()
    iri = s.iri(f"id/{path}")
    if NOT_IN_AN_IRI.search(str(iri)):
        abort(404, f"no resource {iri}")
    mimetype = negotiate()
    graph = _dataset_description(iri) if path.startswith("dataset") else describe.describe_graph(s.store, iri)
    if len(graph) == 0:
        abort(404, f"no resource {iri}")
    if mimetype != HTML:
        return rdf_response(graph, mimetype)
    kind = describe.kind_of(graph, iri)
    context = _page_context(kind, iri, graph) if not path.startswith("dataset") else {}
    template = "resource_section.html" if kind == "plan" else f"resource_{kind}.html"
    page = render_template(template, iri=iri, graph=graph, kind=kind, **context)
    return page, {"Vary": VARY}


def _dataset_description(iri: URIRef) -> Graph:
    void = void_graph(site(), request.host_url)
    graph = Graph()
    for triple in void.triples((iri, None, None)):
        graph.add(triple)
    for triple in void.triples((None, None, iri)):
        graph.add(triple)
    return graph


def _page_context(kind: str, iri: URIRef, graph: Graph) -> dict:
    store = site().store
    if kind == "task":
        span = describe.source_span(store, iri)
        return {
            "trail": describe.breadcrumb(store, iri),
            "assignments": describe.task_assignments(store, iri),
            "targets": describe.task_targets(store, iri),
            "span": span,
            "content": describe.source_content(store, span["text"]) if span else "",
        }
    if kind in ("section", "plan"):
        return {"trail": describe.breadcrumb(store, iri), "contents": describe.contents(store, iri)}
    if kind == "organization":
        return {"tasks": describe.agent_tasks(store, iri), "partners": describe.partners(store, iri)}
    if kind == "collective":
        return {"tasks": describe.collective_tasks(store, iri)}
    if kind == "official":
        return {"sections": describe.official_tasks(store, iri)}
    if kind == "source":
        return {"content": describe.source_content(store, iri), "start": _int_arg("start"), "end": _int_arg("end")}
    return {}


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/def")
def vocabulary():
    mimetype = negotiate()
    ontology = site().ontology()
    if mimetype != HTML:
        return rdf_response(ontology, mimetype)
    return render_template("ontology.html", ontology=ontology), {"Vary": VARY}


@bp.get("/ontology/<name>")
def ontology_file(name: str):
    path = Path(site().config["ONTOLOGY"]) / name
    if name not in ONTOLOGY_FILES or not path.is_file():
        abort(404, f"no ontology file {name!r}")
    return send_file(path.resolve(), mimetype="text/turtle", etag=True)


@bp.get("/.well-known/void")
def void():
    mimetype = negotiate(offer_html=False)
    return rdf_response(void_graph(site(), request.host_url), mimetype)
