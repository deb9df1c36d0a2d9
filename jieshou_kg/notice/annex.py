"""The notice's annex: member lists of coordinating bodies (一、…成员名单), and the check that
every `(见附件)` in the plan has its list."""

from __future__ import annotations

from ..errors import InputError
from ..model import Annex, Mention, Notice
from .genre import Genre
from .names import check_name, split_mentions
from .source import Cursor


def read_annexes(cursor: Cursor, genre: Genre) -> list[Annex]:
    """The annex's lists, up to the page footer."""
    annexes = []
    while (line := cursor.peek()) and not genre.footer.search(line.folded):
        heading = genre.annex_heading.match(cursor.take("an annex heading").folded)
        if not heading:
            raise cursor.error(line, "expected an annex heading such as 一、…成员名单, or the page footer")
        check_name(line, heading.start("body"), heading.end("body"), cursor.path, genre)
        body = line.text[heading.start("body") : heading.end("body")]
        members_line = cursor.take(f"the member list of {body}")
        members, _ = split_mentions(members_line, 0, cursor.path, genre)
        body_mention = Mention(body, body, line.span(heading.start("body"), heading.end("body")))
        annexes.append(Annex(heading.group("number"), line.text, body_mention, members, members_line.span()))
    return annexes


def check_annex_references(notice: Notice, path: str) -> None:
    annexed = {annex.body.name for annex in notice.annexes}
    for task in notice.tasks():
        for assignment in task.assignments:
            for mention in assignment.mentions:
                if mention.annex_reference and mention.name not in annexed:
                    raise InputError(
                        f"{mention.name} refers to the annex, but the annex has no list for it",
                        path,
                        mention.span.line,
                        mention.span.col,
                        mention.printed,
                    )
