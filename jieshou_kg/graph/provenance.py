"""Provenance as Web Annotation: every node points to the span of source text it came from.

    <…/1.1.3.2> jk:source <…/1.1.3.2#source> .
    <…#source> a oa:SpecificResource ; oa:hasSource <notice/…/text> ;
        oa:hasSelector <…#source-position> , <…#source-quote> .
    <…#source-position> a oa:TextPositionSelector ; oa:start 1582 ; oa:end 1640 .
    <…#source-quote> a oa:TextQuoteSelector ; oa:exact "…" ; oa:prefix "…" ; oa:suffix "…" .

Offsets count Unicode code points of the source text (jk:content), like
SPARQL's SUBSTR, so the shapes can check every quote against it.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ..model import Span
from ..namespaces import JK, OA

CONTEXT = 16  # characters of prefix and suffix kept in a quote selector


def add_source(graph: set, subject: URIRef, span: Span, text: str, text_iri: URIRef) -> None:
    base = f"{subject}-source" if "#" in subject else f"{subject}#source"
    resource, position, quote = URIRef(base), URIRef(f"{base}-position"), URIRef(f"{base}-quote")
    for triple in [
        (subject, JK.source, resource),
        (resource, RDF.type, OA.SpecificResource),
        (resource, OA.hasSource, text_iri),
        (resource, OA.hasSelector, position),
        (resource, OA.hasSelector, quote),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(span.start)),
        (position, OA.end, Literal(span.end)),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(text[span.start : span.end])),
        (quote, OA.prefix, Literal(text[max(0, span.start - CONTEXT) : span.start])),
        (quote, OA.suffix, Literal(text[span.end : span.end + CONTEXT])),
    ]:
        graph.add(triple)
