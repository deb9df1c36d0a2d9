"""Notice text -> model: the one entry point of this step.

The notice is read top to bottom: page chrome and the head (head.py), the
plan (plan.py), the annex (annex.py), and the page's footer; what the head
lacks comes from the sidecar file (meta.py). Every line of the head, plan and
annex lands in the model or stops the read with `file:line:col` and what was
expected. What differs between notices is data/genre.yaml's (genre.py).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Notice
from .annex import check_annex_references, read_annexes
from .genre import Genre, load_genre
from .head import read_head
from .meta import complete
from .plan import PlanBuilder
from .sidecar import read_sidecar
from .source import Cursor, read_source, split_lines


def read_notice(
    path: str | Path, encoding: str = "utf-8", max_bytes: int | None = None, data: str | Path | None = None
) -> Notice:
    """Read and parse a notice file (refused over `max_bytes`), with its sidecar `<path>.yaml` if there is
    one; `data` is the folder of genre.yaml (the bundled one by default)."""
    text = read_source(path, encoding, max_bytes)
    genre = load_genre(data)
    return parse_notice(text, str(path), genre, read_sidecar(path, genre))


def parse_notice(text: str, path: str = "<notice>", genre: Genre | None = None, sidecar: dict | None = None) -> Notice:
    """Parse the text of a notice; `path` is what errors and warnings name."""
    genre = genre or load_genre()
    lines = split_lines(text)
    if not lines:
        raise InputError("empty file; expected a notice (…关于印发…的通知)", path, 1, 1)
    cursor, metadata = Cursor(lines, path), {}
    notice = read_head(cursor, text, genre, metadata)
    builder = PlanBuilder(path, genre)
    while (line := cursor.peek()) and not genre.annex_start.match(line.folded) and not genre.footer.search(line.folded):
        builder.add(cursor.take("a line of the plan"))
    notice.parts = builder.finish(cursor.peek() or lines[-1])
    notice.warnings += builder.warnings
    notice.chrome_lines += builder.chrome
    if (line := cursor.peek()) and genre.annex_start.match(line.folded):
        cursor.take("附件")
        notice.annexes = read_annexes(cursor, genre)
    notice.chrome_lines += [line.number for line in lines[cursor.i :]]
    check_annex_references(notice, path)
    complete(notice, genre, metadata, sidecar or {})
    return notice
