"""Hanyu pinyin of persons' names, with the reviewed readings of data/pinyin-overrides.csv."""

from __future__ import annotations

import unicodedata


def person_pinyin(zh: str, overrides: dict[str, str]) -> str:
    """Hanyu pinyin with tone marks, surname first: 滕敏 -> 'Téng Mǐn'.

    A reviewed override (a whole name, or the surname it starts with) wins
    over pypinyin's reading.
    """
    if zh in overrides:
        return overrides[zh]
    # imported here: its dictionaries take 0.2 s to load, and a build whose names data/ all reads
    # (officials.csv gives their pinyin, genre.yaml the document codes' keys) never needs them
    from pypinyin import Style, lazy_pinyin

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
