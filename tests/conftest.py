"""Fixtures: the real notice is built once per test run, into a temporary dist/."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from jieshou_kg.build import Build, build, write_outputs
from jieshou_kg.notice import Registry
from jieshou_kg.settings import Settings
from jieshou_kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ROOT / "data" / "jieshou-2020-key-tasks.txt"
CORPUS = ROOT / "tests" / "corpus"  # two more notices in the Jieshou format: 界首市 2021 and 临泉县 2021
CORPUS_NOTICES = (NOTICE, CORPUS / "jieshou-2021-key-tasks.txt", CORPUS / "linquan-2021-key-tasks.txt")


def require(condition: bool, reason: str) -> None:
    """Skip when something the test needs is missing; in CI (JIESHOU_KG_REQUIRE_ALL=1) fail instead."""
    if condition:
        return
    if os.environ.get("JIESHOU_KG_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def project_settings(out: Path, notice: Path = NOTICE, **more) -> Settings:
    """Settings that read the checkout's data/ and ontology/ and write into `out`."""
    return Settings.load({}, notice=notice, data=ROOT / "data", ontology=ROOT / "ontology", dist=out, **more)


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dist")


@pytest.fixture(scope="session")
def built(dist) -> Build:
    settings = project_settings(dist)
    result = build(settings)
    write_outputs(result, settings.layout)
    return result


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`jieshou-kg build --notice A --notice B --notice C --out DIR` as a user runs it: (DIR, the process)."""
    out = tmp_path_factory.mktemp("corpus-dist")
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--out", str(out)]
    command += ["--data", str(ROOT / "data"), "--ontology", str(ROOT / "ontology")]
    for path in CORPUS_NOTICES:
        command += ["--notice", str(path)]
    return out, subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def notice(built):
    return built.notice


@pytest.fixture(scope="session")
def graph(built):
    return built.graph


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load(ROOT / "data")


@pytest.fixture(scope="session")
def store(built, dist) -> OxigraphStore:
    return OxigraphStore(dist / "jieshou-kg.trig")


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of data/ and ontology/ for tests that change them."""
    for name in ("data", "ontology"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def web_config(built, dist) -> dict:
    return {"dist": dist, "queries": ROOT / "queries", "ontology": ROOT / "ontology"}


@pytest.fixture(scope="session")
def app(web_config):
    from jieshou_kg.web import create_app

    application = create_app(web_config)
    application.testing = True
    yield application
    application.extensions["jieshou_kg"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise TimeoutError(f"the server stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not come up in {seconds} s")


@contextlib.contextmanager
def serving(dist: Path, *options: str):
    """`jieshou-kg serve` in a subprocess, as a user starts it; yields its base URL."""
    with started(dist, [], *options) as (base, _):
        yield base


@contextlib.contextmanager
def serving_as_ordinary_user(dist: Path, *options: str):
    """`jieshou-kg serve` started as an ordinary user (without CAP_SYS_ADMIN or any other capability, as a
    site is deployed), over a world-readable copy of `dist`; yields (base URL, process)."""
    readable = Path(tempfile.mkdtemp(prefix="jieshou-kg-ordinary-"))
    try:
        for path in [readable, *(shutil.copy2(p, readable) for p in dist.glob("*") if p.is_file())]:
            os.chmod(path, 0o755 if Path(path).is_dir() else 0o644)
        with started(readable, ordinary_user(), *options) as running:
            yield running
    finally:
        shutil.rmtree(readable, ignore_errors=True)


def ordinary_user() -> list[str]:
    """A command prefix that drops root: to uid 65534 (nobody) where it can read the checkout, else to a root
    without capabilities. Empty when the tests already run as an ordinary user."""
    if os.geteuid() != 0:
        return []
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    # nobody must be able to start this interpreter itself (the query workers are started so), not only import
    spawn = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import jieshou_kg.web'], check=True)"
    probe = subprocess.run([*nobody, sys.executable, "-c", spawn], cwd="/", capture_output=True, check=False)
    if probe.returncode == 0:
        return nobody
    return ["setpriv", "--securebits=+noroot,+noroot_locked", "--bounding-set=-all", "--inh-caps=-all"]


@contextlib.contextmanager
def started(dist: Path, prefix: list[str], *options: str):
    port = free_port()
    command = [
        *prefix,
        sys.executable,
        "-m",
        "jieshou_kg.cli",
        "serve",
        "--port",
        str(port),
        "--dist",
        str(dist),
        "--queries",
        str(ROOT / "queries"),
        "--ontology",
        str(ROOT / "ontology"),
        *options,
    ]
    log = Path(tempfile.gettempdir()) / f"jieshou-kg-serve-{port}.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/health", process=process)
        yield base, process
    except TimeoutError:
        raise TimeoutError(log.read_text()) from None
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def server(built, dist):
    with serving(dist) as base:
        yield base


@pytest.fixture(scope="session")
def oxigraph(built, dist, tmp_path_factory):
    """A real Oxigraph server (pip package `oxigraph`) loaded with `jieshou-kg load`: (query URL, graph store URL)."""
    from servers import load, oxigraph_binary, oxigraph_server

    require(oxigraph_binary() is not None, "the oxigraph server is not installed (pip install oxigraph)")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as (query, graph_store, _):
        load(dist, graph_store)
        yield query, graph_store


@pytest.fixture(scope="session")
def virtuoso(built, dist, tmp_path_factory):
    """Debian's Virtuoso, loaded with `jieshou-kg load` (Graph Store Protocol, digest auth): its query URL."""
    from servers import load, virtuoso_server

    require(shutil.which("virtuoso-t") is not None, "Virtuoso is not installed (apt-get install virtuoso-opensource)")
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as (query, graph_store, _):
        load(dist, graph_store, "--user", "dba", "--password", "dba")
        yield query
