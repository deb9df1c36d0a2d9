"""The plan's lines -> a tree of nodes: 一、 > (一) > 1. > (1).

A numbered line opens a node; a line such as 牵头责任单位:… gives the open
node an assignment (and makes it a task); an unnumbered line right after a
heading is that node's paragraph. Numbers are kept as printed; a gap is a
warning, a repeated or backward number an error.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import AssignmentLine, Node, Role
from .names import split_mentions
from .source import Line

CN_DIGITS = "一二三四五六七八九"
LEVELS = (
    (1, re.compile(r"^(?P<number>(?P<value>[一二三四五六七八九十]+)、)")),
    (2, re.compile(r"^(?P<number>\((?P<value>[一二三四五六七八九十]+)\))")),
    (3, re.compile(r"^(?P<number>(?P<value>\d+)[.、])(?!\d)")),
    (4, re.compile(r"^(?P<number>\((?P<value>\d+)\))")),
)
ASSIGNMENT = re.compile(r"^(?P<label>牵头负责领导|牵头责任单位|协同责任单位|责任单位)\s*:")
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
    def __init__(self, path: str):
        self.path = path
        self.parts: list[Node] = []
        self.stack: list[Node] = []
        self.warnings: list[str] = []

    def error(self, line: Line, message: str, col: int = 0) -> InputError:
        return InputError(message, self.path, line.number, line.col + col, line.text)

    def add(self, line: Line) -> None:
        for level, pattern in LEVELS:
            if match := pattern.match(line.folded):
                return self._heading(line, level, match)
        if match := ASSIGNMENT.match(line.folded):
            return self._assignment(line, match)
        return self._paragraph(line)

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
        if start == len(line.text):
            raise self.error(line, "a heading without text")
        number = line.text[: match.end("number")]
        node = Node(
            number, value, level, line.text[start:], line.span(start), line.span(0, len(number)), len(siblings) + 1
        )
        node.path = (parent.path if parent else ()) + (value,)
        node.printed_path = (parent.printed_path if parent else "") + number.rstrip("、.．")
        siblings.append(node)
        self.stack.append(node)

    def _check_number(self, line: Line, value: int, siblings: list[Node]) -> None:
        previous = siblings[-1].value if siblings else 0
        if value == previous:
            raise self.error(line, f"duplicated number {value}: the previous item has the same number")
        if value < previous:
            raise self.error(line, f"number {value} is out of order: it follows {previous}")
        if value > previous + 1:
            self.warnings.append(f"{self.path}:{line.number}:{line.col}: numbering gap: {value} follows {previous}")

    def _assignment(self, line: Line, match: re.Match) -> None:
        node = self._open_node(line)
        if node.children:
            raise self.error(line, f"an assignment line after the sub-items of {node.printed_path}")
        role = Role(match.group("label"))
        if any(a.role is role for a in node.assignments):
            raise self.error(line, f"a second {role.value} line for {node.printed_path}")
        mentions, open_ended = split_mentions(line, match.end(), self.path)
        node.assignments.append(AssignmentLine(role, mentions, open_ended, line.span()))

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
