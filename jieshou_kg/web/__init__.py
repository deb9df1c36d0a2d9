"""The site: create_app(config) with one blueprint per audience.

- pages      government staff: saved query pages, charts, downloads
- linked     linked-data consumers: every IRI under /id/, the ontology, VoID
- sparql     researchers: the SPARQL 1.1 endpoint and its editor

Configuration is passed in (or read from JIESHOU_KG_* by the CLI), never global.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, g, jsonify, render_template, request
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS
from werkzeug.exceptions import HTTPException

from ..errors import JieshouKGError
from ..namespaces import DEF, JK, ONTOLOGY, PREFIXES
from ..store import Store, open_store
from .charts import bar_chart
from .i18n import Translator, choose_language, load_messages, pick, remember_language
from .site import Site, site

DEFAULTS = {
    "BASE_IRI": "https://w3id.org/jieshou-kg/",  # IRIs under it resolve at this site's root
    "DIST": "dist",
    "DUMP": None,  # default: DIST/jieshou-kg.trig
    "ENDPOINT": None,  # a SPARQL 1.1 endpoint instead of the embedded store
    "ENGINE": "oxigraph",
    "STORE_DIR": "auto",  # keep the embedded store on disk: a directory, "auto" (dumps over 512 MiB) or None
    "QUERIES": "queries",
    "ONTOLOGY": "ontology",
    "STORE_TIMEOUT": 10.0,  # seconds for each call to a remote store
    "SPARQL_TIMEOUT": 10.0,  # deadline of one /sparql query
    "SPARQL_MAX_ROWS": 10_000,
    "SPARQL_MAX_BYTES": 64 << 20,  # the largest answer /sparql sends
    "SPARQL_MAX_QUERY": 100_000,  # characters of query text
    "SPARQL_WORKERS": 2,  # queries that may run at once
    "SPARQL_QUEUE_WAIT": 2.0,  # seconds a query may wait for a free worker
    "MAX_CONTENT_LENGTH": 1 << 20,
    "YASGUI": "node_modules/@zazuko/yasgui/build",
}


def create_app(config: dict | None = None, store: Store | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.config["DUMP"] = app.config["DUMP"] or str(Path(app.config["DIST"]) / "jieshou-kg.trig")
    if store is None:
        config = app.config
        store = open_store(
            config["DUMP"], config["ENDPOINT"], config["ENGINE"], config["STORE_TIMEOUT"], config["STORE_DIR"]
        )
    app.extensions["jieshou_kg"] = Site.create(store, app.config)
    translate = Translator(load_messages())
    app.jinja_env.globals.update(t=translate, pick=pick, site=site, url_with=url_with, **template_names())
    app.jinja_env.tests.update(iri=lambda v: isinstance(v, URIRef), number_literal=is_number)
    app.jinja_env.filters["short_iri"] = short_iri
    app.jinja_env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}

    @app.before_request
    def language() -> None:
        g.lang = choose_language()

    app.after_request(remember_language)
    app.register_error_handler(JieshouKGError, _project_error)
    app.register_error_handler(HTTPException, _http_error)

    from . import linked, pages, sparql

    app.register_blueprint(pages.bp)
    app.register_blueprint(linked.bp)
    app.register_blueprint(sparql.bp)

    @app.get("/health")
    def health():
        return {"status": "ok", "store": site().store.source}

    return app


def url_with(**changes) -> str:
    """This page's URL with some query parameters changed."""
    args = request.args.to_dict(flat=False)
    args.update({k: [v] for k, v in changes.items()})
    return request.path + "?" + urlencode(args, doseq=True)


def is_number(value) -> bool:
    return isinstance(value, Literal) and isinstance(value.toPython(), (int, float, Decimal))


def short_iri(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix != "id":
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def texts(graph, subject, predicate) -> dict[str, str]:
    return {(o.language or ""): str(o) for o in graph.objects(subject, predicate)}


def template_names() -> dict:
    return {
        "JK": JK,
        "RDF": RDF,
        "RDFS": RDFS,
        "OWL": OWL,
        "SKOS": SKOS,
        "DCTERMS": DCTERMS,
        "ORG": ORG,
        "ONTOLOGY": ONTOLOGY,
        "JK_NS": DEF,
        "texts": texts,
        "role_chart": role_chart,
    }


def role_chart(tasks: dict, groups: list[tuple[str, str]]) -> dict:
    return bar_chart([(title, len(tasks.get(key, [])), f"#role-{key}") for key, title in groups])


def error_response(status: int, message: str):
    """The one error shape: JSON for programs, a page for people."""
    wants_json = (
        request.path.startswith("/sparql")
        or request.path.endswith(".json")
        or (request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json")
    )
    if wants_json:
        response = jsonify({"error": {"status": status, "message": message}})
    else:
        response = render_template("error.html", status=status, message=message)
    return response, status


def _project_error(err: JieshouKGError):
    return error_response(err.http_status, str(err))


def _http_error(err: HTTPException):
    if err.code and err.code < 400:
        return err
    return error_response(err.code or 500, err.description or err.name)
