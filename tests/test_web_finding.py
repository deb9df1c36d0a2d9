"""Finding without SPARQL: pickers by name, other name, pinyin or initials; the site search; browse lists;
tables ordered, filtered and paged; long pickers left out of the page."""

from __future__ import annotations

import re

import pytest
from facts import task_lines

from jieshou_kg.web import pickers as pickers_module

HOUSING = "https://w3id.org/jieshou-kg/id/org/housing-urban-rural-development"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("高新区管委会", "/org/hitech-zone"),  # the name the notice uses
        ("住建", "/org/housing-urban-rural-development"),  # an abbreviation (data/other-names.csv)
        ("caizheng", "/org/finance"),  # pinyin
        ("czj", "/org/finance"),  # initials
        ("Finance", "/org/finance"),  # English, any case
        ("金融办", "/org/finance"),  # another plaque
    ],
)
def test_a_picker_finds_names_the_way_staff_write_them(client, words, expected):
    found = client.get("/pickers/organization", query_string={"q": words}).get_json()
    assert found["total"] >= 1 and any(c["value"].endswith(expected) for c in found["choices"]), found


def test_a_picker_says_when_nothing_matches_and_refuses_unknown_kinds(client):
    assert client.get("/pickers/organization", query_string={"q": "没有这个单位"}).get_json() == {
        "choices": [],
        "total": 0,
    }
    assert client.get("/pickers/planet").status_code == 404


def test_choices_are_in_pinyin_order_in_chinese_and_a_to_z_in_english(app):
    pickers = app.extensions["jieshou_kg"].pickers
    officials = [c.text.split(" — ")[0] for c in pickers.choices("official", "zh")]
    assert officials.index("何逢阳") < officials.index("应鹏飞") < officials.index("张林清")  # He, Ying, Zhang
    english = [c.text.split(" — ")[0] for c in pickers.choices("organization", "en")]
    assert english == sorted(english, key=str.casefold)
    sections = [c.value for c in pickers.choices("section", "zh")]
    assert sections.index(sections[0]) == 0 and sections[0].endswith("/1")  # sections keep document order


def test_a_long_picker_is_not_written_into_the_page(client, monkeypatch):
    short = client.get("/queries/organization-co-leads?lang=zh").text
    assert short.count("<option") > 60
    monkeypatch.setattr(pickers_module, "INLINE", 10)
    long = client.get("/queries/organization-co-leads?lang=zh&org=org/finance").text
    picker = re.search(r'<select id="p-org".*?</select>', long, re.S).group()  # not the notice picker beside it
    options = re.findall(r"<option[^>]*>([^<]*)</option>", picker)
    assert len(options) == 2 and "市财政局" in options[1], options  # the placeholder and the choice
    assert 'data-inline="no"' in long and "请在上方输入名称、简称或拼音查找" in long


def test_the_site_search_groups_what_it_finds(client):
    page = client.get("/search", query_string={"q": "财政", "lang": "zh"}).text
    assert 'id="found-organization"' in page and 'href="/id/org/finance"' in page
    tasks = client.get("/search", query_string={"q": "污染", "lang": "zh"}).text
    found = int(re.search(r'id="found-task">\s*<h2>任务 \((\d+)\)', tasks).group(1))
    assert found == sum("污染" in line for line in task_lines())
    english = client.get("/search", query_string={"q": "teng", "lang": "en"}).text
    assert 'id="found-official"' in english and 'href="/id/person/teng-min"' in english
    assert "<h2>" not in client.get("/search", query_string={"q": "   "}).text.split("</form>")[1]


@pytest.mark.parametrize(("path", "count"), [("/id/org/", 70), ("/id/person/", 9), ("/id/collective/", 7)])
def test_browse_lists_every_resource_of_a_kind(client, path, count):
    page = client.get(path + "?lang=zh")
    assert page.status_code == 200
    assert len(re.findall(r'<li><a href="/id/', page.text)) == count


def test_tables_are_ordered_filtered_and_paged(client):
    first = client.get("/queries/all-tasks?lang=zh").text
    assert "第 1/2 页（第 1–100 行）" in first and len(re.findall(r"<tr><td", first)) == 100
    second = client.get("/queries/all-tasks?lang=zh&page=2").text
    assert len(re.findall(r"<tr><td", second)) == 147 - 100 and 'aria-current="page" href' in second
    ordered = client.get("/queries/workload-officials?lang=zh&sort=tasks&order=asc").text
    counts = [int(n) for n in re.findall(r'data-title="牵头任务数" class="num">(\d+)<', ordered)]
    assert counts == sorted(counts) and len(counts) == 9 and 'aria-sort="ascending"' in ordered
    filtered = client.get("/queries/all-tasks?lang=zh&filter=污染").text
    assert "其中含“污染”的" in filtered and 0 < len(re.findall(r"<tr><td", filtered)) < 20


def test_the_home_page_names_the_featured_organization(client):
    assert "某机构共同牵头的任务: 市住房和城乡建设局" in client.get("/?lang=zh").text


def test_favicon(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.data[:4] == b"\x00\x00\x01\x00"
