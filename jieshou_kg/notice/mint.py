"""Names the registry does not know: minted agents of their notice's place, to review.

A minted agent has a slug from the safe alphabet (the place's pinyin, then the
name's: `mouxian-xian-fa-gai-ju`), its name as written, pinyin for a person, a
kind guessed from data/name-kinds.csv (…局 -> department, 各… -> a
collective), and a warning. The same (place, name) is the same agent across
the notices of a build; `review_rows()` lists them for names-to-review.csv,
whose reviewed rows moved into data/reviewed-names.csv make them registered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .slugs import slug
from .source import fold

PATHS = {"organization": "org", "collective": "collective", "official": "person", "post": "post"}
PERSONS = ("official", "post")


@dataclass(frozen=True)
class NameKind:
    """A row of data/name-kinds.csv: a name with this prefix or suffix is probably of this kind."""

    match: str  # prefix | suffix
    text: str
    category: str
    kind: str
    scope: str


@dataclass
class Mint:
    """The agents minted in one build, keyed by (person or not, place, folded name)."""

    guesses: list[NameKind] = field(default_factory=list)
    minted: dict[tuple[bool, str, str], object] = field(default_factory=dict)
    notices: dict[tuple[bool, str, str], list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def guess(self, name: str) -> NameKind | None:
        for row in self.guesses:
            if (name.startswith(row.text) if row.match == "prefix" else name.endswith(row.text)) and name != row.text:
                return row
        return None

    def slug_for(self, base: str, name: str, place: str | None, category: str, taken) -> str:
        """`place-pinyin` + the name's slug `base`; a digest is added if another name already has it."""
        base = base or slug(name)
        found = f"{slug(place, joined=True)}-{base}" if place else base
        if taken(category, found, name):
            found += "-" + hashlib.sha1(f"{place}|{name}".encode()).hexdigest()[:6]
        return found

    def recall(self, category: str, place: str | None, name: str, notice: str):
        key = (category in PERSONS, place or "", fold(name))
        if notice and notice not in self.notices.setdefault(key, []):
            self.notices[key].append(notice)
        return self.minted.get(key)

    def keep(self, agent, notice: str) -> None:
        key = (agent.category in PERSONS, agent.place, fold(agent.zh))
        self.minted[key] = agent
        self.notices.setdefault(key, [notice] if notice else [])
        where = f"of {agent.place}" if agent.place else "of an unknown place"
        self.warnings.append(f"minted {PATHS[agent.category]}/{agent.slug} for {agent.zh} {where} (not in data/)")

    def review_rows(self) -> list[dict]:
        """One row per minted agent: slug, name, kind (a guess), place, notices, en (empty)."""
        rows = []
        for key, agent in self.minted.items():
            kind = agent.kind if agent.category == "organization" else agent.category
            notices = "|".join(self.notices.get(key, []))
            rows.append({"slug": agent.slug, "name": agent.zh, "kind": kind, "place": agent.place, "notices": notices})
            rows[-1]["en"] = ""
        return sorted(rows, key=lambda r: (r["place"], r["kind"], r["slug"]))
