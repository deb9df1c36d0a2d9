"""Writing triples: literals in canonical form, a subject's properties in one call, provenance."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..model import Span
from .provenance import add_source

# What a notice is written into: a set of statements (or anything with add and `in`, an rdflib Graph too)
Statements = set[tuple[Node, Node, Node]]


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def decimal(value) -> Literal:
    """An xsd:decimal in its XSD 1.1 canonical form (5000, 3.2), the form RDF stores such as Oxigraph keep,
    so the graph, every dump and the endpoint write the same lexical value."""
    lexical = format(Decimal(value).normalize(), "f")
    return Literal("0" if lexical == "-0" else lexical, datatype=XSD.decimal)


class Triples:
    """The graph of one notice as it is written, with its source text for provenance."""

    def __init__(self, graph: Statements, source: str, text_iri: URIRef):
        self.g, self.text, self.text_iri = graph, source, text_iri

    def describe(self, subject: URIRef, properties: dict) -> None:
        """Add `subject predicate object` for each item; a list value adds one triple per object."""
        for predicate, objects in properties.items():
            for obj in objects if isinstance(objects, list) else [objects]:
                self.g.add((subject, predicate, obj))

    def source(self, subject: URIRef, span: Span) -> None:
        """Point `subject` to the characters of the source text it came from."""
        add_source(self.g, subject, span, self.text, self.text_iri)
