"""data/genre.yaml -> compiled patterns: what differs between notices of the genre.

Numbering forms, role labels, collective phrases, chrome lines and the head's
lines are data; the parser reads them from here and knows no city.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..errors import InputError
from ..model import Role
from .slugs import is_safe

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "genre.yaml"


@dataclass(frozen=True)
class Genre:
    numbering: tuple[re.Pattern, ...]
    number_punctuation: str
    roles: dict[str, Role]
    role_line: re.Pattern  # a role label at the start of a line or segment: `label:`
    role_label: re.Pattern  # a role label followed by ':', anywhere
    role_bracket: re.Pattern  # `(label:…)` at the end of a task line
    role_separators: str
    extra_lines: dict[str, re.Pattern]
    posts: tuple[re.Pattern, ...]
    separators: str
    open_ended: re.Pattern
    open_item: re.Pattern
    alias: re.Pattern
    annex_reference: re.Pattern
    members_suffix: str
    collectives: tuple[str, ...]
    forbidden: re.Pattern
    head: dict[str, re.Pattern]
    metadata_fields: dict[str, str]
    chrome: tuple[re.Pattern, ...]
    annex_start: re.Pattern
    annex_heading: re.Pattern
    footer: re.Pattern
    document_codes: dict[str, str]  # 界政发 -> jiezhengfa, the IRI key of a document code

    def is_chrome(self, folded: str) -> bool:
        return any(p.search(folded) for p in self.chrome)

    def is_post(self, name: str) -> bool:
        return any(p.search(name) for p in self.posts)

    def bad_character(self, name: str) -> int | None:
        """The index of the first character a name may not contain, or None."""
        for i, ch in enumerate(name):
            if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
                return i
        found = self.forbidden.search(name)
        return found.start() if found else None


def load_genre(data_dir: str | Path | None = None) -> Genre:
    """The genre of `data_dir`/genre.yaml (the bundled one by default, and for a data folder without one)."""
    path = Path(data_dir) / "genre.yaml" if data_dir else BUNDLED
    path = path if path.is_file() else BUNDLED
    return _load(path.resolve())


@cache
def _load(path: Path) -> Genre:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return _compile(raw)
    except FileNotFoundError:
        raise InputError("missing data file", str(path), 0, 0) from None
    except (yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as err:
        raise InputError(f"cannot read the genre: {err}", str(path), 1, 1) from None


def _compile(raw: dict) -> Genre:
    roles = {label: Role[name] for label, name in raw["roles"].items()}
    labels = "|".join(re.escape(label) for label in sorted(roles, key=len, reverse=True))
    names, head = raw["names"], raw["head"]
    return Genre(
        numbering=tuple(re.compile(p) for p in raw["numbering"]),
        number_punctuation=raw["number_punctuation"],
        roles=roles,
        role_line=re.compile(rf"\s*(?P<label>{labels})\s*:"),
        role_label=re.compile(rf"(?P<label>{labels})\s*:"),
        role_bracket=re.compile(
            rf"\((?P<inner>\s*(?:{labels})\s*:(?:[^()]|\([^()]*\))*)\)\s*{raw['role_bracket_end']}\s*$"
        ),
        role_separators=raw["role_separators"],
        extra_lines={key: re.compile(p) for key, p in raw["extra_lines"].items()},
        posts=tuple(re.compile(p) for p in raw["posts"]),
        separators=names["separators"],
        open_ended=re.compile(names["open_ended"]),
        open_item=re.compile(names["open_item"]),
        alias=re.compile(names["alias"]),
        annex_reference=re.compile(names["annex_reference"]),
        members_suffix=names["members_suffix"],
        collectives=tuple(sorted(names["collectives"], key=len, reverse=True)),
        forbidden=re.compile(raw["forbidden_in_names"]),
        head={key: re.compile(p) for key, p in head.items() if key != "metadata_fields"},
        metadata_fields=dict(head["metadata_fields"]),
        chrome=tuple(re.compile(p) for p in raw["chrome"]),
        annex_start=re.compile(raw["annex"]["start"]),
        annex_heading=re.compile(raw["annex"]["heading"]),
        footer=re.compile(raw["footer"]),
        document_codes=_document_codes(raw.get("document_codes") or {}),
    )


def _document_codes(given: dict) -> dict[str, str]:
    for code, key in given.items():
        if not is_safe(str(key)):
            raise ValueError(f"document_codes: {code}'s key {key!r} is not lower-case letters and digits joined by '-'")
    return {str(code): str(key) for code, key in given.items()}
