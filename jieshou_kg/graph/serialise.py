"""The dataset of a build as bytes in each dump format: one Oxigraph store, every file written from its
sorted quads by Oxigraph's own writers, so identical input gives identical bytes and every dump spells
each term the same way (canonical literals, lower-case language tags). No I/O.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..namespaces import ONTOLOGY_GRAPH, PREFIXES

CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
# Turtle and TriG without id:, whose local names hold slashes that Turtle would have to escape (id:org\/x)
TURTLE_PREFIXES = {prefix: namespace for prefix, namespace in CONTEXT.items() if prefix != "id"}
WRITERS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}


class Dataset:
    """Named graphs (data, ontology; later one per notice), each graph serialised once into one store."""

    def __init__(self, graphs: dict[URIRef, Graph]):
        self.store = ox.Store()
        self.graphs = graphs
        for name, graph in graphs.items():
            nt = graph.serialize(format="nt", encoding="utf-8")
            self.store.load(nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))

    def quads(self) -> list[ox.Quad]:
        return sorted(self.store, key=lambda q: (str(q.graph_name), *_key(q.triple)))

    def data_triples(self) -> list[ox.Triple]:
        """The triples of every graph but the ontology's, each once: what .ttl, .nt and .jsonld hold."""
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
        triples = {q.triple for q in self.store if q.graph_name != ontology}
        return sorted(triples, key=_key)

    def dump(self, fmt: str) -> bytes:
        """The dataset (trig) or its data graphs (turtle, nt, json-ld) as bytes."""
        if fmt == "trig":
            return ox.serialize(self.quads(), format=WRITERS[fmt], prefixes=TURTLE_PREFIXES)
        if fmt == "json-ld":
            return json_ld(self.data_graph())
        return ox.serialize(self.data_triples(), format=WRITERS[fmt], prefixes=TURTLE_PREFIXES)

    def data_graph(self) -> Graph:
        merged = Graph()
        for name, graph in self.graphs.items():
            if name != ONTOLOGY_GRAPH:
                merged += graph
        return merged


def json_ld(graph: Graph) -> bytes:
    """Compact JSON-LD (rdflib, with the prefixes as its context, so it needs no network), its nodes, keys
    and values sorted: JSON-LD arrays outside @list are unordered, so sorting changes no triple."""
    document = json.loads(graph.serialize(format="json-ld", context=CONTEXT, encoding="utf-8"))
    document["@graph"] = sorted((_sorted(node) for node in document.get("@graph", [])), key=_json)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8") + b"\n"


def _sorted(value):
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=_json)
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted(v)) for k, v in value.items()}
    return value


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _key(statement) -> tuple[str, ...]:
    return tuple(str(term) for term in statement)
