"""The data/ files -> lookups: who is who, in Chinese and English, in which place.

Every organization, collective reference, official, unit of measure and
English heading lives in a CSV file under data/, never in Python. Names are
registered per place (the `place` column: 市财政局 of 界首市 is not another
place's); a row without a place is every place's. A name the registry does not
know is minted (mint.py): an agent of its notice's place, to be reviewed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from ..errors import InputError
from .agent import Agent, OtherName, Unit
from .mint import PERSONS, Mint, NameKind
from .pinyin import person_pinyin, strip_tones
from .slugs import ascii_words, is_safe
from .slugs import slug as slug_of
from .source import fold


@dataclass
class Registry:
    """Who is who, shared by all the notices of a build (the agents it mints included)."""

    agents: dict[tuple[str, str], Agent] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Agent] = field(default_factory=dict)  # (place, folded name)
    mint: Mint = field(default_factory=Mint)
    kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    multipliers: dict[str, Decimal] = field(default_factory=dict)
    headings_en: dict[tuple[str, str], str] = field(default_factory=dict)
    pinyin_overrides: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: str | Path) -> Registry:
        data = Path(data_dir)
        registry = cls(
            kinds={r["slug"]: (r["zh"], r["en"]) for _, r in _rows(data / "org-kinds.csv")},
            units={
                r["zh"]: Unit(r["zh"], r["slug"], r["en"], r["kind"], r["qudt"]) for _, r in _rows(data / "units.csv")
            },
            multipliers={r["zh"]: Decimal(r["factor"]) for _, r in _rows(data / "multipliers.csv")},
            headings_en={(r["document"], r["notation"]): r["en"] for _, r in _rows(data / "headings-en.csv")},
            pinyin_overrides={r["zh"]: r["pinyin"] for _, r in _rows(data / "pinyin-overrides.csv")},
            mint=Mint([NameKind(**r) for _, r in _rows(data / "name-kinds.csv", optional=True)]),
        )
        registry.mint.guesses.sort(key=lambda g: (g.match != "prefix", -len(g.text)))
        other: dict[str, list[tuple[tuple, OtherName]]] = {}
        for where, r in _rows(data / "other-names.csv"):
            other.setdefault(r["slug"], []).append((where, OtherName(r["zh"], r["en"] or None, r["type"])))
        for where, agent in list(registry._read_agents(data)):
            names = tuple(name for _, name in other.get(agent.slug, [])) if agent.category != "official" else ()
            registry._add(replace(agent, other_names=names), agent.zh, where)
        for slug, names in other.items():
            agent = registry.agents.get(("organization", slug)) or registry.agents.get(("collective", slug))
            if agent is None:
                raise InputError(f"other name for unknown slug {slug!r}", *names[0][0])
            for where, name in names:
                registry._add(agent, name.zh, where)
        return registry

    def _read_agents(self, data: Path):
        for where, r in _rows(data / "organizations.csv"):
            self._check_kind(r["kind"], where)
            yield where, Agent("organization", r["slug"], r["zh"], r["en"] or None, r["kind"], place=r.get("place", ""))
        for where, r in _rows(data / "collectives.csv"):
            covers = tuple(r["covers"].split("|"))
            for kind in covers:
                self._check_kind(kind, where)
            place = r.get("place", "")
            yield where, Agent("collective", r["slug"], r["zh"], r["en"], covers=covers, scope=r["scope"], place=place)
        for where, r in _rows(data / "officials.csv"):
            official = self._official(r["zh"], r["slug"], toned=r.get("pinyin") or None)
            yield where, replace(official, place=r.get("place", ""))
        for where, r in _rows(data / "reviewed-names.csv", optional=True):
            yield where, self._reviewed(r, where)

    def _reviewed(self, r: dict, where: tuple[str, int, int]) -> Agent:
        """A reviewed row of names-to-review.csv (slug, name, kind, place, notices, en), now registered."""
        en, place = r.get("en") or None, r.get("place", "")
        if r["kind"] in ("official", "post"):
            agent = (
                self._official(r["name"], r["slug"])
                if r["kind"] == "official"
                else Agent("post", r["slug"], r["name"], None)
            )
            return replace(agent, en=en or agent.en, place=place)
        if r["kind"] == "collective":
            guess = self.mint.guess(r["name"])
            return Agent("collective", r["slug"], r["name"], en, scope=guess.scope if guess else "", place=place)
        self._check_kind(r["kind"], where)
        return Agent("organization", r["slug"], r["name"], en, r["kind"], place=place)

    def _check_kind(self, kind: str, where: tuple[str, int, int]) -> None:
        if kind not in self.kinds:
            raise InputError(f"unknown organization kind {kind!r}; expected one of data/org-kinds.csv", *where)

    def _add(self, agent: Agent, name: str, where: tuple[str, int, int]) -> None:
        if self.agents.get((agent.category, agent.slug), agent) != agent:
            raise InputError(f"duplicated slug {agent.slug!r}", *where)
        self.agents[(agent.category, agent.slug)] = agent
        owner = self.by_name.setdefault((agent.place, fold(name)), agent)
        if owner != agent:
            raise InputError(f"the name {name!r} already belongs to {owner.slug!r}", *where)

    def _registered(self, name: str, place: str | None, persons: bool) -> Agent | None:
        """The registered agent of `place` (else of every place) called `name`; with place None, the one
        agent of any place that has the name."""
        key = fold(name)
        if place is None:
            found = {a for (_, n), a in self.by_name.items() if n == key and (a.category in PERSONS) == persons}
            return found.pop() if len(found) == 1 else None
        for candidate in (self.by_name.get((place, key)), self.by_name.get(("", key))):
            if candidate and (candidate.category in PERSONS) == persons:
                return candidate
        return None

    def organization(self, name: str, place: str | None = None, notice: str = "") -> Agent:
        """The organization or collective of `place` called `name`; a minted one if unknown (place None:
        any place's)."""
        return self._registered(name, place, False) or self._minted(name, place, notice, "organization")

    def official(self, name: str, place: str | None = None, notice: str = "", post: bool = False) -> Agent:
        """The official (or post: 市政府常务副市长) of `place` called `name`; a minted one if unknown."""
        agent = self._registered(name, place, True)
        if agent and (agent.category == "post") == post:
            return agent
        return self._minted(name, place, notice, "post" if post else "official")

    def _minted(self, name: str, place: str | None, notice: str, category: str) -> Agent:
        if found := self.mint.recall(category, place, name, notice):
            return found
        guess = self.mint.guess(name) if category == "organization" else None
        category = guess.category if guess else category
        if category == "official":
            base = ascii_words(strip_tones(person_pinyin(name, self.pinyin_overrides)))
        else:
            base = slug_of(name)
        slug = self.mint.slug_for(base, name, place, category, self._taken)
        if category in PERSONS:
            agent = self._official(name, slug) if category == "official" else Agent("post", slug, name, None)
        else:
            kind = (guess.kind or "unregistered") if guess else "unregistered"
            scope = guess.scope if guess else ""
            agent = Agent(category, slug, name, None, kind if category == "organization" else "", scope=scope)
        agent = replace(agent, registered=False, place=place or "")
        self.mint.keep(agent, notice)
        return agent

    def _taken(self, category: str, slug: str, name: str) -> bool:
        minted = [a for a in self.mint.minted.values() if (a.category, a.slug) == (category, slug)]
        return any(a.zh != name for a in [*minted, *filter(None, [self.agents.get((category, slug))])])

    @property
    def warnings(self) -> list[str]:
        """One line per minted name: `minted org/… for 市X局 of 某县 (not in data/)`."""
        return self.mint.warnings

    def review_rows(self) -> list[dict]:
        """The minted agents, for names-to-review.csv: slug, name, kind (a guess), place, notices, en."""
        return self.mint.review_rows()

    def _official(self, zh: str, slug: str | None, registered: bool = True, toned: str | None = None) -> Agent:
        """An official; `toned` is the reviewed pinyin with tone marks (officials.csv), else pypinyin's."""
        toned = toned or person_pinyin(zh, self.pinyin_overrides)
        plain = strip_tones(toned)
        slug = slug or ascii_words(plain)
        return Agent("official", slug, zh, plain, pinyin=toned, registered=registered)

    def of_category(self, category: str) -> list[Agent]:
        return [a for a in self.agents.values() if a.category == category]


def _rows(path: Path, optional: bool = False):
    """Rows of a CSV file with where they are, for errors: ((file, line, col), row)."""
    if optional and not path.is_file():
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            for row in reader:
                found = {k: (v or "").strip() for k, v in row.items()}
                _check_slug(found, reader, path)
                yield (str(path), reader.line_num, 1), found
    except FileNotFoundError:
        raise InputError("missing data file", str(path), 0, 0) from None


def _check_slug(row: dict, reader: csv.DictReader, path: Path) -> None:
    """A row's slug must be of the safe alphabet: it becomes part of an IRI."""
    if "slug" in row and not is_safe(row["slug"]):
        col = list(reader.fieldnames or []).index("slug") + 1
        expected = "expected lower-case ASCII letters and digits in words joined by '-' (e.g. teng-min)"
        raise InputError(f"the slug {row['slug']!r} is not safe; {expected}", str(path), reader.line_num, col)


__all__ = ["Agent", "OtherName", "Registry", "Unit", "person_pinyin", "strip_tones"]
