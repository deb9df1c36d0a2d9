"""The columns of a saved query's result, as its header names them for people.

    #+ columns:
    #+   task: {zh: 任务, en: Task, shows: [number, text]}   one link that stands for the number and the text
    #+   number: {zh: 编号, en: Number}
    #+   how: {zh: 方式, en: How, values: {direct: {zh: 直接列名, en: named directly}}}

Programs read the variable names (JSON, SPARQL results); people read the titles (pages, CSV, XLSX).
A column that `shows` others is one cell on a page: a link whose text is the first of them, the rest
beside it; downloads keep every column, with the IRI. `values` turns the codes a query writes into words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Column:
    name: str
    title: dict[str, str]
    shows: tuple[str, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def heading(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("zh") or self.name

    def word(self, code: str, lang: str) -> str:
        """A code the query writes, in `lang` (the code itself when the header has no words for it)."""
        words = self.values.get(code)
        return (words.get(lang) or words.get("zh") or code) if words else code


def read_columns(spec: dict | None, path: Path) -> dict[str, Column]:
    """The header's `columns:` map; InputError for a title or a value without both languages."""
    found = {}
    for name, entry in (spec or {}).items():
        entry = entry or {}
        title = {lang: str(entry[lang]) for lang in LANGUAGES if entry.get(lang)}
        if set(title) != set(LANGUAGES):
            raise InputError(f"column {name!r} needs a title in zh and en", str(path), 1, 1)
        values = {str(code): dict(words) for code, words in (entry.get("values") or {}).items()}
        for code, words in values.items():
            if set(words) != set(LANGUAGES):
                raise InputError(f"column {name!r}: value {code!r} needs zh and en", str(path), 1, 1)
        found[name] = Column(name, title, tuple(entry.get("shows") or ()), values)
    return found


def folded(columns: dict[str, Column]) -> set[str]:
    """The columns that another one shows (not a cell of their own on a page)."""
    return {name for column in columns.values() for name in column.shows}
