"""Queries from the public endpoint run in worker processes that can be killed.

rdflib has no timeout, and neither an Oxigraph query nor a catastrophic regex
can be interrupted from another thread; a process can. Each worker opens its
own store from a picklable spec; a query past its deadline gets its worker
killed (and replaced) and the caller a QueryTimeout on time. The number of
workers caps how many queries run at once; a query waits a little for a free
worker, then gets Busy.
"""

from __future__ import annotations

import multiprocessing
import queue
from dataclasses import dataclass
from multiprocessing.connection import Connection
from threading import Lock

from .answers import Answer, serialize
from .errors import Busy, JieshouKGError, QueryTimeout, StoreError

READY = "ready"
START_TIMEOUT = 300.0  # loading a large dump takes a while; it is not the query's time


@dataclass(frozen=True)
class Request:
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    mimetype: str
    max_rows: int


def _serve(spec: dict, conn: Connection) -> None:
    """A worker's life: open the store, say ready, answer requests until the pipe closes."""
    from .store import open_store

    store = open_store(**spec)
    conn.send(READY)
    while True:
        try:
            request: Request = conn.recv()
        except EOFError:
            return
        try:
            result = store.execute(request.query, request.default_graphs, request.named_graphs)
            conn.send(("ok", serialize(result, request.mimetype, request.max_rows)))
        except JieshouKGError as err:
            conn.send(("error", err))
        except Exception as err:  # anything else the engine raises becomes a 500 for this query only
            conn.send(("error", StoreError(f"{type(err).__name__}: {err}")))


class _Worker:
    def __init__(self, context, spec: dict):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(spec, child), daemon=True, name="jieshou-kg-query")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if not self.ready:
            if not self.conn.poll(START_TIMEOUT) or self.conn.recv() != READY:
                raise StoreError("a query worker could not open the store")
            self.ready = True

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    def __init__(self, spec: dict, size: int, timeout: float, queue_wait: float):
        self.spec, self.timeout, self.queue_wait = spec, timeout, queue_wait
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: list[_Worker] = []
        self.lock = Lock()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.spec)
        with self.lock:
            self.all = [w for w in self.all if w.process.is_alive()] + [worker]
        return worker

    def run(self, request: Request) -> Answer:
        try:
            worker = self.idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise Busy(f"too many queries at once (at most {len(self.all)} run together); try again shortly") from None
        try:
            reply = self._ask(worker, request)
        except (EOFError, OSError, StoreError):
            reply = "broken"
        if reply in ("timeout", "broken"):
            worker.kill()
            self.idle.put(self._start())
            if reply == "timeout":
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            raise StoreError("the query worker stopped unexpectedly")
        self.idle.put(worker)
        status, payload = reply
        if status == "error":
            raise payload
        return payload

    def _ask(self, worker: _Worker, request: Request):
        worker.wait_ready()
        worker.conn.send(request)
        if not worker.conn.poll(self.timeout):
            return "timeout"
        return worker.conn.recv()

    def wait_ready(self) -> None:
        """Block until every idle worker has opened its store."""
        for worker in list(self.all):
            worker.wait_ready()

    def close(self) -> None:
        for worker in self.all:
            worker.kill()
