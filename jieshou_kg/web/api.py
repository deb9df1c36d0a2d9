"""For programs: /openapi.json (OpenAPI 3), /queries.json, /grlc.yml, each saved query's SPARQL at
/queries/<slug>.rq, and /api, the page that says how to use them."""

from __future__ import annotations

import yaml
from flask import Blueprint, Response, jsonify, render_template

from ..namespaces import SPARQL_PREFIXES
from ..store.embedded import package_version
from .cache import shared
from .errors import refuse
from .openapi import grlc_spec, listing, openapi
from .site import site

bp = Blueprint("api", __name__)
bp.after_request(shared("Accept-Language", "Cookie"))


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3 description of the saved queries and the endpoint."""
    s = site()
    return jsonify(s.memo("openapi", lambda: openapi(s.queries, s.settings.site_url, package_version())))


@bp.get("/queries.json")
def queries_list():
    """The saved queries for programs: parameters, columns, formats and addresses."""
    s = site()
    return jsonify(listing(s.queries, s.settings.site_url))


@bp.get("/grlc.yml")
def grlc():
    """A grlc specification: grlc builds a web API of the saved queries from it (its api-url loader)."""
    s = site()
    body = yaml.safe_dump(grlc_spec(s.queries, s.settings.site_url), allow_unicode=True, sort_keys=False)
    return Response(body, mimetype="text/yaml")


@bp.get("/queries/<slug>.rq")
def query_text(slug: str):
    """A saved query's file as grlc and other tools read it: its header, this site's endpoint, the prefixes."""
    s = site()
    query = s.queries.get(slug)
    if query is None:
        refuse(404, f"no saved query {slug!r}", "error_no_query_named", name=slug)
    lines = query.text.splitlines()
    header = [line for line in lines if line.startswith("#+")]
    body = "\n".join(line for line in lines if not line.startswith("#+"))
    endpoint = f"#+ endpoint: {s.settings.site_url}sparql"
    text = "\n".join([*header, endpoint, SPARQL_PREFIXES.rstrip("\n"), body.strip("\n")]) + "\n"
    return Response(text, mimetype="application/sparql-query")


@bp.get("/api")
def api_page():
    """How programs use the site: the endpoint, the OpenAPI description, the lists, grlc."""
    s = site()
    return render_template("api.html", queries=list(s.queries.values()), endpoint=s.settings.site_url + "sparql")
