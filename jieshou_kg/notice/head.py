"""The notice's head: title, document number, addressees, preamble and requirements, signature, date.

Page chrome before the title (navigation lines, a metadata block 索引号:…) is
skipped and counted; a metadata line's value fills what the head lacks. A
notice without a title line starts at its plan's first part (its metadata
then comes from the sidecar file or the file's name: meta.py).
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Mention, Notice, Paragraph
from .genre import Genre
from .meta import calendar_date
from .names import split_mentions
from .source import Cursor, Line, fold


def read_head(cursor: Cursor, text: str, genre: Genre, metadata: dict[str, str]) -> Notice:
    """A Notice with its head filled in; the cursor stops at the plan's first line. `metadata` receives
    the metadata block's fields (issuer, doc_number, issued) as printed."""
    head, chrome = genre.head, []
    if not _has_title(cursor, genre):
        return _headless(cursor, text, genre, metadata)
    while not head["title"].match((line := cursor.take("the notice title (…关于印发…的通知)")).folded):
        chrome.append(_metadata(line, genre, metadata, cursor.path))
    title_line, title = line, head["title"].match(line.folded)
    while (line := cursor.peek()) and head["metadata"].match(line.folded):
        chrome.append(_metadata(cursor.take("metadata"), genre, metadata, cursor.path))
    number_line = cursor.take("the document number") if _next(cursor, head["doc_number"]) else None
    addressees_line = cursor.take("the addressees") if _next(cursor, head["addressees"]) else None
    issuer_name = title_line.text[: title.end("issuer")] or metadata.get("issuer", "")
    preamble, requirements = _preamble(cursor, issuer_name, genre, chrome)
    issued = _date(cursor, genre)
    plan_title = title_line.text[title.start("plan") : title.end("plan")].strip("《》")
    plan_line = _plan_title(cursor, plan_title, genre, title_line, chrome)
    return Notice(
        path=cursor.path,
        source=text,
        title=title_line.text[: title.end("title")],
        title_span=title_line.span(0, title.end("title")),
        issuer=Mention(issuer_name, issuer_name, title_line.span(0, title.end("issuer"))) if issuer_name else None,
        doc_code=None,  # code, year and serial: from the number, by meta.complete
        year=0,
        serial=None,
        doc_number=number_line.text if number_line else None,
        # Addressees are separated by ',' only: 各乡、镇、街道 is one addressee.
        addressees=_addressees(addressees_line, cursor.path, genre),
        preamble=preamble,
        requirements=requirements,
        supervisors=_supervisors(requirements, cursor.path, genre),
        issued=issued,
        plan_title=plan_title,
        plan_span=plan_line.span(),
        chrome_lines=chrome,
    )


def _addressees(line: Line | None, path: str, genre: Genre) -> tuple[Mention, ...]:
    """Addressees are separated by ',' only: 各乡、镇、街道 is one addressee."""
    return split_mentions(line, 0, path, genre, separators=",")[0] if line else ()


def _has_title(cursor: Cursor, genre: Genre) -> bool:
    return any(genre.head["title"].match(line.folded) for line in cursor.lines[cursor.i :])


def _headless(cursor: Cursor, text: str, genre: Genre, metadata: dict[str, str]) -> Notice:
    """A notice whose text has no title: what comes before the plan's first part is chrome or metadata."""
    first, chrome = genre.numbering[0], []
    while (line := cursor.peek()) and not first.match(line.folded):
        chrome.append(_metadata(cursor.take("the plan"), genre, metadata, cursor.path))
    start = cursor.peek() or cursor.take("the plan's first part (一、…)")
    span = start.span(0, 0)
    warning = f"{cursor.path}:{start.number}:{start.col}: no title line (…关于印发…的通知); the head comes from "
    notice = Notice(cursor.path, text, "", span, None, None, 0, None, None, (), "", (), (), None, "", span)
    notice.chrome_lines, notice.warnings = chrome, [warning + "the sidecar file or the file's name"]
    return notice


def _date(cursor: Cursor, genre: Genre) -> date | None:
    """The date of issue after the signature; None if the notice goes on without one (附件…)."""
    if (line := cursor.peek()) and not genre.head["date"].match(line.folded):
        return None
    line, found = cursor.expect(genre.head["date"], "the date of issue, e.g. 2020年7月30日")
    return calendar_date(found, cursor.path, line, 0)


def _next(cursor: Cursor, pattern: re.Pattern) -> bool:
    line = cursor.peek()
    return bool(line and pattern.match(line.folded))


def _metadata(line: Line, genre: Genre, metadata: dict[str, str], path: str) -> int:
    """Keep a metadata line's value (索引号: …); the line's number, for the chrome lines."""
    if found := genre.head["metadata"].match(line.folded):
        field = genre.metadata_fields.get(found.group("key"))
        if field:
            metadata.setdefault(field, line.text[found.start("value") :].strip())
        value = found.group("value").strip()
        if field == "issued" and (given := genre.head["metadata_date"].match(value)):
            calendar_date(given, path, line, line.folded.index(value, found.start("value")))
    return line.number


def _plan_title(cursor: Cursor, plan_title: str, genre: Genre, title_line: Line, chrome: list[int]) -> Line:
    """The plan's title line, after any attachment lines (附件); the notice's title if the plan has none."""
    while (line := cursor.peek()) and genre.head["attachment"].match(line.folded):
        chrome.append(cursor.take("附件").number)
    line = cursor.peek()
    if line and genre.numbering[0].match(line.folded):
        return title_line  # no title line before the plan: the plan's title is the notice title's
    line, _ = cursor.expect(re.compile(re.escape(fold(plan_title)) + "$"), f"the plan's title {plan_title!r}")
    return line


def _preamble(cursor: Cursor, issuer: str, genre: Genre, chrome: list[int]) -> tuple[str, tuple[Paragraph, ...]]:
    intro, requirements, head = [], [], genre.head
    while (line := cursor.peek()) and not head["date"].match(line.folded):
        cursor.take("")
        if line.text == issuer and issuer:
            return "\n".join(intro), tuple(requirements)
        if head["attachment"].match(line.folded):
            chrome.append(line.number)
        elif number := head["requirement"].match(line.folded):
            requirements.append(
                Paragraph(line.text[: number.end()], line.text[number.end() :], line.span(number.end()))
            )
        elif requirements:
            raise cursor.error(line, "expected a numbered requirement (二、…) or the issuer's signature")
        else:
            intro.append(line.text)
    if cursor.peek() is None:
        cursor.take(f"the issuer's signature {issuer!r}")
    return "\n".join(intro), tuple(requirements)


def _supervisors(requirements: tuple[Paragraph, ...], path: str, genre: Genre) -> tuple[Mention, ...]:
    found = []
    for paragraph in requirements:
        for match in genre.head["supervision"].finditer(fold(paragraph.text)):
            start = paragraph.span.start + match.start("units")
            line = Line(
                paragraph.span.line,
                start,
                paragraph.span.col + match.start("units"),
                paragraph.text[match.start("units") : match.end("units")],
                match.group("units"),
            )
            found += split_mentions(line, 0, path, genre)[0]
    return tuple(found)
