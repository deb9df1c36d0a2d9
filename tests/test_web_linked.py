"""Resource pages and linked data: every kind of resource, content negotiation, the ontology, downloads, VoID."""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import ROOT
from facts import tasks_naming, tasks_with
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, VOID

from jieshou_kg.namespaces import ID, JK

PLAN = "/id/plan/jiezhengfa-2020-11"
RESOURCES = {
    "task": (
        f"{PLAN}/1.1.3.2",
        (URIRef(f"{ID}plan/jiezhengfa-2020-11/1.1.3.2"), JK.leadOfficial, ID["person/teng-min"]),
    ),
    "section": (
        f"{PLAN}/2.2",
        (URIRef(f"{ID}plan/jiezhengfa-2020-11/2.2.1"), JK.partOf, URIRef(f"{ID}plan/jiezhengfa-2020-11/2.2")),
    ),
    "plan": (PLAN, (URIRef(f"{ID}plan/jiezhengfa-2020-11/1"), JK.partOf, URIRef(f"{ID}plan/jiezhengfa-2020-11"))),
    "notice": (
        "/id/notice/jiezhengfa-2020-11",
        (ID["notice/jiezhengfa-2020-11"], JK.plan, URIRef(f"{ID}plan/jiezhengfa-2020-11")),
    ),
    "organization": (
        "/id/org/housing-urban-rural-development",
        (ID["org/housing-urban-rural-development"], JK.kind, ID["kind/department"]),
    ),
    "coordinating body": (
        "/id/org/environmental-protection-committee",
        (ID["org/environmental-protection-committee"], RDF.type, JK.CoordinatingBody),
    ),
    "collective": (
        "/id/collective/relevant-municipal-units",
        (ID["collective/relevant-municipal-units"], RDF.type, JK.CollectiveAgent),
    ),
    "official": ("/id/person/teng-min", (ID["person/teng-min"], SKOS.prefLabel, Literal("Teng Min", lang="en"))),
    "source text": (
        "/id/notice/jiezhengfa-2020-11/text",
        (ID["notice/jiezhengfa-2020-11/text"], RDF.type, JK.SourceText),
    ),
    "kind": ("/id/kind/township", (ID["kind/township"], RDF.type, JK.OrganizationKind)),
    "unit": ("/id/unit/mu", (ID["unit/mu"], RDF.type, JK.Unit)),
    "requirement": (
        "/id/notice/jiezhengfa-2020-11/requirement/2",
        (ID["notice/jiezhengfa-2020-11/requirement/2"], RDF.type, JK.Requirement),
    ),
    "annex": ("/id/notice/jiezhengfa-2020-11/annex/1", (ID["notice/jiezhengfa-2020-11/annex/1"], RDF.type, JK.Annex)),
    "dataset": ("/id/dataset", (ID["dataset"], RDF.type, VOID.Dataset)),
}
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


@pytest.mark.parametrize("kind", list(RESOURCES))
def test_every_kind_of_resource_has_a_page(client, kind):
    path, _ = RESOURCES[kind]
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Accept" in page.headers["Vary"]
    assert f"https://w3id.org/jieshou-kg{path}" in page.text


