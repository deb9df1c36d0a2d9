"""The closed namespace and the ontology agree, and every term is documented in both languages."""

from __future__ import annotations

import pytest
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from jieshou_kg.namespaces import DEF, JK, ONTOLOGY

PUBLIC_API = {
    "Notice",
    "Plan",
    "Section",
    "Task",
    "Official",
    "CollectiveAgent",
    "CoordinatingBody",
    "Assignment",
    "Target",
    "leadOfficial",
    "leadUnit",
    "cooperatingUnit",
    "responsibleUnit",
    "assignee",
    "partOf",
    "number",
    "ordinal",
    "text",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "jieshou-kg.ttl")


def defined_terms(ontology: Graph) -> set[str]:
    return {str(s).removeprefix(DEF) for s in ontology.subjects() if str(s).startswith(DEF)}


def test_namespace_matches_the_ontology(ontology):
    assert set(JK.__annotations__) == defined_terms(ontology)


def test_public_api_terms_exist(ontology):
    assert defined_terms(ontology) >= PUBLIC_API
    for name in ("leadOfficial", "leadUnit", "cooperatingUnit", "responsibleUnit"):
        assert (JK[name], RDFS.subPropertyOf, JK.assignee) in ontology


def test_the_namespace_is_closed():
    with pytest.raises(AttributeError):
        JK.leadUnits  # noqa: B018


@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.definition])
def test_every_term_is_documented_in_chinese_and_english(ontology, predicate):
    for name in defined_terms(ontology) - {"Roles", "Bounds"}:
        languages = {value.language for value in ontology.objects(URIRef(DEF + name), predicate)}
        assert {"zh", "en"} <= languages, (name, predicate)
        assert (URIRef(DEF + name), RDFS.isDefinedBy, ONTOLOGY) in ontology
