"""Plain dataclasses for what a notice says. No rdflib here.

Every piece of text keeps its `Span` in the source, so the graph can point a
reader back to the exact characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum


@dataclass(frozen=True)
class Span:
    """Characters `start`..`end` (code points) of the source text; `line`/`col` are 1-based."""

    start: int
    end: int
    line: int
    col: int


class Role(Enum):
    """The four kinds of assignment lines, keyed by their printed label."""

    LEAD_OFFICIAL = "牵头负责领导"
    LEAD_UNIT = "牵头责任单位"
    COOPERATING_UNIT = "协同责任单位"
    RESPONSIBLE_UNIT = "责任单位"


class Bound(Enum):
    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    EXACT = "exact"


@dataclass(frozen=True)
class Mention:
    """One name in a list, as printed: `市财政局(市政府金融办)` is name 市财政局 acting as 市政府金融办."""

    printed: str
    name: str
    span: Span
    acted_under: tuple[str, ...] = ()
    defines_alias: str | None = None
    annex_reference: bool = False
    members_of: bool = False
    post: bool = False  # a leader given as a post (市政府常务副市长), not a person


@dataclass(frozen=True)
class AssignmentLine:
    role: Role
    mentions: tuple[Mention, ...]
    open_ended: bool
    span: Span


@dataclass(frozen=True)
class Target:
    """A quantity in a task text: `植树造林5000亩` -> 5000, 亩, exact."""

    text: str
    value: Decimal
    printed_value: str
    unit: str
    bound: Bound
    span: Span


@dataclass
class Node:
    """A numbered heading or task. A node with assignment lines is a task."""

    number: str
    value: int
    level: int
    heading: str | None
    heading_span: Span | None
    number_span: Span | None = None
    ordinal: int = 0
    text: str | None = None
    text_span: Span | None = None
    assignments: list[AssignmentLine] = field(default_factory=list)
    deadline: str | None = None  # 完成时限:… as printed
    deadline_span: Span | None = None
    targets: list[Target] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    path: tuple[int, ...] = ()
    printed_path: str = ""

    @property
    def is_task(self) -> bool:
        return bool(self.assignments)

    @property
    def span(self) -> Span:
        spans = [s for s in (self.number_span, self.heading_span, self.text_span) if s]
        spans += [a.span for a in self.assignments]
        spans += [self.deadline_span] if self.deadline_span else []
        first, last = spans[0], max(spans, key=lambda s: s.end)
        return Span(first.start, last.end, first.line, first.col)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Paragraph:
    number: str
    text: str
    span: Span


@dataclass(frozen=True)
class Annex:
    number: str
    title: str
    body: Mention
    members: tuple[Mention, ...]
    span: Span


@dataclass
class Notice:
    """One notice. What a notice may lack (a document number, a date) is None; `place` is the issuing
    government's place as printed (界首市, 某某县), `slug` the key of its IRIs."""

    path: str
    source: str
    title: str
    title_span: Span
    issuer: Mention | None
    doc_code: str | None
    year: int
    serial: int | None
    doc_number: str | None
    addressees: tuple[Mention, ...]
    preamble: str
    requirements: tuple[Paragraph, ...]
    supervisors: tuple[Mention, ...]
    issued: date | None
    plan_title: str
    plan_span: Span
    place: str = ""
    slug: str = ""
    names_leaders: bool = True
    parts: list[Node] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    chrome_lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def nodes(self):
        for part in self.parts:
            yield from part.walk()

    def tasks(self):
        return [n for n in self.nodes() if n.is_task]
