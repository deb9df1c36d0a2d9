"""A saved query's rows for people, straight from the engine's terms to HTML: no rdflib terms, no url_for
and no template macro per cell. Ordered by any column, filtered by a word, and paged."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
from markupsafe import Markup, escape

from ..namespaces import BASE
from ..saved import SavedQuery
from .collate import fold, has_han, sort_key
from .labels import pick_with_language

PAGE_ROWS = 100
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


@dataclass
class Result:
    variables: list[str]
    rows: list[tuple]  # pyoxigraph terms, None where unbound


def result_of(solutions) -> Result:
    variables = [v.value for v in solutions.variables]
    return Result(variables, [tuple(row) for row in solutions])


def iris_of(result: Result) -> set[str]:
    return {t.value for row in result.rows for t in row if isinstance(t, ox.NamedNode)}


def is_number(term) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in NUMERIC


class View:
    """The result as a page shows it: column titles in `lang`, IRIs as links named by `labels`."""

    def __init__(self, query: SavedQuery, result: Result, labels: dict, lang: str):
        self.query, self.result, self.labels, self.lang = query, result, labels, lang
        self.at = {name: i for i, name in enumerate(result.variables)}
        folded = {name for column in query.columns.values() for name in column.shows if column.name in self.at}
        self.visible = [v for v in result.variables if v not in folded]

    def name(self, iri: str) -> tuple[str, str]:
        return pick_with_language(self.labels.get(iri, {}), self.lang, iri)

    def text(self, row: tuple, name: str) -> str:
        """A cell as plain text (what the filter looks in)."""
        term, column = row[self.at[name]], self.query.column(name)
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            shown = [row[self.at[s]] for s in column.shows if s in self.at]
            return " ".join(t.value for t in shown if t is not None) if shown else self.name(term.value)[0]
        return column.word(term.value, self.lang) if column.values else term.value

    def order(self, rows: list[tuple], by: str, descending: bool) -> list[tuple]:
        if by not in self.at:
            return rows
        return sorted(rows, key=lambda row: self._key(row, by), reverse=descending)

    def _key(self, row: tuple, name: str) -> tuple:
        term = row[self.at[name]]
        if term is None:
            return (2, 0.0, "")
        if is_number(term):
            return (0, float(term.value), "")
        if isinstance(term, ox.NamedNode) and self.query.column(name).shows:
            return (1, 0.0, re.sub(r"\d+", lambda m: m.group().zfill(9), term.value))  # document order
        return (1, 0.0, sort_key(self.text(row, name), self.lang))

    def matching(self, rows: list[tuple], word: str) -> list[tuple]:
        needle = fold(word)
        if not needle:
            return rows
        return [row for row in rows if needle in fold(" ".join(self.text(row, v) for v in self.visible))]

    def heading(self, name: str, link: Callable[..., str], by: str, descending: bool) -> Markup:
        """The column's title, a link that orders by it (the other way round when it already does)."""
        title = escape(self.query.column(name).heading(self.lang))
        flip = "desc" if by == name and not descending else "asc"
        sort = (' aria-sort="descending"' if descending else ' aria-sort="ascending"') if by == name else ""
        arrow = ("▼" if descending else "▲") if by == name else ""
        href = escape(link(sort=name, order=flip, page=None))
        return Markup(f'<th scope="col"{sort}><a href="{href}">{title}</a>{arrow}</th>')

    def body(self, rows: list[tuple]) -> Markup:
        cells = [(name, escape(self.query.column(name).heading(self.lang))) for name in self.visible]
        lines = ["<tr>" + "".join(self._cell(row, name, title) for name, title in cells) + "</tr>" for row in rows]
        return Markup("\n".join(lines))

    def _cell(self, row: tuple, name: str, title: str) -> str:
        term, column = row[self.at[name]], self.query.column(name)
        if term is None:
            return f'<td data-title="{title}"></td>'
        if isinstance(term, ox.NamedNode):
            return f'<td data-title="{title}">{self._link(term.value, row, column.shows)}</td>'
        if is_number(term):
            return f'<td data-title="{title}" class="num">{escape(term.value)}</td>'
        text = column.word(term.value, self.lang) if column.values else term.value
        return f'<td data-title="{title}"{self._lang(term.language, text)}>{escape(text)}</td>'

    def _link(self, iri: str, row: tuple, shows: tuple[str, ...]) -> str:
        shown = [row[self.at[s]] for s in shows if s in self.at]
        if shown and shown[0] is not None:
            name, lang = shown[0].value, ""
        else:
            name, lang = self.name(iri)
        rest = "".join(
            f" <span{self._lang(t.language, t.value)}>{escape(t.value)}</span>" for t in shown[1:] if t is not None
        )
        attrs = self._lang(lang, name)
        if iri.startswith(BASE):
            return f'<a href="/{escape(iri[len(BASE) :])}"{attrs}>{escape(name)}</a>{rest}'
        if iri.lower().startswith(("http://", "https://")):
            return f'<a href="{escape(iri)}" rel="external nofollow">{escape(iri)}</a>'
        return f'<span class="iri">{escape(iri)}</span>'

    def _lang(self, tag: str | None, text: str) -> str:
        """A lang attribute where the cell is not in the page's language (Chinese text on an English page)."""
        tag = (tag or "").lower()
        if not tag:
            tag = "zh" if has_han(text) else ""
        if not tag or tag == self.lang or (tag.startswith(self.lang + "-") and tag != "zh-latn-pinyin"):
            return ""
        return f' lang="{"zh-Latn" if tag == "zh-latn-pinyin" else tag}"'


@dataclass
class Pager:
    rows: int
    page: int
    size: int = PAGE_ROWS

    @property
    def pages(self) -> int:
        return max(1, -(-self.rows // self.size))

    @property
    def first(self) -> int:
        return (self.page - 1) * self.size

    def window(self, rows: list) -> list:
        return rows[self.first : self.first + self.size]

    def numbers(self) -> list[int | None]:
        """The pages to link to: the first, the last, and two on each side of this one (None: a gap)."""
        near = {1, self.pages, *range(self.page - 2, self.page + 3)}
        shown = sorted(n for n in near if 1 <= n <= self.pages)
        out: list[int | None] = []
        for n in shown:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def page_number(raw: str | None, rows: int) -> int:
    pages = max(1, -(-rows // PAGE_ROWS))
    return min(max(int(raw), 1), pages) if raw and raw.isdigit() else 1
