"""What every store offers, and the engine's terms turned into rdflib's.

Every store answers SPARQL over the site's dataset: the named graphs of a
build (one per notice, the registry, the ontology), queried as one default
graph, their union. `execute` gives Oxigraph's own
result objects (from the embedded engine, or parsed from a remote server's
answer); `select` and `construct` turn them into rdflib terms, so pages, CSV
and tests never see engine types.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ..errors import QueryError


@dataclass
class Table:
    variables: list[str]
    rows: list[dict[str, Identifier]]

    def __len__(self) -> int:
        return len(self.rows)


class Store:
    """An engine implements `execute` and `graphs`; `source` says where the data lives, `graphs` which named
    graphs make the site's dataset (queried as one default graph, their union, unless a query names its own)."""

    source: str = ""
    version: str | None = None  # names the data: the same version, the same answers (None: it may change)
    modified: float | None = None  # when the data was built (a Unix time)

    @property
    def graphs(self) -> tuple[str, ...]:
        """The names of the dataset's graphs, sorted (every one under namespaces.GRAPH_SPACE)."""
        raise NotImplementedError

    def execute(self, sparql: str, default_graphs=(), named_graphs=()):
        """Oxigraph's result (solutions, boolean or triples) on the given dataset (default: the site's graphs)."""
        raise NotImplementedError

    def select(self, sparql: str) -> Table:
        return table_of(self.execute(sparql))

    def ask(self, sparql: str) -> bool:
        return bool(self.execute(sparql))

    def construct(self, sparql: str) -> Graph:
        return graph_of(self.execute(sparql))

    def close(self) -> None:
        pass


def table_of(solutions) -> Table:
    """Oxigraph's SELECT solutions as a Table of rdflib terms."""
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    return table_of_rows([v.value for v in solutions.variables], solutions)


def table_of_rows(names: list[str], rows) -> Table:
    """Rows of Oxigraph terms (None where unbound) as a Table of rdflib terms."""
    return Table(names, [{n: from_ox(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows])


def graph_of(triples) -> Graph:
    """Oxigraph's triples as an rdflib Graph."""
    graph = Graph()
    for triple in triples:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return graph


@lru_cache(maxsize=1 << 15)  # a page's terms recur (its predicates, roles, agents): 0.2 µs instead of 1–3.5 µs
def from_ox(term) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
