"""One contract for every store: the embedded default, a real Oxigraph server and Virtuoso answer alike."""

from __future__ import annotations

import pytest
from conftest import ROOT
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from servers import load

from jieshou_kg.saved import known_in, load_queries
from jieshou_kg.store import OxigraphStore, RemoteStore
from jieshou_kg.web import create_app

QUERIES = load_queries(ROOT / "queries")
TRIPLES = 26830 + 647  # the notice's and the registry's graphs, and the ontology graph


@pytest.fixture(scope="module")
def on_disk(dist, tmp_path_factory):
    return OxigraphStore(dist / "jieshou-kg.trig", tmp_path_factory.mktemp("on-disk") / "store")


@pytest.fixture(params=["embedded", "embedded on disk", "oxigraph-server", "virtuoso"])
def any_store(request, store):
    if request.param == "embedded":
        return store
    if request.param == "embedded on disk":
        return request.getfixturevalue("on_disk")
    if request.param == "oxigraph-server":
        return RemoteStore(request.getfixturevalue("oxigraph")[0], timeout=30)
    return RemoteStore(request.getfixturevalue("virtuoso"), timeout=30)


def triple_count(store) -> int:
    return int(store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"])


def normalized(table) -> list[tuple]:
    """Rows as comparable values: numbers by value, text by text, "; "-joined lists as sets (their order is free)."""

    def value(term):
        if term is None:
            return None
        if isinstance(term, Literal):
            python = term.toPython()
            if isinstance(python, (int, float)) or type(python).__name__ == "Decimal":
                return float(python)
            text = str(term)
            return frozenset(text.split("; ")) if "; " in text else (text, term.language)
        return str(term)

    return sorted((tuple(value(row.get(v)) for v in table.variables) for row in table.rows), key=repr)


def test_the_store_interface(any_store):
    assert triple_count(any_store) == TRIPLES
    assert any_store.ask("ASK { ?t a <https://w3id.org/jieshou-kg/def#Task> }")
    officials = any_store.construct(
        "CONSTRUCT { ?o a <https://w3id.org/jieshou-kg/def#Official> } "
        "WHERE { ?o a <https://w3id.org/jieshou-kg/def#Official> }"
    )
    assert len(officials) == 9


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_saved_query_answers_alike(any_store, store, lang):
    for slug, query in QUERIES.items():
        sparql = query.bind(query.values({}, known_in(store), lang))
        assert normalized(any_store.select(sparql)) == normalized(store.select(sparql)), slug


def test_load_replaces_each_graph_whole(oxigraph, dist, tmp_path):
    query, graph_store = oxigraph
    remote = RemoteStore(query, timeout=30)
    load(dist, graph_store)
    assert triple_count(remote) == TRIPLES
    broken = tmp_path / "broken"
    broken.mkdir()
    text = (dist / "jieshou-kg.nq").read_text(encoding="utf-8")
    (broken / "jieshou-kg.nq").write_text(text[: len(text) // 2] + " <not a triple", encoding="utf-8")
    result = load(broken, graph_store, check=False)
    assert result.returncode == 2 and "cannot read" in result.stderr  # read whole before the first PUT
    assert triple_count(remote) == TRIPLES


@pytest.fixture(scope="module")
def remote_client(oxigraph, web_config):
    app = create_app({**web_config, "endpoint": oxigraph[0], "store_timeout": 30})
    app.testing = True
    yield app.test_client()
    app.extensions["jieshou_kg"].close()


def test_the_site_on_an_oxigraph_server_matches_the_embedded_store(remote_client, client):
    for slug in QUERIES:
        for suffix in (".json?lang=zh", ".json?lang=en"):
            remote, embedded = remote_client.get(f"/queries/{slug}{suffix}"), client.get(f"/queries/{slug}{suffix}")
            assert remote.status_code == embedded.status_code == 200
            assert remote.get_json()["count"] == embedded.get_json()["count"], slug


@pytest.mark.parametrize(
    "path",
    [
        "/id/plan/jiezhengfa-2020-11/1.1.3.1",
        "/id/plan/jiezhengfa-2020-11/2.2",
        "/id/org/housing-urban-rural-development",
        "/id/person/zhang-linqing",
        "/id/collective/all-municipal-units",
        "/id/notice/jiezhengfa-2020-11",
        "/id/notice/jiezhengfa-2020-11/text",
        "/id/unit/mu",
    ],
)
def test_resource_pages_on_an_oxigraph_server(remote_client, client, path):
    remote = Graph().parse(data=remote_client.get(path + "?format=nt").data, format="nt")
    embedded = Graph().parse(data=client.get(path + "?format=nt").data, format="nt")
    assert len(remote) > 0 and isomorphic(remote, embedded)
    page = remote_client.get(path)
    assert page.status_code == 200
    assert page.text.count("<li") == client.get(path).text.count("<li")


def test_sparql_endpoint_on_an_oxigraph_server(remote_client):
    response = remote_client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert int(response.get_json()["results"]["bindings"][0]["n"]["value"]) == TRIPLES
    refused = remote_client.get(
        "/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"}
    )
    assert refused.status_code == 403


def test_the_on_disk_store_is_loaded_once_and_shared_by_the_workers(web_config, tmp_path):
    directory = tmp_path / "store"
    app = create_app({**web_config, "store_dir": str(directory)})
    try:
        client = app.test_client()
        assert "on disk" in client.get("/health").get_json()["store"]
        loaded = (tmp_path / "store.source").read_text()
        response = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        assert int(response.get_json()["results"]["bindings"][0]["n"]["value"]) == TRIPLES
        assert (tmp_path / "store.source").read_text() == loaded
    finally:
        app.extensions["jieshou_kg"].close()
