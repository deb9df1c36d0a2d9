"""Fixtures: the real notice is built once per test run, into a temporary dist/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from jieshou_kg.build import Build, Paths, build, write_outputs
from jieshou_kg.registry import Registry
from jieshou_kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ROOT / "data" / "jieshou-2020-key-tasks.txt"


def require(condition: bool, reason: str) -> None:
    """Skip when something the test needs is missing; in CI (JIESHOU_KG_REQUIRE_ALL=1) fail instead."""
    if condition:
        return
    if os.environ.get("JIESHOU_KG_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def project_paths(out: Path, notice: Path = NOTICE) -> Paths:
    return Paths(notice=notice, data=ROOT / "data", ontology=ROOT / "ontology", out=out)


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dist")


@pytest.fixture(scope="session")
def built(dist) -> Build:
    result = build(project_paths(dist))
    write_outputs(result, project_paths(dist))
    return result


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
