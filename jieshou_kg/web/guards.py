"""What every request and answer at the web edge goes through: strict URLs, and headers that keep
pages from being turned against their readers."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Response, abort, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}


def register(app: Flask) -> None:
    app.before_request(refuse_bad_encoding)
    app.after_request(add_headers)


def refuse_bad_encoding() -> None:
    """400 for a URL or form whose percent-escapes are not UTF-8 (werkzeug would turn them into U+FFFD)."""
    encoded = [request.query_string]
    if request.mimetype == "application/x-www-form-urlencoded" and request.content_length:
        encoded.append(request.get_data(cache=True))
    for part in encoded:
        try:
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            abort(400, "the request's parameters are not UTF-8 (percent-escapes such as %FF)")


def add_headers(response: Response) -> Response:
    response.headers.update(HEADERS)
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = CSP
    return response
