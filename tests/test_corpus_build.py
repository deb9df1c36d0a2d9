"""Many notices, one dataset: each notice in its own named graph, what they share in the registry graph."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
import warnings

import pyoxigraph as ox
import pytest
from conftest import CORPUS, NOTICE, ROOT, project_settings
from rdflib import Dataset
from rdflib.namespace import RDF

from jieshou_kg.build import build, notice_files
from jieshou_kg.errors import InputError
from jieshou_kg.namespaces import ID, JK, ONTOLOGY_GRAPH, REGISTRY_GRAPH, SHARED_SPACES, notice_graph_name
from jieshou_kg.settings import Settings

JIESHOU_2020, JIESHOU_2021, LINQUAN_2021 = "jiezhengfa-2020-11", "jiezhengfa-2021-5", "linzhengfa-2021-2"
# The union of every graph of `jieshou-kg build` on main at 05c0bae (before the corpus): its triples as sorted
# canonical N-Triples lines, and their SHA-256 (the data has no blank nodes, so equal lines mean isomorphic).
MAIN_TRIPLES = 27326
MAIN_DIGEST = "0ad5ebe8f4cb3255ebaf27020f8b4c2fae5188df90ae55385302a92a244a3408"


def union_lines(path) -> set[str]:
    quads = ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads}


def read_dataset(path) -> Dataset:
    """The TriG read back by rdflib (whose Dataset.parse calls its own deprecated default_context)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Dataset.default_context", DeprecationWarning)
        return Dataset().parse(data=path.read_bytes(), format="trig")


def test_a_jieshou_build_is_todays_graph_in_three_named_graphs(built, dist):
    dataset = read_dataset(dist / "jieshou-kg.trig")
    graphs = {g.identifier: g for g in dataset.graphs() if len(g)}
    assert set(graphs) == {notice_graph_name(JIESHOU_2020), REGISTRY_GRAPH, ONTOLOGY_GRAPH}
    own, registry = graphs[notice_graph_name(JIESHOU_2020)], graphs[REGISTRY_GRAPH]
    assert not [s for s in set(own.subjects()) if str(s).startswith(SHARED_SPACES)]
    assert {str(s).split("/")[5] for s in set(registry.subjects()) if str(s).startswith(str(ID))} == {
        "org", "collective", "person", "kind", "unit",
    }  # fmt: skip
    assert len(own) == 25974 and len(registry) == 853 and len(own) + len(registry) == len(built.graph)
    lines = union_lines(dist / "jieshou-kg.trig")
    assert len(lines) == MAIN_TRIPLES
    assert hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest() == MAIN_DIGEST


def test_the_nquads_dump_holds_the_same_graphs_as_the_trig(dist):
    quads = {str(q) for q in ox.parse(path=str(dist / "jieshou-kg.nq"), format=ox.RdfFormat.N_QUADS)}
    assert quads == {str(q) for q in ox.parse(path=str(dist / "jieshou-kg.trig"), format=ox.RdfFormat.TRIG)}


def test_three_notices_give_three_named_graphs_and_one_registry(corpus_build):
    out, process = corpus_build
    assert process.returncode == 0, process.stderr
    dataset = read_dataset(out / "jieshou-kg.trig")
    graphs = {g.identifier: g for g in dataset.graphs() if len(g)}
    notices = {notice_graph_name(slug) for slug in (JIESHOU_2020, JIESHOU_2021, LINQUAN_2021)}
    assert set(graphs) == notices | {REGISTRY_GRAPH, ONTOLOGY_GRAPH}
    tasks = {name: len(set(graphs[name].subjects(RDF.type, JK.Task))) for name in notices}
    assert tasks == {
        notice_graph_name(JIESHOU_2020): 147,
        notice_graph_name(JIESHOU_2021): 8,
        notice_graph_name(LINQUAN_2021): 6,
    }
    finance = ID["org/finance"]  # 市财政局: one body in both Jieshou notices, written once
    assert len(list(graphs[REGISTRY_GRAPH].triples((finance, None, None)))) > 0
    for name in notices:
        assert not list(graphs[name].triples((finance, None, None)))
    users = {name for name in notices if (None, JK.cooperatingUnit, finance) in graphs[name]}
    assert users == {notice_graph_name(JIESHOU_2020), notice_graph_name(JIESHOU_2021)}
    for line in ("界政发〔2020〕11号", "界政发〔2021〕5号", "临政发〔2021〕2号", "161  tasks", "12  officials"):
        assert line in process.stdout


def test_the_names_the_registry_does_not_know_are_warned_and_written_for_review(corpus_build):
    out, process = corpus_build
    text = (out / "names-to-review.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "slug,name,kind,place,notices,en"
    assert [(r["name"], r["kind"], r["notices"]) for r in rows if r["notices"] == JIESHOU_2021] == [
        ("市数据资源管理局", "organization", JIESHOU_2021),
        ("市乡村振兴局", "organization", JIESHOU_2021),
    ]
    officials = [(r["slug"], r["name"]) for r in rows if r["kind"] == "official"]
    assert officials == [("chen-zhigang", "陈志刚"), ("li-hongmei", "李红梅"), ("wang-lijun", "王立军")]
    assert {r["notices"] for r in rows} == {JIESHOU_2021, LINQUAN_2021} and all(r["en"] == "" for r in rows)
    for row in rows:
        assert f"warning: {row['name']}: not in the registry" in process.stderr


def test_a_folder_gives_its_notices_sorted_and_the_environment_takes_several(tmp_path):
    assert notice_files([CORPUS, NOTICE]) == [
        CORPUS / "jieshou-2021-key-tasks.txt",
        CORPUS / "linquan-2021-key-tasks.txt",
        NOTICE,
    ]
    settings = Settings.load({"JIESHOU_KG_NOTICE": f"{CORPUS}{os.pathsep}{NOTICE}"})
    assert settings.notice == (CORPUS, NOTICE)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="a folder without notices"):
        notice_files([tmp_path / "empty"])


def test_the_same_notice_twice_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="a second notice with the IRI key 'jiezhengfa-2020-11'"):
        build(project_settings(tmp_path, notice=(NOTICE, NOTICE)))


def test_a_folder_on_the_command_line(tmp_path):
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--out", str(tmp_path), "--notice", str(CORPUS)]
    command += ["--data", str(ROOT / "data"), "--ontology", str(ROOT / "ontology")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "jieshou-kg.nq"), format=ox.RdfFormat.N_QUADS)
    assert sorted(g.value for g in store.named_graphs()) == [
        str(ID["dataset/notice/jiezhengfa-2021-5"]),
        str(ID["dataset/notice/linzhengfa-2021-2"]),
        str(ONTOLOGY_GRAPH),
        str(REGISTRY_GRAPH),
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    command[command.index(str(CORPUS))] = str(empty)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "a folder without notices" in result.stderr
