"""The package as a user gets it: a wheel installed into a fresh venv, used from an empty folder."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest
from conftest import ROOT, free_port, wait_for


@pytest.fixture(scope="module")
def command(tmp_path_factory) -> Path:
    """`jieshou-kg` from a wheel of this checkout, installed into a new venv with the versions CI uses."""
    work = tmp_path_factory.mktemp("package")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(work / "wheel"), str(ROOT)], check=True, cwd=work)
    wheel = next((work / "wheel").glob("jieshou_kg-*.whl"))
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    install = [str(python), "-m", "pip", "--disable-pip-version-check", "-q", "install", str(wheel)]
    subprocess.run([*install, "-c", str(ROOT / "constraints.txt")], check=True, cwd=work)
    return work / "venv" / "bin" / "jieshou-kg"


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read()


def test_build_and_query_in_an_empty_folder(command, tmp_path):
    built = subprocess.run([command, "build"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert "147  tasks" in built.stdout and (tmp_path / "dist" / "jieshou-kg.trig").is_file()
    query = [command, "query", "organization-co-leads", "--format", "json"]
    answer = subprocess.run(query, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(answer.stdout)["count"] == 3


def test_serve_builds_first_and_a_second_serve_on_the_port_exits_2(command, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([command, "serve", "--port", str(port)], cwd=tmp_path, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/health", seconds=120)
        assert (tmp_path / "dist" / "jieshou-kg.trig").is_file()
        status, home = get(base + "/")
        assert status == 200 and "界首市政府重点工作知识图谱" in home.decode()
        status, page = get(base + "/queries/organization-co-leads")
        assert status == 200 and "共 3 行" in page.decode()
        status, body = get(base + "/sparql?query=ASK%7B%3Ft%20a%20%3Chttps://w3id.org/jieshou-kg/def%23Task%3E%7D")
        assert status == 200 and json.loads(body)["boolean"] is True
        status, script = get(base + "/static/yasgui/yasgui.min.js")
        assert status == 200 and len(script) > 100_000
        started = time.monotonic()
        second = subprocess.run(
            [command, "serve", "--port", str(port)], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 2 and time.monotonic() - started < 30
        assert second.stderr.strip().count("\n") == 0 and "already in use" in second.stderr, second.stderr
        assert "serving" not in second.stdout
    finally:
        server.terminate()
        server.wait(30)
        log.close()
