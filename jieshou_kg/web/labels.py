"""Labels of IRIs by language: the labels a page needs come in one query, and a bounded cache keeps them.

A view hands everything it will show to `prefetch` (rows, graphs, lists of
IRIs); the templates' `label(iri)` then reads what was fetched. IRIs with
labels are kept in one bounded cache and IRIs without (predicates, #parts,
invented ones) in another, smaller one, each least recently used first out:
invented IRIs can neither grow memory nor push out the labels of the graph.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from threading import Lock

from rdflib import Graph, Literal, URIRef

from ..store import Table
from .description import Description
from .links import local_name

BATCH = 400  # IRIs bound in one query
Select = Callable[[str, list[URIRef]], Table]


class Bounded:
    """A dict that forgets its least recently used entries past `capacity`."""

    def __init__(self, capacity: int):
        self.capacity, self.items, self.lock = capacity, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.capacity:
                self.items.popitem(last=False)

    def __len__(self) -> int:
        return len(self.items)


class Labels:
    def __init__(self, select: Select, capacity: int = 50_000, unlabelled: int = 5_000):
        self.select = select
        self.cache, self.unlabelled = Bounded(capacity), Bounded(unlabelled)

    def fetch(self, iris: Iterable) -> dict[str, dict[str, str]]:
        """Labels by language for each IRI (rdflib's or a plain string), by the IRI as a string; those not
        cached are fetched in one query per BATCH."""
        found, missing = {}, []
        for iri in {str(i) for i in iris if isinstance(i, str) and not isinstance(i, Literal)}:
            names = self.cache.get(iri)
            if names is None and self.unlabelled.get(iri) is None:
                missing.append(iri)
            else:
                found[iri] = names or {}
        for start in range(0, len(missing), BATCH):
            found.update(self._query(missing[start : start + BATCH]))
        return found

    def _query(self, batch: list[str]) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {iri: {} for iri in batch}
        for row in self.select("labels", [URIRef(iri) for iri in batch]).rows:
            if isinstance(row["label"], Literal):
                found[str(row["s"])].setdefault((row["label"].language or "").lower(), str(row["label"]))
        for iri, names in found.items():
            (self.cache if names else self.unlabelled).put(iri, names or True)
        return found


def pick(labels: dict[str, str], lang: str, iri) -> str:
    """The label in `lang`, else Chinese, else English, else the IRI's local name."""
    return pick_with_language(labels, lang, iri)[0]


def pick_with_language(labels: dict[str, str], lang: str, iri) -> tuple[str, str]:
    """The label `pick` chooses, and its language ("" for a local name)."""
    for key in (lang, "zh", "en", ""):
        if key in labels:
            return labels[key], key
    return local_name(iri), ""


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
        elif isinstance(thing, (Graph, Description)):
            found.update(term for triple in thing for term in triple if isinstance(term, URIRef))
        elif isinstance(thing, dict):
            stack.extend(thing.values())
        elif isinstance(thing, (list, tuple, set)):
            stack.extend(thing)
    return found
