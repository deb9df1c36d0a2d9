"""The data/ files -> lookups: who is who, in Chinese and English.

Every organization, collective reference, official, unit of measure and
English heading lives in a CSV file under data/, never in Python. A name the
registry does not know still gets an agent (slug from its pinyin, no English
label) so that SHACL can warn about it instead of the build losing it.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from ..errors import InputError
from .source import fold


@dataclass(frozen=True)
class OtherName:
    zh: str
    en: str | None
    type: str


@dataclass(frozen=True)
class Agent:
    """An organization, a collective reference or an official."""

    category: str  # organization | collective | official
    slug: str
    zh: str
    en: str | None
    kind: str = ""
    other_names: tuple[OtherName, ...] = ()
    covers: tuple[str, ...] = ()
    scope: str = ""
    pinyin: str = ""
    registered: bool = True


@dataclass(frozen=True)
class Unit:
    zh: str
    slug: str
    en: str
    kind: str
    qudt: str


@dataclass
class Registry:
    agents: dict[tuple[str, str], Agent] = field(default_factory=dict)
    by_name: dict[str, Agent] = field(default_factory=dict)
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
        )
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
            yield where, Agent("organization", r["slug"], r["zh"], r["en"] or None, r["kind"])
        for where, r in _rows(data / "collectives.csv"):
            covers = tuple(r["covers"].split("|"))
            for kind in covers:
                self._check_kind(kind, where)
            yield where, Agent("collective", r["slug"], r["zh"], r["en"], covers=covers, scope=r["scope"])
        for where, r in _rows(data / "officials.csv"):
            yield where, self._official(r["zh"], r["slug"])

    def _check_kind(self, kind: str, where: tuple[str, int, int]) -> None:
        if kind not in self.kinds:
            raise InputError(f"unknown organization kind {kind!r}; expected one of data/org-kinds.csv", *where)

    def _add(self, agent: Agent, name: str, where: tuple[str, int, int]) -> None:
        if self.agents.get((agent.category, agent.slug), agent) != agent:
            raise InputError(f"duplicated slug {agent.slug!r}", *where)
        self.agents[(agent.category, agent.slug)] = agent
        owner = self.by_name.setdefault(fold(name), agent)
        if owner != agent:
            raise InputError(f"the name {name!r} already belongs to {owner.slug!r}", *where)

    def organization(self, name: str) -> Agent:
        """The organization or collective called `name`; an unregistered one if unknown."""
        agent = self.by_name.get(fold(name))
        if agent and agent.category != "official":
            return agent
        slug = "-".join(lazy_pinyin(name)).lower().replace("ü", "v")
        return Agent("organization", slug, name, None, "unregistered", registered=False)

    def official(self, name: str) -> Agent:
        agent = self.by_name.get(fold(name))
        if agent and agent.category == "official":
            return agent
        return self._official(name, None, registered=False)

    def _official(self, zh: str, slug: str | None, registered: bool = True) -> Agent:
        toned = person_pinyin(zh, self.pinyin_overrides)
        plain = strip_tones(toned)
        slug = slug or plain.lower().replace("ü", "v").replace(" ", "-")
        return Agent("official", slug, zh, plain, pinyin=toned, registered=registered)

    def slug_of(self, zh: str) -> str:
        """A readable ASCII slug from Chinese text: 界政发 -> jiezhengfa."""
        return "".join(lazy_pinyin(zh)).lower().replace("ü", "v")

    def of_category(self, category: str) -> list[Agent]:
        return [a for a in self.agents.values() if a.category == category]


def person_pinyin(zh: str, overrides: dict[str, str]) -> str:
    """Hanyu pinyin with tone marks, surname first: 滕敏 -> 'Téng Mǐn'.

    A reviewed override (a whole name, or the surname it starts with) wins
    over pypinyin's reading.
    """
    if zh in overrides:
        return overrides[zh]
    surname = next((k for k in sorted(overrides, key=len, reverse=True) if zh.startswith(k)), None)
    if surname:
        family, given = overrides[surname], zh[len(surname) :]
    else:
        family, given = "".join(lazy_pinyin(zh[0], style=Style.TONE)).capitalize(), zh[1:]
    given_pinyin = "".join(lazy_pinyin(given, style=Style.TONE)).capitalize()
    return f"{family} {given_pinyin}".strip()


def strip_tones(toned: str) -> str:
    """'Lǚ Mǐn' -> 'Lü Min': drop tone marks, keep the diaeresis."""
    decomposed = unicodedata.normalize("NFD", toned)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def _rows(path: Path):
    """Rows of a CSV file with where they are, for errors: ((file, line, col), row)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            for row in reader:
                yield (str(path), reader.line_num, 1), {k: (v or "").strip() for k, v in row.items()}
    except FileNotFoundError:
        raise InputError("missing data file", str(path), 0, 0) from None
