"""The choices of a parameter's picker: the resources of its type, each labelled in the page's language
with the other language beside it. Read once per type and language."""

from __future__ import annotations

from threading import Lock

from rdflib import URIRef

from ..saved import Option, options


class Pickers:
    def __init__(self, store):
        self.store = store
        self._options: dict[str, list[Option]] = {}
        self._choices: dict[tuple[str, str], list[tuple[str, str]]] = {}
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

    def choices(self, kind: str, lang: str) -> list[tuple[str, str]]:
        """(value, text) for each option: the label in `lang`, and the other language's beside it."""
        key = (kind, lang)
        if key not in self._choices:
            other = "en" if lang == "zh" else "zh"
            found = []
            for option in self.options(kind):
                main = option.labels.get(lang) or option.labels.get("zh") or option.value
                second = option.labels.get(other)
                found.append((option.value, f"{main} — {second}" if second and second != main else main))
            with self.lock:
                self._choices[key] = found
        return self._choices[key]
