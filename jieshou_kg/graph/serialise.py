"""The dataset of a build as bytes in each dump format: one Oxigraph store, every file written from its
sorted quads by Oxigraph's own writers, so identical input gives identical bytes and every dump spells
each term the same way (canonical literals, lower-case language tags). No I/O.

JSON-LD comes out expanded (full IRIs, no remote context, so it needs no network): Oxigraph's writer
does not compact, and rdflib's compacting one took 1 s of a 2 s build.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

import pyoxigraph as ox

from ..namespaces import ONTOLOGY_GRAPH, TURTLE_PREFIXES

WRITERS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}


class Dataset:
    """Named graphs (one per notice, the registry, the ontology) in one store. Statements are sorted as their
    canonical N-Triples lines; the data has no blank nodes (every node has an IRI), so the order, like the
    bytes, depends on the statements alone."""

    def __init__(self, quads: Iterable[ox.Quad]):
        self.store = ox.Store()
        self.store.bulk_extend(quads)
        self._lines: dict[ox.NamedNode, list[bytes]] = {}

    def union(self) -> ox.Store:
        """Every graph's statements in the default graph of a new store (what the shapes validate)."""
        union = ox.Store()
        for graph in self.graph_names():
            union.load(b"\n".join(self.lines(graph)), format=ox.RdfFormat.N_TRIPLES)
        return union

    def lines(self, graph: ox.NamedNode) -> list[bytes]:
        """The graph's statements as canonical N-Triples lines, sorted (once: the union, .nt and .nq read them)."""
        if graph not in self._lines:
            nt = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            self._lines[graph] = sorted(nt.splitlines())
        return self._lines[graph]

    def graph_names(self) -> list[ox.NamedNode]:
        return sorted(self.store.named_graphs(), key=str)

    def count(self, predicate: str, value: str | None = None) -> int:
        """How many statements of `predicate` (with the object `value`, if given) the data graphs hold, each once."""
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
        obj = None if value is None else ox.NamedNode(value)
        found = self.store.quads_for_pattern(None, ox.NamedNode(predicate), obj)
        return len({(q.subject, q.object) for q in found if q.graph_name != ontology})

    @cached_property
    def data_ntriples(self) -> bytes:
        """Every graph but the ontology's, each statement once: what .nt holds (and .ttl, .jsonld)."""
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
        lines = {line for graph in self.graph_names() if graph != ontology for line in self.lines(graph)}
        return b"".join(line + b"\n" for line in sorted(lines))

    @cached_property
    def nquads(self) -> bytes:
        """Every graph's statements with their graph, sorted by graph, then as N-Triples lines."""
        return b"".join(
            line[:-1] + f"{graph} .\n".encode() for graph in self.graph_names() for line in self.lines(graph)
        )

    def dump(self, fmt: str) -> bytes:
        """The dataset (trig, nq) or the union of its data graphs (turtle, nt, json-ld) as bytes."""
        if fmt == "nt":
            return self.data_ntriples
        if fmt == "nq":
            return self.nquads
        if fmt == "trig":
            statements = ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS)
        else:
            statements = ox.parse(self.data_ntriples, format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(statements, format=WRITERS[fmt], prefixes=TURTLE_PREFIXES)
