"""Tables for people -> files: CSV (with a BOM for Excel), JSON, text for the terminal.

Every format is written by a library: csv, json, tabulate. SPARQL result
formats are written in one place only: endpoint/answers.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal

from rdflib import Literal, URIRef
from tabulate import tabulate

from ..store import Table

Labeler = Callable[[URIRef], str] | None


def plain(term) -> object:
    """A cell as a plain Python value: IRIs stay strings, numbers become numbers."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value if isinstance(value, (int, float, bool)) else str(term)
    return str(term)


def columns(table: Table, label: Labeler = None) -> list[str]:
    """Column names; with a labeler, each IRI column gets a `…_label` twin."""
    names = []
    for var in table.variables:
        names.append(var)
        if label and any(isinstance(row.get(var), URIRef) for row in table.rows):
            names.append(f"{var}_label")
    return names


def records(table: Table, label: Labeler = None) -> list[dict]:
    out = []
    names = columns(table, label)
    for row in table.rows:
        record = {}
        for name in names:
            if name.endswith("_label") and name not in table.variables:
                term = row.get(name[: -len("_label")])
                record[name] = label(term) if isinstance(term, URIRef) else None
            else:
                record[name] = plain(row.get(name))
        out.append(record)
    return out


def to_csv(table: Table, label: Labeler = None, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(table, label), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records(table, label))
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def to_json(table: Table, label: Labeler = None) -> bytes:
    body = {"columns": columns(table, label), "rows": records(table, label), "count": len(table)}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def to_text(table: Table) -> str:
    rows = [[plain(row.get(v)) for v in table.variables] for row in table.rows]
    return tabulate(rows, headers=table.variables, tablefmt="simple") + f"\n({len(table)} rows)"
