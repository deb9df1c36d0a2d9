"""The production server: waitress, on a port bound before anything else starts, with settings for the
open internet: short timeouts, bodies refused from their Content-Length, many idle connections held
without threads, and /sparql kept off the network (or refused) before the site says it is serving."""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
from collections.abc import Callable

import waitress
from waitress.channel import HTTPChannel
from waitress.task import WSGITask

from ..endpoint.isolation import store_reaches_out
from ..errors import SetupError
from ..settings import Settings
from . import create_app
from .warm import warm


def serve(settings: Settings, announce: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """Bind the port (SetupError at once if it cannot be had), open the store, start the query
    workers, check that they cannot reach the network, say where the site is, and serve until stopped,
    while a thread makes the default answers (warm.py)."""
    listener = listen(settings.host, settings.port)
    try:
        app = create_app(settings)
    except BaseException:
        listener.close()
        raise
    site = app.extensions["jieshou_kg"]
    try:
        pool = site.query_pool()
        pool.wait_ready()
        isolated = not store_reaches_out(site.store) if settings.endpoint else pool.isolated
        check_isolation(settings, isolated, warn)
        server = waitress.create_server(app, sockets=[listener], **server_options(settings))
        server.channel_class = KeepAliveChannel
        threading.Thread(target=warm, args=(app,), name="jieshou-kg-warm", daemon=True).start()
        host, port = listener.getsockname()[:2]
        announce(f"http://{host}:{port}/ ({site.store.source})")
        server.run()
    finally:
        site.close()


class KeepAliveTask(WSGITask):
    """waitress 3.0.2 closes the connection after any answer without a body length, a 304 included, whose
    end needs no length: there is no body. Keep those connections open, as HTTP/1.1 means them to be."""

    def set_close_on_finish(self) -> None:
        bodiless, asked = not self.has_body, self.request.headers.get("CONNECTION", "").lower() == "close"
        if bodiless and not asked and self.version == "1.1" and not self.close_on_finish:
            return
        super().set_close_on_finish()


class KeepAliveChannel(HTTPChannel):
    task_class = KeepAliveTask


def server_options(settings: Settings) -> dict:
    options = {
        "threads": settings.threads,
        "connection_limit": settings.max_connections,
        "channel_timeout": settings.connection_timeout,
        "cleanup_interval": min(5.0, settings.connection_timeout),
        "max_request_body_size": settings.max_body_bytes,
        "asyncore_use_poll": True,  # select() stops at 1024 sockets
        "ident": "jieshou-kg",
        "clear_untrusted_proxy_headers": True,
    }
    if settings.trusted_proxy:
        options |= {"trusted_proxy": settings.trusted_proxy, "trusted_proxy_headers": {"x-forwarded-proto"}}
    return options


def check_isolation(settings: Settings, isolated: bool, warn: Callable[[str], None]) -> None:
    """Refuse to serve /sparql publicly when its engine could reach the network, unless told otherwise."""
    if isolated or settings.sparql_isolation == "off":
        return
    engine = "the store at " + settings.endpoint if settings.endpoint else "the /sparql query workers"
    why = (
        f"{engine} can reach the network (a SERVICE would run there: see the README, 'The public endpoint'); "
        "the guard still refuses SERVICE"
    )
    if settings.sparql_isolation == "required" or not _loopback(settings.host):
        raise SetupError(f"{why}. Not serving on {settings.host}: give --sparql-isolation off to serve anyway")
    warn(f"warning: {why}")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


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