@pytest.mark.parametrize("kind", list(RESOURCES))
@pytest.mark.parametrize("mimetype", list(RDF_TYPES))
def test_content_negotiation_gives_rdf(client, kind, mimetype):
    path, triple = RESOURCES[kind]
    response = client.get(path, headers={"Accept": mimetype})
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.data, format=RDF_TYPES[mimetype])
    assert triple in graph


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")])
def test_format_parameter_overrides_accept(client, fmt, parser):
    response = client.get(f"{PLAN}/1.1.3.2?format={fmt}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert len(Graph().parse(data=response.data, format=parser)) > 50


def test_quality_values_and_406(client):
    response = client.get(f"{PLAN}/1", headers={"Accept": "application/rdf+xml;q=0.5, text/turtle;q=0.9"})
    assert response.mimetype == "text/turtle"
    assert client.get(f"{PLAN}/1", headers={"Accept": "image/png"}).status_code == 406
    assert client.get(f"{PLAN}/1?format=docx").status_code == 406
    assert client.get(f"{PLAN}/1", headers={"Accept": "application/json"}).mimetype == "application/ld+json"


def test_unknown_resource_is_404(client):
    assert client.get("/id/org/no-such-bureau").status_code == 404
    for path in ("/id/a%3Eb", "/id/a%20b", "/id/a%22b", "/id/a%7Bb"):
        assert client.get(path).status_code == 404, path
    assert client.get("/id/org/no-such-bureau", headers={"Accept": "text/turtle"}).status_code == 404


def test_task_description_includes_its_parts(client):
    graph = Graph().parse(data=client.get(f"{PLAN}/1.1.3.1?format=ttl").data, format="turtle")
    assignment = URIRef(f"{ID}plan/jiezhengfa-2020-11/1.1.3.1#lead-unit-1")
    assert graph.value(assignment, JK.actedUnder) == Literal("知识产权局", lang="zh")
    position = URIRef(f"{ID}plan/jiezhengfa-2020-11/1.1.3.1#source-position")
    assert graph.value(position, URIRef("http://www.w3.org/ns/oa#start")) is not None


def test_task_page(client):
    page = client.get(f"{PLAN}/1.1.3.2").text
    assert re.search(
        r'<nav class="breadcrumb".*?href="/id/plan/jiezhengfa-2020-11".*?href="/id/plan/jiezhengfa-2020-11/1".*?'
        r'href="/id/plan/jiezhengfa-2020-11/1.1".*?href="/id/plan/jiezhengfa-2020-11/1.1.3"',
        page,
        re.S,
    )
    assert '<blockquote class="task-text" lang="zh">力争国家高新技术企业达100家。</blockquote>' in page
    assert "<mark>(2)力争国家高新技术企业达100家。" in page
    assert 'href="/id/person/teng-min">滕敏</a>' in page and 'href="/id/org/hitech-zone">' in page
    assert "力争国家高新技术企业达100家" in page.split('id="targets"')[1]
    assert 'href="/id/notice/jiezhengfa-2020-11/text?start=' in page


def test_source_text_page_highlights_the_span(client):
    page = client.get(f"{PLAN}/1.1.3.2").text
    link = re.search(r'href="(/id/notice/jiezhengfa-2020-11/text\?start=\d+&amp;end=\d+)#highlight"', page).group(1)
    text = client.get(link.replace("&amp;", "&")).text
    assert re.search(r'<mark id="highlight">\(2\)力争国家高新技术企业达100家。', text)


def test_organization_page(client):
    page = client.get("/id/org/finance?lang=zh").text
    assert "Jieshou Municipal Bureau of Finance" in page and "市政府金融办" in page and "国资委" in page
    housing = client.get("/id/org/housing-urban-rural-development").text
    assert re.search(r'id="role-lead">牵头 \(5\)', housing)
    assert re.search(r'id="role-co_lead">共同牵头 \(3\)', housing)
    assert re.search(r'id="role-via_members">通过成员单位参与的任务 \(3\)', housing)
    assert 'class="bar-chart"' in housing and 'id="partners"' in housing
    assert len(tasks_naming("市住房和城乡建设局")) == 9


def test_coordinating_body_page_lists_members(client):
    page = client.get("/id/org/environmental-protection-committee").text
    assert re.search(r"成员单位 \(36\)", page)


def test_official_page_groups_tasks_by_section(client):
    page = client.get("/id/person/teng-min").text
    assert f"按章节的任务 ({len(tasks_with('牵头负责领导', '滕敏'))})" in page
    assert page.count('<ol class="tasks">') >= 3


def test_section_and_plan_pages_list_their_contents(client):
    plan = client.get(PLAN).text
    assert plan.count('<li class="section">') == 4
    section = client.get(f"{PLAN}/2.2.4").text
    assert section.count('<li class="task">') == 4


def body(client, url: str) -> bytes:
    """A file download's bytes, with the file closed again (send_file keeps it open until then)."""
    with client.get(url) as response:
        assert response.status_code == 200, url
        return response.data


def test_ontology_documents_every_term(client, app):
    page = client.get("/def", headers={"Accept": "text/html"}).text
    ontology = Graph().parse(ROOT / "ontology" / "jieshou-kg.ttl")
    terms = {str(s).split("#")[1] for s in ontology.subjects(RDF.type, None) if "#" in str(s)}
    for term in terms:
        assert f'id="{term}"' in page, term
    turtle = client.get("/def", headers={"Accept": "text/turtle"})
    assert isomorphic(Graph().parse(data=turtle.data, format="turtle"), ontology)
    assert body(client, "/ontology/jieshou-kg.ttl") == (ROOT / "ontology" / "jieshou-kg.ttl").read_bytes()
    assert body(client, "/ontology/shapes.ttl") == (ROOT / "ontology" / "shapes.ttl").read_bytes()
    assert client.get("/ontology/secret.txt").status_code == 404


def test_downloads_have_sizes_and_checksums(client, dist):
    page = client.get("/downloads").text
    for name in ("jieshou-kg.ttl", "jieshou-kg.nt", "jieshou-kg.jsonld", "jieshou-kg.trig", "validation-report.ttl"):
        data = (dist / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() in page and f"{len(data):,}" in page
        assert body(client, f"/dumps/{name}") == data
    assert "shapes.ttl" in page and "jieshou-kg.ttl" in page
    assert client.get("/dumps/../../etc/passwd").status_code == 404


def test_every_representation_says_where_it_lives_and_where_the_others_are(client):
    """200 on the thing's IRI, with Content-Location for the representation served and Link rel=alternate
    (and <link rel="alternate"> in pages) for every other, so crawlers find each serialisation."""
    path = "/id/plan/jiezhengfa-2020-11/1.1.3.2"
    types = {"html": "text/html", "ttl": "text/turtle", "jsonld": "application/ld+json",
             "nt": "application/n-triples", "rdf": "application/rdf+xml"}  # fmt: skip
    for fmt, mimetype in types.items():
        response = client.get(path, headers={"Accept": mimetype})
        assert response.status_code == 200 and response.headers["Content-Location"] == f"{path}?format={fmt}"
        links = dict(re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', response.headers["Link"]))
        assert links == {f"{path}?format={f}": m for f, m in types.items() if f != fmt}
        assert client.get(response.headers["Content-Location"]).mimetype == mimetype
    page = client.get(path).text
    found = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)">', page)
    assert sorted(found) == sorted((m, f"{path}?format={f}") for f, m in types.items() if f != "html")
    assert "Content-Location" in client.get("/def", headers={"Accept": "text/turtle"}).headers


@pytest.mark.parametrize(
    ("accept", "answered", "syntax"),
    [
        ("application/xml", "application/rdf+xml", "xml"),
        ("text/plain", "application/n-triples", "nt"),
        ("text/n3", "text/turtle", "turtle"),
        ("text/rdf+n3", "text/turtle", "turtle"),
        ("application/json", "application/ld+json", "json-ld"),
    ],
)
def test_generic_types_get_the_nearest_rdf_form(client, accept, answered, syntax):
    response = client.get(f"{PLAN}/1.1.3.2", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == answered
    graph = Graph().parse(data=response.data, format=syntax)
    assert (URIRef(f"https://w3id.org/jieshou-kg{PLAN}/1.1.3.2"), RDF.type, JK.Task) in graph


@pytest.mark.parametrize("word", ["n3", "rdf%2Bxml", "json-ld", "turtle"])
def test_format_words_researchers_use(client, word):
    assert client.get(f"{PLAN}/1.1.3.2?format={word}").status_code == 200


def test_every_rdf_form_of_a_description_holds_the_same_triples(client):
    """Turtle, N-Triples and RDF/XML come from Oxigraph's writers, JSON-LD from rdflib's: one set of triples."""
    graphs = {}
    for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")):
        first = client.get(f"{PLAN}/1.1.3.2?format={fmt}").data
        mimetype = FORMATS[fmt]  # asked the other way, a different request, made again
        assert client.get(f"{PLAN}/1.1.3.2", headers={"Accept": mimetype}).data == first, fmt
        graphs[fmt] = Graph().parse(data=first, format=parser)
    assert len(graphs["ttl"]) > 50
    assert all(isomorphic(graphs["ttl"], graph) for graph in graphs.values())
    assert b"id:plan" not in client.get(f"{PLAN}/1.1.3.2?format=ttl").data  # whole IRIs, not id:plan\/…\#part


FORMATS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
}
