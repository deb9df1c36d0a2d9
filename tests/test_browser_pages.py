"""The pages in Debian's chromium as staff use them: pickers found by other names and pinyin, a picker with
no match, tables ordered and paged, the site search, the xlsx download, a 375 px phone, and axe-core
(from node_modules, run in the page) on every kind of page."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import test_browser
from conftest import ROOT, require
from facts import names, tasks_with

browser, page = test_browser.browser, test_browser.page  # the fixtures: chromium, and a page that checks the CSP
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PLAN = "/id/plan/jiezhengfa-2020-11"
PAGE_KINDS = [
    "/", "/queries/", "/queries/organization-co-leads", "/queries/all-tasks", "/charts", "/downloads", "/notices",
    "/sparql", "/search?q=财政", "/id/org/", "/id/org/housing-urban-rural-development", "/id/person/teng-min",
    "/id/collective/all-townships-subdistricts", PLAN, f"{PLAN}/1", f"{PLAN}/1.1.3.2",
    "/id/notice/jiezhengfa-2020-11", "/def", "/api", "/queries/no-such-query",
]  # fmt: skip


def choose(page, words: str) -> None:
    page.fill("#f-org", words)
    page.wait_for_function("() => document.querySelector('#m-org').textContent.trim() !== ''")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("高新区管委会", "/org/hitech-zone"),
        ("caizheng", "/org/finance"),
        ("住建", "/org/housing-urban-rural-development"),
    ],
)
def test_the_picker_finds_other_names_and_pinyin(page, server, words, found):
    page.goto(f"{server}/queries/organization-co-leads?lang=zh")
    choose(page, words)
    assert page.eval_on_selector("#p-org", "s => s.value").endswith(found)
    with page.expect_navigation():
        page.click("form.query-form button[type=submit]")
    assert found.replace("/", "%2F") in page.url


@pytest.mark.browser
def test_a_picker_with_no_match_says_so_and_does_not_run_the_old_choice(page, server):
    page.goto(f"{server}/queries/organization-co-leads?lang=zh")
    before = page.url
    choose(page, "没有这个单位")
    assert "没有与“没有这个单位”匹配的选项" in page.inner_text("#m-org")
    page.click("form.query-form button[type=submit]")
    page.wait_for_timeout(500)
    assert page.url == before
    assert page.eval_on_selector("#f-org", "box => box.validity.valid") is False


@pytest.mark.browser
def test_sorting_and_paging_a_table(page, server):
    page.goto(f"{server}/queries/workload-officials?lang=zh")
    with page.expect_navigation():
        page.click("table.results th >> text=牵头任务数")
    first = [int(t) for t in page.locator("td[data-title='牵头任务数']").all_inner_texts()]
    assert first == sorted(first)
    with page.expect_navigation():
        page.click("table.results th >> text=牵头任务数")
    assert [int(t) for t in page.locator("td[data-title='牵头任务数']").all_inner_texts()] == sorted(
        first, reverse=True
    )
    page.goto(f"{server}/queries/all-tasks?lang=zh")
    assert page.locator("table.results tbody tr").count() == 100
    with page.expect_navigation():
        page.click("#next-page")
    assert page.locator("table.results tbody tr").count() == 47 and "第 2/2 页" in page.inner_text("#page-of")
    page.fill("#table-filter", "污染")
    with page.expect_navigation():
        page.click("form.table-filter button")
    assert 0 < page.locator("table.results tbody tr").count() < 20


@pytest.mark.browser
def test_the_site_search(page, server):
    page.goto(f"{server}/?lang=zh")
    page.fill("header input[name=q]", "teng")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    assert page.locator("#found-official a[href='/id/person/teng-min']").count() == 1
    with page.expect_navigation():
        page.click("#found-official a")
    assert page.inner_text("h1") == "滕敏"


@pytest.mark.browser
def test_the_xlsx_download_opens_in_openpyxl(page, server):
    page.goto(f"{server}/queries/organization-co-leads?lang=zh")
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.suggested_filename == "organization-co-leads-housing-urban-rural-development.xlsx" or (
        download.value.suggested_filename == "organization-co-leads-市住房和城乡建设局.xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    expected = sum(1 for b in tasks_with("牵头责任单位", "市住房和城乡建设局") if len(names(b["牵头责任单位"])) > 1)
    assert rows[0][:3] == ("任务 IRI", "编号", "任务内容") and len(rows) == expected + 1


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/queries/organization-co-leads?lang=zh", "/charts?lang=zh", "/charts?lang=en"])
def test_a_phone_375_px_wide(browser, server, path, tmp_path):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    phone.goto(server + path)
    wide = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    nav = phone.evaluate(
        "() => { const n = document.querySelector('header nav'); return [n.scrollWidth, n.clientWidth] }"
    )
    phone.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    labels = phone.evaluate(
        "() => [...document.querySelectorAll('#network-chart svg text')].map(t => t.getBoundingClientRect().height)"
    )
    smallest = phone.evaluate(
        "() => Math.min(...[...document.querySelectorAll('main a, main td, main th, main p')]"
        ".filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    context.close()
    assert wide[0] <= wide[1], f"the page scrolls sideways: {wide}"
    assert nav[0] <= nav[1], f"the navigation scrolls sideways: {nav}"
    assert smallest >= 12
    assert not labels or min(labels) >= 11, f"network labels {min(labels)} px tall"
    assert (tmp_path / "phone.png").stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_serious_accessibility_violation(page, server, path, lang):
    require(AXE.is_file(), "axe-core is not installed (npm ci)")
    page.goto(server + path + ("&" if "?" in path else "?") + f"lang={lang}")
    if path == "/sparql":
        page.wait_for_selector(".yasgui .yasqe")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the DevTools protocol: not a script of the page
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))}))"""
    )
    assert violations == [], violations


@pytest.mark.browser
def test_the_editor_shows_a_sparql_error_as_words_in_the_page_language(page, server):
    page.goto(f"{server}/sparql?lang=zh")
    page.wait_for_selector(".yasgui .yasqe")
    page.evaluate(
        "() => document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.setValue('SELECT ?x WHERE {')"
    )
    page.click(".yasqe_queryButton")
    error = page.wait_for_selector(".yasr .sparql-error", timeout=20_000).inner_text()
    assert error.startswith("查询未能执行：") and '{"error"' not in error
