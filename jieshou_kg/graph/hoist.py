"""Shapes -> the same shapes, laid out for pySHACL's speed: each property shape of a node shape with targets
gets those targets itself. No I/O.

pySHACL validates a property shape reached through sh:property once for every focus node of its node shape
(the bundled notice: 708 assignments x 5 property shapes, 3 500 evaluations, each reading the shape anew),
and a property shape with targets of its own once for all its focus nodes. SHACL gives both the same
results: a property shape's results are its own (sh:sourceShape, path, value, message, severity), and
the node shape's targets are its focus nodes either way. Only a node shape that no other shape refers to
is hoisted (one reached through sh:node, sh:or or a qualified value shape keeps its properties), and only
a property shape that no other shape shares. pySHACL copies each result's shape into the report: `hoist`
returns the targets it added, for the report's copies to lose them again.
"""

from __future__ import annotations

from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH

TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)


def hoist(shapes: Graph) -> tuple[Graph, list[tuple]]:
    """A copy of `shapes` with the property shapes hoisted, and the statements the hoisting added."""
    copy = Graph()
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace, override=True)
    copy += shapes
    added: list[tuple] = []
    for node in set(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = [(p, o) for p in TARGETS for o in shapes.objects(node, p)]
        if not targets or _referred_to(shapes, node) or (node, SH.deactivated, None) in shapes:
            continue
        for prop in shapes.objects(node, SH.property):
            if isinstance(prop, BNode) and len(set(shapes.subject_predicates(prop))) == 1:
                copy.remove((node, SH.property, prop))
                added += [(prop, p, o) for p, o in targets if (prop, p, o) not in shapes]
    for triple in added:
        copy.add(triple)
    return copy, added


def _referred_to(shapes: Graph, node) -> bool:
    return next(shapes.subjects(None, node), None) is not None
