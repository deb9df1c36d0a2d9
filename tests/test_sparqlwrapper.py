"""SPARQLWrapper, unmodified, on every query form and every format it knows, against the real server.

SPARQLWrapper sends its format three ways at once (?format=, ?output=, ?results=) and an Accept header; by
default it asks for XML, which for CONSTRUCT and DESCRIBE means RDF/XML."""

from __future__ import annotations

import warnings
from xml.dom.minidom import Document

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

TASK = "<https://w3id.org/jieshou-kg/id/plan/jiezhengfa-2020-11/1.1.3.2>"
QUERIES = {
    "SELECT": "SELECT ?t WHERE { ?t a jk:Task } LIMIT 5",
    "ASK": "ASK { ?t a jk:Task }",
    "CONSTRUCT": "CONSTRUCT { ?t a jk:Task } WHERE { ?t a jk:Task } LIMIT 5",
    "DESCRIBE": f"DESCRIBE {TASK}",
}
# What SPARQLWrapper itself calls right for each form (anything else it sends with Accept */* and a warning).
NATIVE = {
    "SELECT": [None, XML, JSON, CSV, TSV],
    "ASK": [None, XML, JSON],
    "CONSTRUCT": [None, XML, RDFXML, TURTLE, N3, JSONLD],
    "DESCRIBE": [None, XML, RDFXML, TURTLE, N3, JSONLD],
}
OTHERS = [XML, JSON, TURTLE, N3, JSONLD, RDFXML, CSV, TSV]


def run(server: str, form: str, fmt: str | None, method: str | None = None):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(QUERIES[form])
    if fmt is not None:
        client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client.query()


def rows_in(form: str, converted) -> int:
    """How many answers a converted result holds, whatever SPARQLWrapper turned it into."""
    if isinstance(converted, Document):
        if form == "ASK":
            return int(converted.getElementsByTagName("boolean")[0].firstChild.data == "true")
        found = converted.getElementsByTagName("result")
        return len(found) or len(Graph().parse(data=converted.toxml(), format="xml"))
    if isinstance(converted, dict):
        return int(converted["boolean"]) if "boolean" in converted else len(converted["results"]["bindings"])
    if isinstance(converted, Graph):
        return len(converted)
    text = converted.decode("utf-8")
    if form == "ASK":
        return int("true" in text)
    if form == "SELECT":
        return len(text.strip().splitlines()) - 1
    return len(Graph().parse(data=text, format="turtle"))


@pytest.mark.server
@pytest.mark.parametrize("form", list(QUERIES))
@pytest.mark.parametrize("fmt", [None, XML, JSON, TURTLE, N3, JSONLD, RDFXML, CSV, TSV])
def test_every_form_in_every_format(server, form, fmt):
    expected = {"SELECT": 5, "ASK": 1, "CONSTRUCT": 5, "DESCRIBE": None}[form]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = run(server, form, fmt)
        converted = result.convert()
    assert result.response.status == 200
    found = rows_in(form, converted)
    assert found == expected if expected is not None else found > 10, (form, fmt, found)
    if fmt in NATIVE[form]:
        assert not [w for w in seen if issubclass(w.category, RuntimeWarning)], [str(w.message) for w in seen]


@pytest.mark.server
def test_the_default_for_graphs_is_rdf_xml_and_a_graph(server):
    result = run(server, "CONSTRUCT", None)
    assert result.info()["content-type"].startswith("application/rdf+xml")
    assert len(result.convert()) == 5


@pytest.mark.server
@pytest.mark.parametrize("form", list(QUERIES))
def test_post_works_as_get(server, form):
    assert rows_in(form, run(server, form, None, POST).convert()) == rows_in(form, run(server, form, None).convert())
