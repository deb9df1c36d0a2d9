"""Notice text -> model: the one entry point of this step.

The notice is read top to bottom: page chrome and the head (head.py), the
plan (plan.py), the annex (annex.py), and the page's footer. Every line of
the head, plan and annex lands in the model or stops the read with
`file:line:col` and what was expected.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import Notice
from .annex import ANNEX_START, check_annex_references, read_annexes
from .head import read_head
from .plan import PlanBuilder
from .source import Cursor, read_source, split_lines

FOOTER = re.compile(r"\.(pdf|docx?|wps|ofd)$|^(主办|承办|版权所有|网站标识码)", re.IGNORECASE)


def read_notice(path: str | Path, encoding: str = "utf-8") -> Notice:
    """Read and parse a notice file."""
    return parse_notice(read_source(path, encoding), str(path))


def parse_notice(text: str, path: str = "<notice>") -> Notice:
    """Parse the text of a notice; `path` is what errors and warnings name."""
    lines = split_lines(text)
    if not lines:
        raise InputError("empty file; expected a notice (…关于印发…的通知)", path, 1, 1)
    cursor = Cursor(lines, path)
    notice = read_head(cursor, text)
    builder = PlanBuilder(path)
    while (line := cursor.peek()) and not ANNEX_START.match(line.folded) and not FOOTER.search(line.folded):
        builder.add(cursor.take("a line of the plan"))
    notice.parts = builder.finish(cursor.peek() or lines[-1])
    notice.warnings += builder.warnings
    if (line := cursor.peek()) and ANNEX_START.match(line.folded):
        cursor.take("附件")
        notice.annexes = read_annexes(cursor, FOOTER)
    notice.chrome_lines += [line.number for line in lines[cursor.i :]]
    check_annex_references(notice, path)
    return notice
