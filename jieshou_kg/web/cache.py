"""Answers made once: the dataset does not change while it is served, so every answer can be kept.

`AnswerCache` wraps the WSGI app. A response whose view marked it `Cache-Control: public` is kept, in
memory bounded by bytes (least recently used out first), under the request's key: method, path, query
string, for a POST its body, and exactly what the answer varies on (its Vary header, learnt from the
first answer to that request): the Accept header as sent, and for Accept-Language and the cookie the
language they choose (so every browser that reads Chinese shares one answer). It gets a strong ETag
(the dataset's version and the key) and Last-Modified (when the dataset was built); a request with a
matching If-None-Match is answered 304 and a repeated one from memory (`X-Cache: hit`), neither
reaching Flask, the store or a query worker. A new dataset is a new process, and a new version: no old
answer survives it. Without a version (an external store, which can change behind the site's back)
nothing is kept.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from email.utils import formatdate
from io import BytesIO
from threading import Lock

from flask import Response, request

MAX_AGE = 300  # seconds a client or proxy may reuse an answer before it asks again (304 if unchanged)
KNOWN_REQUESTS = 16384  # requests whose Vary is remembered (a forgotten one is only a miss)
POSTED = ("application/x-www-form-urlencoded", "application/sparql-query")
KEPT_HEADERS = ("etag", "last-modified", "content-length")


class AnswerCache:
    def __init__(
        self, app: Callable, version: str | None, modified: float | None, capacity: int, max_body: int,
        language: Callable[[dict], str],
    ):  # fmt: skip
        self.app, self.version, self.capacity, self.max_body = app, version, capacity, max_body
        self.language = language  # the language a request will be answered in
        self.modified = formatdate(modified, usegmt=True) if modified else None
        self.entries: OrderedDict[bytes, tuple[str, list, bytes]] = OrderedDict()
        self.varies: OrderedDict[bytes, frozenset[str]] = OrderedDict()  # request -> what its answers vary on
        self.size, self.lock = 0, Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request = self._request(environ) if self.version and self.capacity else None
        if request is None:
            return self.app(environ, start_response)
        vary = self._varies(request)
        hit = self._get(self._key(request, vary, environ)) if vary is not None else None
        if hit and hit[1][-1][1] in environ.get("HTTP_IF_NONE_MATCH", ""):
            start_response("304 Not Modified", [h for h in hit[1] if h[0].lower() not in ("content-type",)])
            return [b""]
        if hit:
            start_response(hit[0], [*hit[1], ("X-Cache", "hit")])
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [hit[2]]
        return self._answer(environ, start_response, request)

    def _answer(self, environ: dict, start_response: Callable, request: bytes) -> Iterable[bytes]:
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None  # Flask never writes; it returns its body

        chunks = self.app(environ, capture)
        status, headers = captured["status"], captured["headers"]
        if not self._keepable(status, headers, environ):
            start_response(status, headers)
            return chunks  # streamed through untouched (a dump, an error, a large answer)
        body = b"".join(chunks)
        getattr(chunks, "close", lambda: None)()
        key = self._key(request, self._learn(request, headers), environ)
        etag = f'"{self.version}-{hashlib.sha1(key).hexdigest()[:20]}"'
        headers = [h for h in headers if h[0].lower() not in KEPT_HEADERS]
        headers += [("Content-Length", str(len(body)))] + ([("Last-Modified", self.modified)] if self.modified else [])
        headers += [("ETag", etag)]  # last: a hit finds it there
        self._put(key, (status, headers, body))
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            start_response("304 Not Modified", [h for h in headers if h[0].lower() != "content-type"])
            return [b""]
        start_response(status, headers)
        return [body]

    def _keepable(self, status: str, headers: list, environ: dict) -> bool:
        """A complete 200 its view marked public, small enough to keep (its Content-Length says so)."""
        found = {name.lower(): value for name, value in headers}
        length = found.get("content-length", "")
        return (
            status.startswith("200")
            and "public" in found.get("cache-control", "")
            and environ["REQUEST_METHOD"] != "HEAD"
            and length.isdigit()
            and int(length) <= self.capacity // 8
        )

    def _request(self, environ: dict) -> bytes | None:
        """What was asked, apart from the headers an answer may vary on."""
        method = environ["REQUEST_METHOD"]
        parts = [method if method != "HEAD" else "GET", environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")]
        key = "\0".join(parts).encode("utf-8", "surrogateescape")
        if method in ("GET", "HEAD"):
            return key
        return self._posted(environ, key) if method == "POST" else None

    def _key(self, request: bytes, vary: frozenset[str], environ: dict) -> bytes:
        """The request and the values of what its answers vary on (a language, not the headers that chose it)."""
        parts = [request]
        if "accept" in vary:
            parts.append(b"accept=" + environ.get("HTTP_ACCEPT", "").encode("utf-8", "surrogateescape"))
        if vary & {"accept-language", "cookie"}:
            parts.append(b"lang=" + self.language(environ).encode())
        return b"\0".join(parts)

    def _varies(self, request: bytes) -> frozenset[str] | None:
        with self.lock:
            vary = self.varies.get(request)
            if vary is not None:
                self.varies.move_to_end(request)
            return vary

    def _learn(self, request: bytes, headers: list) -> frozenset[str]:
        """Remember what this request's answers vary on: every Vary seen for it (a superset keys safely)."""
        named = ",".join(value for name, value in headers if name.lower() == "vary")
        vary = frozenset(v.strip().lower() for v in named.split(",") if v.strip())
        with self.lock:
            vary |= self.varies.get(request, frozenset())
            self.varies[request] = vary
            self.varies.move_to_end(request)
            while len(self.varies) > KNOWN_REQUESTS:
                self.varies.popitem(last=False)
        return vary

    def _posted(self, environ: dict, key: bytes) -> bytes | None:
        """A POST's body joins its key (read once, and handed on to the app)."""
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip()
        length = environ.get("CONTENT_LENGTH") or ""
        if kind not in POSTED or not length.isdigit() or int(length) > self.max_body:
            return None
        body = environ["wsgi.input"].read(int(length))
        environ["wsgi.input"] = BytesIO(body)
        return key + b"\0" + kind.encode() + b"\0" + body

    def _get(self, key: bytes):
        with self.lock:
            hit = self.entries.get(key)
            if hit:
                self.entries.move_to_end(key)
            return hit

    def _put(self, key: bytes, entry: tuple[str, list, bytes]) -> None:
        cost = len(key) + len(entry[2]) + 200
        if cost > self.capacity // 8:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.size += cost
            while self.size > self.capacity:
                old_key, old = self.entries.popitem(last=False)
                self.size -= len(old_key) + len(old[2]) + 200


def shared(*vary: str) -> Callable[[Response], Response]:
    """An after_request hook: a blueprint's successful answers may be kept by anyone, and vary on `vary`."""

    def hook(response: Response) -> Response:
        if response.status_code == 200 and request.method in ("GET", "HEAD", "POST"):
            response.cache_control.public = True
            response.cache_control.max_age = MAX_AGE
            for header in vary:
                response.vary.add(header)
        return response

    return hook
