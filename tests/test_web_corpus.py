"""The site served from a three-notice build (`jieshou-kg build --notice A --notice B --notice C`, then
`jieshou-kg serve --dist DIR`), over real HTTP: the notices page, resource pages that name their notice,
the notice filter of the saved queries, and the queries only a corpus answers, row for row."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import NOTICE, ROOT, serving
from facts import tasks_naming
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, VOID

from jieshou_kg.namespaces import DATA, DATASET, ID, ONTOLOGY_GRAPH, REGISTRY_GRAPH

J2020, J2021, L2021 = "notice/jiezhengfa-2020-11", "notice/jiezhengfa-2021-5", "notice/linzhengfa-2021-2"


@pytest.fixture(scope="module")
def site(corpus_build):
    out, process = corpus_build
    assert process.returncode == 0, process.stderr
    with serving(out) as base:
        yield base


def get(site: str, path: str, **params) -> str:
    url = f"{site}{path}?{urllib.parse.urlencode({'lang': 'zh', **params})}"
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def rows(site: str, slug: str, keys: list[str], **params) -> list[tuple]:
    data = json.loads(get(site, f"/queries/{slug}.json", **params))
    assert data["count"] == len(data["rows"])
    return [tuple(row.get(key) for key in keys) for row in data["rows"]]


def test_the_notices_page_lists_each_notice_newest_first(site):
    page = get(site, "/notices")
    body = page[page.index('<table id="notices">') :]
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", body)]
    assert [tuple(cells[i : i + 5]) for i in range(0, len(cells), 6)] == [
        ("临泉县", "2021", "临政发〔2021〕2号", "临泉县人民政府关于印发2021年县政府重点工作的通知", "6"),
        ("界首市", "2021", "界政发〔2021〕5号", "界首市人民政府关于印发2021年市政府重点工作的通知", "8"),
        ("界首市", "2020", "界政发〔2020〕11号", "界首市人民政府关于印发2020年市政府重点工作的通知", "147"),
    ]
    assert "本数据集收录 3 份重点工作通知" in page
    assert '<th scope="col">Place (issuer)</th>' in get(site, "/notices", lang="en")
    assert 'href="/notices"' in get(site, "/")


def test_resource_pages_name_their_notice(site):
    task = get(site, "/id/plan/jiezhengfa-2021-5/1.1.1")
    assert re.search(
        r'id="in-notice">所属通知: <a href="/id/notice/jiezhengfa-2021-5">[^<]+</a> \(界政发〔2021〕5号\)', task
    )
    section = get(site, "/id/plan/linzhengfa-2021-2/2")
    assert 'id="in-notice">所属通知: <a href="/id/notice/linzhengfa-2021-2">' in section
    finance = get(site, "/id/org/finance")
    listed = re.findall(r"<tr><td>([^<]+)</td><td><a [^>]+>[^<]+</a></td><td class=\"num\">(\d+)</td></tr>", finance)
    assert listed == [("界政发〔2020〕11号", str(len(tasks_naming("市财政局")))), ("界政发〔2021〕5号", "4")]
    official = get(site, "/id/person/teng-min")
    assert re.findall(r"<tr><td>([^<]+)</td><td><a href=\"/id/notice/", official) == [
        "界政发〔2020〕11号",
        "界政发〔2021〕5号",
    ]


def test_task_lists_take_a_notice_filter(site):
    keys = ["documentNumber", "number", "leadOfficials"]
    assert rows(site, "all-tasks", keys, notice=J2021) == [
        ("界政发〔2021〕5号", "一(一)1", "滕敏"),
        ("界政发〔2021〕5号", "一(一)2", "应鹏飞; 滕敏"),
        ("界政发〔2021〕5号", "一(二)1", "应鹏飞"),
        ("界政发〔2021〕5号", "一(二)2", "何逢阳"),
        ("界政发〔2021〕5号", "二(一)1", "郎瑞"),
        ("界政发〔2021〕5号", "二(一)2", "郎瑞"),
        ("界政发〔2021〕5号", "二(二)", "郎瑞"),
        ("界政发〔2021〕5号", "三", "何逢阳"),
    ]
    assert len(rows(site, "all-tasks", keys)) == 147 + 8 + 6
    english = rows(site, "all-tasks", ["number", "leadOfficials", "leadUnits"], notice=L2021, lang="en")
    assert english == [  # names without English are given in Chinese, not dropped with their task
        ("一(一)1", "Wang Lijun", "县发展改革委"),
        ("一(一)2", "Li Hongmei", "县经济和信息化局"),
        ("一(二)1", english[2][1], "县投资促进中心"),
        ("二(一)1", "Chen Zhigang", "县农业农村局"),
        ("二(一)2", "Chen Zhigang", "县林业局"),
        ("二(二)1", "Wang Lijun", "县住房和城乡建设局"),
    ]
    assert set(english[2][1].split("; ")) == {"Li Hongmei", "Wang Lijun"}
    teng = rows(site, "official-tasks", ["number"], official="person/teng-min", notice=J2021)
    assert teng == [("一(一)1",), ("一(一)2",)]
    assert rows(site, "text-search", ["number"], word="植树造林", notice=L2021) == [("二(一)2",)]
    assert len(rows(site, "targets", ["number"], notice=J2021)) == 8
    picker = re.search(r'<select id="p-notice" name="notice">(.*?)</select>', get(site, "/queries/all-tasks"), re.S)
    assert re.findall(r'value="([^"]*)"', picker.group(1)) == [
        "",
        "https://w3id.org/jieshou-kg/id/notice/jiezhengfa-2020-11",
        "https://w3id.org/jieshou-kg/id/notice/jiezhengfa-2021-5",
        "https://w3id.org/jieshou-kg/id/notice/linzhengfa-2021-2",
    ]


def test_a_units_tasks_across_years(site):
    keys = ["year", "documentNumber", "number", "role_label"]
    assert rows(site, "unit-tasks-across-years", keys) == [  # the default: 市统计局
        (2020, "界政发〔2020〕11号", "三(一)2", "牵头责任单位"),
        (2020, "界政发〔2020〕11号", "四(二)3", "牵头责任单位"),
        (2021, "界政发〔2021〕5号", "一(一)1", "牵头责任单位"),
    ]
    finance = rows(site, "unit-tasks-across-years", ["year", "number"], org="org/finance")
    assert [n for y, n in finance if y == 2021] == ["一(一)1", "一(二)1", "二(一)1", "二(二)"]
    assert len({n for y, n in finance if y == 2020}) == len(tasks_naming("市财政局"))


def test_what_two_notices_have_in_common_by_unit(site):
    keys = ["otherNumber", "unit_label", "tasksHere", "tasksThere"]
    expected = [
        ("安徽阜阳界首高新技术产业开发区管委会", 67, 1),
        ("市财政局", 15, 4),
        ("市发展改革委", 15, 2),
        ("市自然资源和规划局", 13, 2),
        ("市农业农村局", 12, 1),
        ("市科技局", 11, 1),
        ("市经济和信息化局", 10, 1),
        ("市住房和城乡建设局", 9, 1),
        ("市民政局", 6, 1),
        ("市重点工程处", 3, 1),
        ("市政府办公室", 2, 1),
        ("市统计局", 2, 1),
    ]
    assert rows(site, "notices-in-common", keys, notice=J2020, other=J2021) == [
        ("界政发〔2021〕5号", *row) for row in expected
    ]
    assert rows(site, "notices-in-common", keys, notice=J2020) == [("界政发〔2021〕5号", *row) for row in expected]
    assert rows(site, "notices-in-common", keys, notice=J2021, other=L2021) == []  # 市 and 县 bodies: none shared


def test_workload_per_notice(site):
    keys = ["documentNumber", "agent_label", "role_label", "tasks"]
    assert rows(site, "workload-per-notice", keys, notice=L2021) == [
        ("临政发〔2021〕2号", "县财政局", "协同责任单位", 4),
        ("临政发〔2021〕2号", "王立军", "牵头负责领导", 3),
        ("临政发〔2021〕2号", "各乡镇人民政府", "协同责任单位", 2),
        ("临政发〔2021〕2号", "陈志刚", "牵头负责领导", 2),
        ("临政发〔2021〕2号", "李红梅", "牵头负责领导", 2),
        ("临政发〔2021〕2号", "县科技局", "协同责任单位", 1),
        ("临政发〔2021〕2号", "县统计局", "协同责任单位", 1),
        ("临政发〔2021〕2号", "县直各单位", "协同责任单位", 1),
        ("临政发〔2021〕2号", "县自然资源和规划局", "协同责任单位", 1),
        ("临政发〔2021〕2号", "县发展改革委", "牵头责任单位", 1),
        ("临政发〔2021〕2号", "县经济和信息化局", "牵头责任单位", 1),
        ("临政发〔2021〕2号", "县林业局", "牵头责任单位", 1),
        ("临政发〔2021〕2号", "县农业农村局", "牵头责任单位", 1),
        ("临政发〔2021〕2号", "县投资促进中心", "牵头责任单位", 1),
        ("临政发〔2021〕2号", "县住房和城乡建设局", "牵头责任单位", 1),
    ]
    every = rows(site, "workload-per-notice", keys)
    assert [r[0] for r in every[:1]] == ["临政发〔2021〕2号"] and {r[0] for r in every} == {
        "临政发〔2021〕2号", "界政发〔2020〕11号", "界政发〔2021〕5号",
    }  # fmt: skip
    assert ("界政发〔2021〕5号", "郎瑞", "牵头负责领导", 3) in every


def test_targets_of_the_same_kind_across_notices(site):
    keys = ["words", "unit_label", "documentNumber", "target_label", "value", "bound_label", "number"]
    assert rows(site, "targets-across-notices", keys) == [
        ("地区生产总值增长", "%", "临政发〔2021〕2号", "地区生产总值增长9%", 9, "确切值", "一(一)1"),
        ("地区生产总值增长", "%", "界政发〔2021〕5号", "地区生产总值增长8%以上", 8, "下限", "一(一)1"),
        ("城区绿化覆盖率不低于", "%", "界政发〔2020〕11号", "城区绿化覆盖率不低于40%", 40, "下限", "二(一)1(2)"),
        ("城区绿化覆盖率不低于", "%", "界政发〔2021〕5号", "城区绿化覆盖率不低于41%", 41, "下限", "二(二)"),
        ("建设高标准农田", "亩", "界政发〔2020〕11号", "建设高标准农田7万亩", 70000, "确切值", "二(一)2(8)"),
        ("建设高标准农田", "亩", "临政发〔2021〕2号", "建设高标准农田8万亩", 80000, "确切值", "二(一)1"),
        ("建设高标准农田", "亩", "界政发〔2021〕5号", "建设高标准农田6万亩", 60000, "确切值", "二(一)1"),
        ("引进亿元以上项目", "个", "界政发〔2020〕11号", "引进亿元以上项目20个", 20, "确切值", "一(二)2(5)"),
        ("引进亿元以上项目", "个", "临政发〔2021〕2号", "引进亿元以上项目50个", 50, "确切值", "一(二)1"),
        ("植树造林", "亩", "界政发〔2020〕11号", "植树造林5000亩", 5000, "确切值", "二(一)1(2)"),
        ("植树造林", "亩", "临政发〔2021〕2号", "植树造林4000亩", 4000, "确切值", "二(一)2"),
        ("植树造林", "亩", "界政发〔2021〕5号", "植树造林3000亩", 3000, "确切值", "二(二)"),
    ]
    gdp = rows(site, "targets-across-notices", ["documentNumber", "value"], word="生产总值")
    assert gdp == [("临政发〔2021〕2号", 9), ("界政发〔2021〕5号", 8)]


@pytest.mark.parametrize("slug", ["unit-tasks-across-years", "notices-in-common", "workload-per-notice"])
def test_the_corpus_queries_have_titles_in_both_languages(site, slug):
    chinese, english = get(site, f"/queries/{slug}"), get(site, f"/queries/{slug}", lang="en")
    assert "<th" in chinese and "<th" in english
    titles = {
        "unit-tasks-across-years": ("年份", "Year"),
        "notices-in-common": ("本通知任务数", "Tasks in this notice"),
        "workload-per-notice": ("任务数", "Tasks"),
    }[slug]
    assert titles[0] in chinese and titles[1] in english


def test_the_catalogue_has_each_notice_graph_as_a_dataset_with_its_triples(site, corpus_build):
    out, _ = corpus_build
    void = Graph().parse(data=get(site, "/.well-known/void", format="ttl"), format="turtle")
    store = ox.Store()
    store.bulk_load(path=str(out / "jieshou-kg.nq"), format=ox.RdfFormat.N_QUADS)
    sizes = {URIRef(g.value): len(list(store.quads_for_pattern(None, None, None, g))) for g in store.named_graphs()}
    notices = {ID[f"dataset/{n}"] for n in (J2020, J2021, L2021)}
    assert set(sizes) == notices | {REGISTRY_GRAPH, ONTOLOGY_GRAPH}
    for graph, size in sizes.items():
        assert void.value(graph, VOID.triples) == Literal(size), graph
        assert (DATASET, VOID.subset, graph) in void
    assert set(void.objects(DATA, VOID.subset)) == notices | {REGISTRY_GRAPH}
    assert notices <= set(void.objects(ID["dataset/catalogue"], DCAT.dataset))
    assert int(void.value(DATASET, VOID.triples)) == sum(sizes.values())


@pytest.fixture(scope="module")
def genre_site(tmp_path_factory):
    """The Jieshou notice with the genre's samples (tests/notices: a district, a city, a county), built from
    the folder and served, as a user would."""
    out = tmp_path_factory.mktemp("genre-dist")
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--out", str(out), "--notice", str(NOTICE)]
    command += ["--notice", str(ROOT / "tests" / "notices"), "--data", str(ROOT / "data")]
    process = subprocess.run([*command, "--ontology", str(ROOT / "ontology")], capture_output=True, text=True)
    assert process.returncode == 0, process.stderr
    with serving(out) as base:
        yield base


def test_the_genre_samples_join_the_corpus(genre_site):
    page = get(genre_site, "/notices")
    body = page[page.index('<table id="notices">') :]
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", body)]
    assert [(cells[i], cells[i + 1], cells[i + 4]) for i in range(0, len(cells), 6)] == [
        ("云山市", "2023", "10"),
        ("云湖区", "2023", "10"),
        ("云溪县", "2022", "10"),
        ("界首市", "2020", "147"),
    ]
    gdp = rows(genre_site, "targets-across-notices", ["documentNumber", "target_label", "value"], word="生产总值")
    assert [(number, value) for number, _, value in gdp] == [
        ("溪政〔2022〕3号", 8),
        ("yunhuqu-2023-yunhu-district-2023", 7),  # 文号: 无, so the notice's slug
    ]


def test_the_sections_overview_counts_each_notice_apart(site, genre_site):
    keys = ["documentNumber", "number", "tasks", "officials", "leadUnits"]
    assert rows(site, "sections-overview", keys, notice=L2021) == [
        ("临政发〔2021〕2号", "一", 3, 2, 3),
        ("临政发〔2021〕2号", "一(一)", 2, 2, 2),
        ("临政发〔2021〕2号", "一(二)", 1, 2, 1),
        ("临政发〔2021〕2号", "二", 3, 2, 3),
        ("临政发〔2021〕2号", "二(一)", 2, 1, 2),
        ("临政发〔2021〕2号", "二(二)", 1, 1, 1),
    ]
    runs = [
        number for number, _ in itertools.groupby(row for (row,) in rows(site, "sections-overview", ["documentNumber"]))
    ]
    assert sorted(runs) == sorted({"界政发〔2020〕11号", "界政发〔2021〕5号", "临政发〔2021〕2号"})  # one run each
    # a notice that names no leaders keeps its sections, with no officials
    without_leaders = rows(genre_site, "sections-overview", keys, notice="notice/yunzhengban-2023-4")
    assert without_leaders == [
        ("云政办〔2023〕4号", "一", 3, 0, 1),
        ("云政办〔2023〕4号", "二", 3, 0, 2),
        ("云政办〔2023〕4号", "三", 4, 0, 3),
    ]


def test_a_corpus_without_the_bundled_notice_opens_every_saved_query(tmp_path_factory):
    """The headers' defaults name the bundled notice's resources; on a site of other notices each saved query
    still opens (a required IRI takes the first of its type, an optional one none)."""
    out = tmp_path_factory.mktemp("samples-dist")
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--out", str(out)]
    command += ["--notice", str(ROOT / "tests" / "notices"), "--data", str(ROOT / "data")]
    process = subprocess.run([*command, "--ontology", str(ROOT / "ontology")], capture_output=True, text=True)
    assert process.returncode == 0, process.stderr
    slugs = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    with serving(out) as base:
        opened = {slug: json.loads(get(base, f"/queries/{slug}.json"))["count"] for slug in slugs}
        common = rows(base, "notices-in-common", ["otherNumber"])
    assert set(opened) >= {"notices-in-common", "unit-tasks-across-years", "section-tasks", "official-tasks"}
    assert opened["all-tasks"] == 30  # the three samples' tasks, no default notice
    assert common == []  # a county, a district and a city share no body
