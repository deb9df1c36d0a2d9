"""The production server: waitress, on a port bound before anything else starts."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable

import waitress

from ..errors import SetupError
from ..settings import Settings
from . import create_app


def serve(settings: Settings, announce: Callable[[str], None]) -> None:
    """Bind the port (SetupError at once if it cannot be had), open the store, start the query
    workers, say where the site is, and serve until stopped."""
    listener = listen(settings.host, settings.port)
    try:
        app = create_app(settings)
    except BaseException:
        listener.close()
        raise
    site = app.extensions["jieshou_kg"]
    try:
        site.query_pool().wait_ready()
        server = waitress.create_server(
            app, sockets=[listener], threads=settings.threads, ident="jieshou-kg", clear_untrusted_proxy_headers=True
        )
        host, port = listener.getsockname()[:2]
        announce(f"http://{host}:{port}/ ({site.store.source})")
        server.run()
    finally:
        site.close()


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port; SetupError that says what to do when it cannot be had."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.socket(family, socket.SOCK_STREAM)
    except OSError as err:
        raise SetupError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(1024)
    except OSError as err:
        listener.close()
        raise SetupError(_bind_error(f"{host}:{port}", err)) from None
    return listener


def _bind_error(where: str, err: OSError) -> str:
    if err.errno == errno.EADDRINUSE:
        return f"port {where} is already in use: stop the other server or choose another --port"
    if err.errno == errno.EACCES:
        return f"not allowed to listen on {where}: choose a port above 1023 or another --host"
    return f"cannot listen on {where}: {err.strerror or err}"
