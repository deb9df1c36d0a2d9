"""Walls around the engine that do not depend on the guard: no network, and a memory ceiling.

An embedded query worker moves into a user and a network namespace of its
own (unshare(CLONE_NEWUSER | CLONE_NEWNET): no privilege needed where the
kernel allows unprivileged user namespaces, as Debian does): its only
interface is a loopback that is down, so nothing a query asks for can be
reached. It then proves it by trying to reach a port the parent listens on.
An external store is asked to call a listener of ours through SERVICE: if the
call arrives, the store can reach the network.
"""

from __future__ import annotations

import contextlib
import ctypes
import resource
import socket
import threading

from rdflib import URIRef

from ..errors import JieshouKGError
from ..layout import SITE_QUERIES
from ..saved import load_query

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MIB = 1 << 20


def isolate(probe_port: int) -> bool:
    """Leave the network; True only if it worked and the parent's probe port is now out of reach."""
    try:
        if ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            return False
    except (OSError, AttributeError):
        return False
    try:
        socket.create_connection(("127.0.0.1", probe_port), timeout=1).close()
    except OSError:
        return True
    return False


def limit_memory(extra_mib: int) -> int:
    """Cap this process's address space at what it uses now (the store is open) plus `extra_mib`;
    the ceiling in MiB. A query that needs more fails alone, in its worker."""
    with open("/proc/self/status", encoding="ascii") as status:
        used_kib = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    ceiling = used_kib * 1024 + extra_mib * MIB
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    return ceiling // MIB


class Probe:
    """A port that records whether anything connected to it (and hangs up at once, so a caller fails fast)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        self.socket.bind((host, 0))
        self.socket.listen(16)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.arrived, self.closed = threading.Event(), threading.Event()
        threading.Thread(target=self._accept, daemon=True, name="jieshou-kg-probe").start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.arrived.set()
            connection.close()

    def reached(self, wait: float = 0.0) -> bool:
        return self.arrived.wait(wait) if wait else self.arrived.is_set()

    def close(self) -> None:
        self.closed.set()
        self.socket.close()


def store_reaches_out(store) -> bool:
    """Whether an external store runs SERVICE calls: it is asked to call a port of ours, on the address
    our own connection to it comes from (the one it can route back to)."""
    host = store.local_address()
    probe = Probe(host)
    try:
        url = URIRef(f"http://{f'[{host}]' if ':' in host else host}:{probe.port}/probe")
        # SERVICE needs its IRI when the query is parsed (a VALUES binding comes too late), so the probe's own
        # address, written by rdflib, stands in the text; nothing of a client's ever does
        query = load_query(SITE_QUERIES / "service-probe.rq").sparql.replace("?endpoint", url.n3())
        with contextlib.suppress(JieshouKGError):  # refused, or the call failed: what counts is whether it arrived
            store.execute(query)
        return probe.reached(wait=1.0)
    finally:
        probe.close()
