"""What the head lacks: place, year, document number, date, slug.

They come from the notice's text (the title's issuer, the document number, a
metadata block), and a sidecar file `<notice file>.yaml` (place, year,
doc_number, issued, title, names_leaders) fills or overrides them. A notice
without a document number is keyed by its place, year and file name.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..model import Notice, Role
from .genre import Genre
from .slugs import slug
from .source import Line, fold


def calendar_date(found: re.Match, path: str, line: Line, col: int) -> date:
    """The date of a match with groups y, m, d; an impossible one (2024年2月30日) is refused where it is."""
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError as err:
        message = f"{found.group(0)!r} is not a date ({err}); expected a date of the calendar, e.g. 2024年2月29日"
        raise InputError(message, path, line.number, line.col + col, line.text) from None


def complete(notice: Notice, genre: Genre, metadata: dict[str, str], sidecar: dict) -> None:
    """Fill the notice's number, date, year, place, slug and names_leaders from its text, metadata and sidecar."""
    head = genre.head
    number_text = str(sidecar.get("doc_number") or metadata.get("doc_number") or notice.doc_number or "")
    if head["no_number"].match(number_text.strip()):
        number_text = ""
    if number := head["doc_number"].match(fold(number_text.strip())):
        notice.doc_number, notice.doc_code = number_text.strip(), number.group("code")
        notice.serial, notice.year = int(number.group("serial")), int(number.group("year"))
    elif number_text and not notice.doc_number:
        notice.warnings.append(f"{notice.path}: document number {number_text!r} is not of the form 界政发〔2020〕11号")
    notice.issued = _issued(sidecar, metadata, genre) or notice.issued
    notice.title = str(sidecar.get("title") or notice.title)
    notice.year = int(sidecar.get("year") or notice.year or _year_of(notice, genre) or 0)
    notice.place = str(sidecar.get("place") or _place(notice, metadata, genre))
    if not notice.place:
        notice.warnings.append(f"{notice.path}: the notice's place is unknown (give it in {notice.path}.yaml: place)")
    leaders = any(a.role is Role.LEAD_OFFICIAL for t in notice.tasks() for a in t.assignments)
    notice.names_leaders = bool(sidecar.get("names_leaders", leaders))
    notice.slug = notice_slug(notice, genre)


def _issued(sidecar: dict, metadata: dict[str, str], genre: Genre) -> date | None:
    given = sidecar.get("issued")
    if isinstance(given, date):
        return given
    text = str(given or metadata.get("issued") or "")
    found = genre.head["metadata_date"].match(text.strip()) or genre.head["date"].match(text.strip())
    return date(int(found["y"]), int(found["m"]), int(found["d"])) if found else None


def _year_of(notice: Notice, genre: Genre) -> int | None:
    if notice.issued:
        return notice.issued.year
    found = genre.head["year"].search(notice.title or notice.plan_title)
    return int(found.group("year")) if found else None


def _place(notice: Notice, metadata: dict[str, str], genre: Genre) -> str:
    for name in (notice.issuer.name if notice.issuer else "", metadata.get("issuer", "")):
        if found := genre.head["place"].match(name):
            return found.group("place")
    return ""


def notice_slug(notice: Notice, genre: Genre) -> str:
    """jiezhengfa-2020-11 from 界政发〔2020〕11号 (the code's key from genre.yaml, else its pinyin); without
    a number: place, year and file name."""
    if notice.doc_code and notice.serial is not None:
        code = genre.document_codes.get(notice.doc_code) or slug(notice.doc_code, joined=True)
        return f"{code}-{notice.year}-{notice.serial}"
    place = slug(notice.place, joined=True) if notice.place else ""
    parts = [place, str(notice.year or ""), slug(Path(notice.path).stem)]
    return "-".join(p for p in parts if p)
