"""Lists of names as the notice prints them: `A(以下简称B),C、D(E、F)等相关单位。`

Names are separated by '、' and ','; a separator inside parentheses does not
separate. A trailing 等相关单位/等有关单位 makes the list open-ended.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Mention
from .source import Line, fold

SEPARATORS = "、,"
OPEN_ENDED = re.compile(r"等(相关|有关|其他)单位$")
ALIAS = re.compile(r"^以下简称(.+)$")
ANNEX_REFERENCE = re.compile(r"^见附件\d*$")
MEMBERS_SUFFIX = "成员单位"


def split_mentions(line: Line, start: int, path: str, separators: str = SEPARATORS) -> tuple[tuple[Mention, ...], bool]:
    """The names in `line` from index `start` on, and whether the list is open-ended."""
    folded = line.folded
    end = len(folded.rstrip("。.;:"))
    open_match = OPEN_ENDED.search(folded, start, end)
    if open_match:
        end = open_match.start()
    mentions = []
    for i, j in _tokens(folded, start, end, line, path, separators):
        mentions.append(_mention(line, i, j, path))
    if not mentions:
        raise InputError(
            "empty list of names; expected names separated by '、'", path, line.number, line.col + start, line.text
        )
    return tuple(mentions), bool(open_match)


def _tokens(folded: str, start: int, end: int, line: Line, path: str, separators: str):
    depth, token_start = 0, start
    for k in range(start, end + 1):
        ch = folded[k] if k < end else separators[0]
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raise InputError("unbalanced ')'", path, line.number, line.col + k, line.text)
        if depth == 0 and ch in separators:
            i, j = _strip(folded, token_start, k)
            if i == j:
                raise InputError("empty name between separators", path, line.number, line.col + k, line.text)
            yield i, j
            token_start = k + 1
    if depth:
        raise InputError("unbalanced '('", path, line.number, line.col + start, line.text)


def _strip(folded: str, i: int, j: int) -> tuple[int, int]:
    while i < j and folded[i].isspace():
        i += 1
    while j > i and folded[j - 1].isspace():
        j -= 1
    return i, j


def _mention(line: Line, i: int, j: int, path: str) -> Mention:
    folded, text = line.folded, line.text
    name_end, notes = j, []
    while folded[name_end - 1] == ")":
        open_at = _matching_open(folded, i, name_end - 1)
        notes.insert(0, text[open_at + 1 : name_end - 1])
        name_end = open_at
    name_end = _strip(folded, i, name_end)[1]
    if name_end == i:
        raise InputError("a name is missing before '('", path, line.number, line.col + i, line.text)
    alias, annex, plaques = None, False, []
    for note in notes:
        if m := ALIAS.match(fold(note)):
            alias = note[m.start(1) :].strip()
        elif ANNEX_REFERENCE.match(fold(note)):
            annex = True
        else:
            plaques += [p.strip() for p in re.split(r"[、,，]", note) if p.strip()]
    name = text[i:name_end]
    members = name.endswith(MEMBERS_SUFFIX) and len(name) > len(MEMBERS_SUFFIX)
    if members:
        name = name[: -len(MEMBERS_SUFFIX)]
    return Mention(text[i:j], name, line.span(i, j), tuple(plaques), alias, annex, members)


def _matching_open(folded: str, lo: int, close_at: int) -> int:
    depth = 0
    for k in range(close_at, lo - 1, -1):
        depth += (folded[k] == ")") - (folded[k] == "(")
        if depth == 0:
            return k
    return lo
