"""Lists of names as the notice prints them: `A(以下简称B),C、D(E、F)等相关单位。`

Names are separated by '、' and ',' (data/genre.yaml); a separator inside
parentheses, or inside a collective phrase of the genre (各县、市、区政府), does
not separate. A trailing 等相关单位, or a name ending in 等, makes the list
open-ended. A name with a character no name may hold (`<`, `#`, a control,
bidi or zero-width character…) is refused with where it is.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Mention
from .genre import Genre
from .source import Line, fold


def split_mentions(
    line: Line, start: int, path: str, genre: Genre, separators: str | None = None, end: int | None = None
) -> tuple[tuple[Mention, ...], bool]:
    """The names in `line` from index `start` (to `end`) on, and whether the list is open-ended."""
    folded = line.folded
    end = start + len(folded[start:end].rstrip("。.;: "))
    open_match = genre.open_ended.search(folded, start, end)
    if open_match:
        end = open_match.start()
    mentions, open_item = [], False
    tokens = _tokens(folded, start, end, line, path, separators or genre.separators, genre)
    for i, j in tokens if folded[start:end].strip() else ():
        if genre.open_item.search(folded, i, j) and j - i > 1:
            open_item, j = True, genre.open_item.search(folded, i, j).start()
        mentions.append(_mention(line, i, j, path, genre))
    if not mentions:
        raise InputError(
            "empty list of names; expected names separated by '、'", path, line.number, line.col + start, line.text
        )
    return tuple(mentions), bool(open_match) or open_item


def _protected(folded: str, start: int, end: int, genre: Genre) -> set[int]:
    """Indexes of separators inside a collective phrase (各县、市、区政府), which do not separate."""
    inside: set[int] = set()
    for phrase in genre.collectives:
        for found in re.finditer(re.escape(fold(phrase)), folded[start:end]):
            inside.update(range(start + found.start(), start + found.end()))
    return inside


def _tokens(folded: str, start: int, end: int, line: Line, path: str, separators: str, genre: Genre):
    depth, token_start = 0, start
    protected = _protected(folded, start, end, genre)
    for k in range(start, end + 1):
        ch = folded[k] if k < end else separators[0]
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raise InputError("unbalanced ')'", path, line.number, line.col + k, line.text)
        if depth == 0 and ch in separators and k not in protected:
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


def _mention(line: Line, i: int, j: int, path: str, genre: Genre) -> Mention:
    folded, text = line.folded, line.text
    check_name(line, i, j, path, genre)
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
        if m := genre.alias.match(fold(note)):
            alias = note[m.start(1) :].strip()
        elif genre.annex_reference.match(fold(note)):
            annex = True
        else:
            plaques += [p.strip() for p in _split(note, genre.separators) if p.strip()]
    name, suffix = text[i:name_end], genre.members_suffix
    members = name.endswith(suffix) and len(name) > len(suffix)
    if members:
        name = name[: -len(suffix)]
    return Mention(text[i:j], name, line.span(i, j), tuple(plaques), alias, annex, members)


def check_name(line: Line, i: int, j: int, path: str, genre: Genre) -> None:
    """Refuse a name holding a character no name may hold, saying which and where."""
    if label := genre.role_label.search(line.folded, i, j):
        raise InputError(
            f"the name '{_escaped_text(line.text[i:j])}' contains the role label {label.group(0)!r}; expected one "
            f"role per segment, each segment after one of {genre.role_separators!r} (or on its own line)",
            path,
            line.number,
            line.col + label.start(),
        )
    bad = genre.bad_character(line.text[i:j])
    if bad is None:
        return
    ch = line.text[i + bad]
    raise InputError(
        f"the name '{_escaped_text(line.text[i:j])}' contains {_escaped(ch)}; expected a name of letters, digits "
        'and ordinary punctuation (no control, bidi or zero-width character, none of < > " { } | \\ ^ ` #, no /../)',
        path,
        line.number,
        line.col + i + bad,
    )


def _split(note: str, separators: str) -> list[str]:
    """`note` cut at its (folded) separators; the pieces as printed."""
    folded, pieces, last = fold(note), [], 0
    for k, ch in enumerate(folded):
        if ch in separators:
            pieces.append(note[last:k])
            last = k + 1
    return [*pieces, note[last:]]


def _escaped(ch: str) -> str:
    return f"U+{ord(ch):04X}" + ("" if not ch.isprintable() or ch.isspace() else f" {ch!r}")


def _escaped_text(text: str) -> str:
    return "".join(c if c.isprintable() and c != "\\" else f"<U+{ord(c):04X}>" for c in text)


def _matching_open(folded: str, lo: int, close_at: int) -> int:
    depth = 0
    for k in range(close_at, lo - 1, -1):
        depth += (folded[k] == ")") - (folded[k] == "(")
        if depth == 0:
            return k
    return lo
