"""One saved query answered for people: its page (form, table, pages of rows) and its downloads.

The rows go from the engine's terms to HTML in Python (results.py); the labels of every IRI shown come in
one query; the parts of the page that do not depend on the answer (the pickers' options) are made once
per query and language.
"""

from __future__ import annotations

from flask import Response, g, render_template, request
from markupsafe import Markup, escape
from rdflib import URIRef

from ..endpoint.answers import rows_document
from ..saved import SavedQuery, tables
from ..store import table_of_rows
from .i18n import message
from .links import local_name
from .results import PAGE_ROWS, Pager, View, iris_of, page_number
from .sheets import disposition, table_of, to_csv, to_xlsx
from .site import site
from .templating import label, prefetch_labels, url_with

RESULTS = {"srj": "application/sparql-results+json", "srx": "application/sparql-results+xml"}
SHEETS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}
DOWNLOADS = ["xlsx", "csv", "json", "srj", "srx"]
PAGE_ARGS = ("lang", "sort", "order", "filter", "page")  # how a page shows the answer, not what it asks


def answer(query: SavedQuery, values: dict, fmt: str | None):
    """The page, or the download in `fmt`."""
    s, sparql = site(), query.bind(values)
    result = s.saved_result(sparql)
    if fmt in RESULTS:
        body = rows_document(result.variables, result.rows, RESULTS[fmt])
        return Response(body, mimetype=RESULTS[fmt], headers={"Content-Disposition": "inline"})
    if fmt == "json":
        table = table_of_rows(result.variables, result.rows)
        prefetch_labels(table)
        return Response(tables.to_json(table, label), mimetype="application/json")
    labels = s.labels.fetch(iris_of(result) | {str(v) for v in values.values() if isinstance(v, URIRef)})
    view = View(query, result, labels, g.lang)
    if fmt:
        return _sheet(query, values, view, fmt)
    return _page(query, values, view, sparql)


def _page(query: SavedQuery, values: dict, view: View, sparql: str):
    by, descending = request.args.get("sort", ""), request.args.get("order") == "desc"
    word = request.args.get("filter", "")
    rows = view.order(view.matching(view.result.rows, word), by, descending)
    pager = Pager(len(rows), page_number(request.args.get("page"), len(rows)), PAGE_ROWS)
    headings = Markup("").join(view.heading(name, url_with, by, descending) for name in view.visible)
    return render_template(
        "query.html", query=query, sparql=sparql, fields=_fields(query, values, view.labels), headings=headings,
        body=view.body(pager.window(rows)), pager=pager, total=len(view.result.rows), word=word, by=by,
        descending=descending, downloads=DOWNLOADS, args=_args(),
    )  # fmt: skip


def _args() -> dict:
    """The query's own parameters of this request (not the page's: language, order, filter, page)."""
    return {k: v for k, v in request.args.items() if k not in PAGE_ARGS}


def _fields(query: SavedQuery, values: dict, labels: dict) -> list[dict]:
    """The form's fields: each parameter with its value, and for IRIs the picker's options (made once)."""
    fields, pickers = [], site().pickers
    for p in query.parameters:
        if p.type == "language":
            continue
        chosen = str(values[p.name]) if p.name in values else ""
        field = {"p": p, "chosen": chosen, "options": None}
        if p.is_iri:
            inline = pickers.inline(p.type)
            field["inline"] = inline
            field["options"] = _options(p.type, chosen, not p.required, inline)
        fields.append(field)
    return fields


def _options(kind: str, chosen: str, optional: bool, inline: bool) -> Markup:
    """The <option>s of a picker: all of them when the list is short, else the chosen one only."""
    pickers, lang = site().pickers, g.lang

    def make() -> str:
        items = pickers.choices(kind, lang) if inline else []
        return "".join(f'<option value="{escape(c.value)}" lang="{c.lang}">{escape(c.text)}</option>' for c in items)

    listed = site().memo(("options", kind, lang, inline), make)
    first = f'<option value="">{escape(message("any" if optional else "choose")[lang])}</option>'
    if inline:
        marked = f'<option value="{escape(chosen)}" '
        return Markup(first + (listed.replace(marked, marked + "selected ", 1) if chosen else listed))
    found = pickers.chosen(kind, chosen, lang) if chosen else None
    picked = f'<option value="{escape(found.value)}" lang="{found.lang}" selected>{escape(found.text)}</option>'
    return Markup(first + (picked if found else ""))


def _sheet(query: SavedQuery, values: dict, view: View, fmt: str) -> Response:
    headings, rows = table_of(view, view.result.rows)
    headers = {"Content-Disposition": disposition(query.slug, _name_parts(query, values, view), fmt)}
    if fmt == "csv":
        return Response(to_csv(headings, rows), mimetype=SHEETS["csv"], headers=headers)
    lang = g.lang
    names = (message("sheet_result")[lang], message("sheet_query")[lang])
    return Response(to_xlsx(headings, rows, _about(query, values, view), names), mimetype=SHEETS[fmt], headers=headers)


def _name_parts(query: SavedQuery, values: dict, view: View) -> list[tuple[str, str]]:
    """What a file name says of the parameters: (the name people read, an ASCII one) for each."""
    parts = []
    for p in query.parameters:
        value = values.get(p.name)
        if value is not None and p.is_iri:
            parts.append((view.name(str(value))[0], local_name(value)))
        elif value is not None and p.type == "text":
            parts.append((str(value), ""))
    return parts


def _about(query: SavedQuery, values: dict, view: View) -> list[tuple[str, str]]:
    lang = view.lang
    about = [(message("query_title")[lang], query.title.get(lang) or query.title.get("zh", query.slug))]
    about.append((message("description")[lang], query.description.get(lang) or query.description.get("en", "")))
    for p in query.parameters:
        if p.name in values and p.type != "language":
            value = values[p.name]
            shown = view.name(str(value))[0] if p.is_iri else str(value)
            about.append((p.label.get(lang) or p.name, f"{shown} ({value})" if p.is_iri else shown))
    about.append((message("address")[lang], site().settings.site_url.rstrip("/") + request.full_path.rstrip("?")))
    about.append((message("row_total")[lang], str(len(view.result.rows))))
    about.append(("SPARQL", query.bind(values)))
    return about
