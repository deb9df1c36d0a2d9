"""Spreadsheets for staff: an .xlsx twin of every result (Chinese intact, widths, a header row, the query on
a second sheet), a CSV with a BOM, no cell read as a formula, and file names that carry the parameters."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import openpyxl
import pytest
from facts import names, tasks_with

from jieshou_kg.web.sheets import neutral, to_csv, to_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_xlsx_twin(client):
    response = client.get("/queries/organization-co-leads.xlsx?lang=zh&org=org/finance")
    assert response.status_code == 200 and response.mimetype == XLSX
    assert "filename*=UTF-8''" + quote("organization-co-leads-市财政局.xlsx") in response.headers["Content-Disposition"]
    book = workbook(response.data)
    result, query = book.worksheets
    assert (result.title, query.title) == ("结果", "查询")
    rows = list(result.iter_rows(values_only=True))
    assert rows[0] == ("任务 IRI", "编号", "任务内容", "其他牵头单位")
    expected = sum(1 for b in tasks_with("牵头责任单位", "市财政局") if len(names(b["牵头责任单位"])) > 1)
    assert len(rows) - 1 == expected
    assert all(r[0].startswith("https://w3id.org/jieshou-kg/id/plan/") for r in rows[1:])
    assert result.freeze_panes == "A2" and result["A1"].font.bold
    assert result.column_dimensions["C"].width > result.column_dimensions["B"].width  # as wide as the text
    about = dict(query.iter_rows(values_only=True))
    assert about["查询"] == "某机构共同牵头的任务" and about["机构"].startswith("市财政局 (https://")
    assert "VALUES" in about["SPARQL"] and about["行数"] == str(expected)


@pytest.mark.parametrize("slug", ["all-tasks", "workload-organizations", "organization-involvement", "targets"])
def test_every_result_has_an_xlsx_twin_with_numbers_as_numbers(client, slug):
    book = workbook(client.get(f"/queries/{slug}.xlsx?lang=en").data)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    csv_rows = list(csv.reader(io.StringIO(client.get(f"/queries/{slug}.csv?lang=en").data.decode("utf-8-sig"))))
    assert len(rows) == len(csv_rows) and list(rows[0]) == csv_rows[0]
    if slug == "workload-organizations":
        assert all(isinstance(r[2], int) for r in rows[1:])


def test_no_cell_is_read_as_a_formula():
    headings, rows = ["name", "n"], [['=HYPERLINK("http://evil")', 3], ["+1", -2], ["@SUM(A1)", None], ["ok", 1.5]]
    text = to_csv(headings, rows).decode("utf-8-sig")
    assert text.splitlines()[1:4] == ['"\'=HYPERLINK(""http://evil"")",3', "'+1,-2", "'@SUM(A1),"]
    sheet = workbook(to_xlsx(headings, rows, [("a", "=b")], ("r", "q"))).worksheets[0]
    assert [c.data_type for c in sheet["A"][1:]] == ["s", "s", "s", "s"]  # strings, never formulas
    assert sheet["B3"].value == -2 and sheet["B5"].value == 1.5
    assert neutral("-5") == "'-5" and neutral(-5) == -5 and neutral("tab\there") == "tab\there"


def test_the_page_says_which_download_to_pick(client):
    page = client.get("/queries/organization-co-leads?lang=zh").text
    assert "Excel 表格（.xlsx，推荐）" in page and "用 LibreOffice 打开 CSV 时请选择 UTF-8 编码" in page
    assert page.index('id="download-xlsx"') < page.index('id="download-csv"')
