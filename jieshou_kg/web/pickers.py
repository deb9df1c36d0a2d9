"""The choices of a parameter's picker and of the site search: the resources of a type, each labelled in
the page's language with the other language beside it, found by name, other name, pinyin or initials,
ordered by pinyin in Chinese and A to Z in English (sections in document order). Read once per type.

A short list is written into the page; a long one is not (a page stays small at any scale): the page
holds the current choice, and the picker asks `find` (the /pickers endpoint) as the user types.
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from rdflib import URIRef

from ..saved import Option, options
from .collate import fold, has_han, search_keys, sort_key

INLINE = 150  # options a page carries at most; past that the picker searches
FOUND = 50  # choices one search answers with


@dataclass(frozen=True)
class Choice:
    value: str  # the IRI
    text: str  # the name in the page's language, and the other language's beside it
    lang: str  # the language `text` starts in
    keys: str  # what a search looks in (collate.search_keys)


class Pickers:
    def __init__(self, store):
        self.store = store
        self._options: dict[str, list[Option]] = {}
        self._choices: dict[tuple[str, str], list[Choice]] = {}
        self.lock = Lock()

    def options(self, kind: str) -> list[Option]:
        if kind not in self._options:
            found = options(self.store, kind)
            with self.lock:
                self._options[kind] = found
        return self._options[kind]

    def known(self, kind: str) -> set[URIRef]:
        """The IRIs a parameter of type `kind` may take (SavedQuery.values checks against it)."""
        return {option.iri for option in self.options(kind)}

    def inline(self, kind: str) -> bool:
        return len(self.options(kind)) <= INLINE

    def choices(self, kind: str, lang: str) -> list[Choice]:
        """Every option, named in `lang`, in the order people look for them."""
        key = (kind, lang)
        if key not in self._choices:
            found = [_choice(option, lang) for option in self.options(kind)]
            if not any(option.ordered for option in self.options(kind)):
                found.sort(key=lambda c: (sort_key(c.text, lang), c.value))
            with self.lock:
                self._choices[key] = found
        return self._choices[key]

    def find(self, kind: str, words: str, lang: str, limit: int = FOUND) -> tuple[list[Choice], int]:
        """The choices whose names, other names, pinyin or initials contain `words`; and how many there are."""
        needle = fold(words)
        found = [c for c in self.choices(kind, lang) if needle in c.keys] if needle else self.choices(kind, lang)
        return found[:limit], len(found)

    def chosen(self, kind: str, value: str, lang: str) -> Choice | None:
        """The choice for `value` (without ordering or indexing the whole list: a long one's page needs one)."""
        option = next((o for o in self.options(kind) if o.value == value), None)
        return _choice(option, lang) if option else None


def _choice(option: Option, lang: str) -> Choice:
    other = "en" if lang == "zh" else "zh"
    main = option.labels.get(lang) or option.labels.get(other) or next(iter(option.labels.values()), option.value)
    second = option.labels.get(other) if option.labels.get(lang) else None
    text = f"{main} — {second}" if second and second != main else main
    keys = search_keys([*option.labels.values(), *option.aliases])
    return Choice(option.value, text, "zh" if has_han(main) else "en", keys)
