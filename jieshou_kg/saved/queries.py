"""queries/*.rq -> SavedQuery: a header of `#+ key: value` lines (YAML), then SPARQL.

    #+ summary: Tasks an organization co-leads              plain strings, as grlc reads them (English)
    #+ summary_zh: 某机构共同牵头的任务                      the same in Chinese, beside them
    #+ description: Tasks where the organization shares the lead…
    #+ description_zh: 该机构与其他单位共同担任牵头责任单位的任务…
    #+ audience: staff                      staff | researchers | internal (the site's own, not listed)
    #+ featured: 1                          optional: shown first (home page, editor examples)
    #+ chart: {label: org, value: total}    optional: drawn as bars on the charts page
    #+ columns: {task: {zh: 任务, en: Task}, …}   titles of the result's columns (columns.py)
    #+ parameters:
    #+   org: {type: organization, label: {zh: 机构, en: Organization}, default: org/housing-urban-rural-development}

A parameter `org` is the query's variable `?_org_iri` (grlc's convention: one underscore required, two
optional, then the name and its type: `_iri`, `_xsd_boolean`, `_integer`), or plain `?org`. The SPARQL
has no PREFIX lines of its own: every query starts with the one prefix header of namespaces.py.
Parameters are bound as RDF terms (parameters.py, binding.py), never pasted into the text.
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
from .columns import Column, read_columns
from .parameters import IRI_TYPES, LITERAL_TYPES, Known, Parameter, bind_form

HEADER = re.compile(r"^#\+ ?(.*)$")
AUDIENCES = ("staff", "researchers", "internal")
GRLC_VARIABLE = r"\?(_{{1,2}}){name}(?:_[A-Za-z0-9]+)*\b"


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
    columns: dict[str, Column] = field(default_factory=dict)
    text: str = ""  # the file as it is, header included

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)

    def bind(self, values: dict[str, Identifier]) -> str:
        """The query text with `values` bound by a VALUES block (on each parameter's variable)."""
        variables = {p.name: p.variable for p in self.parameters}
        return bind_values(self.sparql, {variables.get(name, name): term for name, term in values.items()})

    def values(self, raw: dict[str, str], known: Known, lang: str = "zh") -> dict:
        """Form values -> RDF terms: defaults filled in, IRIs checked against `known(type)`."""
        return bind_form(self.parameters, raw, known, lang)

    def column(self, name: str) -> Column:
        return self.columns.get(name) or Column(name, {"zh": name, "en": name})


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
    internal = meta.get("audience", "researchers" if not strict else None) == "internal"
    title, description = _texts(meta, "title", "summary", path), _texts(meta, "description", "description", path)
    for key, found in (("summary", title), ("description", description), ("audience", meta.get("audience"))):
        if not found and strict and not internal:
            raise InputError(f"the query header needs '{key}'", str(path), 1, 1)
    audience = meta.get("audience") or "researchers"
    if audience not in AUDIENCES:
        raise InputError(f"audience must be one of {', '.join(AUDIENCES)}", str(path), 1, 1)
    body = "\n".join(line for line in text.splitlines() if not HEADER.match(line)).strip() + "\n"
    sparql = SPARQL_PREFIXES + body  # a file's own PREFIX lines come later and win
    specs = (meta.get("parameters") or {}).items()
    parameters = [_parameter(name, spec or {}, body, path) for name, spec in specs]
    if parameters:
        where_group_start(sparql, str(path))
    return SavedQuery(
        path.stem, title or {"zh": path.stem, "en": path.stem}, description or {"en": ""}, audience, parameters,
        sparql, path, meta.get("featured"), meta.get("chart") or {}, read_columns(meta.get("columns"), path), text,
    )  # fmt: skip


def _header(text: str, path: Path) -> dict:
    header = "\n".join(m.group(1) for line in text.splitlines() if (m := HEADER.match(line)))
    try:
        return yaml.safe_load(header) or {}
    except yaml.YAMLError as err:
        raise InputError(f"bad query header: {err}", str(path), 1, 1) from None


def _texts(meta: dict, key: str, plain: str, path: Path) -> dict[str, str]:
    """A text in both languages: `key: {zh, en}`, or grlc's plain `plain:` (English) with `plain_zh:` beside it."""
    if isinstance(meta.get(key), dict):
        return {lang: str(text) for lang, text in meta[key].items()}
    texts = {"en": meta.get(plain), "zh": meta.get(f"{plain}_zh")}
    if any(text is not None and not isinstance(text, str) for text in texts.values()):
        raise InputError(f"'{plain}' and '{plain}_zh' must be plain strings", str(path), 1, 1)
    return {lang: text for lang, text in texts.items() if text}


def _parameter(name: str, spec: dict, body: str, path: Path) -> Parameter:
    kind = spec.get("type", "text")
    if kind not in IRI_TYPES and kind not in LITERAL_TYPES:
        raise InputError(f"parameter {name!r} has unknown type {kind!r}", str(path), 1, 1)
    default, required = spec.get("default"), bool(spec.get("required", False))
    grlc = re.search(GRLC_VARIABLE.format(name=re.escape(name)), body)
    if grlc and (len(grlc.group(1)) == 1) != (required or kind == "language"):
        underscores = "one underscore (required)" if required or kind == "language" else "two (optional)"
        raise InputError(f"parameter {name!r}: its variable {grlc.group()} should have {underscores}", str(path), 1, 1)
    return Parameter(
        name,
        kind,
        spec.get("label", {"zh": name, "en": name}),
        None if default is None else str(default).lower() if isinstance(default, bool) else str(default),
        required,
        spec.get("description", {}),
        grlc.group()[1:] if grlc else name,
    )
