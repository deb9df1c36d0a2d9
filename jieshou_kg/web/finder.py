"""Finding things without SPARQL: the site search, the pickers' search-as-you-type, and lists of every
organization, official and collective reference.

/search?q=…            names in both languages, other names, pinyin and initials, and task texts, by kind
/pickers/<type>?q=…    the choices of a picker that match (JSON), for long lists a page does not carry
/id/org/, /id/person/, /id/collective/   every resource of the kind, in the order people look for them
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, g, jsonify, render_template, request

from ..saved.parameters import IRI_TYPES
from .cache import shared
from .collate import fold
from .errors import refuse
from .site import Site, site

bp = Blueprint("finder", __name__)
bp.after_request(shared("Accept-Language", "Cookie"))
KINDS = ("organization", "body", "collective", "official")  # what the search looks for, in this order
SPACES = {"org": "organization", "person": "official", "collective": "collective"}
SHOWN = 20  # results of one kind on the search page
MAX_WORDS = 100


@dataclass(frozen=True)
class Task:
    iri: str
    number: str
    text: str
    keys: str


@bp.get("/pickers/<kind>")
def picker(kind: str):
    """The choices of a picker of type `kind` whose names, other names or pinyin contain ?q=."""
    if kind not in IRI_TYPES:
        refuse(404, f"no picker {kind!r}", "error_no_picker", name=kind)
    choices, total = site().pickers.find(kind, request.args.get("q", "")[:MAX_WORDS], g.lang)
    return jsonify({"choices": [{"value": c.value, "text": c.text, "lang": c.lang} for c in choices], "total": total})


@bp.get("/search")
def search():
    """Organizations, officials, collective references and tasks that match ?q=, grouped by kind."""
    s, words = site(), request.args.get("q", "").strip()[:MAX_WORDS]
    groups = []
    if fold(words):
        for kind in KINDS:
            choices, total = s.pickers.find(kind, words, g.lang, SHOWN)
            groups.append((kind, [c for c in choices if kind != "organization" or c.value not in _bodies(s)], total))
        found = [task for task in tasks(s) if fold(words) in task.keys]
        groups.append(("task", found[:SHOWN], len(found)))
    return render_template("search.html", words=words, groups=groups, shown=SHOWN)


def _bodies(s: Site) -> set[str]:
    return s.memo("bodies", lambda: {c.value for c in s.pickers.choices("body", "zh")})


def tasks(s: Site) -> list[Task]:
    """Every task with its number and text, made once."""

    def make() -> list[Task]:
        rows = s.select("search-tasks").rows
        return [
            Task(str(r["task"]), str(r["number"]), str(r["text"]), fold(f"{r['number']} {r['text']}")) for r in rows
        ]

    return s.memo("search-tasks", make)


@bp.get("/id/<any(org, person, collective):space>/")
def browse(space: str):
    """Every organization, official or collective reference, named in the page's language."""
    kind = SPACES[space]
    return render_template("browse.html", kind=kind, choices=site().pickers.choices(kind, g.lang))
