"""The one error shape at the web edge: JSON `{"error": {"status", "message"}}` for programs, a page for people.

A message is worded for people from messages.yaml when the error says which message it is (`said`), in the
page's language; a JSON error is in English unless the request chose a language (?lang=, the cookie,
Accept-Language), since programs rarely do.
"""

from __future__ import annotations

from typing import NoReturn

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import JieshouKGError
from .i18n import LANGUAGES, choose_language, message

WORDED = (400, 404, 405, 406, 413, 415, 500)  # statuses whose werkzeug text has a message of ours


def register(app: Flask) -> None:
    app.register_error_handler(JieshouKGError, _error)
    app.register_error_handler(HTTPException, _http_error)


def refuse(status: int, text: str, key: str, **values) -> NoReturn:
    """Stop the request with `status`: `text` in English, worded for people by the message `key`."""
    err = JieshouKGError(text).said(key, **values)
    err.http_status = status
    raise err


def _error(err: JieshouKGError):
    key, values = err.key, err.values
    if key is None and request.path.startswith("/sparql"):
        key, values = "error_sparql", {"detail": str(err)}
    return error_response(err.http_status, str(err), key, values)


def error_response(status: int, text: str, key: str | None = None, values: dict | None = None):
    """The error as JSON (for programs) or as a page, worded by `key` when there is one."""
    wants_json = (
        request.path.startswith("/sparql")
        or request.path.endswith(".json")
        or (request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json")
    )
    if wants_json:
        lang = choose_language() if _language_chosen() else "en"
        return jsonify({"error": {"status": status, "message": worded(text, key, values, lang)}}), status
    lang = g.get("lang", "zh")
    return render_template("error.html", status=status, message=worded(text, key, values, lang)), status


def worded(text: str, key: str | None, values: dict | None, lang: str) -> str:
    if not key:
        return text
    names = {name: _word(name, value, lang) for name, value in (values or {}).items()}
    entry = message(key)
    return (entry.get(lang) or entry["zh"]).format(**names)


def _word(name: str, value, lang: str) -> str:
    """A parameter's label instead of its name, a type's name in words; other values as they are."""
    query = g.get("query")
    if name == "name" and query is not None and any(p.name == value for p in query.parameters):
        label = query.parameter(value).label
        return label.get(lang) or label.get("zh") or str(value)
    if name == "type":
        entry = message(f"type_{value}")
        return entry.get(lang) or entry["zh"]
    return str(value)


def _language_chosen() -> bool:
    return (
        request.args.get("lang") in LANGUAGES
        or request.cookies.get("lang") in LANGUAGES
        or bool(request.accept_languages)
    )


def _http_error(err: HTTPException):
    if err.code and err.code < 400:
        return err
    default = err.description == type(err).description  # werkzeug's own words, not a view's
    key = f"error_{err.code}" if default and err.code in WORDED else None
    return error_response(err.code or 500, err.description or err.name, key)
