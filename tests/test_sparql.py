"""The SPARQL 1.1 Protocol endpoint: methods, content types, formats, status codes, dataset, CORS, limits."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from jieshou_kg.web import create_app

TASKS = "SELECT ?task WHERE { ?task a <https://w3id.org/jieshou-kg/def#Task> } ORDER BY ?task"
COUNT = "SELECT (COUNT(?task) AS ?n) WHERE { ?task a <https://w3id.org/jieshou-kg/def#Task> }"
DATA = "https://w3id.org/jieshou-kg/id/dataset/notice/jiezhengfa-2020-11"  # the notice's own graph
REGISTRY = "https://w3id.org/jieshou-kg/id/dataset/registry"
ONTOLOGY = "https://w3id.org/jieshou-kg/id/dataset/ontology"
SD = "http://www.w3.org/ns/sparql-service-description#"


def count(response) -> int:
    return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_body(client):
    assert count(client.get("/sparql", query_string={"query": COUNT})) == 147
    assert count(client.post("/sparql", data={"query": COUNT})) == 147
    posted = client.post("/sparql", data=COUNT.encode(), content_type="application/sparql-query")
    assert count(posted) == 147 and posted.mimetype == "application/sparql-results+json"


@pytest.mark.parametrize(
    ("accept", "parse"),
    [
        ("application/sparql-results+json", lambda d: len(Result.parse(io.BytesIO(d), format="json"))),
        ("application/sparql-results+xml", lambda d: len(Result.parse(io.BytesIO(d), format="xml"))),
        ("text/csv", lambda d: len(list(csv.DictReader(io.StringIO(d.decode()))))),
        ("text/tab-separated-values", lambda d: len(d.decode().strip().splitlines()) - 1),
    ],
)
def test_select_results_by_accept(client, accept, parse):
    response = client.get("/sparql", query_string={"query": TASKS}, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    assert parse(response.data) == 147


def test_format_parameter_and_default(client):
    xml = client.get("/sparql", query_string={"query": TASKS, "format": "xml"}, headers={"Accept": "application/json"})
    assert xml.mimetype == "application/sparql-results+xml"
    assert client.get("/sparql", query_string={"query": TASKS}, headers={"Accept": "*/*"}).mimetype == (
        "application/sparql-results+json"
    )
    assert client.get("/sparql", query_string={"query": TASKS}).mimetype == "application/sparql-results+json"


def test_ask(client):
    response = client.get("/sparql", query_string={"query": "ASK { ?s a <https://w3id.org/jieshou-kg/def#Task> }"})
    assert json.loads(response.data)["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe(client, accept, fmt):
    query = "CONSTRUCT { ?t a ?c } WHERE { ?t a ?c . FILTER(?c = <https://w3id.org/jieshou-kg/def#Task>) }"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.mimetype == accept
    assert len(Graph().parse(data=response.data, format=fmt)) == 147
    describe = client.get(
        "/sparql",
        query_string={"query": "DESCRIBE <https://w3id.org/jieshou-kg/id/person/teng-min>"},
        headers={"Accept": accept},
    )
    assert len(Graph().parse(data=describe.data, format=fmt)) >= 3


def test_construct_defaults_to_turtle(client):
    response = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 3"})
    assert response.mimetype == "text/turtle"


def test_status_codes(client):
    syntax = client.get("/sparql", query_string={"query": "SELECT * WHERE {\n ?s ?p \n}"})
    assert syntax.status_code == 400
    message = syntax.get_json()["error"]["message"]
    assert "line 3, column 1" in message and "expected" in message  # the } that ends the pattern too soon
    assert client.get("/sparql", query_string={"query": TASKS}, headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/sparql", query_string={"query": TASKS, "format": "docx"}).status_code == 406
    assert client.post("/sparql", data=TASKS, content_type="text/plain").status_code == 415
    assert client.post("/sparql", data={"format": "json"}).status_code == 400
    assert client.get("/sparql?query=ASK{}&query=ASK{}").status_code == 400
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 << 20)
    assert client.post("/sparql", data=huge.encode(), content_type="application/sparql-query").status_code == 413


def test_generic_json_and_xml_accept_headers(client):
    as_json = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": "application/json"})
    assert as_json.status_code == 200 and as_json.mimetype == "application/sparql-results+json"
    as_xml = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": "application/xml"})
    assert as_xml.status_code == 200 and as_xml.mimetype == "application/sparql-results+xml"
    upper = client.get("/sparql", query_string={"query": COUNT, "format": "application/SPARQL-results+json"})
    assert upper.status_code == 200


def test_long_queries_are_answered_and_too_long_ones_refused(client):
    patterns = " . ".join(f"?t{i} a <https://w3id.org/jieshou-kg/def#Task>" for i in range(150))
    long_query = f"ASK {{ {patterns} }}"
    assert client.post("/sparql", data={"query": long_query}).get_json()["boolean"] is True
    nested = "ASK { FILTER(" + "(" * 60 + "1 = 1" + ")" * 60 + ") }"
    assert client.get("/sparql", query_string={"query": nested}).get_json()["boolean"] is True
    values = " ".join(str(i) for i in range(30_000))
    too_long = client.post(
        "/sparql",
        data=f"SELECT * WHERE {{ VALUES ?x {{ {values} }} }}".encode(),
        content_type="application/sparql-query",
    )
    assert too_long.status_code == 413 and "longer than" in too_long.get_json()["error"]["message"]


def test_service_description_and_editor(client):
    described = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=described.data, format="turtle")
    assert len(list(graph.subjects(RDF.type, graph.namespace_manager.expand_curie("sd:Service")))) == 1
    names = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("sd:name"))}
    assert names == {DATA, REGISTRY, ONTOLOGY}
    editor = client.get("/sparql", headers={"Accept": "text/html"})
    assert editor.mimetype == "text/html" and 'id="plain-editor"' in editor.text and "yasgui.min.js" in editor.text


def test_cors(client):
    response = client.get("/sparql", query_string={"query": COUNT}, headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    preflight = client.options(
        "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 204 and "POST" in preflight.headers["Access-Control-Allow-Methods"]
    error = client.get("/sparql", query_string={"query": "nonsense"})
    assert error.status_code == 400 and error.headers["Access-Control-Allow-Origin"] == "*"


def test_dataset_is_the_sites_graphs(client):
    only_ontology = client.get("/sparql", query_string={"query": COUNT, "default-graph-uri": ONTOLOGY})
    assert count(only_ontology) == 0
    graphs = client.get(
        "/sparql", query_string={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": DATA}
    )
    assert [b["g"]["value"] for b in json.loads(graphs.data)["results"]["bindings"]] == [DATA]
    from_clause = client.get(
        "/sparql",
        query_string={
            "query": f"SELECT (COUNT(?task) AS ?n) FROM <{ONTOLOGY}> "
            "WHERE { ?task a <https://w3id.org/jieshou-kg/def#Task> }"
        },
    )
    assert count(from_clause) == 0
    assert count(client.get("/sparql", query_string={"query": COUNT, "default-graph-uri": DATA})) == 147


def test_html_results_for_a_browser(client):
    page = client.get("/sparql", query_string={"query": TASKS}, headers={"Accept": "text/html"})
    assert page.mimetype == "text/html" and '<strong id="row-count">共 147 行</strong>' in page.text
    construct = client.get(
        "/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 3", "format": "html", "lang": "en"}
    )
    assert "3 triples" in construct.text


@pytest.fixture(scope="module")
def capped(web_config):
    app = create_app({**web_config, "max_rows": 5})
    yield app.test_client()
    app.extensions["jieshou_kg"].close()


def test_answer_size_cap(web_config):
    app = create_app({**web_config, "max_answer_bytes": 100_000})
    try:
        client = app.test_client()
        huge = (
            "SELECT ?x WHERE { { SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o } } "
            "BIND (CONCAT(?all, ?all) AS ?x) }"
        )
        response = client.get("/sparql", query_string={"query": huge})
        assert response.status_code == 503 and "larger than" in response.get_json()["error"]["message"]
        assert client.get("/sparql", query_string={"query": COUNT}).status_code == 200
    finally:
        app.extensions["jieshou_kg"].close()


def test_row_cap(capped):
    response = capped.get("/sparql", query_string={"query": TASKS})
    assert len(json.loads(response.data)["results"]["bindings"]) == 5
    assert "5" in response.headers["X-Results-Truncated"]
    xml = capped.get("/sparql", query_string={"query": TASKS}, headers={"Accept": "application/sparql-results+xml"})
    assert len(Result.parse(io.BytesIO(xml.data), format="xml")) == 5
    graph = capped.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?o }"})
    assert len(Graph().parse(data=graph.data, format="turtle")) == 5 and "X-Results-Truncated" in graph.headers
    small = capped.get("/sparql", query_string={"query": COUNT})
    assert "X-Results-Truncated" not in small.headers


def test_the_simple_form_finds_what_a_subclass_path_would(client):
    """The hierarchy is materialised, so `a prov:Plan` finds the plan and its tasks (jk:Task ⊑ prov:Plan) with
    no rdfs:subClassOf* path, and the service description and the editor say so."""
    query = "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a prov:Plan }"
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert int(response.get_json()["results"]["bindings"][0]["n"]["value"]) == 1 + 147
    described = Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).data, format="turtle")
    comments = [str(c) for c in described.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))]
    assert any("materialised" in c and "jk:CollectiveAgent" in c for c in comments)
    assert 'id="materialised"' in client.get("/sparql?lang=en", headers={"Accept": "text/html"}).text
