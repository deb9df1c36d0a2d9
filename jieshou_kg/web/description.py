"""A resource's description as plain triples, indexed both ways: the part of rdflib's Graph API that the
resource templates read (value, objects, subjects, predicate_objects, subject_predicates), without the cost
of loading a few hundred triples into an rdflib store for every page. `graph()` gives one for RDF answers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph
from rdflib.term import Identifier

Triple = tuple[Identifier, Identifier, Identifier]


class Description:
    def __init__(self, triples: Iterable[Triple]):
        self._triples = list(dict.fromkeys(triples))
        self._out: dict[Identifier, list[tuple[Identifier, Identifier]]] = defaultdict(list)
        self._in: dict[Identifier, list[tuple[Identifier, Identifier]]] = defaultdict(list)
        for s, p, o in self._triples:
            self._out[s].append((p, o))
            self._in[o].append((s, p))

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def predicate_objects(self, subject: Identifier) -> list[tuple[Identifier, Identifier]]:
        return list(self._out.get(subject, ()))

    def subject_predicates(self, obj: Identifier) -> list[tuple[Identifier, Identifier]]:
        return list(self._in.get(obj, ()))

    def objects(self, subject: Identifier, predicate: Identifier) -> list[Identifier]:
        return [o for p, o in self._out.get(subject, ()) if p == predicate]

    def subjects(self, predicate: Identifier, obj: Identifier) -> list[Identifier]:
        return [s for s, p in self._in.get(obj, ()) if p == predicate]

    def value(self, subject: Identifier, predicate: Identifier) -> Identifier | None:
        """One object of (subject, predicate), or None; like rdflib's Graph.value."""
        return next(iter(self.objects(subject, predicate)), None)

    def graph(self) -> Graph:
        graph = Graph()
        for triple in self._triples:
            graph.add(triple)
        return graph
