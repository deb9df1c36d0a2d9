"""A saved query's parameters: form values -> RDF terms, checked, never pasted into the query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import ORG
from rdflib.term import Identifier

from ..errors import QueryError
from ..namespaces import ID, JK

IRI_TYPES = {
    "organization": ORG.Organization,
    "collective": JK.CollectiveAgent,
    "official": JK.Official,
    "body": JK.CoordinatingBody,
    "section": JK.Section,
    "role": JK.Role,
    "unit": JK.Unit,
    "notice": JK.Notice,
}
LITERAL_TYPES = ("text", "number", "boolean", "language")
LANGUAGES = ("zh", "en")
TRUE = {"true", "1", "on", "yes"}
FALSE = {"false", "0", "off", "no", ""}
MAX_TEXT = 200
Known = Callable[[str], set[URIRef]]


@dataclass
class Parameter:
    name: str
    type: str
    label: dict[str, str]
    default: str | None = None
    required: bool = False
    description: dict[str, str] = field(default_factory=dict)
    variable: str = ""  # the query's variable (grlc's ?_name_iri, or ?name)

    @property
    def is_iri(self) -> bool:
        return self.type in IRI_TYPES

    def term(self, raw: str, known: set[URIRef] | None = None) -> Identifier:
        """The RDF term for a form value; QueryError if it is not one."""
        raw = raw.strip()
        if self.is_iri:
            return self._iri(raw, known)
        if self.type == "number":
            try:
                return Literal(Decimal(raw) if "." in raw else int(raw))
            except (InvalidOperation, ValueError):
                raise QueryError(f"parameter {self.name!r}: {raw!r} is not a number").said(
                    "error_not_a_number", name=self.name, value=raw
                ) from None
        if self.type == "language":
            if raw not in LANGUAGES:
                raise QueryError(f"parameter {self.name!r}: language must be one of {', '.join(LANGUAGES)}").said(
                    "error_language", name=self.name
                )
            return Literal(raw)
        if self.type == "boolean":
            if raw.lower() not in TRUE | FALSE:
                raise QueryError(f"parameter {self.name!r}: {raw!r} is not true or false").said(
                    "error_not_boolean", name=self.name, value=raw
                )
            return Literal(raw.lower() in TRUE)
        if len(raw) > MAX_TEXT or any(ord(c) < 32 for c in raw):
            raise QueryError(f"parameter {self.name!r}: text must be at most {MAX_TEXT} printable characters").said(
                "error_text", name=self.name, n=MAX_TEXT
            )
        return Literal(raw)

    def _iri(self, raw: str, known: set[URIRef] | None) -> URIRef:
        """A full IRI, or one relative to the dataset's id/ space (org/…); it must be a known resource."""
        iri = URIRef(raw if raw.startswith(("http://", "https://")) else ID[raw.lstrip("/")])
        if known is not None and iri not in known:
            raise QueryError(f"parameter {self.name!r}: {raw!r} is not a known {self.type}").said(
                "error_unknown_value", name=self.name, value=raw, type=self.type
            )
        return iri


def bind_form(parameters: list[Parameter], raw: dict[str, str], known: Known, lang: str = "zh") -> dict:
    """Form values -> RDF terms: defaults filled in, IRIs checked against `known(type)`."""
    unknown = set(raw) - {p.name for p in parameters}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise QueryError(f"unknown parameter(s): {names}").said("error_unknown_parameter", names=names)
    values: dict[str, Identifier] = {}
    for p in parameters:
        given = lang if p.type == "language" else raw.get(p.name, "").strip()
        defaulted = p.name not in raw and p.default is not None and p.type != "language"
        choices = known(p.type) if p.is_iri and (given or defaulted) else None  # read once, and only if needed
        if defaulted:
            given = _default(p, choices)
        if not given:
            if p.required:
                raise QueryError(f"parameter {p.name!r} is required").said("error_required", name=p.name)
            continue
        values[p.name] = p.term(given, choices)
    return values


def _default(p: Parameter, choices: set[URIRef] | None) -> str:
    """The header's default. The defaults name resources of the bundled notice, which a corpus may lack: then
    a required IRI parameter takes the first of its type in this dataset (`choices`), and an optional one none."""
    if choices is None:
        return p.default
    if p.term(p.default) in choices:
        return p.default
    return str(min(choices)) if p.required and choices else ""
