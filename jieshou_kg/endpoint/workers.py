"""Queries from the public endpoint run in worker processes that can be killed.

rdflib has no timeout, and neither an Oxigraph query, a slow parse nor a
catastrophic regex can be interrupted from another thread; a process can. A
worker opens its own store from the settings (the embedded dump, or the
remote endpoint) and answers whole requests: check, run, serialise
(protocol.py). One deadline covers the wait for a free worker, its start and
the query; past it the worker is killed (and replaced) and the caller gets a
QueryTimeout on time. The number of workers caps how many queries run at once.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import queue
import sys
import time
from multiprocessing.connection import Connection
from threading import Lock

from ..errors import Busy, JieshouKGError, QueryTimeout, StoreError
from ..settings import Settings
from .protocol import Policy, Request, answer_query

READY = "ready"
RECURSION_LIMIT = 20_000  # rdflib's parser recurses once per triple pattern; Python 3.11 frames cost no C stack


def offline() -> bool:
    """Best effort, second line of defence: move this process into a network namespace of its own,
    where no interface is up, so that even a query that got past the guard reaches nothing.

    Needs CAP_SYS_ADMIN (root, as in CI); elsewhere it does nothing and says so.
    """
    clone_newnet = 0x40000000
    try:
        return ctypes.CDLL(None, use_errno=True).unshare(clone_newnet) == 0
    except (OSError, AttributeError):
        return False


def _serve(settings: Settings, conn: Connection) -> None:
    """A worker's life: cut the network (embedded store), open the store, say ready, answer until the pipe closes."""
    from ..store import open_store

    sys.setrecursionlimit(RECURSION_LIMIT)
    if not settings.endpoint:
        offline()
    store = open_store(settings)
    policy = Policy.of(settings, store.graphs)
    conn.send(READY)
    while True:
        try:
            request: Request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", answer_query(store, request, policy)))
        except JieshouKGError as err:
            conn.send(("error", err))
        except Exception as err:  # anything else the engine raises becomes a 500 for this query only
            conn.send(("error", StoreError(f"{type(err).__name__}: {err}")))


class _Worker:
    def __init__(self, context, settings: Settings):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(settings, child), daemon=True, name="jieshou-kg-query")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, seconds: float | None = None) -> bool:
        if not self.ready:
            if not self.conn.poll(seconds) or self.conn.recv() != READY:
                return False
            self.ready = True
        return True

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """`sparql_workers` worker processes, each with its own store; `run` answers a Request by the deadline."""

    def __init__(self, settings: Settings):
        self.settings, self.timeout, self.queue_wait = settings, settings.sparql_timeout, settings.sparql_queue_wait
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: list[_Worker] = []
        self.lock = Lock()
        for _ in range(settings.sparql_workers):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.settings)
        with self.lock:
            self.all = [w for w in self.all if w.process.is_alive()] + [worker]
        return worker

    def run(self, request: Request):
        """The worker's answer to `request`, or QueryTimeout / Busy / StoreError by the deadline."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=min(self.queue_wait, self.timeout))
        except queue.Empty:
            raise Busy(f"too many queries at once (at most {len(self.all)} run together); try again shortly") from None
        reply = "broken"
        try:
            reply = self._ask(worker, request, deadline)
        except (EOFError, OSError):
            pass
        finally:
            if reply in ("timeout", "broken"):
                worker.kill()
                worker = self._start()
            self.idle.put(worker)
        if reply == "starting":
            raise Busy("the query workers are still opening the store; try again shortly")
        if reply == "timeout":
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
        if reply == "broken":
            raise StoreError("the query worker stopped unexpectedly")
        status, payload = reply
        if status == "error":
            raise payload
        return payload

    def _ask(self, worker: _Worker, request: Request, deadline: float):
        """The worker's reply, or "starting" / "timeout" when the deadline passes first."""
        if not worker.wait_ready(max(0.0, deadline - time.monotonic())):
            return "starting"
        worker.conn.send(request)
        if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
            return "timeout"
        return worker.conn.recv()

    def wait_ready(self) -> None:
        """Block until every worker has opened its store (before the site starts listening)."""
        for worker in list(self.all):
            if not worker.wait_ready(None):
                raise StoreError("a query worker could not open the store")

    def close(self) -> None:
        for worker in self.all:
            worker.kill()
