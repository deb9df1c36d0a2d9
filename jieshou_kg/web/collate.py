"""How people find and order names: by pinyin in Chinese (市财政局 is found by "caizheng" and "czj"),
A to Z in English, case and width folded."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import lazy_pinyin

HAN = re.compile(r"[\u3400-\u9fff]")
SORT_CHARS = 24  # enough of a Chinese text to order it by (pinyin costs time)


def fold(text: str) -> str:
    """Text as it is compared: full-width forms and case folded, spaces dropped."""
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


@lru_cache(maxsize=200_000)
def pinyin(text: str) -> tuple[str, str]:
    """The pinyin of a Chinese text without tones or spaces, and its initials: ("shicaizhengju", "sczj")."""
    if not HAN.search(text):
        return "", ""
    syllables = [s for s in lazy_pinyin(text) if s.strip()]
    return fold("".join(syllables)).replace("ü", "v"), "".join(s[0] for s in syllables).casefold()


def search_keys(texts: list[str]) -> str:
    """One string to search in: each text folded, with its pinyin and initials (NUL between, never typed)."""
    keys = []
    for text in texts:
        keys.append(fold(text))
        keys.extend(k for k in pinyin(text) if k)
    return "\0".join(keys)


def sort_key(text: str, lang: str) -> str:
    """Chinese by pinyin, English A to Z (a text without Han characters sorts by itself in both)."""
    head = text[:SORT_CHARS]
    if lang == "zh" and HAN.search(head):
        return pinyin(head)[0]
    return unicodedata.normalize("NFKC", text[:120]).casefold()


def has_han(text: str) -> bool:
    return bool(HAN.search(text))
