"""A real browser (Debian's chromium, driven by Playwright) on the running site."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import require
from facts import names, tasks_with

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    requests: list[str] = []
    refused: list[str] = []  # what the Content-Security-Policy blocked: the site's own pages must need nothing of it
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    assert all(url.startswith((server, "data:", "blob:")) for url in requests), "the page fetched from elsewhere"
    assert refused == [], refused


@pytest.mark.browser
def test_staff_pick_an_organization_run_switch_language_and_download(page, server, tmp_path):
    expected = sum(1 for b in tasks_with("牵头责任单位", "市财政局") if len(names(b["牵头责任单位"])) > 1)
    page.goto(f"{server}/queries/organization-co-leads")
    page.fill("input.picker-filter", "财政")
    page.wait_for_selector("#m-org:has-text('找到')")
    page.select_option("select#p-org", "https://w3id.org/jieshou-kg/id/org/finance")
    with page.expect_navigation():
        page.click("form.query-form button[type=submit]")
    assert page.inner_text("#row-count") == f"共 {expected} 行"
    assert page.locator("table.results tbody tr").count() == expected
    assert "org=https%3A%2F%2Fw3id.org%2Fjieshou-kg%2Fid%2Forg%2Ffinance" in page.url
    with page.expect_navigation():
        page.click("#lang-toggle")
    assert page.inner_text("h1") == "Tasks an organization co-leads"
    assert page.inner_text("#row-count") == f"{expected} rows"
    with page.expect_download() as download:
        page.click("#download-csv")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == expected and rows[0]["Task IRI"].startswith("https://w3id.org/jieshou-kg/id/plan/")
    assert download.value.suggested_filename == "organization-co-leads-Jieshou_Municipal_Bureau_of_Finance.csv"


@pytest.mark.browser
def test_researchers_run_an_example_in_yasgui(page, server):
    page.goto(f"{server}/sparql")
    page.wait_for_selector(".yasgui .yasqe")
    assert page.is_hidden("#plain-editor")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
    rows = page.locator(".yasr table tbody tr").count()
    assert rows == sum(1 for b in tasks_with("牵头责任单位", "市住房和城乡建设局") if len(names(b["牵头责任单位"])) > 1)
    page.wait_for_selector(".yasr a[href*='/id/plan/']")
    hrefs = page.eval_on_selector_all(".yasr a[href*='/id/']", "links => links.map(a => a.href)")
    assert hrefs and all(h.startswith(server + "/id/") for h in hrefs)
    page.click("button.addTab")
    page.wait_for_function("() => document.querySelectorAll('.tabPanel.active .CodeMirror').length > 0")
    new_tab = page.evaluate("() => document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()")
    assert "PREFIX jk: <https://w3id.org/jieshou-kg/def#>" in new_tab and "PREFIX org:" in new_tab


@pytest.mark.browser
def test_the_sparql_page_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/sparql")
    assert page.is_visible("#plain-editor textarea")
    page.fill("#query", "SELECT ?task WHERE { ?task a <https://w3id.org/jieshou-kg/def#Task> }")
    with page.expect_navigation():
        page.click("#plain-editor button[type=submit]")
    assert page.inner_text("#row-count") in ("共 147 行", "147 rows")
    context.close()
