"""One public query, from request to bytes: check it, run it, write the answer in the type asked for.

This runs inside a query worker (workers.py), so that checking, evaluation
and serialisation all fall under the deadline; the engine runs the canonical
text the guard wrote from what it checked, never the client's. No web framework here: the web edge has already
chosen, for each form of query, the media type to answer with.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Forbidden, NotAcceptable, QueryError
from ..settings import Settings
from . import guard
from .answers import GRAPH_FORMATS, RESULT_FORMATS, Answer, serialize

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Request:
    """A query, its dataset (SPARQL protocol parameters), and the media type wanted for each kind of answer
    (None: the client accepts none of them)."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    results_type: str | None = "application/sparql-results+json"
    graph_type: str | None = "text/turtle"
    row_limit: int | None = None  # fewer rows than the policy allows (a web page shows a few) …
    limited: tuple[str, ...] = ()  # … for these kinds of answer: "results" (SELECT, ASK), "graph"


@dataclass(frozen=True)
class Policy:
    """What the endpoint allows: the site's graphs only, and answers of bounded size."""

    allowed_graphs: frozenset[str]
    max_rows: int
    max_bytes: int

    @classmethod
    def of(cls, settings: Settings, graphs: tuple[str, ...]) -> Policy:
        """The settings' bounds, over the graphs of the store the queries run on."""
        return cls(frozenset(graphs), settings.max_rows, settings.max_answer_bytes)


def offered(form: str) -> list[str]:
    """The media types an answer to a query of this form can be written in."""
    return list(GRAPH_FORMATS if form in GRAPH_FORMS else RESULT_FORMATS)


def answer_query(store, request: Request, policy: Policy) -> tuple[Answer, str]:
    """The answer and the query's form (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    checked = guard.check(request.query, policy.allowed_graphs)
    for graph in request.default_graphs + request.named_graphs:
        if graph not in policy.allowed_graphs:
            allowed = ", ".join(sorted(policy.allowed_graphs))
            raise Forbidden(f"<{graph}> is not one of this site's graphs: {allowed}")
    default, named = request.default_graphs, request.named_graphs
    if not default and not named:
        default, named = checked.default_graphs, checked.named_graphs
    mimetype = request.graph_type if checked.form in GRAPH_FORMS else request.results_type
    if mimetype is None:
        raise NotAcceptable(f"a {checked.form} query can be answered as: {', '.join(offered(checked.form))}")
    try:
        result = store.execute(checked.text, default, named)
        kind = "graph" if checked.form in GRAPH_FORMS else "results"
        rows = (
            min(policy.max_rows, request.row_limit)
            if request.row_limit and kind in request.limited
            else policy.max_rows
        )
        bounded = checked.limit is not None and checked.limit <= rows
        return serialize(result, mimetype, rows, policy.max_bytes, bounded), checked.form
    except QueryError as err:
        raise QueryError(checked.explain(str(err))) from None
