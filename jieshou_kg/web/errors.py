"""The one error shape at the web edge: JSON `{"error": {"status", "message"}}` for programs, a page for people."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import JieshouKGError


def register(app: Flask) -> None:
    app.register_error_handler(JieshouKGError, lambda err: error_response(err.http_status, str(err)))
    app.register_error_handler(HTTPException, _http_error)


def error_response(status: int, message: str):
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


def _http_error(err: HTTPException):
    if err.code and err.code < 400:
        return err
    return error_response(err.code or 500, err.description or err.name)
