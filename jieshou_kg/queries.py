"""queries/*.rq -> SavedQuery: a header of `#+ key: value` lines (YAML), then SPARQL.

    #+ title: {zh: 某机构共同牵头的任务, en: Tasks an organization co-leads}
    #+ description: {zh: …, en: …}
    #+ audience: staff
    #+ parameters:
    #+   org: {type: organization, label: {zh: 机构, en: Organization}, default: org/housing-urban-rural-development}

Parameters are bound as RDF terms: a VALUES block built from rdflib terms is
put at the start of the query's top-level WHERE group. Values are never pasted
into the query text: an IRI must name a resource of the parameter's type, and
literals are written by rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from .binding import bind_values, where_group_start
from .errors import InputError, QueryError
from .namespaces import ID

HEADER = re.compile(r"^#\+ ?(.*)$")
IRI_TYPES = {
    "organization": "org:Organization",
    "collective": "jk:CollectiveAgent",
    "official": "jk:Official",
    "section": "jk:Section",
    "role": "jk:Role",
    "unit": "jk:Unit",
}
LITERAL_TYPES = ("text", "number", "boolean", "language")
LANGUAGES = ("zh", "en")
TRUE = {"true", "1", "on", "yes"}
FALSE = {"false", "0", "off", "no", ""}
MAX_TEXT = 200


@dataclass
class Parameter:
    name: str
    type: str
    label: dict[str, str]
    default: str | None = None
    required: bool = False
    description: dict[str, str] = field(default_factory=dict)

    @property
    def is_iri(self) -> bool:
        return self.type in IRI_TYPES

    def term(self, raw: str, known: set[URIRef] | None = None) -> Identifier:
        """The RDF term for a form value; QueryError if it is not one."""
        raw = raw.strip()
        if self.is_iri:
            iri = URIRef(raw if raw.startswith(("http://", "https://")) else ID[raw.lstrip("/")])
            if known is not None and iri not in known:
                raise QueryError(f"parameter {self.name!r}: {raw!r} is not a known {self.type}")
            return iri
        if self.type == "number":
            try:
                return Literal(Decimal(raw) if "." in raw else int(raw))
            except (InvalidOperation, ValueError):
                raise QueryError(f"parameter {self.name!r}: {raw!r} is not a number") from None
        if self.type == "language":
            if raw not in LANGUAGES:
                raise QueryError(f"parameter {self.name!r}: language must be one of {', '.join(LANGUAGES)}")
            return Literal(raw)
        if self.type == "boolean":
            if raw.lower() not in TRUE | FALSE:
                raise QueryError(f"parameter {self.name!r}: {raw!r} is not true or false")
            return Literal(raw.lower() in TRUE)
        if len(raw) > MAX_TEXT or any(ord(c) < 32 for c in raw):
            raise QueryError(f"parameter {self.name!r}: text must be at most {MAX_TEXT} printable characters")
        return Literal(raw)


@dataclass
class SavedQuery:
    slug: str
    title: dict[str, str]
    description: dict[str, str]
    audience: str
    parameters: list[Parameter]
    sparql: str
    path: Path

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)

    def bind(self, values: dict[str, Identifier]) -> str:
        """The query text with `values` bound by a VALUES block."""
        return bind_values(self.sparql, values)

    def values(self, raw: dict[str, str], known: Callable[[str], set[URIRef]], lang: str = "zh") -> dict:
        """Form values -> RDF terms: defaults filled in, IRIs checked against `known(type)`."""
        unknown = set(raw) - {p.name for p in self.parameters}
        if unknown:
            raise QueryError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
        values: dict[str, Identifier] = {}
        for p in self.parameters:
            given = lang if p.type == "language" else raw.get(p.name, "").strip()
            if p.name not in raw and p.default is not None and p.type != "language":
                given = p.default
            if not given:
                if p.required:
                    raise QueryError(f"parameter {p.name!r} is required")
                continue
            values[p.name] = p.term(given, known(p.type) if p.is_iri else None)
        return values


@dataclass(frozen=True)
class Option:
    iri: URIRef
    labels: dict[str, str]

    @property
    def value(self) -> str:
        """The IRI as a plain string (rdflib terms never equal plain strings)."""
        return str(self.iri)


OPTIONS_QUERY = """
PREFIX jk: <https://w3id.org/jieshou-kg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?value ?label ?notation WHERE {
  ?value a %s .
  OPTIONAL { ?value skos:prefLabel ?label }
  OPTIONAL { ?value skos:notation ?notation }
}"""


def known_in(store) -> Callable[[str], set[URIRef]]:
    """`known` for SavedQuery.values: the IRIs of each type, straight from the store."""
    return lambda kind: {option.iri for option in options(store, kind)}


def options(store, kind: str) -> list[Option]:
    """The resources a parameter of type `kind` can take, with their labels by language."""
    labels: dict[URIRef, dict[str, str]] = {}
    order: dict[URIRef, tuple] = {}
    for row in store.select(OPTIONS_QUERY % IRI_TYPES[kind]).rows:
        names = labels.setdefault(row["value"], {})
        if label := row.get("label"):
            names.setdefault(label.language or "", str(label))
        notation = str(row.get("notation", ""))
        order[row["value"]] = tuple(int(n) for n in notation.split(".")) if re.fullmatch(r"[\d.]+", notation) else ()
    return sorted(
        (Option(iri, names) for iri, names in labels.items()),
        key=lambda o: (order[o.iri], o.labels.get("zh", ""), str(o.iri)),
    )


def load_queries(directory: str | Path) -> dict[str, SavedQuery]:
    queries = {}
    for path in sorted(Path(directory).glob("*.rq")):
        query = load_query(path)
        queries[query.slug] = query
    return queries


def load_query(path: Path, strict: bool = True) -> SavedQuery:
    """A query file; `strict` (saved queries) requires title, description and audience."""
    if not path.is_file():
        raise InputError("no such query file", str(path), 0, 0)
    text = path.read_text(encoding="utf-8")
    header = "\n".join(m.group(1) for line in text.splitlines() if (m := HEADER.match(line)))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as err:
        raise InputError(f"bad query header: {err}", str(path), 1, 1) from None
    for key in ("title", "description", "audience"):
        if key not in meta and strict:
            raise InputError(f"the query header needs '{key}'", str(path), 1, 1)
        meta.setdefault(key, {"zh": path.stem, "en": path.stem} if key != "audience" else "researchers")
    parameters = [_parameter(name, spec or {}, path) for name, spec in (meta.get("parameters") or {}).items()]
    sparql = "\n".join(line for line in text.splitlines() if not HEADER.match(line)).strip() + "\n"
    if parameters:
        where_group_start(sparql, str(path))
    return SavedQuery(path.stem, meta["title"], meta["description"], meta["audience"], parameters, sparql, path)


def _parameter(name: str, spec: dict, path: Path) -> Parameter:
    kind = spec.get("type", "text")
    if kind not in IRI_TYPES and kind not in LITERAL_TYPES:
        raise InputError(f"parameter {name!r} has unknown type {kind!r}", str(path), 1, 1)
    default = spec.get("default")
    return Parameter(
        name,
        kind,
        spec.get("label", {"zh": name, "en": name}),
        None if default is None else str(default).lower() if isinstance(default, bool) else str(default),
        bool(spec.get("required", False)),
        spec.get("description", {}),
    )
