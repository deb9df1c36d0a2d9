"""Model -> graph -> report: the notice as RDF (no I/O), what the ontology entails written into it, validated
with the SHACL shapes."""

from .materialise import materialise
from .rdf import notice_graph
from .validate import Report, load_graph, validate

__all__ = ["Report", "load_graph", "materialise", "notice_graph", "validate"]
