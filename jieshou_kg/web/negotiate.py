"""Content negotiation on one URL: HTML for browsers, RDF or SPARQL results for programs.

werkzeug parses Accept (quality values, wildcards); ?format= overrides it.
Nothing acceptable is a 406 that lists what is on offer.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from flask import Response, request
from rdflib import Graph
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from ..endpoint.answers import GRAPH_FORMATS, RESULT_FORMATS
from ..namespaces import PREFIXES, TURTLE_PREFIXES
from ..store import graph_of
from .errors import refuse

HTML = "text/html"
RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
VARY = "Accept, Accept-Language, Cookie"
# The ?format= of each representation a resource offers, for Content-Location, Link and <link rel="alternate">
FORMAT_PARAMS = {HTML: "html", "text/turtle": "ttl", "application/ld+json": "jsonld",
                 "application/n-triples": "nt", "application/rdf+xml": "rdf"}  # fmt: skip


def alternates(path: str, offered: list[str] | None = None) -> list[tuple[str, str]]:
    """(URL, media type) of each representation of the resource at `path`."""
    return [(f"{path}?format={FORMAT_PARAMS[m]}", m) for m in offered or FORMAT_PARAMS]


def describe_representations(response: Response, path: str, mimetype: str, offered: list[str] | None = None):
    """Tell crawlers where this representation lives on its own (Content-Location) and where the others
    are (Link rel="alternate"): the resource's IRI answers 200 with the representation it negotiated."""
    response.headers["Content-Location"] = f"{path}?format={FORMAT_PARAMS[mimetype]}"
    links = [f'<{url}>; rel="alternate"; type="{m}"' for url, m in alternates(path, offered) if m != mimetype]
    response.headers["Link"] = ", ".join(links)
    return response


def negotiate(offer_html: bool = True) -> str:
    """The media type to answer with; 406 when none of ours is acceptable."""
    offered = ([HTML] if offer_html else []) + list(RDF_FORMATS)
    asked = request.args.get("format")
    if asked:
        chosen = GRAPH_WORDS.get(asked.lower())
        if chosen not in offered:
            known = ", ".join(sorted(GRAPH_WORDS))
            refuse(406, f"unknown format {asked!r}; try one of: {known}", "error_format", value=asked, known=known)
        return chosen
    if not request.accept_mimetypes:
        return offered[0]
    # generic types (application/json, application/xml, text/plain, text/n3) get the nearest RDF form
    wanted = [*offered, *GRAPH_GENERIC]
    best = request.accept_mimetypes.best_match(wanted)
    if best is None:
        known = ", ".join(offered)
        refuse(406, f"none of the acceptable types is available; offered: {known}", "error_406_offered", known=known)
    return GRAPH_GENERIC.get(best, best)


def rdf_response(graph: Graph, mimetype: str) -> Response:
    fmt = RDF_FORMATS[mimetype]
    options = {"context": {p: str(ns) for p, ns in PREFIXES.items()}, "auto_compact": True} if fmt == "json-ld" else {}
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return _rdf_body(graph.serialize(format=fmt, encoding="utf-8", **options), mimetype)


def triples_response(triples: list[ox.Triple], mimetype: str) -> Response:
    """Oxigraph's triples written by its own writers (a task's description: 0.3-0.7 ms, against 4-9 ms
    through rdflib), except JSON-LD, which rdflib compacts under the site's context."""
    if mimetype == "application/ld+json":
        return rdf_response(graph_of(triples), mimetype)
    body = ox.serialize(triples, format=GRAPH_FORMATS[mimetype], prefixes=TURTLE_PREFIXES)
    return _rdf_body(body, mimetype)


def _rdf_body(body: bytes, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    if mimetype.startswith("text/"):
        response.charset = "utf-8"
    response.headers["Vary"] = VARY
    return response


# ?format= / ?output= words, read as the form of the query requires: "xml" is SPARQL results XML for
# SELECT/ASK and RDF/XML for CONSTRUCT/DESCRIBE (what SPARQLWrapper sends by default), "json" SPARQL JSON or
# JSON-LD. A word that names no format of the form is left to the Accept header.
RESULT_WORDS = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "html": HTML,
}
GRAPH_WORDS = {
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "json": "application/ld+json",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "n3": "text/turtle",  # Turtle is N3 (the part of it RDF needs)
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "html": HTML,
}
# Types clients send that are not ours: answered with the nearest that is.
RESULT_GENERIC = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
}
GRAPH_GENERIC = {
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "application/json": "application/ld+json",
    "application/x-json+ld": "application/ld+json",
    "text/n3": "text/turtle",
    "text/rdf+n3": "text/turtle",
    "application/n3": "text/turtle",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
}


KNOWN_WORDS = {*RESULT_WORDS, *GRAPH_WORDS, *RESULT_GENERIC, *GRAPH_GENERIC, *RESULT_FORMATS, *GRAPH_FORMATS}


@lru_cache(maxsize=512)  # clients send few distinct Accept headers; parsing one costs more than the query
def sparql_types(accept: str, fmt: str) -> tuple[str | None, str | None]:
    """The media types for a SELECT/ASK answer and for a CONSTRUCT/DESCRIBE answer (None: nothing fits).

    The form of the query is known only once it is parsed (in a worker), so both are chosen here."""
    results = _sparql_type([*RESULT_FORMATS, HTML], RESULT_WORDS, RESULT_GENERIC, accept, fmt)
    return results, _sparql_type([*GRAPH_FORMATS, HTML], GRAPH_WORDS, GRAPH_GENERIC, accept, fmt)


def _sparql_type(types: list[str], words: dict, generic: dict, accept: str, fmt: str) -> str | None:
    if fmt:
        asked = fmt.strip().lower()
        chosen = words.get(asked) or generic.get(asked) or asked
        if chosen in types:
            return chosen
        if asked not in KNOWN_WORDS:
            return None
    if not accept.strip():
        return types[0]
    best = parse_accept_header(accept, MIMEAccept).best_match([*types, *generic])
    return generic.get(best, best)
