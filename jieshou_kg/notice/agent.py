"""Who the registry knows: organizations, collective references, officials and posts, and units."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OtherName:
    zh: str
    en: str | None
    type: str


@dataclass(frozen=True)
class Agent:
    """An organization, a collective reference or an official."""

    category: str  # organization | collective | official | post
    slug: str
    zh: str
    en: str | None
    kind: str = ""
    other_names: tuple[OtherName, ...] = ()
    covers: tuple[str, ...] = ()
    scope: str = ""
    pinyin: str = ""
    registered: bool = True
    place: str = ""


@dataclass(frozen=True)
class Unit:
    zh: str
    slug: str
    en: str
    kind: str
    qudt: str
