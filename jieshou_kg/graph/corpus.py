"""Many notices -> one dataset of named graphs. No I/O.

Each notice's graph keeps its own statements (the notice, its plan, tasks, assignments, targets,
provenance); the statements about what the notices share (organizations, collectives, officials,
posts, kinds, units: the subjects under namespaces.SHARED_SPACES) move to the registry graph, written
once for all notices, with the ontology's individuals (roles, bounds, schemes) that the data points to;
the ontology keeps its graph. The union of the graphs is what one graph of all
the notices would be.

`corpus_quads` does it on Oxigraph's terms (each graph's terms converted once, no rdflib graph built);
`partition` is the same rule on rdflib graphs, for a caller that keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Identifier

from ..namespaces import ID, ONTOLOGY_GRAPH, REGISTRY_GRAPH, SHARED_SPACES, bind_prefixes, notice_graph_name
from .triples import Statements

REVIEW_COLUMNS = ("slug", "name", "kind", "place", "notices", "en")  # names-to-review.csv (Registry.review_rows)


def shared_iri(iri: str) -> bool:
    """Under SHARED_SPACES, or not under id/ at all (the ontology's individuals that materialise writes in)."""
    return iri.startswith(SHARED_SPACES) or not iri.startswith(ID)


def is_shared(subject) -> bool:
    """A statement about this (rdflib) subject belongs to the registry graph."""
    return isinstance(subject, URIRef) and shared_iri(str(subject))


def partition(graph: Graph) -> tuple[Graph, Graph]:
    """(the notice's own statements, the shared ones): a statement is shared when its subject is."""
    own, shared = _graph(), _graph()
    for triple in graph:
        (shared if is_shared(triple[0]) else own).add(triple)
    return own, shared


def corpus_quads(notices: Mapping[str, Graph | Statements], ontology: Graph) -> Iterator[ox.Quad]:
    """The statements of a build in their named graphs: each notice's own (by its slug), the registry's (once
    or more: a store keeps one), the ontology's."""
    registry = ox.NamedNode(str(REGISTRY_GRAPH))
    for slug, graph in notices.items():
        own = ox.NamedNode(str(notice_graph_name(slug)))
        for t in triples(graph):
            shared = isinstance(t.subject, ox.NamedNode) and shared_iri(t.subject.value)
            yield ox.Quad(t.subject, t.predicate, t.object, registry if shared else own)
    yield from graph_quads(ONTOLOGY_GRAPH, ontology)


def graph_quads(name: URIRef, graph: Graph) -> Iterator[ox.Quad]:
    """An rdflib graph's statements as Oxigraph quads in the graph `name`."""
    target = ox.NamedNode(str(name))
    return (ox.Quad(t.subject, t.predicate, t.object, target) for t in triples(graph))


def triples(graph: Graph | Statements) -> Iterator[ox.Triple]:
    """An rdflib graph's statements (or a set of them) as Oxigraph triples, each distinct term converted once
    (three times faster than writing N-Triples with rdflib for Oxigraph to read back; the same statements)."""
    term = lru_cache(maxsize=None)(oxigraph_term)
    return (ox.Triple(term(s), term(p), term(o)) for s, p, o in graph)


def oxigraph_term(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if term.language:
        return ox.Literal(term, language=term.language)
    return ox.Literal(term, datatype=ox.NamedNode(term.datatype)) if term.datatype else ox.Literal(term)


def split_union(graph: Graph, ontology: Graph) -> dict[URIRef, Graph]:
    """The named graphs of a union graph of notices: a subject under id/notice/<slug> or id/plan/<slug> goes
    to its notice's graph, every other one to the registry's."""
    graphs: dict[URIRef, Graph] = {REGISTRY_GRAPH: _graph()}
    for triple in graph:
        graphs.setdefault(graph_of_subject(triple[0]), _graph()).add(triple)
    graphs[ONTOLOGY_GRAPH] = ontology
    return graphs


def graph_of_subject(subject) -> URIRef:
    """The graph a statement about `subject` belongs to: its notice's (id/notice/<slug>…, id/plan/<slug>…),
    else the registry's."""
    for space in (str(ID["notice/"]), str(ID["plan/"])):
        if str(subject).startswith(space):
            slug = str(subject)[len(space) :].split("/")[0].split("#")[0]
            if slug:
                return notice_graph_name(slug)
    return REGISTRY_GRAPH


def _graph() -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    return graph
