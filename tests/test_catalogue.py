"""/.well-known/void as a catalogue: a DCAT-AP style check, the endpoint as a DataService, the reports
kept out of the distributions, and one dataset per notice the store holds."""

from __future__ import annotations

import hashlib

import pytest
from conftest import ROOT, project_settings
from mini import MINI
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from jieshou_kg.build import Build, write_outputs
from jieshou_kg.graph import load_graph, materialise, notice_graph
from jieshou_kg.namespaces import DATA, DATASET, ID
from jieshou_kg.notice import extract_targets, parse_notice
from jieshou_kg.web import create_app

DCAT_AP = load_graph(ROOT / "tests" / "dcat_ap.ttl")
SPDX = "http://spdx.org/rdf/terms#"


def void_of(client) -> Graph:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    return Graph().parse(data=response.data, format="turtle")


def dcat_ap_problems(graph: Graph) -> list[str]:
    conforms, report, _ = validate(graph, shacl_graph=DCAT_AP, inference="none")
    return [] if conforms else [str(m) for m in report.objects(None, URIRef("http://www.w3.org/ns/shacl#resultPath"))]


def test_the_catalogue_passes_a_dcat_ap_check(client):
    graph = void_of(client)
    assert dcat_ap_problems(graph) == []
    assert set(graph.subjects(RDF.type, DCAT.Catalog)) == {ID["dataset/catalogue"]}
    service = ID["dataset/sparql"]
    assert (service, RDF.type, DCAT.DataService) in graph
    assert (service, DCAT.endpointURL, URIRef("http://127.0.0.1:5000/sparql")) in graph
    assert (service, DCAT.servesDataset, DATASET) in graph


def test_the_check_finds_a_missing_property(client):
    graph = void_of(client)
    graph.remove((DATASET, DCTERMS.description, None))
    graph.remove((ID["dataset/sparql"], DCAT.endpointURL, None))
    assert sorted(dcat_ap_problems(graph)) == [str(DCTERMS.description), str(DCAT.endpointURL)]


def test_validation_reports_are_not_distributions(client):
    graph = void_of(client)
    distributions = {str(d) for d in graph.objects(None, DCAT.distribution)}
    assert distributions and not any("validation-report" in d for d in distributions)
    assert {str(o) for o in graph.objects(DATA, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"))} == {
        "http://127.0.0.1:5000/dumps/validation-report.ttl",
        "http://127.0.0.1:5000/dumps/validation-report.txt",
    }


def test_every_distribution_has_its_size_and_checksum(client, dist, graph):
    void = void_of(client)
    dumps = [d for d in void.objects(None, DCAT.downloadURL) if "/dumps/" in str(d)]
    assert len(dumps) == 5
    for dump in dumps:
        path = dist / str(dump).rsplit("/", 1)[1]
        assert int(void.value(dump, DCAT.byteSize)) == path.stat().st_size
        checksum = void.value(dump, URIRef(SPDX + "checksum"))
        assert (
            str(void.value(checksum, URIRef(SPDX + "checksumValue"))) == hashlib.sha256(path.read_bytes()).hexdigest()
        )
    assert {str(d).rsplit("/", 1)[1] for d in void.objects(DATA, VOID.dataDump)} == {
        "jieshou-kg.ttl",
        "jieshou-kg.nt",
        "jieshou-kg.jsonld",
    }
    assert sorted(str(d) for d in void.objects(DATASET, VOID.dataDump)) == [
        "http://127.0.0.1:5000/dumps/jieshou-kg.nq",
        "http://127.0.0.1:5000/dumps/jieshou-kg.trig",
    ]
    assert int(void.value(DATA, VOID.triples)) == len(graph)


@pytest.fixture(scope="module")
def two_notices(built, registry, tmp_path_factory):
    """A dataset that holds the Jieshou notice and a second one (the mini notice), built as a corpus would be."""
    out = tmp_path_factory.mktemp("two-notices")
    settings = project_settings(out)
    mini = parse_notice(MINI, "mini.txt")
    extract_targets(mini, registry)
    graph = materialise(notice_graph(mini, registry), load_graph(ROOT / "ontology" / "jieshou-kg.ttl"))
    write_outputs(Build([built.notice, mini], [built.graph, graph], built.report), settings.layout)
    app = create_app({"dist": out, "queries": ROOT / "queries", "ontology": ROOT / "ontology"})
    yield app.test_client()
    app.extensions["jieshou_kg"].close()


def test_each_notice_is_a_dataset_of_the_catalogue(two_notices):
    graph = void_of(two_notices)
    notices = {ID["dataset/notice/jiezhengfa-2020-11"], ID["dataset/notice/jiezhengfa-2021-3"]}
    assert set(graph.objects(DATASET, DCTERMS.hasPart)) >= notices
    assert set(graph.objects(ID["dataset/catalogue"], DCAT.dataset)) >= notices
    for dataset in notices:
        assert (dataset, DCTERMS.isPartOf, DATASET) in graph
        assert str(graph.value(dataset, DCTERMS.source)).startswith(str(ID["notice/"]))
    assert dcat_ap_problems(graph) == []
    page = two_notices.get("/id/dataset/notice/jiezhengfa-2021-3", headers={"Accept": "text/turtle"})
    assert page.status_code == 200 and "界政发〔2021〕3号" in page.text
