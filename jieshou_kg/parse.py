"""Notice text -> model. No rdflib here.

The notice is read top to bottom: page chrome, the notice's head (title,
number, addressees, preamble, signature, date), the plan (four levels of
numbered headings, assignment lines, task paragraphs), the annex, and the
page's footer. Every line of the head, plan and annex lands in the model or
stops the parse with `file:line:col` and what was expected.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .errors import InputError
from .model import Annex, Mention, Notice, Paragraph
from .names import split_mentions
from .plan import PlanBuilder
from .source import Line, fold, read_source, split_lines

TITLE = re.compile(r"^(?P<issuer>.+?)关于印发(?P<plan>.+?)的通知$")
DOC_NUMBER = re.compile(r"^(?P<code>\S+?)[〔\[【(](?P<year>\d{4})[〕\]】)](?P<serial>\d+)号$")
ADDRESSEES = re.compile(r"^.+:$")
DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
REQUIREMENT = re.compile(r"^(?P<number>[一二三四五六七八九十]+、)")
SUPERVISION = re.compile(r"(?:^|[。;])(?P<units>[^,;。]+?)要[^。]*?(?:督促检查|督查)")
ANNEX_START = re.compile(r"^附件\s*\d*\s*:?$")
ANNEX_HEADING = re.compile(r"^(?P<number>[一二三四五六七八九十]+、)(?P<body>.+?)(?P<suffix>成员单位名单|成员名单)$")
FOOTER = re.compile(r"\.(pdf|docx?|wps|ofd)$|^(主办|承办|版权所有|网站标识码)", re.IGNORECASE)


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


def read_notice(path: str | Path, encoding: str = "utf-8") -> Notice:
    """Read and parse a notice file."""
    return parse_notice(read_source(path, encoding), str(path))


def parse_notice(text: str, path: str = "<notice>") -> Notice:
    lines = split_lines(text)
    if not lines:
        raise InputError("empty file; expected a notice (…关于印发…的通知)", path, 1, 1)
    cursor = Cursor(lines, path)
    notice = _head(cursor, text)
    builder = PlanBuilder(path)
    while (line := cursor.peek()) and not ANNEX_START.match(line.folded) and not FOOTER.search(line.folded):
        builder.add(cursor.take("a line of the plan"))
    notice.parts = builder.finish(cursor.peek() or lines[-1])
    notice.warnings += builder.warnings
    if (line := cursor.peek()) and ANNEX_START.match(line.folded):
        cursor.take("附件")
        notice.annexes = _annexes(cursor)
    notice.chrome_lines += [line.number for line in lines[cursor.i :]]
    _check_annex_references(notice, cursor)
    return notice


def _head(cursor: Cursor, text: str) -> Notice:
    chrome = []
    while not TITLE.match((line := cursor.take("the notice title (…关于印发…的通知)")).folded):
        chrome.append(line.number)
    title_line, title = line, TITLE.match(line.folded)
    number_line, number = cursor.expect(DOC_NUMBER, "the document number, e.g. 界政发〔2020〕11号")
    addressees_line, _ = cursor.expect(ADDRESSEES, "the addressees, ending with ':'")
    issuer_name = title_line.text[: title.end("issuer")]
    preamble, requirements = _preamble(cursor, issuer_name)
    _, issued = cursor.expect(DATE, "the date of issue, e.g. 2020年7月30日")
    plan_title = title_line.text[title.start("plan") : title.end("plan")].strip("《》")
    plan_line, _ = cursor.expect(re.compile(re.escape(fold(plan_title)) + "$"), f"the plan's title {plan_title!r}")
    return Notice(
        path=cursor.path,
        source=text,
        title=title_line.text,
        title_span=title_line.span(),
        issuer=Mention(issuer_name, issuer_name, title_line.span(0, len(issuer_name))),
        doc_code=number.group("code"),
        year=int(number.group("year")),
        serial=int(number.group("serial")),
        doc_number=number_line.text,
        addressees=_addressees(addressees_line, cursor.path),
        preamble=preamble,
        requirements=requirements,
        supervisors=_supervisors(requirements, cursor.path),
        issued=date(*(int(issued.group(k)) for k in "ymd")),
        plan_title=plan_title,
        plan_span=plan_line.span(),
        chrome_lines=chrome,
    )


def _addressees(line: Line, path: str) -> tuple[Mention, ...]:
    # Addressees are separated by ',' only: 各乡、镇、街道 is one addressee.
    return split_mentions(line, 0, path, separators=",")[0]


def _preamble(cursor: Cursor, issuer: str) -> tuple[str, tuple[Paragraph, ...]]:
    intro, requirements = [], []
    while (line := cursor.take(f"the issuer's signature {issuer!r}")).text != issuer:
        if number := REQUIREMENT.match(line.folded):
            requirements.append(
                Paragraph(line.text[: number.end()], line.text[number.end() :], line.span(number.end()))
            )
        elif requirements:
            raise cursor.error(line, "expected a numbered requirement (二、…) or the issuer's signature")
        else:
            intro.append(line.text)
    return "\n".join(intro), tuple(requirements)


def _supervisors(requirements: tuple[Paragraph, ...], path: str) -> tuple[Mention, ...]:
    found = []
    for paragraph in requirements:
        for match in SUPERVISION.finditer(fold(paragraph.text)):
            start = paragraph.span.start + match.start("units")
            line = Line(
                paragraph.span.line,
                start,
                paragraph.span.col + match.start("units"),
                paragraph.text[match.start("units") : match.end("units")],
                match.group("units"),
            )
            found += split_mentions(line, 0, path)[0]
    return tuple(found)


def _annexes(cursor: Cursor) -> list[Annex]:
    annexes = []
    while (line := cursor.peek()) and not FOOTER.search(line.folded):
        heading = ANNEX_HEADING.match(cursor.take("an annex heading").folded)
        if not heading:
            raise cursor.error(line, "expected an annex heading such as 一、…成员名单, or the page footer")
        body = line.text[heading.start("body") : heading.end("body")]
        members_line = cursor.take(f"the member list of {body}")
        members, _ = split_mentions(members_line, 0, cursor.path)
        body_mention = Mention(body, body, line.span(heading.start("body"), heading.end("body")))
        annexes.append(Annex(heading.group("number"), line.text, body_mention, members, members_line.span()))
    return annexes


def _check_annex_references(notice: Notice, cursor: Cursor) -> None:
    annexed = {annex.body.name for annex in notice.annexes}
    for task in notice.tasks():
        for assignment in task.assignments:
            for mention in assignment.mentions:
                if mention.annex_reference and mention.name not in annexed:
                    raise InputError(
                        f"{mention.name} refers to the annex, but the annex has no list for it",
                        cursor.path,
                        mention.span.line,
                        mention.span.col,
                        mention.printed,
                    )
