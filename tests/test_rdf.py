"""The graph built from the real notice: what a researcher can read from the dump."""

from __future__ import annotations

from decimal import Decimal

import pytest
from facts import blocks, names, tasks_with, text
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS, XSD

from jieshou_kg.namespaces import ID, JK, OA

PLAN = "https://w3id.org/jieshou-kg/id/plan/jiezhengfa-2020-11"
NOTICE_IRI = ID["notice/jiezhengfa-2020-11"]
HOUSING = ID["org/housing-urban-rural-development"]
PREFIXES = """
PREFIX jk: <https://w3id.org/jieshou-kg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def task(notation: str) -> URIRef:
    return URIRef(f"{PLAN}/{notation}")


@pytest.fixture(scope="module")
def dump(built, dist) -> Graph:
    """The Turtle dump as a consumer reads it: no project code involved."""
    return Graph().parse(dist / "jieshou-kg.ttl")


def select(graph: Graph, query: str, **bindings) -> list:
    return list(graph.query(PREFIXES + query, initBindings=bindings))


def test_class_counts(graph):
    count = lambda cls: len(set(graph.subjects(RDF.type, cls)))  # noqa: E731
    assert count(JK.Task) == len(blocks()) == 147
    assert count(JK.Section) == 40
    assert count(JK.Official) == 9
    assert count(ORG.Organization) == 70
    assert count(JK.CoordinatingBody) == 2
    assert count(JK.CollectiveAgent) == 7
    assert count(JK.Target) == 41
    assert count(JK.Assignment) == sum(len(names(v)) for b in blocks() for v in b.values()) == 708


def test_notice_metadata(graph):
    assert graph.value(NOTICE_IRI, SKOS.prefLabel) is not None
    assert str(graph.value(NOTICE_IRI, ID and URIRef("http://purl.org/dc/terms/identifier"))) == "界政发〔2020〕11号"
    assert graph.value(NOTICE_IRI, URIRef("http://purl.org/dc/terms/issued")) == Literal(
        "2020-07-30", datatype=XSD.date
    )
    assert graph.value(NOTICE_IRI, JK.issuer) == ID["org/jieshou-government"]
    assert set(graph.objects(NOTICE_IRI, JK.addressee)) == {
        ID["collective/all-townships-subdistricts"],
        ID["org/hitech-zone"],
        ID["collective/all-municipal-units"],
    }
    assert set(graph.objects(NOTICE_IRI, JK.supervisor)) == {
        ID["org/government-office"],
        ID["org/supervision-assessment-center"],
    }
    assert len(set(graph.objects(NOTICE_IRI, JK.requirement))) == 2


def test_tasks_an_official_leads_from_the_dump(dump):
    rows = select(
        dump, "SELECT ?task ?text WHERE { ?task jk:leadOfficial ?p ; jk:text ?text }", p=ID["person/teng-min"]
    )
    assert len(rows) == len(tasks_with("牵头负责领导", "滕敏")) == 19
    assert all(str(row.text) in text() for row in rows)


def test_tasks_a_bureau_leads_co_leads_and_cooperates_on_from_the_dump(dump):
    leads = select(dump, "SELECT ?task WHERE { ?task jk:leadUnit ?org }", org=HOUSING)
    co_leads = select(
        dump, "SELECT DISTINCT ?task WHERE { ?task jk:leadUnit ?org, ?other FILTER(?other != ?org) }", org=HOUSING
    )
    expected = tasks_with("牵头责任单位", "市住房和城乡建设局")
    assert len(leads) == len(expected) == 8
    assert len(co_leads) == sum(1 for b in expected if len(names(b["牵头责任单位"])) > 1) == 3
    cooperates = select(
        dump,
        """SELECT DISTINCT ?task ?text WHERE {
        { ?task jk:cooperatingUnit ?org } UNION { ?task jk:cooperatingUnit ?body . ?body org:hasMember ?org }
        ?task jk:text ?text }""",
        org=HOUSING,
    )
    direct = tasks_with("协同责任单位", "市住房和城乡建设局")
    via_annex = [
        b
        for b in blocks()
        if any(n.startswith(("界首市创建安徽省质量强市", "市环境保护委员会")) for n in names(b.get("协同责任单位", "")))
    ]
    assert len(cooperates) == len(direct) + len(via_annex) == 1 + 3
    assert all(str(row.text) in text() for row in cooperates)


def test_alias_and_full_name_are_one_body(graph):
    hitech = ID["org/hitech-zone"]
    assert (task("1.1.1"), JK.leadUnit, hitech) in graph
    assert (task("1.1.2.1"), JK.leadUnit, hitech) in graph
    assert Literal("高新区管委会", lang="zh") in set(graph.objects(hitech, SKOS.altLabel))
    assert len(set(graph.subjects(JK.assignee, hitech))) == 67


def test_one_body_several_plaques(graph):
    assignment = URIRef(f"{task('1.1.3.1')}#lead-unit-1")
    assert graph.value(assignment, JK.agent) == ID["org/market-regulation"]
    assert graph.value(assignment, JK.actedUnder) == Literal("知识产权局", lang="zh")
    assert graph.value(assignment, JK.printedName) == Literal("市市场监管局(知识产权局)", lang="zh")
    finance = set(graph.objects(URIRef(f"{task('3.3.5')}#lead-unit-1"), JK.actedUnder))
    assert finance == {Literal("市政府金融办", lang="zh"), Literal("地方金融监管局", lang="zh")}
    assert Literal("Forestry Bureau", lang="en") in set(
        graph.objects(ID["org/natural-resources-planning"], SKOS.altLabel)
    )


def test_collective_references_are_their_own_kind(graph):
    collectives = set(graph.subjects(RDF.type, JK.CollectiveAgent))
    assert not collectives & set(graph.subjects(RDF.type, ORG.Organization))
    everyone = ID["collective/all-townships-subdistricts"]
    assert everyone in collectives
    assert graph.value(everyone, JK.exhaustive) == Literal(True)
    assert set(graph.objects(everyone, JK.covers)) == {ID["kind/township"], ID["kind/subdistrict"]}
    assert (task("3.2.4.1"), JK.cooperatingUnit, ID["collective/relevant-municipal-units"]) in graph


def test_annex_bodies_have_their_members_and_are_linked_from_tasks(graph):
    quality, env = ID["org/quality-city-leading-group"], ID["org/environmental-protection-committee"]
    assert len(set(graph.objects(quality, ORG.hasMember))) == 16
    assert len(set(graph.objects(env, ORG.hasMember))) == 36
    assert HOUSING in set(graph.objects(env, ORG.hasMember))
    assert (task("1.1.3.1"), JK.cooperatingUnit, quality) in graph
    assert (task("3.2.1"), JK.cooperatingUnit, env) in graph
    assert graph.value(URIRef(f"{task('3.2.1')}#cooperating-unit-1"), JK.viaMembers) == Literal(True)


def test_open_ended_lists_and_responsible_units(graph):
    assert len(list(graph.subject_objects(JK.openEndedRole))) == 14
    assert (task("2.3.3.6"), JK.openEndedRole, JK.LeadUnitRole) in graph
    assert (task("4.1"), JK.responsibleUnit, ID["org/hitech-zone"]) in graph


def test_every_agent_has_chinese_and_english_names(graph):
    agents = set(graph.subjects(RDF.type, ORG.Organization)) | set(graph.subjects(RDF.type, JK.CollectiveAgent))
    agents |= set(graph.subjects(RDF.type, JK.Official))
    for agent in agents:
        languages = {label.language for label in graph.objects(agent, SKOS.prefLabel)}
        assert {"zh", "en"} <= languages, agent
    housing_en = graph.value(HOUSING, SKOS.prefLabel, default=None)
    assert housing_en is not None
    assert Literal("Jieshou Municipal Bureau of Housing and Urban-Rural Development", lang="en") in set(
        graph.objects(HOUSING, SKOS.prefLabel)
    )


def test_officials_have_pinyin(graph):
    teng = ID["person/teng-min"]
    labels = set(graph.objects(teng, SKOS.prefLabel))
    assert {
        Literal("滕敏", lang="zh"),
        Literal("Teng Min", lang="en"),
        Literal("Téng Mǐn", lang="zh-latn-pinyin"),
    } == labels


@pytest.mark.parametrize(
    ("notation", "number", "value", "unit", "bound"),
    [
        ("1.1.3.2", 1, Decimal(100), "enterprises", JK.Minimum),
        ("2.1.1.2", 3, Decimal(5000), "mu", JK.Exact),
        ("2.1.1.2", 5, Decimal(40), "percent", JK.Minimum),
        ("2.1.2.8", 1, Decimal(70000), "mu", JK.Exact),
        ("2.2.1", 2, Decimal("3.2"), "percent", JK.Maximum),
        ("1.2.2.5", 2, Decimal(13500000000), "yuan", JK.Exact),
    ],
)
def test_targets(graph, notation, number, value, unit, bound):
    target = URIRef(f"{task(notation)}#target-{number}")
    assert graph.value(target, JK.value).toPython() == value
    assert graph.value(target, JK.unit) == ID[f"unit/{unit}"]
    assert graph.value(target, JK.bound) == bound


def test_every_provenance_span_quotes_the_source(graph):
    source = str(graph.value(ID["notice/jiezhengfa-2020-11/text"], JK.content))
    assert source == text()
    resources = set(graph.subjects(RDF.type, OA.SpecificResource))
    assert (
        len(resources) == 147 + 40 + 708 + 41 + 2 + 2 + 2
    )  # tasks, sections, assignments, targets, requirements, annexes, notice+plan
    for resource in resources:
        selectors = set(graph.objects(resource, OA.hasSelector))
        start = next(int(graph.value(s, OA.start)) for s in selectors if graph.value(s, OA.start) is not None)
        end = next(int(graph.value(s, OA.end)) for s in selectors if graph.value(s, OA.end) is not None)
        exact = next(str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact) is not None)
        assert source[start:end] == exact


def test_task_provenance_covers_heading_and_assignments(graph):
    resource = graph.value(task("1.1.3.2"), JK.source)
    quote = next(
        str(graph.value(s, OA.exact)) for s in graph.objects(resource, OA.hasSelector) if graph.value(s, OA.exact)
    )
    assert quote.startswith("(2)力争国家高新技术企业达100家。")
    assert quote.endswith("协同责任单位:市直相关单位。")


def test_hierarchy(graph):
    assert graph.value(task("1.1.3.2"), JK.partOf) == task("1.1.3")
    assert graph.value(task("1"), JK.partOf) == URIRef(PLAN)
    gap = task("2.2.4.4")
    assert (graph.value(gap, JK.number), graph.value(gap, JK.numberValue), graph.value(gap, JK.ordinal)) == (
        Literal("(4)"),
        Literal(4),
        Literal(3),
    )
    assert graph.value(gap, JK.printedPath) == Literal("二(二)4(4)")
