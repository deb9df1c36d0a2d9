"""The data/ files -> lookups: who is who, in Chinese and English.

Every organization, collective reference, official, unit of measure and
English heading lives in a CSV file under data/, never in Python. A name the
registry does not know still gets an agent (slug from its pinyin, no English
label) so that SHACL can warn about it instead of the build losing it.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from .errors import InputError
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
        registry = cls()
        registry.kinds = {r["slug"]: (r["zh"], r["en"]) for _, r in _rows(data / "org-kinds.csv")}
        registry.pinyin_overrides = {r["zh"]: r["pinyin"] for _, r in _rows(data / "pinyin-overrides.csv")}
        registry.units = {
            r["zh"]: Unit(r["zh"], r["slug"], r["en"], r["kind"], r["qudt"]) for _, r in _rows(data / "units.csv")
        }
        registry.multipliers = {r["zh"]: Decimal(r["factor"]) for _, r in _rows(data / "multipliers.csv")}
        registry.headings_en = {(r["document"], r["notation"]): r["en"] for _, r in _rows(data / "headings-en.csv")}
        other = {}
        for where, r in _rows(data / "other-names.csv"):
            other.setdefault(r["slug"], []).append((where, OtherName(r["zh"], r["en"] or None, r["type"])))
        for where, r in _rows(data / "organizations.csv"):
            registry._check_kind(r["kind"], where)
            registry._add(Agent("organization", r["slug"], r["zh"], r["en"] or None, r["kind"]), other, where)
        for where, r in _rows(data / "collectives.csv"):
            covers = tuple(r["covers"].split("|"))
            for kind in covers:
                registry._check_kind(kind, where)
            registry._add(
                Agent("collective", r["slug"], r["zh"], r["en"], "", covers=covers, scope=r["scope"]), other, where
            )
        for where, r in _rows(data / "officials.csv"):
            registry._add(registry._official(r["zh"], r["slug"]), {}, where)
        for slug, names in other.items():
            if not any(a.slug == slug for a in registry.agents.values()):
                raise InputError(f"other name for unknown slug {slug!r}", *names[0][0])
        return registry

    def _check_kind(self, kind: str, where: tuple[str, int, int]) -> None:
        if kind not in self.kinds:
            raise InputError(f"unknown organization kind {kind!r}; expected one of data/org-kinds.csv", *where)

    def _add(self, agent: Agent, other: dict, where: tuple[str, int, int]) -> None:
        names = other.get(agent.slug, [])
        agent = Agent(**{**agent.__dict__, "other_names": tuple(n for _, n in names)})
        if (agent.category, agent.slug) in self.agents:
            raise InputError(f"duplicated slug {agent.slug!r}", *where)
        self.agents[(agent.category, agent.slug)] = agent
        for zh in [agent.zh] + [n.zh for n in agent.other_names]:
            if fold(zh) in self.by_name:
                raise InputError(f"the name {zh!r} already belongs to {self.by_name[fold(zh)].slug!r}", *where)
            self.by_name[fold(zh)] = agent

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
