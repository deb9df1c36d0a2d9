"""Queries from the public endpoint run in worker processes that can be killed.

Neither an Oxigraph query nor a catastrophic regex can be interrupted from
another thread; a process can. A worker leaves the network (isolation.py;
embedded store only: a remote store's worker must reach its store), opens its
own store from the settings, caps its memory, and answers whole requests:
check, run, serialise (protocol.py). At most `sparql_workers` run and
`sparql_queue` wait; past that a request is Busy at once, so waiting queries
never hold every thread of the server. One deadline covers the wait, the
start of a replacement and the query; past it the worker is killed and
replaced and the caller gets a QueryTimeout on time. A worker found dead
before a query is replaced without failing the query.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from multiprocessing.connection import Connection
from threading import BoundedSemaphore, Lock

from ..errors import Busy, JieshouKGError, OutOfMemory, QueryTimeout, StoreError
from ..settings import Settings
from .isolation import Probe, isolate, limit_memory
from .protocol import Policy, Request, answer_query

READY = "ready"


def _serve(settings: Settings, probe_port: int, conn: Connection) -> None:
    """A worker's life: leave the network, open the store, cap memory, say ready, answer until the pipe closes."""
    from ..store import open_store

    os.environ["RUST_BACKTRACE"] = "0"  # a query past its ceiling ends the engine with one line, not a backtrace
    isolated = False if settings.endpoint else isolate(probe_port)
    store = open_store(settings)
    policy = None  # made at the first query: a remote store lists its graphs only when it answers
    ceiling = limit_memory(settings.sparql_query_memory)
    conn.send((READY, isolated))
    while True:
        try:
            request: Request = conn.recv()
        except EOFError:
            return
        try:
            policy = policy or Policy.of(settings, store.graphs)
            conn.send(("ok", answer_query(store, request, policy)))
        except JieshouKGError as err:
            conn.send(("error", err))
        except MemoryError:
            conn.send(("error", OutOfMemory(f"the query needed more memory than one query may use ({ceiling} MiB)")))
        except Exception as err:  # anything else the engine raises becomes an error for this query only
            conn.send(("error", StoreError(f"{type(err).__name__}: {err}")))


class _Worker:
    def __init__(self, context, settings: Settings, probe_port: int):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(settings, probe_port, child), daemon=True, name="jieshou-kg-query"
        )
        self.process.start()
        child.close()
        self.ready, self.isolated = False, False

    def wait_ready(self, seconds: float | None = None) -> bool:
        if not self.ready:
            if not self.conn.poll(seconds):
                return False
            message, self.isolated = self.conn.recv()
            self.ready = message == READY
        return self.ready

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """`sparql_workers` worker processes, each with its own store; `run` answers a Request by the deadline."""

    def __init__(self, settings: Settings):
        self.settings, self.timeout, self.queue_wait = settings, settings.sparql_timeout, settings.sparql_queue_wait
        self.context = multiprocessing.get_context("spawn")
        self.probe = Probe()
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: list[_Worker] = []
        self.lock = Lock()
        self.admission = BoundedSemaphore(settings.sparql_workers + settings.sparql_queue)
        for _ in range(settings.sparql_workers):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.settings, self.probe.port)
        with self.lock:
            self.all = [w for w in self.all if w.process.is_alive()] + [worker]
        return worker

    def run(self, request: Request):
        """The worker's answer to `request`, or QueryTimeout / Busy / OutOfMemory / StoreError by the deadline."""
        if not self.admission.acquire(blocking=False):
            raise Busy(f"too many queries at once (at most {len(self.all)} run together); try again shortly")
        try:
            return self._run(request, time.monotonic() + self.timeout)
        finally:
            self.admission.release()

    def _run(self, request: Request, deadline: float):
        try:
            worker = self.idle.get(timeout=min(self.queue_wait, self.timeout))
        except queue.Empty:
            raise Busy(f"too many queries at once (at most {len(self.all)} run together); try again shortly") from None
        if not worker.process.is_alive():
            worker = self._replace(worker)
        reply = "broken"
        try:
            reply = self._ask(worker, request, deadline)
        except (EOFError, OSError):
            pass
        finally:
            if reply == "broken":
                worker.process.join(2)  # the pipe can close before the process is reaped
            died = reply == "broken" and worker.process.exitcode
            if reply in ("timeout", "broken"):
                worker = self._replace(worker)
            self.idle.put(worker)
        return _answer(reply, died, self.timeout)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        return self._start()

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

    @property
    def isolated(self) -> bool:
        """Whether every worker is cut off from the network (checked: none of them reached our probe)."""
        self.wait_ready()
        return all(w.isolated for w in self.all) and not self.probe.reached()

    def close(self) -> None:
        for worker in self.all:
            worker.kill()
        self.probe.close()


def _answer(reply, exit_code, timeout: float):
    if reply == "starting":
        raise Busy("the query workers are still opening the store; try again shortly")
    if reply == "timeout":
        raise QueryTimeout(
            f"the query ran longer than {timeout:g} s and was stopped. Long property paths are the usual cause: "
            "every resource here carries all its classes, so ?x a ?c finds what ?x a/rdfs:subClassOf* ?c means; "
            "or ask for less (LIMIT, a narrower pattern)"
        )
    if reply == "broken":
        if exit_code in (-signal.SIGABRT, -signal.SIGSEGV):
            raise OutOfMemory("the query needed more memory than one query may use, and was stopped")
        raise StoreError("the query worker stopped unexpectedly")
    status, payload = reply
    if status == "error":
        raise payload
    return payload
