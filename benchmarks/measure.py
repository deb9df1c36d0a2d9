"""Measuring tools: medians, a bounded loopback HTTP load, servers started for one run, peak memory."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"  # the scale datasets, Oxigraph stores and results of every run


def table(title: str, header: list[str], rows: list[list]) -> str:
    cells = [header] + [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        f"\n### {title}\n",
        "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells[1:]]
    return "\n".join(lines)


def median_ms(run, repeat: int = 7, budget: float = 5.0) -> float:
    """Median wall time of `run()` in ms; fewer repeats when one run is slow (the budget is per query)."""
    times, started = [], time.perf_counter()
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - started > budget:
            break
    return statistics.median(times) * 1000


@dataclass
class Load:
    requests: int
    seconds: float
    p50: float
    p99: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def load(url: str, seconds: float, clients: int, body: bytes | None = None, headers: dict | None = None) -> Load:
    """`clients` keep-alive connections sending the same request for `seconds`."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    deadline = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("POST" if body else "GET", path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                errors[0] += 1
        connection.close()
        latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return Load(
        len(ordered), elapsed, ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.99)] * 1000, errors[0]
    )


def sparql_form(query: str, graphs) -> bytes:
    """The query as a form, every graph of the dataset (`Store.graphs`) a default-graph-uri, as the site sends it."""
    return urllib.parse.urlencode({"query": query, "default-graph-uri": list(graphs)}, doseq=True).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 1800) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


def oxigraph_binary() -> str:
    return str(Path(sys.executable).parent / "oxigraph")


@contextlib.contextmanager
def oxigraph_server(dataset: Path, directory: Path):
    """A read-only Oxigraph server over `dataset` (bulk-loaded once into `directory`)."""
    if not (directory / "loaded").exists():
        subprocess.run(
            [oxigraph_binary(), "load", "--location", str(directory), "--file", str(dataset)],
            check=True,
            capture_output=True,
        )
        (directory / "loaded").touch()
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve-read-only", "--location", str(directory), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        yield f"http://127.0.0.1:{port}/query", process.pid
    finally:
        process.terminate()
        process.wait(30)


@contextlib.contextmanager
def site_server(dataset: Path, *options: str, prefix: tuple[str, ...] | list[str] = ()):
    """`jieshou-kg serve` (waitress) over `dataset`, as a user starts it (`prefix`: e.g. one that drops root)."""
    port = free_port()
    command = [
        *prefix,
        sys.executable,
        "-m",
        "jieshou_kg.cli",
        "serve",
        "--port",
        str(port),
        "--dump",
        str(dataset),
        "--dist",
        str(ROOT / "dist"),
        "--queries",
        str(ROOT / "queries"),
        "--ontology",
        str(ROOT / "ontology"),
        *options,
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/health")
        yield f"http://127.0.0.1:{port}", process.pid
    finally:
        process.terminate()
        process.wait(30)


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0
    for candidate in [pid, *children(pid)]:
        with contextlib.suppress(OSError), open(f"/proc/{candidate}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
    return total / 1024


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
    return found
