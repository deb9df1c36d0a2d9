"""The SPARQL 1.1 Protocol endpoint, read-only and bounded, and its editor.

GET /sparql?query=…, POST form-encoded, POST application/sparql-query.
default-graph-uri / named-graph-uri override the query's FROM (only this
site's graphs). Results by Accept or ?format=; a browser gets an HTML table.
GET /sparql without a query: the editor for browsers, a service description
for programs. Every answer carries `Access-Control-Allow-Origin: *`.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, g, render_template, request
from rdflib import Graph

from ..endpoint.answers import GRAPH_FORMATS, RESULT_FORMATS, read_results
from ..endpoint.protocol import Request
from ..errors import Forbidden
from ..namespaces import PREFIXES
from .cache import shared
from .errors import refuse
from .i18n import pick
from .negotiate import HTML, rdf_response, sparql_types
from .service import service_description
from .site import site
from .templating import prefetch_labels

bp = Blueprint("sparql", __name__)
CORS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "86400",
}
# What the worker writes when the browser asked for HTML: the page is rendered from it.
YASGUI = "yasgui/yasgui.min.js"  # in static/, linked from node_modules (npm ci); without it, a plain form
HTML_WIRE = {"results": "application/sparql-results+json", "graph": "application/n-triples"}


@bp.after_request
def cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    vary = ("Accept", "Accept-Language", "Cookie") if response.mimetype == HTML else ("Accept",)
    return shared(*vary)(response)


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    """The SPARQL 1.1 Protocol: a query's answer, or the editor (browsers) / service description (programs)."""
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    query, default_graphs, named_graphs = _protocol_request()
    if query is None:
        if request.method == "POST":
            refuse(
                400,
                "no query: send it as the 'query' parameter or as an application/sparql-query body",
                "error_no_query",
            )
        return _no_query()
    settings = site().settings
    if len(query) > settings.max_query_length:
        n = f"{settings.max_query_length:,}"
        refuse(413, f"the query is longer than {n} characters", "error_query_length", n=n)
    results_type, graph_type = sparql_types(
        request.headers.get("Accept", ""), request.values.get("format") or request.values.get("output") or ""
    )
    public = Request(
        query,
        tuple(default_graphs),
        tuple(named_graphs),
        HTML_WIRE["results"] if results_type == HTML else results_type,
        HTML_WIRE["graph"] if graph_type == HTML else graph_type,
        settings.html_rows,
        tuple(kind for kind, chosen in (("results", results_type), ("graph", graph_type)) if chosen == HTML),
    )
    answer, form = site().query_pool().run(public)
    if (graph_type if form in ("CONSTRUCT", "DESCRIBE") else results_type) == HTML:
        return _results_page(query, form, answer)
    response = Response(answer.body, mimetype=answer.mimetype)
    if answer.truncated:
        response.headers["X-Results-Truncated"] = f"only the first {settings.max_rows} results are returned"
    return response


def _protocol_request() -> tuple[str | None, list[str], list[str]]:
    """The query and dataset of a SPARQL 1.1 Protocol request; 4xx for anything else."""
    if request.method == "GET":
        source = request.args
    elif request.mimetype == "application/x-www-form-urlencoded":
        source = request.form
    elif request.mimetype == "application/sparql-query":
        body = request.get_data(cache=False)
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            abort(400, "the query is not UTF-8")
        return query, request.args.getlist("default-graph-uri"), request.args.getlist("named-graph-uri")
    elif request.mimetype == "application/sparql-update":
        raise Forbidden("this endpoint is read-only: SPARQL Update is refused")
    else:
        abort(
            415, "send the query as GET ?query=, as application/x-www-form-urlencoded, or as application/sparql-query"
        )
    if "update" in source:
        raise Forbidden("this endpoint is read-only: SPARQL Update is refused")
    queries = source.getlist("query")
    if len(queries) > 1:
        abort(400, "give exactly one query parameter")
    return (queries[0] if queries else None), source.getlist("default-graph-uri"), source.getlist("named-graph-uri")


def _no_query():
    if request.accept_mimetypes.best_match([HTML, *GRAPH_FORMATS]) == HTML:
        return _editor_page()
    mimetype = request.accept_mimetypes.best_match(list(GRAPH_FORMATS)) or "text/turtle"
    return rdf_response(
        service_description(site().settings.site_url, list(RESULT_FORMATS), list(GRAPH_FORMATS), site().store.graphs),
        mimetype,
    )


def _editor_page(**context):
    s = site()
    ordered = sorted(s.queries.values(), key=lambda q: (q.featured is None, q.featured or 0, q.slug))
    examples = [(q.slug, pick(q.title), q.bind(q.values({}, s.pickers.known, g.lang))) for q in ordered]
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    yasgui = (Path(current_app.static_folder) / YASGUI).is_file()
    endpoint_url = s.settings.site_url + "sparql"
    return render_template(
        "sparql.html", examples=examples, yasgui=yasgui, prefixes=prefixes, endpoint_url=endpoint_url, **context
    )


def _results_page(query: str, form: str, answer):
    table, graph = None, None
    if form in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph().parse(data=answer.body, format="nt")
    else:
        table = read_results(answer.body)
    prefetch_labels(graph, table if not isinstance(table, bool) else None)
    settings = site().settings
    return _editor_page(
        query=query, table=table, graph=graph, truncated=answer.truncated, html_rows=settings.html_rows,
        max_rows=settings.max_rows,
    )  # fmt: skip
