"""Every shape: the mini notice conforms; one small change breaks exactly that shape."""

from __future__ import annotations

import importlib

import pytest
from conftest import ROOT
from mini import MINI
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from jieshou_kg.graph import load_graph, notice_graph, validate
from jieshou_kg.graph.hoist import hoist
from jieshou_kg.namespaces import JK, PREFIXES
from jieshou_kg.notice import extract_targets, parse_notice

SHAPES = "https://w3id.org/jieshou-kg/shapes#"
PLAN = "https://w3id.org/jieshou-kg/id/plan/jiezhengfa-2021-3"
ORG = "https://w3id.org/jieshou-kg/id/org/"
validate_module = importlib.import_module("jieshou_kg.graph.validate")  # the package's `validate` is the function
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@pytest.fixture(scope="module")
def shapes() -> tuple[Graph, Graph]:
    return load_graph(ROOT / "ontology" / "shapes.ttl"), load_graph(ROOT / "ontology" / "jieshou-kg.ttl")


@pytest.fixture
def mini(registry) -> Graph:
    notice = parse_notice(MINI, "mini.txt")
    extract_targets(notice, registry)
    return notice_graph(notice, registry)


def t(notation: str) -> str:
    return f"<{PLAN}/{notation}>"


VIOLATIONS = {
    "TaskShape (lead official)": ("TaskShape", f"DELETE WHERE {{ {t('1.1.1')} jk:leadOfficial ?o }}"),
    "TaskShape (two texts)": ("TaskShape", f"INSERT DATA {{ {t('1.1.1')} jk:text 'another text'@zh }}"),
    "TaskShape (no lead unit)": ("TaskShape", f"DELETE WHERE {{ {t('1.1.2.1')} jk:leadUnit ?u }}"),
    "AssignmentShape": ("AssignmentShape", f"DELETE WHERE {{ <{PLAN}/1.1.1#lead-unit-1> jk:role ?r }}"),
    "AgreementShape (direct only)": (
        "AgreementShape",
        f"INSERT DATA {{ {t('1.1.1')} jk:cooperatingUnit <{ORG}audit> }}",
    ),
    "AgreementShape (qualified only)": (
        "AgreementShape",
        f"DELETE WHERE {{ {t('1.1.1')} jk:leadUnit <{ORG}finance> }}",
    ),
    "TargetShape": ("TargetShape", f"DELETE WHERE {{ <{PLAN}/1.1.1#target-1> jk:unit ?u }}"),
    "PlanItemShape": ("PlanItemShape", f"DELETE WHERE {{ {t('1.1')} jk:partOf ?p }}"),
    "HierarchyShape": (
        "HierarchyShape",
        f"DELETE {{ {t('1.1.2.1')} jk:level 4 }} INSERT {{ {t('1.1.2.1')} jk:level 2 }} WHERE {{}}",
    ),
    "SectionShape": ("SectionShape", f"INSERT DATA {{ {t('1.9')} a jk:Section ; jk:partOf {t('1')} }}"),
    "ProvenanceShape": (
        "ProvenanceShape",
        f"DELETE {{ ?s oa:start ?x }} INSERT {{ ?s oa:start 0 }} "
        f"WHERE {{ BIND(<{PLAN}/1.1.1#source-position> AS ?s) ?s oa:start ?x }}",
    ),
    "SelectorsShape": (
        "SelectorsShape",
        f"DELETE WHERE {{ <{PLAN}/1.1.1#source> oa:hasSelector <{PLAN}/1.1.1#source-quote> }}",
    ),
    "OrganizationShape": (
        "OrganizationShape",
        f"DELETE {{ <{ORG}finance> skos:prefLabel ?l }} "
        f"WHERE {{ <{ORG}finance> skos:prefLabel ?l FILTER(lang(?l) = 'zh') }}",
    ),
    "LabelShape": (
        "LabelShape",
        f"INSERT {{ <{ORG}finance> skos:altLabel ?l }} "
        f"WHERE {{ <{ORG}finance> skos:prefLabel ?l FILTER(lang(?l) = 'en') }}",
    ),
    "CollectiveShape": (
        "CollectiveShape",
        "INSERT DATA { <https://w3id.org/jieshou-kg/id/collective/all-municipal-units> a org:Organization }",
    ),
}
WARNINGS = {
    "NumberingGapShape": f"DELETE {{ {t('1.1.2')} jk:numberValue 2 }} "
    f"INSERT {{ {t('1.1.2')} jk:numberValue 3 }} WHERE {{}}",
    "EnglishLabelShape": f"DELETE {{ <{ORG}finance> skos:prefLabel ?l }} "
    f"WHERE {{ <{ORG}finance> skos:prefLabel ?l FILTER(lang(?l) = 'en') }}",
}


def test_the_mini_notice_conforms_without_warnings(mini, shapes):
    report = validate(mini, *shapes)
    assert report.conforms and report.issues == []


def test_every_shape_has_a_violating_case(shapes):
    declared = {str(s).removeprefix(SHAPES) for s in shapes[0].subjects() if str(s).startswith(SHAPES)}
    covered = {shape for shape, _ in VIOLATIONS.values()} | set(WARNINGS) | {"prefixes"}
    assert declared == covered


@pytest.mark.parametrize("case", list(VIOLATIONS))
def test_violation(case, mini, shapes):
    shape, change = VIOLATIONS[case]
    mini.update(PROLOGUE + change)
    report = validate(mini, *shapes)
    assert shape in {issue.shape for issue in report.violations}, report.issues


@pytest.mark.parametrize("shape", list(WARNINGS))
def test_warning(shape, mini, shapes):
    mini.update(PROLOGUE + WARNINGS[shape])
    report = validate(mini, *shapes)
    assert report.violations == []
    assert [issue.shape for issue in report.warnings] == [shape]
    # SHACL §3.6.1: any result makes the report non-conforming; the build still passes, and says why
    assert not report.conforms and report.passes
    assert (None, SH.conforms, Literal(False)) in report.graph and (None, SH.result, None) in report.graph
    assert "conforms: false (0 violation(s), 1 warning(s), 0 info(s)); the build passes" in report.text
    assert "does not fail on warnings" in report.text


@pytest.mark.parametrize("case", ["none", *VIOLATIONS, *WARNINGS])
def test_hoisted_shapes_give_the_same_report(case, mini, shapes, monkeypatch):
    """graph/hoist.py lays the shapes out for pySHACL's speed: the report, byte for byte, is the same without it."""
    change = {**{k: c for k, (_, c) in VIOLATIONS.items()}, **WARNINGS}.get(case)
    if change:
        mini.update(PROLOGUE + change)
    hoisted = validate(mini, *shapes)
    monkeypatch.setattr(validate_module, "hoist", lambda graph: (graph, []))
    plain = validate(mini, *shapes)
    assert (hoisted.turtle(), hoisted.text) == (plain.turtle(), plain.text)


def test_hoisting_gives_each_property_shape_its_node_shapes_targets(shapes):
    hoisted, added = hoist(shapes[0])
    assignment = URIRef(SHAPES + "AssignmentShape")
    properties = set(shapes[0].objects(assignment, SH.property))
    assert len(properties) == 5 and not list(hoisted.objects(assignment, SH.property))
    assert {(p, SH.targetClass, JK.Assignment) for p in properties} <= set(added)
    selectors = URIRef(SHAPES + "SelectorsShape")  # no property shape of its own
    assert not [t for t in added if t[0] == selectors]
