"""SPARQL answers -> bytes in the format asked for, with a cap on rows.

Results are Oxigraph's own objects (from the embedded engine, or parsed from a
remote server's answer), and Oxigraph's serializers write every format. The
cap needs the rows counted first, so a capped SELECT is written as SPARQL JSON
with the json module and handed back to Oxigraph for XML, CSV or TSV.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from ..errors import AnswerTooLarge
from ..store import Table, table_of

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Answer:
    body: bytes
    mimetype: str
    truncated: bool = False


def serialize(result, mimetype: str, max_rows: int, max_bytes: int = 64 << 20, bounded: bool = False) -> Answer:
    """Write a pyoxigraph query result (solutions, boolean or triples) as `mimetype`: at most
    `max_rows` rows (the answer says it was truncated), and AnswerTooLarge past `max_bytes`.
    `bounded`: the query's own LIMIT keeps it within `max_rows`, so Oxigraph writes it straight."""
    if bounded and not isinstance(result, ox.QueryBoolean):
        formats = GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else RESULT_FORMATS
        answer = Answer(result.serialize(format=formats[mimetype]) or b"", mimetype)
    else:
        answer = _serialize(result, mimetype, max_rows)
    if len(answer.body) > max_bytes:
        raise AnswerTooLarge(f"the answer is larger than {max_bytes >> 20} MiB; ask for less (LIMIT, fewer columns)")
    return answer


def _serialize(result, mimetype: str, max_rows: int) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer(result.serialize(format=RESULT_FORMATS[mimetype]), mimetype)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = list(islice(result, max_rows + 1))
        return Answer(rows_document(variables, rows[:max_rows], mimetype), mimetype, len(rows) > max_rows)
    triples = list(islice(result, max_rows + 1))
    body = ox.serialize(triples[:max_rows], format=GRAPH_FORMATS[mimetype]) or b""
    return Answer(body, mimetype, len(triples) > max_rows)


def rows_document(variables: list[str], rows: list, mimetype: str) -> bytes:
    """Solutions already read (rows of pyoxigraph terms, None where unbound) written as `mimetype`."""
    document = _results_json(variables, rows)
    if mimetype == "application/sparql-results+json":
        return document
    solutions = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    return solutions.serialize(format=RESULT_FORMATS[mimetype])


def _results_json(variables: list[str], rows: list) -> bytes:
    bindings = [
        {name: _term(term) for name, term in zip(variables, row, strict=True) if term is not None} for row in rows
    ]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def _term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def read_results(body: bytes) -> Table | bool:
    """An answer written as SPARQL results JSON, read back: a Table of rdflib terms, or the boolean of an ASK."""
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return bool(result) if isinstance(result, ox.QueryBoolean) else table_of(result)
