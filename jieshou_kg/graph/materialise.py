"""What the ontology entails, written into the data so that plain SPARQL and any SHACL engine see it.

- the ontology's named individuals (the roles, the bounds and the concept schemes), which the data
  points to, so that a dump validates on its own, without the ontology beside it;
- every statement with a jk: property once more with each super-property the ontology states
  (jk:kind is also org:classification, jk:partOf also dcterms:isPartOf and eli:is_part_of);
- every instance typed with all the superclasses the ontology states (a jk:Task is also a
  jk:PlanItem, prov:Plan and eli:LegalResourceSubdivision), so `?t a jk:PlanItem` is enough.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..namespaces import DEF
from .triples import Statements

D = TypeVar("D", Graph, Statements)


def materialise(data: D, ontology: Graph) -> D:
    """Add to `data` (in place, and return it) what the ontology's hierarchy entails for it; `data` is an
    rdflib Graph or a set of statements (graph.triples.Statements)."""
    for triple in _individuals(ontology):
        data.add(triple)
    supers = _closure(ontology, RDFS.subPropertyOf)
    for s, p, o in [t for t in data if t[1] in supers]:
        for parent in supers[p]:
            data.add((s, parent, o))
    classes = _closure(ontology, RDFS.subClassOf)
    for s, cls in [(s, o) for s, p, o in data if p == RDF.type and o in classes]:
        for parent in classes[cls]:
            data.add((s, RDF.type, parent))
    return data


def _individuals(ontology: Graph) -> Iterable[tuple]:
    """Every triple about a jk: term that is an instance of a jk: class or a concept scheme."""
    for subject, cls in ontology.subject_objects(RDF.type):
        if str(subject).startswith(DEF) and (str(cls).startswith(DEF) or cls == SKOS.ConceptScheme):
            yield from ontology.triples((subject, None, None))


def _closure(ontology: Graph, relation: URIRef) -> dict[URIRef, set[URIRef]]:
    """Each term with every term above it along `relation` (transitively; itself excluded)."""
    direct: dict[URIRef, set[URIRef]] = {}
    for child, parent in ontology.subject_objects(relation):
        if isinstance(child, URIRef) and isinstance(parent, URIRef):
            direct.setdefault(child, set()).add(parent)
    closure = {}
    for term in direct:
        seen, todo = set(), list(direct[term])
        while todo:
            parent = todo.pop()
            if parent not in seen and parent != term:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        closure[term] = seen
    return closure
