"""What a parameter of an IRI type can take: the resources of its class, with their labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from ..layout import SITE_QUERIES
from .binding import bind_values
from .parameters import IRI_TYPES
from .queries import load_query


@dataclass(frozen=True)
class Option:
    iri: URIRef
    labels: dict[str, str]
    aliases: tuple[str, ...] = ()  # other names (abbreviations, other plaques), any language
    ordered: bool = False  # in document order (it has a notation), not by name

    @property
    def value(self) -> str:
        """The IRI as a plain string (rdflib terms never equal plain strings)."""
        return str(self.iri)


@cache
def _query(name: str = "options") -> str:
    return load_query(SITE_QUERIES / f"{name}.rq").sparql


def options(store, kind: str) -> list[Option]:
    """The resources a parameter of type `kind` can take, in document order, then by Chinese label."""
    labels: dict[URIRef, dict[str, str]] = {}
    aliases: dict[URIRef, list[str]] = {}
    order: dict[URIRef, tuple] = {}
    for row in store.select(bind_values(_query(), {"class": IRI_TYPES[kind]})).rows:
        names = labels.setdefault(row["value"], {})
        if label := row.get("label"):
            names.setdefault((label.language or "").lower(), str(label))
        notation = str(row.get("notation", ""))
        if re.fullmatch(r"[\d.]+", notation):
            order[row["value"]] = tuple(int(n) for n in notation.split("."))
    for row in store.select(bind_values(_query("other-names"), {"class": IRI_TYPES[kind]})).rows:
        aliases.setdefault(row["value"], []).append(str(row["alt"]))
    found = [Option(iri, names, tuple(sorted(aliases.get(iri, ()))), iri in order) for iri, names in labels.items()]
    return sorted(found, key=lambda o: (order.get(o.iri, ()), o.labels.get("zh", ""), str(o.iri)))


def known_in(store) -> Callable[[str], set[URIRef]]:
    """`known` for SavedQuery.values: the IRIs of each type, straight from the store."""
    return lambda kind: {option.iri for option in options(store, kind)}
