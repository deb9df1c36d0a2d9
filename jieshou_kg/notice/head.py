"""The notice's head: title, document number, addressees, preamble and requirements, signature, date.

Page chrome before the title (navigation lines) is skipped and counted.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Mention, Notice, Paragraph
from .names import split_mentions
from .source import Cursor, Line, fold

TITLE = re.compile(r"^(?P<issuer>.+?)关于印发(?P<plan>.+?)的通知$")
DOC_NUMBER = re.compile(r"^(?P<code>\S+?)[〔\[【(](?P<year>\d{4})[〕\]】)](?P<serial>\d+)号$")
ADDRESSEES = re.compile(r"^.+:$")
DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
REQUIREMENT = re.compile(r"^(?P<number>[一二三四五六七八九十]+、)")
SUPERVISION = re.compile(r"(?:^|[。;])(?P<units>[^,;。]+?)要[^。]*?(?:督促检查|督查)")


def read_head(cursor: Cursor, text: str) -> Notice:
    """A Notice with its head filled in; the cursor stops at the plan's first line."""
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
        # Addressees are separated by ',' only: 各乡、镇、街道 is one addressee.
        addressees=split_mentions(addressees_line, 0, cursor.path, separators=",")[0],
        preamble=preamble,
        requirements=requirements,
        supervisors=_supervisors(requirements, cursor.path),
        issued=date(*(int(issued.group(k)) for k in "ymd")),
        plan_title=plan_title,
        plan_span=plan_line.span(),
        chrome_lines=chrome,
    )


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
