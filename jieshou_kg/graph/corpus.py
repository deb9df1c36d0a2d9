"""Many notices -> one dataset of named graphs. No I/O.

Each notice's graph keeps its own statements (the notice, its plan, tasks, assignments, targets,
provenance); the statements about what the notices share (organizations, collectives, officials,
posts, kinds, units: the subjects under namespaces.SHARED_SPACES) move to the registry graph, written
once for all notices, with the ontology's individuals (roles, bounds, schemes) that the data points to;
the ontology keeps its graph. The union of the graphs is what one graph of all
the notices would be.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from ..namespaces import ID, ONTOLOGY_GRAPH, REGISTRY_GRAPH, SHARED_SPACES, bind_prefixes, notice_graph_name

REVIEW_COLUMNS = ("slug", "name", "kind", "place", "notices", "en")  # names-to-review.csv (Registry.review_rows)


def is_shared(subject) -> bool:
    """Under SHARED_SPACES, or not under id/ at all (the ontology's individuals that materialise writes in)."""
    return isinstance(subject, URIRef) and (str(subject).startswith(SHARED_SPACES) or not subject.startswith(ID))


def partition(graph: Graph) -> tuple[Graph, Graph]:
    """(the notice's own statements, the shared ones): a statement is shared when its subject is."""
    own, shared = _graph(), _graph()
    for triple in graph:
        (shared if is_shared(triple[0]) else own).add(triple)
    return own, shared


def corpus_graphs(notices: dict[str, Graph], ontology: Graph) -> dict[URIRef, Graph]:
    """The named graphs of a build: each notice's own (by its slug), the registry, the ontology."""
    graphs: dict[URIRef, Graph] = {}
    registry = _graph()
    for slug, graph in notices.items():
        own, shared = partition(graph)
        graphs[notice_graph_name(slug)] = own
        registry += shared
    graphs[REGISTRY_GRAPH] = registry
    graphs[ONTOLOGY_GRAPH] = ontology
    return graphs


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
