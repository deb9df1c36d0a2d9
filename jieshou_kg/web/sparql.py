"""The SPARQL 1.1 Protocol endpoint, read-only and bounded, and its editor.

GET /sparql?query=…, POST form-encoded, POST application/sparql-query.
default-graph-uri / named-graph-uri override the query's FROM (only this
site's graphs). Results by Accept or ?format=; a browser gets an HTML table.
GET /sparql without a query: the editor for browsers, a service description
for programs. Every answer carries `Access-Control-Allow-Origin: *`.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, g, render_template, request, send_from_directory
from rdflib import Graph

from ..answers import GRAPH_FORMATS, RESULT_FORMATS
from ..errors import Forbidden
from ..namespaces import PREFIXES
from ..protocol import HTML, Request
from ..store import GRAPHS as STORE_GRAPHS
from .i18n import pick
from .negotiate import rdf_response
from .service import service_description
from .site import site

bp = Blueprint("sparql", __name__)
GRAPHS = frozenset(str(graph) for graph in STORE_GRAPHS)


@bp.after_request
def cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        return Response(
            status=204,
            headers={
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Max-Age": "86400",
            },
        )
    query, default_graphs, named_graphs = _protocol_request()
    if query is None:
        if request.method == "POST":
            abort(400, "no query: send it as the 'query' parameter or as an application/sparql-query body")
        return _no_query()
    config = current_app.config
    if len(query) > config["SPARQL_MAX_QUERY"]:
        abort(413, f"the query is longer than {config['SPARQL_MAX_QUERY']:,} characters")
    public = Request(
        query,
        tuple(default_graphs),
        tuple(named_graphs),
        request.headers.get("Accept", ""),
        request.values.get("format", ""),
        GRAPHS,
        config["SPARQL_MAX_ROWS"],
        config["SPARQL_MAX_BYTES"],
    )
    answer, mimetype, form = site().run_sparql(public)
    if mimetype == HTML:
        return _results_page(query, form, answer)
    response = Response(answer.body, mimetype=mimetype)
    if answer.truncated:
        response.headers["X-Results-Truncated"] = f"only the first {config['SPARQL_MAX_ROWS']} results are returned"
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
            return (
                body.decode("utf-8"),
                request.args.getlist("default-graph-uri"),
                request.args.getlist("named-graph-uri"),
            )
        except UnicodeDecodeError:
            abort(400, "the query is not UTF-8")
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
    return rdf_response(service_description(request.host_url, list(RESULT_FORMATS), list(GRAPH_FORMATS)), mimetype)


def _editor_page(**context):
    first = ("organization-co-leads", "official-tasks", "organization-involvement", "targets")
    ordered = sorted(
        site().queries.values(), key=lambda q: (q.slug not in first, first.index(q.slug) if q.slug in first else 0)
    )
    examples = [(q.slug, pick(q.title), _with_defaults(q)) for q in ordered]
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return render_template(
        "sparql.html", examples=examples, yasgui=site().yasgui_available(), prefixes=prefixes, **context
    )


def _results_page(query: str, form: str, answer):
    table, graph = None, None
    if form in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph().parse(data=answer.body, format="nt")
    else:
        table = site().parse_results(answer.body)
    return _editor_page(query=query, table=table, graph=graph, truncated=answer.truncated)


def _with_defaults(query) -> str:
    values = query.values({}, site().known, g.lang)
    return query.bind(values)


@bp.get("/vendor/yasgui/<path:name>")
def yasgui_file(name: str):
    if name not in ("yasgui.min.js", "yasgui.min.css", "yasgui.min.js.map"):
        abort(404)
    return send_from_directory(site().yasgui_dir().resolve(), name, max_age=86400)
