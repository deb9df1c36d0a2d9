"""The jieshou-kg command: exit codes, outputs written whole, queries in three formats."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import NOTICE, ROOT
from mini import MINI
from rdflib import Graph
from rdflib.compare import isomorphic

from jieshou_kg.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def options(out=None, notice=NOTICE, root=ROOT):
    given = ["--notice", str(notice), "--data", str(root / "data"), "--ontology", str(root / "ontology")]
    return given + (["--out", str(out)] if out else [])


def digests(directory) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def built_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-dist")
    result = run("build", *options(out))
    assert result.exit_code == 0, result.output
    return out


def test_build_prints_what_the_graph_holds(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "jieshou_kg.cli", "build", *options(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "147  tasks" in result.stdout and "70  organizations" in result.stdout
    assert "numbering gap" in result.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {
        "jieshou-kg.ttl",
        "jieshou-kg.nt",
        "jieshou-kg.jsonld",
        "jieshou-kg.trig",
        "jieshou-kg.nq",
        "validation-report.ttl",
        "validation-report.txt",
        "names-to-review.csv",
    }


def test_the_dumps_hold_the_same_graph(built_dir, graph):
    for name, fmt in [("jieshou-kg.ttl", "turtle"), ("jieshou-kg.nt", "nt"), ("jieshou-kg.jsonld", "json-ld")]:
        assert isomorphic(Graph().parse(built_dir / name, format=fmt), graph), name


def test_a_failed_build_leaves_the_previous_outputs(built_dir, tmp_path):
    before = digests(built_dir)
    bad = tmp_path / "bad.txt"
    bad.write_text(MINI.replace("2.第二项", "1.第二项"), encoding="utf-8")
    result = run("build", *options(built_dir, notice=bad))
    assert result.exit_code == 2 and "duplicated number" in result.output
    no_lead = tmp_path / "no-lead.txt"
    no_lead.write_text(MINI.replace("    牵头负责领导:滕敏。\n", ""), encoding="utf-8")
    result = run("build", *options(built_dir, notice=no_lead))
    assert result.exit_code == 1 and "lead official" in result.output
    assert digests(built_dir) == before
    assert not [p for p in built_dir.iterdir() if p.name.startswith(".")]


def test_validate_exit_codes(tmp_path):
    assert run("validate", *options()).exit_code == 0
    no_lead = tmp_path / "no-lead.txt"
    no_lead.write_text(MINI.replace("    牵头负责领导:滕敏。\n", ""), encoding="utf-8")
    result = run("validate", *options(notice=no_lead))
    assert result.exit_code == 1 and "TaskShape" in result.output
    result = run("validate", *options(notice=tmp_path / "missing.txt"))
    assert result.exit_code != 0
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("validate", *options(notice=empty))
    assert result.exit_code == 2 and f"{empty}:1:1: empty file" in result.output


def test_query_formats(built_dir):
    dump = ["--dump", str(built_dir / "jieshou-kg.trig"), "--queries", str(ROOT / "queries")]
    table = run("query", "organization-co-leads", *dump)
    assert table.exit_code == 0 and "(3 rows)" in table.output
    as_csv = run("query", "organization-co-leads", "-p", "org=org/finance", "--format", "csv", *dump)
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert rows and {"task", "number", "text", "otherLeadUnits"} == set(rows[0])
    as_json = json.loads(
        run("query", "official-tasks", "-p", "official=person/teng-min", "--format", "json", *dump).output
    )
    assert as_json["count"] == 19


def test_query_errors_exit_2(built_dir, tmp_path):
    dump = ["--dump", str(built_dir / "jieshou-kg.trig"), "--queries", str(ROOT / "queries")]
    result = run("query", "organization-co-leads", "-p", "org=org/no-such-bureau", *dump)
    assert result.exit_code == 2 and "not a known organization" in result.output
    result = run("query", "official-tasks", "--dump", str(tmp_path / "none.trig"))
    assert result.exit_code == 2 and "jieshou-kg build" in result.output
    adhoc = tmp_path / "count.rq"
    adhoc.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/jieshou-kg/def#Task> }", encoding="utf-8")
    assert "147" in run("query", str(adhoc), *dump).output


def test_help_has_examples():
    for command in ("build", "validate", "query"):
        assert "Example" in run(command, "--help").output


def test_options_from_the_environment(built_dir, tmp_path):
    dump = ["--queries", str(ROOT / "queries")]
    env = {"JIESHOU_KG_DUMP": str(built_dir / "jieshou-kg.trig")}
    assert "(3 rows)" in CliRunner().invoke(main, ["query", "organization-co-leads", *dump], env=env).output
    env["JIESHOU_KG_ENDPOINT"] = "http://127.0.0.1:9/query"
    result = CliRunner().invoke(main, ["query", "organization-co-leads", *dump], env=env)
    assert result.exit_code == 2 and "cannot reach http://127.0.0.1:9/query" in result.output


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_setup_problems_are_one_line_with_what_to_do(tmp_path, built_dir):
    missing = tmp_path / "missing"
    assert "run `jieshou-kg build` first" in one_line_error(run("serve", "--dump", str(missing / "x.trig")))
    assert "run `jieshou-kg build` first" in one_line_error(run("query", "all-tasks", "--dist", str(missing)))
    assert "missing data file" in one_line_error(run("build", "--data", str(missing), "--out", str(tmp_path)))
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    assert "cannot create the output folder" in one_line_error(run("build", *options(a_file / "dist")))
    assert "no such folder of saved queries" in one_line_error(
        run("query", "all-tasks", "--queries", str(missing), "--dist", str(built_dir))
    )
    assert "run `jieshou-kg build` first" in one_line_error(
        run("load", "--endpoint", "http://127.0.0.1:9/store", "--dist", str(missing))
    )


def test_temporary_files_of_a_killed_build_are_removed(built_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".jieshou-kg.nt.{dead.pid}.abc123.tmp"
    stale.write_bytes(b"half a dump")
    mine = out / f".jieshou-kg.nt.{os.getpid()}.def456.tmp"  # a build still running: left alone
    mine.write_bytes(b"being written")
    assert run("build", *options(out)).exit_code == 0
    assert not stale.exists() and mine.exists()
