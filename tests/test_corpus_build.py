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
# The union of every graph of `jieshou-kg build` on main at b794eff (the genre parser, before the corpus): its triples
# as sorted canonical N-Triples lines, and their SHA-256 (no blank nodes: equal lines mean isomorphic graphs).
MAIN_TRIPLES = 27360
MAIN_DIGEST = "fcf74e3f66f138f7254533997c7ea3173e8fcb3850238195a4fe0903a1e51847"


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
    assert len(own) == 25977 and len(registry) == 853 and len(own) + len(registry) == len(built.graph)
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
    assert text.splitlines()[0] == "slug,name,kind,place,notices,en"
    rows = [(r["slug"], r["name"], r["kind"], r["place"], r["notices"]) for r in csv.DictReader(io.StringIO(text))]
    county = [
        ("ge-xiang-zhen-ren-min-zheng-fu", "各乡镇人民政府", "collective"),
        ("xian-cai-zheng-ju", "县财政局", "department"),
        ("xian-fa-zhan-gai-ge-wei", "县发展改革委", "department"),
        ("xian-jing-ji-he-xin-xi-hua-ju", "县经济和信息化局", "department"),
        ("xian-ke-ji-ju", "县科技局", "department"),
        ("xian-lin-ye-ju", "县林业局", "department"),
        ("xian-nong-ye-nong-cun-ju", "县农业农村局", "department"),
        ("xian-tong-ji-ju", "县统计局", "department"),
        ("xian-zheng-fu-ban-gong-shi", "县政府办公室", "department"),
        ("xian-zhu-fang-he-cheng-xiang-jian-she-ju", "县住房和城乡建设局", "department"),
        ("xian-zi-ran-zi-yuan-he-gui-hua-ju", "县自然资源和规划局", "department"),
        ("lin-quan-xian-ren-min-zheng-fu", "临泉县人民政府", "government"),
        ("xian-tou-zi-cu-jin-zhong-xin", "县投资促进中心", "institution"),
        ("chen-zhigang", "陈志刚", "official"),
        ("li-hongmei", "李红梅", "official"),
        ("wang-lijun", "王立军", "official"),
        ("xian-zhi-ge-dan-wei", "县直各单位", "unregistered"),
    ]
    city = [("shi-shu-ju-zi-yuan-guan-li-ju", "市数据资源管理局"), ("shi-xiang-cun-zhen-xing-ju", "市乡村振兴局")]
    assert rows == [(f"linquanxian-{slug}", name, kind, "临泉县", LINQUAN_2021) for slug, name, kind in county] + [
        (f"jieshoushi-{slug}", name, "department", "界首市", JIESHOU_2021) for slug, name in city
    ]
    assert all(line.endswith(",") for line in text.splitlines()[1:])  # en: for the reviewer to fill in
    for slug, name, _, place, _ in rows:
        assert f"/{slug} for {name} of {place} (not in data/)" in process.stderr


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
