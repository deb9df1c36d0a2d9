"""The site described for programs: an OpenAPI 3 description of every saved query (its typed parameters and
formats), the list of saved queries as JSON, and a grlc specification (grlc builds its own API from it)."""

from __future__ import annotations

from ..saved import SavedQuery
from ..saved.parameters import MAX_TEXT
from .i18n import message
from .query_page import DOWNLOADS, RESULTS, SHEETS

MEDIA = {**SHEETS, **RESULTS, "json": "application/json"}
SCHEMAS = {
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "text": {"type": "string", "maxLength": MAX_TEXT},
    "language": {"type": "string", "enum": ["zh", "en"]},
}
ERROR = {"$ref": "#/components/responses/Error"}


def openapi(queries: dict[str, SavedQuery], base: str, version: str) -> dict:
    """An OpenAPI 3.0 document: one operation per saved query, plus the endpoint and the lists."""
    paths = {f"/queries/{q.slug}.{{format}}": {"get": _operation(q)} for q in queries.values()}
    paths["/queries.json"] = {"get": _plain("listQueries", "The saved queries, their parameters and columns")}
    paths["/pickers/{kind}"] = {"get": _pickers()}
    paths["/sparql"] = {"get": _sparql()}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": message("site_name")["en"],
            "version": version,
            "description": message("api_description")["en"],
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": base.rstrip("/")}],
        "paths": paths,
        "components": {
            "responses": {
                "Error": {
                    "description": "The one error shape",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
            },
            "schemas": _schemas(),
        },
    }


def _operation(query: SavedQuery) -> dict:
    parameters = [
        {"name": "format", "in": "path", "required": True, "schema": {"type": "string", "enum": DOWNLOADS},
         "description": "xlsx and csv for people (column titles in the language), json, srj and srx for programs"},
        {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["zh", "en"]},
         "description": "The language of names and column titles (default: Chinese)"},
    ]  # fmt: skip
    parameters += [_parameter(p) for p in query.parameters if p.type != "language"]
    content = {
        MEDIA[fmt]: {"schema": {"$ref": "#/components/schemas/Rows"}} if fmt == "json" else {} for fmt in DOWNLOADS
    }
    return {
        "operationId": query.slug.replace("-", "_"),
        "summary": query.title.get("en") or query.slug,
        "description": query.description.get("en", ""),
        "tags": [query.audience],
        "parameters": parameters,
        "responses": {"200": {"description": "The answer", "content": content}, "400": ERROR, "404": ERROR},
    }


def _parameter(p) -> dict:
    if p.is_iri:
        schema = {"type": "string", "description": f"an IRI, or its path under id/ (see /pickers/{p.type})"}
    else:
        schema = dict(SCHEMAS.get(p.type, {"type": "string"}))
    if p.default is not None:
        schema["default"] = p.default == "true" if p.type == "boolean" else p.default
    return {"name": p.name, "in": "query", "required": p.required, "schema": schema,
            "description": p.label.get("en", p.name)}  # fmt: skip


def _plain(operation: str, summary: str) -> dict:
    return {
        "operationId": operation,
        "summary": summary,
        "responses": {"200": {"description": summary, "content": {"application/json": {"schema": {"type": "object"}}}}},
    }


def _pickers() -> dict:
    kind = {"name": "kind", "in": "path", "required": True, "schema": {"type": "string"}}
    words = {"name": "q", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 100}}
    operation = _plain("findChoices", "The resources of a kind whose names, other names or pinyin contain q")
    return {**operation, "parameters": [kind, words], "responses": {**operation["responses"], "404": ERROR}}


def _sparql() -> dict:
    query = {"name": "query", "in": "query", "required": True, "schema": {"type": "string"}}
    words = "json, xml, csv, tsv (SELECT, ASK); xml, turtle, n3, nt, json-ld (CONSTRUCT, DESCRIBE)"
    fmt = {"name": "format", "in": "query", "required": False, "schema": {"type": "string"}, "description": words}
    kinds = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/turtle"]
    return {
        "operationId": "sparql",
        "summary": "The SPARQL 1.1 Protocol (GET; POST works too)",
        "parameters": [query, fmt],
        "responses": {"200": {"description": "The answer", "content": {k: {} for k in kinds}}, "400": ERROR},
    }


def _schemas() -> dict:
    return {
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "object", "properties": {
                "status": {"type": "integer"}, "message": {"type": "string"}}}},
        },
        "Rows": {
            "type": "object",
            "properties": {
                "columns": {"type": "array", "items": {"type": "string"}},
                "rows": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
                "count": {"type": "integer"},
            },
        },
    }  # fmt: skip


def listing(queries: dict[str, SavedQuery], base: str) -> dict:
    """Every saved query for programs: what it asks, what it answers, and where."""
    root = base.rstrip("/")
    return {"queries": [
        {"slug": q.slug, "title": q.title, "description": q.description, "audience": q.audience,
         "parameters": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                         "label": p.label, "variable": p.variable} for p in q.parameters],
         "columns": [{"name": c.name, "title": c.title, "shows": list(c.shows)} for c in q.columns.values()],
         "page": f"{root}/queries/{q.slug}", "sparql": f"{root}/queries/{q.slug}.rq",
         "formats": {fmt: f"{root}/queries/{q.slug}.{fmt}" for fmt in DOWNLOADS}}
        for q in queries.values()
    ]}  # fmt: skip


def grlc_spec(queries: dict[str, SavedQuery], base: str) -> dict:
    """A specification grlc reads (its api-url loader): every saved query at its .rq address."""
    root = base.rstrip("/")
    return {
        "title": message("site_name")["en"],
        "description": message("api_description")["en"],
        "contact": {"name": message("site_name")["en"], "url": root + "/"},
        "licence": "https://creativecommons.org/licenses/by/4.0/",
        "queries": [f"{root}/queries/{q.slug}.rq" for q in queries.values()],
    }
