"""One contract for every store: the embedded default, a real Oxigraph server and Virtuoso answer alike."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import ROOT
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from servers import load

from jieshou_kg.namespaces import ID
from jieshou_kg.saved import known_in, load_queries
from jieshou_kg.settings import Settings
from jieshou_kg.store import OxigraphStore, RemoteStore
from jieshou_kg.store.base import from_ox
from jieshou_kg.web import create_app
from jieshou_kg.web.describe import triples
from jieshou_kg.web.site import Site

QUERIES = load_queries(ROOT / "queries")
TRIPLES = 26830 + 647  # the notice's and the registry's graphs, and the ontology graph
SAMPLES = [  # a resource of every kind
    "plan/jiezhengfa-2020-11/1.1.3.1",
    "plan/jiezhengfa-2020-11/2.2",
    "org/housing-urban-rural-development",
    "person/zhang-linqing",
    "collective/all-municipal-units",
    "notice/jiezhengfa-2020-11",
    "notice/jiezhengfa-2020-11/text",
    "unit/mu",
]


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


@pytest.mark.parametrize("path", [f"/id/{sample}" for sample in SAMPLES])
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


@pytest.fixture(scope="module")
def union(dist) -> Graph:
    """The dataset's default graph as the stores see it: the union of its named graphs."""
    quads = ox.parse(path=str(dist / "jieshou-kg.nq"), format=ox.RdfFormat.N_QUADS)
    return Graph().parse(data="".join(f"{quad.triple} .\n" for quad in quads), format="nt")


def expected_description(graph: Graph, iri: URIRef) -> set:
    """What a resource page describes, found another way: its triples, those of its #parts at any depth (the
    first link either way, then forward), and the triples that point to it."""
    own, links = set(graph.triples((iri, None, None))), set(graph.triples((None, None, iri)))
    prefix = f"{iri}#"
    frontier = {t for _, _, t in own} | {t for t, _, _ in links}
    seen, found = set(), own | links
    while frontier := {n for n in frontier if isinstance(n, URIRef) and str(n).startswith(prefix)} - seen:
        seen |= frontier
        part_triples = {t for n in frontier for t in graph.triples((n, None, None))}
        found |= part_triples
        frontier = {o for _, _, o in part_triples}
    return found


def resources(graph: Graph) -> list[URIRef]:
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(ID) and "#" not in s})


def test_a_resource_is_described_in_one_query_on_the_embedded_store(web_config, store, union):
    site = Site.create(Settings.load(web_config), store)
    everything = resources(union)
    assert len(everything) > 300  # tasks, sections, notices, agents, kinds, units…
    for iri in everything:
        assert set(description(site, iri)) == expected_description(union, iri), iri


@pytest.mark.parametrize("engine", ["oxigraph-server", "virtuoso"])
def test_a_resource_is_described_alike_on_remote_stores(web_config, engine, request, union):
    if engine == "oxigraph-server":
        endpoint = request.getfixturevalue("oxigraph")[0]
    else:
        endpoint = request.getfixturevalue("virtuoso")
    site = Site.create(Settings.load(web_config), RemoteStore(endpoint, timeout=30))
    everything = resources(union)
    for iri in [*everything[:: len(everything) // 20], *(URIRef(ID + p) for p in SAMPLES)]:
        assert {normal(t) for t in description(site, iri)} == {normal(t) for t in expected_description(union, iri)}


def description(site: Site, iri: URIRef) -> set:
    """The triples a resource's RDF holds, as rdflib terms."""
    return {(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in triples(site, iri)}


def normal(triple) -> tuple:
    """A triple as text and language tag (a remote store may spell a literal's datatype its own way)."""
    return (*map(str, triple), getattr(triple[2], "language", None))
