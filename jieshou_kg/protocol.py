"""One public query, from request to bytes: check it, choose the format, run it, write the answer.

This runs inside a query worker (sandbox.py), so that parsing, evaluation and
serialisation all fall under the deadline, and the engine runs exactly the
text the guard checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from . import guard
from .answers import GRAPH_FORMATS, RESULT_FORMATS, Answer, serialize
from .errors import Forbidden, NotAcceptable

HTML = "text/html"
ALIASES = {
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
ACCEPT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
}


@dataclass(frozen=True)
class Request:
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    accept: str
    format: str
    allowed_graphs: frozenset[str]
    max_rows: int
    max_bytes: int


def offered(form: str) -> list[str]:
    return [*(GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS), HTML]


def choose_format(form: str, accept: str, fmt: str) -> str:
    """The media type for a query of this form, from ?format= or Accept; NotAcceptable (406) if none fits."""
    types = offered(form)
    if fmt:
        chosen = ALIASES.get(fmt.lower(), fmt.lower())
        if chosen not in types:
            raise NotAcceptable(f"a {form} query can be answered as: {', '.join(types)}")
        return chosen
    if not accept.strip():
        return types[0]
    accepted = parse_accept_header(accept, MIMEAccept)
    best = accepted.best_match([*types, *(a for a, t in ACCEPT_ALIASES.items() if t in types)])
    if best is None:
        raise NotAcceptable(f"a {form} query can be answered as: {', '.join(types)}")
    return ACCEPT_ALIASES.get(best, best)


def answer_query(store, request: Request) -> tuple[Answer, str, str]:
    """The answer, the media type asked for (HTML is answered with data the page renders), and the query form."""
    query = guard.normalize(request.query)
    checked = guard.check(query, request.allowed_graphs)
    for graph in request.default_graphs + request.named_graphs:
        if graph not in request.allowed_graphs:
            raise Forbidden(f"<{graph}> is not one of this site's graphs: {', '.join(sorted(request.allowed_graphs))}")
    default, named = request.default_graphs, request.named_graphs
    if not default and not named:
        default, named = checked.default_graphs, checked.named_graphs
    mimetype = choose_format(checked.form, request.accept, request.format)
    wire = mimetype
    if mimetype == HTML:
        wire = (
            "application/n-triples" if checked.form in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        )
    result = store.execute(query, default, named)
    return serialize(result, wire, request.max_rows, request.max_bytes), mimetype, checked.form
