"""Labels of IRIs by language: the labels a page needs come in one query, and a bounded cache keeps them.

A view hands everything it will show to `prefetch` (rows, graphs, lists of
IRIs); the templates' `label(iri)` then reads what was fetched. Only IRIs that
have labels in the graph are cached, at most `capacity` of them, least
recently used first out: an invented IRI costs one query, never memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from threading import Lock

from rdflib import Graph, Literal, URIRef

from ..store import Table
from .links import local_name

BATCH = 400  # IRIs bound in one query
Select = Callable[[str, list[URIRef]], Table]


class Labels:
    def __init__(self, select: Select, capacity: int = 50_000):
        self.select, self.capacity = select, capacity
        self.cache: OrderedDict[URIRef, dict[str, str]] = OrderedDict()
        self.lock = Lock()

    def fetch(self, iris: Iterable) -> dict[URIRef, dict[str, str]]:
        """Labels by language for each IRI; those not cached are fetched in one query per BATCH."""
        wanted = {i for i in iris if isinstance(i, URIRef)}
        found, missing = {}, []
        with self.lock:
            for iri in wanted:
                if iri in self.cache:
                    self.cache.move_to_end(iri)
                    found[iri] = self.cache[iri]
                else:
                    missing.append(iri)
        for start in range(0, len(missing), BATCH):
            found.update(self._query(missing[start : start + BATCH]))
        return found

    def _query(self, batch: list[URIRef]) -> dict[URIRef, dict[str, str]]:
        found: dict[URIRef, dict[str, str]] = {iri: {} for iri in batch}
        for row in self.select("labels", batch).rows:
            if isinstance(row["label"], Literal):
                found[row["s"]].setdefault((row["label"].language or "").lower(), str(row["label"]))
        with self.lock:
            for iri, names in found.items():
                if names:
                    self.cache[iri] = names
            while len(self.cache) > self.capacity:
                self.cache.popitem(last=False)
        return found


def pick(labels: dict[str, str], lang: str, iri) -> str:
    """The label in `lang`, else Chinese, else English, else the IRI's local name."""
    for key in (lang, "zh", "en", ""):
        if key in labels:
            return labels[key]
    return local_name(iri)


def iris_in(*things) -> set[URIRef]:
    """Every IRI in tables, graphs, rows, lists and dicts (what a page is about to show)."""
    found: set[URIRef] = set()
    stack = list(things)
    while stack:
        thing = stack.pop()
        if isinstance(thing, URIRef):
            found.add(thing)
        elif isinstance(thing, Table):
            stack.extend(thing.rows)
        elif isinstance(thing, Graph):
            found.update(term for triple in thing for term in triple if isinstance(term, URIRef))
        elif isinstance(thing, dict):
            stack.extend(thing.values())
        elif isinstance(thing, (list, tuple, set)):
            stack.extend(thing)
    return found
