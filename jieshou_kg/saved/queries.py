"""queries/*.rq -> SavedQuery: a header of `#+ key: value` lines (YAML), then SPARQL.

    #+ title: {zh: 某机构共同牵头的任务, en: Tasks an organization co-leads}
    #+ description: {zh: …, en: …}
    #+ audience: staff                      staff | researchers | internal (the site's own, not listed)
    #+ featured: 1                          optional: shown first (home page, editor examples)
    #+ chart: {label: org, value: total}    optional: drawn as bars on the charts page
    #+ parameters:
    #+   org: {type: organization, label: {zh: 机构, en: Organization}, default: org/housing-urban-rural-development}

The SPARQL has no PREFIX lines of its own: every query starts with the one
prefix header of namespaces.py. Parameters are bound as RDF terms
(parameters.py, binding.py), never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib.term import Identifier

from ..errors import InputError
from ..namespaces import SPARQL_PREFIXES
from .binding import bind_values, where_group_start
from .parameters import IRI_TYPES, LITERAL_TYPES, Known, Parameter, bind_form

HEADER = re.compile(r"^#\+ ?(.*)$")
AUDIENCES = ("staff", "researchers", "internal")


@dataclass
class SavedQuery:
    slug: str
    title: dict[str, str]
    description: dict[str, str]
    audience: str
    parameters: list[Parameter]
    sparql: str
    path: Path
    featured: int | None = None
    chart: dict = field(default_factory=dict)

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)

    def bind(self, values: dict[str, Identifier]) -> str:
        """The query text with `values` bound by a VALUES block."""
        return bind_values(self.sparql, values)

    def values(self, raw: dict[str, str], known: Known, lang: str = "zh") -> dict:
        """Form values -> RDF terms: defaults filled in, IRIs checked against `known(type)`."""
        return bind_form(self.parameters, raw, known, lang)


def load_queries(directory: str | Path) -> dict[str, SavedQuery]:
    """Every query file of `directory`, by slug (its file name without .rq)."""
    path = Path(directory)
    if not path.is_dir():
        raise InputError("no such folder of saved queries", str(path), 0, 0)
    return {query.slug: query for query in map(load_query, sorted(path.glob("*.rq")))}


def load_query(path: Path, strict: bool = True) -> SavedQuery:
    """A query file; `strict` (saved queries) requires title, description and audience."""
    if not path.is_file():
        raise InputError("no such query file", str(path), 0, 0)
    text = path.read_text(encoding="utf-8")
    meta = _header(text, path)
    internal = meta.get("audience") == "internal"
    for key in ("title", "description", "audience"):
        if key not in meta and strict and not internal:
            raise InputError(f"the query header needs '{key}'", str(path), 1, 1)
        meta.setdefault(key, {"zh": path.stem, "en": path.stem} if key != "audience" else "researchers")
    if meta["audience"] not in AUDIENCES:
        raise InputError(f"audience must be one of {', '.join(AUDIENCES)}", str(path), 1, 1)
    parameters = [_parameter(name, spec or {}, path) for name, spec in (meta.get("parameters") or {}).items()]
    body = "\n".join(line for line in text.splitlines() if not HEADER.match(line)).strip() + "\n"
    sparql = SPARQL_PREFIXES + body  # a file's own PREFIX lines come later and win
    if parameters:
        where_group_start(sparql, str(path))
    description = meta["description"] if isinstance(meta["description"], dict) else {"en": meta["description"]}
    return SavedQuery(
        path.stem, meta["title"], description, meta["audience"], parameters, sparql, path,
        meta.get("featured"), meta.get("chart") or {},
    )  # fmt: skip


def _header(text: str, path: Path) -> dict:
    header = "\n".join(m.group(1) for line in text.splitlines() if (m := HEADER.match(line)))
    try:
        return yaml.safe_load(header) or {}
    except yaml.YAMLError as err:
        raise InputError(f"bad query header: {err}", str(path), 1, 1) from None


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
