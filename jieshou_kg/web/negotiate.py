"""Content negotiation on one URL: HTML for browsers, RDF or SPARQL results for programs.

werkzeug parses Accept (quality values, wildcards); ?format= overrides it.
Nothing acceptable is a 406 that lists what is on offer.
"""

from __future__ import annotations

from functools import lru_cache

from flask import Response, abort, request
from rdflib import Graph
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from ..endpoint.answers import GRAPH_FORMATS, RESULT_FORMATS
from ..namespaces import PREFIXES
from .errors import refuse

HTML = "text/html"
RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
ALIASES = {
    "html": HTML,
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
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
        chosen = ALIASES.get(asked.lower())
        if chosen not in offered:
            known = ", ".join(sorted(ALIASES))
            refuse(406, f"unknown format {asked!r}; try one of: {known}", "error_format", value=asked, known=known)
        return chosen
    if not request.accept_mimetypes:
        return offered[0]
    # application/json is answered with JSON-LD, the JSON form of RDF
    wanted = [*offered, "application/json"]
    best = request.accept_mimetypes.best_match(wanted)
    if best is None:
        known = ", ".join(offered)
        refuse(406, f"none of the acceptable types is available; offered: {known}", "error_406_offered", known=known)
    return "application/ld+json" if best == "application/json" else best


def rdf_response(graph: Graph, mimetype: str) -> Response:
    fmt = RDF_FORMATS[mimetype]
    options = {"context": {p: str(ns) for p, ns in PREFIXES.items()}, "auto_compact": True} if fmt == "json-ld" else {}
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    body = graph.serialize(format=fmt, encoding="utf-8", **options)
    response = Response(body, mimetype=mimetype)
    if mimetype.startswith("text/"):
        response.charset = "utf-8"
    response.headers["Vary"] = VARY
    return response


SPARQL_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "html": HTML,
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
# Generic types clients send for results: answered with the SPARQL results form of the same syntax.
GENERIC = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml"}


@lru_cache(maxsize=512)  # clients send few distinct Accept headers; parsing one costs more than the query
def sparql_types(accept: str, fmt: str) -> tuple[str | None, str | None]:
    """The media types for a SELECT/ASK answer and for a CONSTRUCT/DESCRIBE answer (None: nothing fits).

    The form of the query is known only once it is parsed (in a worker), so both are chosen here."""
    return _sparql_type([*RESULT_FORMATS, HTML], accept, fmt), _sparql_type([*GRAPH_FORMATS, HTML], accept, fmt)


def _sparql_type(types: list[str], accept: str, fmt: str) -> str | None:
    if fmt:
        chosen = SPARQL_ALIASES.get(fmt.lower(), fmt.lower())
        return chosen if chosen in types else None
    if not accept.strip():
        return types[0]
    generic = [a for a, t in GENERIC.items() if t in types]
    best = parse_accept_header(accept, MIMEAccept).best_match([*types, *generic])
    return GENERIC.get(best, best)
