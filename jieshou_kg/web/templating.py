"""What templates can call: translations, labels, links, and a few filters. Autoescaping stays on."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from flask import Flask, g, render_template, request
from markupsafe import Markup, escape
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS

from ..namespaces import BASE, DEF, JK, ONTOLOGY, PREFIXES
from .charts import bar_chart
from .i18n import Translator, load_messages, pick
from .labels import iris_in
from .labels import pick as pick_label
from .links import local_url
from .site import site


def register(app: Flask) -> None:
    names = {"JK": JK, "RDF": RDF, "RDFS": RDFS, "OWL": OWL, "SKOS": SKOS, "DCTERMS": DCTERMS, "ORG": ORG}
    app.jinja_env.globals.update(
        t=Translator(load_messages()),
        pick=pick,
        label=label,
        link=link,
        cell=cell,
        local_url=local_url,
        url_with=url_with,
        fixed=fixed,
        texts=texts,
        role_chart=role_chart,
        BASE=BASE,
        ONTOLOGY=ONTOLOGY,
        JK_NS=DEF,
        **names,
    )
    app.jinja_env.tests.update(iri=lambda v: isinstance(v, URIRef), number_literal=is_number, web_iri=is_web_iri)
    app.jinja_env.filters["short_iri"] = short_iri
    app.jinja_env.filters["bytes"] = human_size
    app.jinja_env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}


def prefetch_labels(*things) -> None:
    """Fetch, in one query, the labels of every IRI a page is about to show."""
    g.labels = {**g.get("labels", {}), **site().labels.fetch(iris_in(*things))}


def label(iri) -> str:
    """The IRI's label in the page's language (fetched by prefetch_labels, or now if it was not)."""
    if not isinstance(iri, URIRef):
        return str(iri)
    known = g.get("labels", {})
    if str(iri) not in known:
        prefetch_labels(iri)
        known = g.labels
    return pick_label(known.get(str(iri), {}), g.get("lang", "zh"), iri)


def link(iri) -> Markup:
    """An IRI as a link to its page, named by its label; an outside http(s) IRI as an outside link; anything
    else (javascript:, data:, a literal) as text. A function, not a Jinja macro: a page shows dozens of IRIs,
    and a macro call costs ten times as much."""
    url = local_url(iri)
    if url:
        return Markup('<a href="%s">%s</a>') % (url, label(iri))
    if is_web_iri(iri):
        return Markup('<a href="%s" rel="external nofollow">%s</a>') % (iri, iri)
    return Markup('<span class="iri">%s</span>') % iri


def cell(value) -> Markup:
    """A value of a table: an IRI as link() writes it, a literal as its text, nothing for None."""
    if value is None:
        return Markup("")
    return link(value) if isinstance(value, URIRef) else escape(value)


def fixed(template: str) -> Markup:
    """A part of every page that depends only on the language (the navigation, the footer), rendered once."""
    key = ("fixed", template, g.get("lang", "zh"), request.script_root)
    return site().memo(key, lambda: Markup(render_template(template)))


def url_with(**changes) -> str:
    """This page's URL with some query parameters changed (None: removed)."""
    args = request.args.to_dict(flat=False)
    args.update({k: [v] for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        args.pop(key, None)
    return request.path + "?" + urlencode(args, doseq=True)


def is_web_iri(value) -> bool:
    """Only http(s) IRIs become links: results are data, and javascript: or data: IRIs are shown as text."""
    return str(value).lower().startswith(("http://", "https://"))


def is_number(value) -> bool:
    return isinstance(value, Literal) and isinstance(value.toPython(), (int, float, Decimal))


def human_size(size: int) -> str:
    """A file size as people read it: 4.2 MB."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return ""


def short_iri(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix != "id":
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def texts(graph, subject, predicate) -> dict[str, str]:
    return {(o.language or ""): str(o) for o in graph.objects(subject, predicate)}


def role_chart(tasks: dict, groups: list[tuple[str, str]]) -> dict:
    return bar_chart([(title, len(tasks.get(key, [])), f"#role-{key}") for key, title in groups])
