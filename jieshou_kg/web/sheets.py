"""A saved query's result as a spreadsheet for people: XLSX (xlsxwriter) or CSV (UTF-8 with a BOM), with
column titles in the page's language, every IRI in a column of its own beside the names, words for codes,
and file names that carry the parameters.

A text that begins with = + - @ (or a tab or carriage return) could be read as a formula: in CSV it is
written after an apostrophe; in XLSX every text is written as a string cell, never a formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from urllib.parse import quote

import pyoxigraph as ox
import xlsxwriter

from .results import View, is_number

FORMULA = ("=", "+", "-", "@", "\t", "\r")
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\s]+')
WIDEST = 80  # characters a column is drawn at most


def table_of(view: View, rows: list[tuple]) -> tuple[list[str], list[list]]:
    """Headings and rows of plain values: an IRI column is the IRI, then (unless it stands for other
    columns, such as a task for its number and text) the name beside it."""
    headings, makers = [], []
    for name in view.result.variables:
        column, at = view.query.column(name), view.at[name]
        if any(isinstance(row[at], ox.NamedNode) for row in rows):
            headings.append(f"{column.heading(view.lang)} IRI")
            makers.append(lambda row, at=at: row[at].value if row[at] is not None else None)
            if not column.shows:
                headings.append(column.heading(view.lang))
                makers.append(lambda row, name=name: view.text(row, name) or None)
        else:
            headings.append(column.heading(view.lang))
            makers.append(lambda row, at=at, name=name: _plain(row[at], view.text(row, name)))
    return headings, [[make(row) for make in makers] for row in rows]


def _plain(term, text: str):
    if term is None:
        return None
    if is_number(term):
        number = float(term.value)
        return int(number) if number.is_integer() and "." not in term.value else number
    return text


def neutral(value):
    """A text that a spreadsheet would read as a formula, made plain text."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


def to_csv(headings: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutral(h) for h in headings])
    writer.writerows([["" if v is None else neutral(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(headings: list[str], rows: list[list], about: list[tuple[str, str]], names: tuple[str, str]) -> bytes:
    """A workbook: the result on the first sheet (a bold, frozen header row, columns as wide as their
    text), and what was asked (the query, its parameters, the address) on the second."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "bg_color": "#F0F2F5", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(names[0])
    sheet.freeze_panes(1, 0)
    for col, heading in enumerate(headings):
        sheet.write_string(0, col, heading, bold)
        width = max([_width(heading)] + [_width(row[col]) for row in rows[:2000]])
        sheet.set_column(col, col, min(WIDEST, width + 2), wrap if width > WIDEST else None)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(r, col, value)
            elif value is not None:
                sheet.write_string(r, col, str(value))
    if rows:
        sheet.autofilter(0, 0, len(rows), len(headings) - 1)
    query = book.add_worksheet(names[1])
    query.set_column(0, 0, 16, bold)
    query.set_column(1, 1, WIDEST, wrap)
    for r, (key, value) in enumerate(about):
        query.write_string(r, 0, key)
        query.write_string(r, 1, value)
    book.close()
    return buffer.getvalue()


def _width(value) -> int:
    """Display width: a Chinese character is two columns wide."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[:200])


def disposition(slug: str, parts: list[tuple[str, str]], ext: str) -> str:
    """Content-Disposition for a download named by the query and its parameters: the names people read
    (RFC 5987, UTF-8) and an ASCII one for old clients: (name, ascii) for each parameter."""
    name = "-".join([slug, *(UNSAFE_IN_NAMES.sub("_", text) for text, _ in parts if text)]) + f".{ext}"
    fallback = "-".join([slug, *(re.sub(r"[^A-Za-z0-9._-]+", "_", a) for _, a in parts if a)]) + f".{ext}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
