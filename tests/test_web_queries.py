"""Every saved query through the Flask test client, checked against facts counted from the notice."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from urllib.parse import quote

import pytest
from facts import base_name, blocks, names, task_lines, tasks_between, tasks_naming, tasks_with
from rdflib.query import Result

HOUSING = "市住房和城乡建设局"
ANNEX_BODIES = ("界首市创建安徽省质量强市工作领导小组", "市环境保护委员会")
COLLECTIVE_NAMES = {
    "各乡镇街道",
    "相关乡镇街道",
    "相关乡镇",
    "有关乡镇",
    "市直各单位",
    "市直相关单位",
    "市直有关单位",
    "各金融机构",
    "各市属国有企业",
}


def via_annex() -> list:
    return [b for b in blocks() if any(base_name(n).startswith(ANNEX_BODIES) for n in names(b.get("协同责任单位", "")))]


def official_counts() -> Counter:
    return Counter(n for b in blocks() for n in names(b["牵头负责领导"]))


def unit_target_count(unit: str) -> int:
    return sum(len(re.findall(rf"\d(?:\.\d+)?[万亿]?{unit}", line)) for line in task_lines())


def plaque_count() -> int:
    """Names printed in parentheses after a body (its other plaques), one per name."""
    entries = [n for b in blocks() for k, v in b.items() if k != "牵头负责领导" for n in names(v)]
    inside = [n[n.index("(") + 1 : -1] for n in entries if "(" in n and "简称" not in n and "见附件" not in n]
    return sum(len(plaques.split("、")) for plaques in inside)


EXPECTED_ROWS = {
    "official-tasks": lambda: len(tasks_with("牵头负责领导", "滕敏")),
    "organization-leads": lambda: len(tasks_with("牵头责任单位", HOUSING)),
    "organization-co-leads": lambda: sum(
        1 for b in tasks_with("牵头责任单位", HOUSING) if len(names(b["牵头责任单位"])) > 1
    ),
    "organization-cooperates": lambda: len(tasks_with("协同责任单位", HOUSING)) + len(via_annex()),
    "organization-involvement": lambda: (
        sum(sum(HOUSING in [base_name(n) for n in names(v)] for v in b.values()) for b in tasks_naming(HOUSING))
        + len(via_annex())
    ),
    "workload-officials": lambda: len(official_counts()),
    "section-tasks": lambda: tasks_between("(二)提升公共服务能力", "(三)改善城市管理秩序"),
    "targets": lambda: sum(unit_target_count(u) for u in ("亩", "公里", "元", "%", "家", "个", "人", "支", "条", "套")),
    "shared-tasks": lambda: len([b for b in tasks_naming(HOUSING) if b in tasks_naming("东城街道")]),
    "open-ended-lists": lambda: sum(
        1 for b in blocks() for v in b.values() if v.endswith(("等相关单位", "等有关单位"))
    ),
    "text-search": lambda: sum("污染" in line for line in task_lines()),
    "annex-bodies": lambda: 16 + 36,
    "plaque-assignments": lambda: plaque_count(),
    "all-tasks": lambda: len(blocks()),
    "sections-overview": lambda: 4 + 12,
}


@pytest.mark.parametrize("slug", sorted(EXPECTED_ROWS))
def test_saved_query_rows_match_the_notice(client, slug):
    expected = EXPECTED_ROWS[slug]()
    page = client.get(f"/queries/{slug}")
    assert page.status_code == 200
    assert f'<strong id="row-count">共 {expected} 行</strong>' in page.text
    data = json.loads(client.get(f"/queries/{slug}.json").data)
    assert data["count"] == len(data["rows"]) == expected


def test_every_saved_query_page_and_download_works(client, app):
    for slug in app.extensions["jieshou_kg"].queries:
        page = client.get(f"/queries/{slug}")
        assert page.status_code == 200, slug
        count = int(re.search(r'id="row-count">共 (\d+) 行', page.text).group(1))
        rows = list(csv.DictReader(io.StringIO(client.get(f"/queries/{slug}.csv").data.decode("utf-8-sig"))))
        assert len(rows) == count, slug
        srj = Result.parse(io.BytesIO(client.get(f"/queries/{slug}.srj").data), format="json")
        srx = Result.parse(io.BytesIO(client.get(f"/queries/{slug}.srx").data), format="xml")
        assert len(srj) == len(srx) == count, slug


def test_workload_matches_the_counts(client):
    data = json.loads(client.get("/queries/workload-officials.json?lang=en").data)
    counts = {row["official_label"]: row["tasks"] for row in data["rows"]}
    expected = official_counts()
    assert counts["Ying Pengfei"] == expected["应鹏飞"] == 36
    assert counts["Teng Min"] == expected["滕敏"] == 19
    organizations = json.loads(client.get("/queries/workload-organizations.json?lang=zh").data)["rows"]
    housing = next(r for r in organizations if r["org_label"] == HOUSING)
    assert (housing["leads"], housing["coLeads"], housing["cooperates"]) == (8, 3, 1)
    assert housing["total"] == len(tasks_naming(HOUSING))
    named = {base_name(n) for b in blocks() for k, v in b.items() if k != "牵头负责领导" for n in names(v)}
    named = {"安徽阜阳界首高新技术产业开发区管委会" if n == "高新区管委会" else n for n in named}
    named = {n.removesuffix("成员单位") for n in named} - COLLECTIVE_NAMES
    assert len(organizations) == len(named)


def test_frequent_partners_and_official_units(client):
    partners = json.loads(client.get("/queries/frequent-partners.json").data)["rows"]
    shared = Counter(base_name(n) for b in tasks_naming(HOUSING) for v in b.values() for n in names(v))
    assert partners[0]["partner_label"] == "东城街道" and partners[0]["sharedTasks"] == 6 == shared["东城街道"]
    units = json.loads(client.get("/queries/official-units.json").data)["rows"]
    led = [b for b in blocks() if "张林清" in names(b["牵头负责领导"])]
    assert len(units) == len({base_name(n) for b in led for n in names(b.get("牵头责任单位", ""))})


def test_the_housing_co_leads_are_one_click_from_the_home_page(client):
    home = client.get("/").text
    assert 'href="/queries/organization-co-leads"' in home
    page = client.get("/queries/organization-co-leads").text
    assert re.search(
        r'<option value="[^"]+/org/housing-urban-rural-development" selected[^>]*>市住房和城乡建设局', page
    )
    assert "一(四)1(2)" in page and "市园林管理处" in page


def test_targets_by_unit(client):
    mu = json.loads(client.get("/queries/targets.json?unit=unit/mu").data)
    assert mu["count"] == unit_target_count("亩") == 5
    assert sorted(r["value"] for r in mu["rows"]) == [1000, 3500, 5000, 10000, 70000]
    percent = json.loads(client.get("/queries/targets.json?unit=https://w3id.org/jieshou-kg/id/unit/percent").data)
    assert percent["count"] == unit_target_count("%")


def test_cooperates_without_annex_bodies(client):
    data = json.loads(client.get("/queries/organization-cooperates.json?viaAnnex=false").data)
    assert data["count"] == len(tasks_with("协同责任单位", HOUSING)) == 1


def test_involvement_through_collective_references(client):
    data = json.loads(client.get("/queries/organization-involvement.json?viaCollectives=true").data)
    hows = Counter(row["how"] for row in data["rows"])
    all_units = sum(1 for b in blocks() for v in b.values() if "市直各单位" in names(v))
    relevant = sum(1 for b in blocks() for v in b.values() for n in names(v) if n in ("市直相关单位", "市直有关单位"))
    assert hows["collective-all"] == all_units
    assert hows["collective-possibly"] == relevant
    page = client.get("/queries/organization-involvement?viaCollectives=true").text
    cells = re.findall(r'<td data-title="方式">([^<]*)</td>', page)
    assert set(cells) == {"直接列名", "附件机构成员单位", "集合性称呼（全部涵盖）", "集合性称呼（可能涵盖）"}


def test_csv_has_the_column_titles_of_the_page_language_and_a_bom(client):
    response = client.get("/queries/organization-co-leads.csv?lang=zh")
    assert response.data.startswith("\ufeff".encode())
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert 'filename="organization-co-leads-housing-urban-rural-development.csv"' in disposition
    assert "filename*=UTF-8''" + quote("organization-co-leads-市住房和城乡建设局.csv") in disposition
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["任务 IRI", "编号", "任务内容", "其他牵头单位"]
    assert rows[0]["任务 IRI"].startswith("https://w3id.org/jieshou-kg/id/plan/") and rows[0]["编号"] == "一(四)1(2)"
    english = client.get("/queries/organization-co-leads.csv?lang=en").data.decode("utf-8-sig")
    assert english.startswith("Task IRI,Number,Task text,Other lead units\r\n")


@pytest.mark.parametrize(
    ("url", "english", "chinese"),
    [
        ("/queries/organization-co-leads?org=org/no-such-body", "not a known organization", "不是已知的机构"),
        ("/queries/organization-co-leads?org=person/teng-min", "not a known organization", "不是已知的机构"),
        ("/queries/organization-involvement?viaAnnex=perhaps", "not true or false", "须为“是”或“否”"),
        ("/queries/organization-co-leads?orgg=org/finance", "unknown parameter", "此查询没有这些参数：orgg"),
        ("/queries/text-search?word=" + "污" * 201, "at most 200", "“关键词”最多 200 个字"),
        ("/queries/official-tasks?official=", "is required", "请填写“领导”"),
    ],
)
def test_bad_parameters_are_400_with_a_message_in_the_page_language(client, url, english, chinese):
    page = client.get(url + "&lang=zh")
    assert page.status_code == 400 and chinese in page.text and english not in page.text
    assert english in client.get(url + "&lang=en").text
    as_json = client.get(url.replace("?", ".json?", 1), headers={"Accept-Language": ""})
    assert as_json.status_code == 400 and english in as_json.get_json()["error"]["message"]
    in_chinese = client.get(url.replace("?", ".json?", 1) + "&lang=zh")
    assert chinese in in_chinese.get_json()["error"]["message"]


def test_unknown_query_and_format_are_404(client):
    assert client.get("/queries/no-such-query").status_code == 404
    assert client.get("/queries/all-tasks.xls").status_code == 404


def test_parameter_values_cannot_inject_sparql(client):
    page = client.get('/queries/text-search?word=") } } SELECT * WHERE { ?s ?p ?o } #')
    assert page.status_code == 200 and '<strong id="row-count">共 0 行</strong>' in page.text
