"""Real SPARQL servers for the tests: Oxigraph server (pip package `oxigraph`) and Debian's Virtuoso,
each started on a loopback port with a temporary database, loaded with `jieshou-kg load`."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, free_port, wait_for

VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def oxigraph_binary() -> str | None:
    candidate = Path(sys.executable).parent / "oxigraph"
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


def load(dist: Path, graph_store: str, *auth: str, check: bool = True) -> subprocess.CompletedProcess:
    """`jieshou-kg load` as a user runs it."""
    command = [
        sys.executable,
        "-m",
        "jieshou_kg.cli",
        "load",
        "--endpoint",
        graph_store,
        "--dist",
        str(dist),
        "--ontology",
        str(ROOT / "ontology"),
        *auth,
    ]
    return subprocess.run(command, check=check, capture_output=True, text=True)


@contextlib.contextmanager
def oxigraph_server(directory: Path, *options: str):
    """`oxigraph serve` on a free loopback port; yields (query URL, graph store URL)."""
    port = free_port()
    log = (directory / "oxigraph.log").open("w")
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(directory / "db"), "--bind", f"127.0.0.1:{port}", *options],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D")
        yield f"{base}/query", f"{base}/store", process
    finally:
        process.terminate()
        process.wait(10)
        log.close()


@contextlib.contextmanager
def virtuoso_server(directory: Path):
    """Debian's virtuoso-t in the foreground with its own database; yields (query URL, graph store URL)."""
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=directory, sql_port=sql_port, http_port=http_port))
    log = (directory / "out.log").open("w")
    process = subprocess.Popen(
        [shutil.which("virtuoso-t"), "+foreground", "+configfile", str(ini)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=directory,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(f"{base}/sparql?query=ASK%7B%7D", seconds=120)
        yield f"{base}/sparql", f"{base}/sparql-graph-crud-auth", process
    finally:
        process.terminate()
        process.wait(30)
        log.close()
