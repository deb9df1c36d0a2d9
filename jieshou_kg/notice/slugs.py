"""Slugs for IRIs, from a safe alphabet only: `[a-z0-9]+(-[a-z0-9]+)*`.

Chinese text becomes its pinyin (界政发 -> jiezhengfa); anything else that is
not an ASCII letter or digit (a '#', '/', '..', a control, bidi or zero-width
character) separates words and never reaches a slug.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

UNSAFE = re.compile(r"[^a-z0-9]+")


def ascii_words(text: str) -> str:
    """Lower-case ASCII letters and digits of `text`, other characters as '-' (ü -> v, é -> e)."""
    text = text.lower().replace("ü", "v")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return UNSAFE.sub("-", plain).strip("-")


def slug(text: str, joined: bool = False) -> str:
    """A slug of Chinese text: its pinyin syllables joined by '-' (or run together when `joined`).
    A text with no letter or digit gets `x-` and a digest of it, so a slug is never empty."""
    from pypinyin import lazy_pinyin  # here, not at the top: see pinyin.person_pinyin

    syllables = [ascii_words(s) for s in lazy_pinyin(text)]
    found = ("" if joined else "-").join(s for s in syllables if s)
    found = ascii_words(found)
    return found or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def is_safe(candidate: str) -> bool:
    return re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", candidate) is not None
