"""Saved queries: `.rq` files with a header, their parameters bound as RDF terms, their results as tables."""

from .options import Option, known_in, options
from .queries import SavedQuery, load_queries, load_query

__all__ = ["Option", "SavedQuery", "known_in", "load_queries", "load_query", "options"]
