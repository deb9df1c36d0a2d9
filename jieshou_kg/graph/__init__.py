"""Model -> graph -> report: the notice as RDF (no I/O), validated with the SHACL shapes."""

from .rdf import notice_graph
from .validate import Report, load_graph, validate

__all__ = ["Report", "load_graph", "notice_graph", "validate"]
