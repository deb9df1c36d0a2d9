"""Saved queries: headers, parameter binding, and each query's answer against facts counted from the text."""

from __future__ import annotations

import itertools

import pytest
from conftest import ROOT
from facts import blocks, names, tasks_with, text
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from jieshou_kg.errors import InputError, QueryError
from jieshou_kg.namespaces import ID
from jieshou_kg.saved import known_in, load_queries
from jieshou_kg.saved.binding import bind_values, where_group_start


@pytest.fixture(scope="module")
def queries():
    return load_queries(ROOT / "queries")


def run(store, queries, slug: str, lang: str = "zh", **raw):
    query = queries[slug]
    return store.select(query.bind(query.values(raw, known_in(store), lang)))


def test_every_saved_query_is_described_and_parses(queries):
    assert len(queries) >= 15
    for query in queries.values():
        assert {"zh", "en"} <= set(query.title) and {"zh", "en"} <= set(query.description), query.slug
        assert query.audience in {"staff", "researchers"}
        for parameter in query.parameters:
            if parameter.type != "language":
                assert {"zh", "en"} <= set(parameter.label), (query.slug, parameter.name)
        parseQuery(query.bind({p.name: Literal("x") for p in query.parameters}))


def test_values_are_bound_as_terms_never_pasted():
    sparql = "PREFIX x: <http://x/> # a comment with WHERE { in it\nSELECT ?a WHERE { ?a x:p '}' }"
    bound = bind_values(sparql, {"word": Literal('a"} } INSERT DATA { <x> <y> <z> } #')})
    assert 'VALUES (?word) { ("a\\"} } INSERT DATA { <x> <y> <z> } #") }' in bound
    parseQuery(bound)


def test_the_where_group_is_found_past_comments_strings_and_iris():
    sparql = 'PREFIX w: <http://e/WHERE> SELECT ?x # WHERE {\n(STR("WHERE {") AS ?y) WHERE { ?x ?p ?o }'
    assert sparql[where_group_start(sparql) - 1 :].startswith("{ ?x")
    with pytest.raises(InputError):
        where_group_start("SELECT ?x { ?x ?p ?o }")


def test_unknown_iris_and_bad_values_are_query_errors(store, queries):
    with pytest.raises(QueryError, match="not a known organization"):
        run(store, queries, "organization-co-leads", org="org/teng-min")
    with pytest.raises(QueryError, match="not a known organization"):
        run(store, queries, "organization-co-leads", org=str(ID["person/teng-min"]))
    with pytest.raises(QueryError, match="not true or false"):
        run(store, queries, "organization-involvement", viaAnnex="maybe")
    with pytest.raises(QueryError, match="unknown parameter"):
        run(store, queries, "organization-co-leads", organisation="org/finance")
    with pytest.raises(QueryError, match="at most 200"):
        run(store, queries, "text-search", word="污" * 201)


def test_co_leads_of_the_housing_bureau(store, queries):
    table = run(store, queries, "organization-co-leads")
    expected = [b for b in tasks_with("牵头责任单位", "市住房和城乡建设局") if len(names(b["牵头责任单位"])) > 1]
    assert len(table) == len(expected) == 3
    assert [str(r["number"]) for r in table.rows] == ["一(四)1(2)", "二(一)3(7)", "三(二)3(2)"]
    assert str(table.rows[1]["otherLeadUnits"]) == "市园林管理处"
    english = run(store, queries, "organization-co-leads", lang="en")
    assert str(english.rows[1]["otherLeadUnits"]) == "Jieshou Landscaping Administration Office"


def test_text_search_binds_the_word_as_a_literal(store, queries):
    table = run(store, queries, "text-search", word="污染")
    lines = [line for line in text().splitlines() if line.strip(" \xa0")]
    task_lines = [line for line, following in itertools.pairwise(lines) if "牵头负责领导" in following]
    assert len(table) == sum(1 for line in task_lines if "污染" in line) == 5
    assert len(run(store, queries, "text-search", word='") } #')) == 0


def test_every_task_in_the_overview_table(store, queries):
    table = run(store, queries, "all-tasks")
    assert len(table) == len(blocks())
    first = table.rows[0]
    assert str(first["leadOfficials"]) == "滕敏"
    assert set(str(first["leadUnits"]).split("; ")) == {
        "安徽阜阳界首高新技术产业开发区管委会",
        "市发展改革委",
        "市经济和信息化局",
        "市科技局",
    }
    assert "responsibleUnits" not in first


def test_options_are_labelled_and_in_document_order(store):
    from jieshou_kg.saved import options

    sections = options(store, "section")
    assert len(sections) == 40 and sections[0].iri == URIRef(f"{ID}plan/jiezhengfa-2020-11/1")
    officials = options(store, "official")
    assert {o.labels["en"] for o in officials} >= {"Teng Min", "Zhang Linqing"}
