"""The plan's lines -> a tree of nodes, by the numbering forms of data/genre.yaml.

A numbered line opens a node, at the depth its numbering form was first met
(Jieshou: 一、 > (一) > 1. > (1); a county: 一、 > 1、). A role line such as
牵头责任单位:… (or a role bracket at the end of the task's own line) gives the
open node assignments and makes it a task; 完成时限:… its deadline; an
unnumbered line right after a heading is that node's paragraph. Numbers are
kept as printed; a gap is a warning, a repeated or backward number an error.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..model import AssignmentLine, Node, Role
from .genre import Genre
from .names import split_mentions
from .source import Line

CN_DIGITS = "一二三四五六七八九"
EXPECTED = "expected a numbered heading (一、 (一) 1. (1)), an assignment line (牵头负责领导:…) or a task's paragraph"
CN_NUMERAL = re.compile(r"^(?:(?P<tens>[二三四五六七八九]?)十)?(?P<units>[一二三四五六七八九]?)$")


def numeral(text: str) -> int | None:
    """1..99 from arabic digits or Chinese numerals (一, 十, 十二, 二十三); None if it is not one."""
    if text.isdigit():
        return int(text)
    match = CN_NUMERAL.match(text)
    if not match or not text:
        return None
    tens = (CN_DIGITS.index(match["tens"]) + 1 if match["tens"] else 1) if "十" in text else 0
    return tens * 10 + (CN_DIGITS.index(match["units"]) + 1 if match["units"] else 0)


class PlanBuilder:
    def __init__(self, path: str, genre: Genre):
        self.path, self.genre = path, genre
        self.parts: list[Node] = []
        self.stack: list[Node] = []
        self.levels: dict[int, int] = {}  # numbering form -> its level in this notice
        self.warnings: list[str] = []
        self.chrome: list[int] = []

    def error(self, line: Line, message: str, col: int = 0) -> InputError:
        return InputError(message, self.path, line.number, line.col + col, line.text)

    def add(self, line: Line) -> None:
        if self.genre.is_chrome(line.folded):
            return self.chrome.append(line.number)
        for form, pattern in enumerate(self.genre.numbering):
            if match := pattern.match(line.folded):
                return self._heading(line, self._level(form), match)
        if self.genre.role_line.match(line.folded):
            return self._assignments(line, self._open_node(line), 0, len(line.text))
        for key, pattern in self.genre.extra_lines.items():
            if match := pattern.match(line.folded):
                return self._extra(line, key, match)
        return self._paragraph(line)

    def _level(self, form: int) -> int:
        if form not in self.levels:
            self.levels[form] = self.stack[-1].level + 1 if self.stack else 1
        return self.levels[form]

    def _heading(self, line: Line, level: int, match: re.Match) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent is None and level > 1:
            raise self.error(line, "expected the plan's first part (一、…) before this heading")
        if parent and parent.assignments:
            raise self.error(line, f"a numbered item under {parent.printed_path}, which already has assignment lines")
        siblings = parent.children if parent else self.parts
        value = numeral(match.group("value"))
        if value is None:
            raise self.error(line, f"{match.group('number')!r} is not a number (expected e.g. 一、 二十三、 (十二))")
        self._check_number(line, value, siblings)
        start = match.end("number")
        start += len(line.folded[start:]) - len(line.folded[start:].lstrip())
        bracket = self.genre.role_bracket.search(line.folded, start)
        end = len(line.folded[: bracket.start()].rstrip()) if bracket else len(line.text)
        if start >= end:
            raise self.error(line, "a heading without text")
        number = line.text[: match.end("number")]
        node = Node(number, value, level, line.text[start:end], line.span(start, end), line.span(0, len(number)))
        node.ordinal = len(siblings) + 1
        node.path = (parent.path if parent else ()) + (value,)
        node.printed_path = (parent.printed_path if parent else "") + number.rstrip(self.genre.number_punctuation)
        siblings.append(node)
        self.stack.append(node)
        if bracket:
            self._assignments(line, node, bracket.start("inner"), bracket.end("inner"))

    def _check_number(self, line: Line, value: int, siblings: list[Node]) -> None:
        previous = siblings[-1].value if siblings else 0
        if value == previous:
            raise self.error(line, f"duplicated number {value}: the previous item has the same number")
        if value < previous:
            raise self.error(line, f"number {value} is out of order: it follows {previous}")
        if value > previous + 1:
            self.warnings.append(f"{self.path}:{line.number}:{line.col}: numbering gap: {value} follows {previous}")

    def _assignments(self, line: Line, node: Node, start: int, end: int) -> None:
        """The role segments of `line` between `start` and `end` (`label:names;label:names`)."""
        if node.children:
            raise self.error(line, f"an assignment line after the sub-items of {node.printed_path}")
        folded, genre = line.folded, self.genre
        for seg_start, seg_end in self._segments(folded, start, end):
            match = genre.role_line.match(folded, seg_start)
            if match is None:
                raise self.error(line, f"expected a role label ({'、'.join(genre.roles)}) followed by ':'", seg_start)
            role = genre.roles[match.group("label")]
            if any(a.role is role for a in node.assignments):
                raise self.error(line, f"a second {role.value} line for {node.printed_path}")
            mentions, open_ended = split_mentions(line, match.end(), self.path, genre, end=seg_end)
            if role is Role.LEAD_OFFICIAL:
                mentions = tuple(replace(m, post=genre.is_post(m.name)) for m in mentions)
            span = line.span() if (seg_start, seg_end) == (0, len(line.text)) else line.span(seg_start, seg_end)
            node.assignments.append(AssignmentLine(role, mentions, open_ended, span))

    def _segments(self, folded: str, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of each role segment of folded[start:end]: a segment starts at every role label
        followed by ':' that a role separator (';' ',' or a space) precedes, and ends before the separators."""
        starts, ends = [start], []
        for found in self.genre.role_label.finditer(folded, start, end):
            label, k = found.start(), found.start()
            while k > start and folded[k - 1] in self.genre.role_separators:
                k -= 1
            if start < k < label:
                starts.append(label)
                ends.append(k)
        return list(zip(starts, [*ends, end], strict=True))

    def _extra(self, line: Line, key: str, match: re.Match) -> None:
        node = self._open_node(line)
        if getattr(node, key) is not None:
            raise self.error(line, f"a second {key} line for {node.printed_path}")
        setattr(node, key, line.text[match.start("value") : match.end("value")])
        setattr(node, f"{key}_span", line.span(match.start("value"), match.end("value")))

    def _paragraph(self, line: Line) -> None:
        node = self._open_node(line)
        if node.assignments or node.children or node.text is not None:
            raise self.error(line, f"unexpected line; {EXPECTED}")
        node.text, node.text_span = line.text, line.span()

    def _open_node(self, line: Line) -> Node:
        if not self.stack:
            raise self.error(line, "unexpected line; expected the plan's first part (一、…)")
        return self.stack[-1]

    def finish(self, next_line: Line) -> list[Node]:
        if not self.parts:
            raise self.error(next_line, "expected the plan's first part (一、…)")
        for part in self.parts:
            for node in part.walk():
                self._finish_node(node)
        return self.parts

    def _finish_node(self, node: Node) -> None:
        if not node.children and not node.assignments:
            span = node.number_span
            raise InputError(
                f"{node.printed_path} has neither sub-items nor assignment lines (is the notice truncated?)",
                self.path,
                span.line,
                span.col,
                node.number + node.heading,
            )
        if node.is_task and node.text is None:
            node.text, node.text_span = node.heading, node.heading_span
            node.heading, node.heading_span = None, None
