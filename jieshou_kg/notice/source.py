"""Source text: decoding, line ends, and lines that know where they are.

Matching happens on a *folded* copy of each line in which full-width ASCII
(（１）, ：, ，) and the ideographic and no-break spaces become their plain
forms. The fold maps one character to one character, so offsets found in the
folded copy are offsets in the original, and stored text is always sliced from
the original. No NFKC: it would turn ① into 1.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Span

FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}


def fold(text: str) -> str:
    return text.translate(FOLD)


@dataclass(frozen=True)
class Line:
    """One non-blank line, stripped: `text` as printed, `folded` for matching."""

    number: int
    start: int
    col: int
    text: str
    folded: str

    def span(self, i: int = 0, j: int | None = None) -> Span:
        j = len(self.text) if j is None else j
        return Span(self.start + i, self.start + j, self.number, self.col + i)


def read_source(path: str | Path, encoding: str = "utf-8", max_bytes: int | None = None) -> str:
    """Decode a notice file: a UTF-8 BOM is dropped, CRLF and CR become LF. A file over `max_bytes`
    is refused before it is read."""
    try:
        size = Path(path).stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"the notice is {size} bytes; expected at most {max_bytes} (the setting max_notice_bytes)",
                str(path),
                1,
                1,
            )
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read the notice: {err.strerror}", str(path), 0, 0) from None
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", str(path), 1, 1) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        # the column counts characters (what an editor shows), not bytes
        before = data[data.rfind(b"\n", 0, err.start) + 1 : err.start]
        col = len(before.decode(encoding, errors="replace").removeprefix("\ufeff")) + 1
        raise InputError(
            f"cannot decode byte {data[err.start]:#04x} as {encoding}; "
            "expected UTF-8 (use --encoding gb18030 for a GB18030 file)",
            str(path),
            line,
            col,
        ) from None
    return normalize_newlines(text)


def normalize_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, stripped of surrounding (folded) whitespace."""
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        folded = fold(raw)
        lead = len(folded) - len(folded.lstrip())
        end = len(folded.rstrip())
        if end > lead:
            lines.append(Line(number, offset + lead, lead + 1, raw[lead:end], folded[lead:end]))
        offset += len(raw) + 1
    return lines


class Cursor:
    """The lines of one file, read one at a time, with errors that say where."""

    def __init__(self, lines: list[Line], path: str):
        self.lines, self.path, self.i = lines, path, 0

    def peek(self) -> Line | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def take(self, expected: str) -> Line:
        line = self.peek()
        if line is None:
            last = self.lines[-1].number + 1 if self.lines else 1
            raise InputError(f"unexpected end of file; expected {expected}", self.path, last, 1)
        self.i += 1
        return line

    def expect(self, pattern: re.Pattern, expected: str) -> tuple[Line, re.Match]:
        """The next line, which must match `pattern`."""
        line = self.take(expected)
        match = pattern.match(line.folded)
        if not match:
            raise self.error(line, f"expected {expected}")
        return line, match

    def error(self, line: Line, message: str) -> InputError:
        return InputError(message, self.path, line.number, line.col, line.text)
