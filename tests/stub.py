"""A loopback SPARQL 'server' that misbehaves on demand: slow, 206, 500, cut short — or forwards to a real one."""

from __future__ import annotations

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Stub:
    def __init__(self, upstream: str):
        self.upstream, self.mode, self.delay = upstream, "ok", 5.0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                stub.answer(self, body)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/query"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, handler, body: bytes) -> None:
        if self.mode == "slow":
            time.sleep(self.delay)
        if self.mode in ("206", "500"):
            payload = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
            self._send(handler, int(self.mode), "application/sparql-results+json", payload)
            return
        request = urllib.request.Request(
            self.upstream,
            data=body or None,
            method=handler.command,
            headers={k: v for k, v in handler.headers.items() if k.lower() != "host"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            kind = response.headers["Content-Type"]
        if self.mode == "cut-short":  # no Content-Length: the body simply ends early
            handler.send_response(200)
            handler.send_header("Content-Type", kind)
            handler.end_headers()
            handler.wfile.write(payload[: len(payload) // 2])
            handler.close_connection = True
            return
        if self.mode == "truncated":
            handler.send_response(200)
            handler.send_header("Content-Type", kind)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload[: len(payload) // 2])
            handler.close_connection = True
            return
        self._send(handler, 200, kind, payload)

    @staticmethod
    def _send(handler, status: int, kind: str, payload: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
