"""Model -> graph -> report: the notice as RDF (no I/O), what the ontology entails written into it, validated
with the SHACL shapes."""

from .materialise import materialise
from .rdf import notice_graph, notice_statements
from .triples import Statements
from .validate import Report, load_graph, validate

__all__ = ["Report", "Statements", "load_graph", "materialise", "notice_graph", "notice_statements", "validate"]
