"""The sidecar file of a notice (`<notice file>.yaml`): what its text lacks, each key of one type.

place, doc_number and title are strings (a place is a name, checked as every name is), year an
integer, issued a date (2023-04-10), names_leaders a boolean; anything else is refused where it
stands in the sidecar, saying the key, the value and the type expected.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml

from ..errors import InputError
from .genre import Genre, load_genre
from .names import check_name
from .source import Line, fold

TYPES: dict[str, tuple[type, str]] = {
    "place": (str, "a string (a place's name, e.g. 云山市)"),
    "year": (int, "an integer (e.g. 2023)"),
    "doc_number": (str, "a string (e.g. 云政办〔2023〕4号)"),
    "issued": (date, "a date (e.g. 2023-04-10)"),
    "title": (str, "a string"),
    "names_leaders": (bool, "a boolean (true or false)"),
}


def read_sidecar(path: str | Path, genre: Genre | None = None) -> dict:
    """The sidecar of a notice file (`notice.txt.yaml`), or {} when there is none."""
    sidecar = Path(f"{path}.yaml")
    if not sidecar.is_file():
        return {}
    loader = yaml.SafeLoader(sidecar.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError(f"cannot read the sidecar: {err}", str(sidecar), line, col) from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise InputError(f"expected keys and values; expected keys {sorted(TYPES)}", str(sidecar), 1, 1)
    unknown = [k for k, _ in node.value if k.value not in TYPES]
    if unknown:
        keys, mark = sorted(str(k.value) for k in unknown), unknown[0].start_mark
        where = (str(sidecar), mark.line + 1, mark.column + 1)
        raise InputError(f"unknown sidecar keys {keys}; expected {sorted(TYPES)}", *where)
    return {k.value: _value(loader, k.value, v, sidecar, genre or load_genre()) for k, v in node.value}


def _value(loader: yaml.SafeLoader, key: str, node: yaml.Node, sidecar: Path, genre: Genre):
    """The value of `key`, of its type; refused with the line and column of the value."""
    kind, expected = TYPES[key]
    where = (str(sidecar), node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError as err:  # an impossible date: 2023-02-30
        raise InputError(f"the sidecar's {key} is {node.value!r} ({err}); expected {expected}", *where) from None
    wrong = (kind is int and isinstance(value, bool)) or (kind is date and isinstance(value, datetime))
    if wrong or not isinstance(value, kind):
        raise InputError(f"the sidecar's {key} is {value!r} ({type(value).__name__}); expected {expected}", *where)
    if key == "place":
        check_name(Line(where[1], 0, where[2], value, fold(value)), 0, len(value), str(sidecar), genre)
    return value
