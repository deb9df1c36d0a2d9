"""What /def shows besides the terms: how each jk: term aligns with the vocabularies it builds on."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from ..namespaces import DEF

HOW = [
    (RDFS.subClassOf, "aligned_subclass"),
    (RDFS.subPropertyOf, "aligned_subproperty"),
    (RDFS.seeAlso, "aligned_related"),
]


@dataclass(frozen=True)
class Alignment:
    term: URIRef
    how: str  # the message that names the relation
    external: URIRef
    note: dict[str, str]  # skos:scopeNote by language, when the ontology explains the choice


def alignment(ontology: Graph) -> list[Alignment]:
    """One row per jk: term and external term it is a subclass, sub-property or a related term of."""
    rows = []
    for predicate, how in HOW:
        for term, external in ontology.subject_objects(predicate):
            if str(term).startswith(DEF) and isinstance(external, URIRef) and not str(external).startswith(DEF):
                note = {o.language or "": str(o) for o in ontology.objects(term, SKOS.scopeNote)}
                rows.append(Alignment(term, how, external, note if how == "aligned_related" else {}))
    return sorted(rows, key=lambda r: (str(r.term), [h for _, h in HOW].index(r.how), str(r.external)))
