"""Linked data: every IRI under https://w3id.org/jieshou-kg/ resolves on this site.

/id/…                 a resource: HTML page, or its RDF by Accept or ?format=
/def, /def/<version>  the ontology: documentation page, or the ontology as RDF
/ontology/<file>      the ontology and shapes files
/.well-known/void     VoID/DCAT description of the dataset and its dumps
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, make_response, render_template, request, send_file
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from ..layout import ONTOLOGY_FILES
from ..namespaces import ONTOLOGY
from . import describe
from .cache import shared
from .description import Description
from .errors import refuse
from .links import iri_of
from .negotiate import (
    HTML,
    RDF_FORMATS,
    VARY,
    alternates,
    describe_representations,
    negotiate,
    rdf_response,
    triples_response,
)
from .ontology import alignment
from .site import Site, site
from .templating import prefetch_labels
from .void import void_graph

bp = Blueprint("linked", __name__)
bp.after_request(shared("Accept", "Accept-Language", "Cookie"))
NOT_IN_AN_IRI = re.compile(r'[<>"{}|^`\\\s]')


@bp.get("/id/<path:path>")
def resource(path: str):
    """A resource of the dataset: its page, or its description in RDF."""
    s = site()
    iri = iri_of(f"id/{path}")
    if NOT_IN_AN_IRI.search(str(iri)):
        refuse(404, f"no resource {iri}", "error_no_resource", iri=iri)
    mimetype = negotiate()
    dataset = path.startswith("dataset")
    if mimetype != HTML and not dataset:
        triples = describe.triples(s, iri)
        if not triples:
            refuse(404, f"no resource {iri}", "error_no_resource", iri=iri)
        return describe_representations(triples_response(triples, mimetype), request.path, mimetype)
    graph = _dataset_description(iri) if dataset else describe.description(s, iri)
    if len(graph) == 0:
        refuse(404, f"no resource {iri}", "error_no_resource", iri=iri)
    if mimetype != HTML:
        return describe_representations(rdf_response(graph.graph(), mimetype), request.path, mimetype)
    kind = describe.kind_of(graph, iri)
    context = {} if dataset else _page_context(s, kind, iri)
    prefetch_labels(graph, context)
    template = "resource_section.html" if kind == "plan" else f"resource_{kind}.html"
    page = render_template(
        template, iri=iri, graph=graph, kind=kind, alternates=alternates(request.path, list(RDF_FORMATS)), **context
    )
    return describe_representations(make_response(page, {"Vary": VARY}), request.path, HTML)


def _dataset_description(iri: URIRef) -> Description:
    void = void_graph(site())
    return Description([*void.triples((iri, None, None)), *void.triples((None, None, iri))])


def _page_context(s: Site, kind: str, iri: URIRef) -> dict:
    """What the page of a resource of this kind shows beside its triples."""
    context = _kind_context(s, kind, iri)
    if kind in ("organization", "collective", "official"):
        context["in_notices"] = describe.agent_notices(s, iri)
    return context


def _kind_context(s: Site, kind: str, iri: URIRef) -> dict:
    if kind == "task":
        place = describe.item_place(s, iri)
        span = place["span"]
        return {
            **place,
            "assignments": describe.task_assignments(s, iri),
            "targets": describe.task_targets(s, iri),
            "content": describe.source_content(s, span["text"]) if span else "",
        }
    if kind in ("section", "plan"):
        return {**describe.item_place(s, iri), "contents": describe.contents(s, iri)}
    if kind == "organization":
        return {"tasks": describe.agent_tasks(s, iri), "partners": describe.partners(s, iri)}
    if kind == "collective":
        return {"tasks": describe.collective_tasks(s, iri)}
    if kind == "official":
        return {"sections": describe.official_tasks(s, iri)}
    if kind == "source":
        return {"content": describe.source_content(s, iri), "start": _int_arg("start"), "end": _int_arg("end")}
    return {}


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/def")
@bp.get("/def/<version>")
def vocabulary(version: str | None = None):
    """The ontology (at /def, and at its version IRI): its documentation page, or the ontology in RDF."""
    mimetype = negotiate()
    ontology = site().memo("ontology", lambda: Graph().parse(site().settings.layout.ontology_file))
    if version is not None and URIRef(f"{ONTOLOGY}/{version}") not in set(ontology.objects(ONTOLOGY, OWL.versionIRI)):
        abort(404, f"no version {version!r} of the ontology")
    if mimetype != HTML:
        return describe_representations(rdf_response(ontology, mimetype), request.path, mimetype)
    page = render_template(
        "ontology.html",
        ontology=ontology,
        alignment=alignment(ontology),
        alternates=alternates(request.path, list(RDF_FORMATS)),
    )
    return describe_representations(make_response(page, {"Vary": VARY}), request.path, HTML)


@bp.get("/ontology/<name>")
def ontology_file(name: str):
    """The ontology or the shapes, as Turtle files."""
    path = site().settings.layout.ontology_path(name)
    if name not in {f.name for f in ONTOLOGY_FILES} or not path.is_file():
        refuse(404, f"no ontology file {name!r}", "error_no_file", name=name)
    return send_file(path.resolve(), mimetype="text/turtle", etag=True)


@bp.get("/.well-known/void")
def void():
    """The VoID/DCAT description of the dataset."""
    mimetype = negotiate(offer_html=False)
    return rdf_response(void_graph(site()), mimetype)
