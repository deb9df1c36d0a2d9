"""The guard reads queries as the grammar does, and the engine runs only the canonical text it wrote."""

from __future__ import annotations

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jieshou_kg.endpoint.guard import check
from jieshou_kg.endpoint.lexer import tokens
from jieshou_kg.errors import Forbidden, QueryError
from jieshou_kg.namespaces import ONTOLOGY_GRAPH, REGISTRY_GRAPH, SPARQL_PREFIXES, notice_graph_name
from jieshou_kg.saved import load_queries

ALLOWED = frozenset(str(g) for g in (notice_graph_name("jiezhengfa-2020-11"), REGISTRY_GRAPH, ONTOLOGY_GRAPH))
JK = "https://w3id.org/jieshou-kg/def#"
MEANING_KEPT = [
    "SELECT ?t ?text WHERE { ?t a jk:Task ; jk:text ?text } ORDER BY ?t LIMIT 5",
    'SELECT ?o WHERE { ?o skos:prefLabel "滕敏"@zh }',
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . FILTER (?o > 3 && ?o <= 7.5e0) }",
    "SELECT ?s WHERE { ?s jk:level 4 . FILTER (?s != <https://w3id.org/jieshou-kg/id/x>) } LIMIT 3",
    'SELECT ?t WHERE { ?t jk:text ?x FILTER (REGEX(?x, "^(加强|推进)\\\\S*", "i")) } LIMIT 4',
    'SELECT (CONCAT(STR(?t), " \\"\\t\\n") AS ?c) WHERE { ?t a jk:Task } LIMIT 2',
    "PREFIX e: <http://example.org/> SELECT ?x WHERE { VALUES ?x { e:a\\#b e:c\\.d 'it\\'s' '''long\nstring''' } }",
    "SELECT ?u (GROUP_CONCAT(?n; SEPARATOR = '|') AS ?all) WHERE { ?t jk:leadUnit ?u . ?u skos:prefLabel ?n }"
    " GROUP BY ?u HAVING (COUNT(?n) > 1)",
    "SELECT * WHERE { ?t jk:partOf+/jk:level ?l ; ^jk:assignment? ?a } LIMIT 3",
    "ASK { ?t a jk:Task FILTER NOT EXISTS { ?t jk:leadOfficial [] } }",
    "CONSTRUCT { ?o a jk:Official } WHERE { ?o a jk:Official }",
    "DESCRIBE <https://w3id.org/jieshou-kg/id/person/teng-min>",
    "SELECT ?x WHERE { BIND (COALESCE(?nothing, xsd:integer('7')) AS ?x) }",
    "SELECT ?t WHERE { ?t jk:target/jk:value ?v FILTER (?v IN (5000.0, 40, -1)) }",
    "# a comment\nPREFIX my: <https://w3id.org/jieshou-kg/def#> SELECT ?t { ?t a my:Task } LIMIT 1 # the end",
    "SELECT ?l WHERE { ?s skos:prefLabel ?l FILTER (LANGMATCHES(LANG(?l), 'en') && STRSTARTS(?l, 'Task')) } LIMIT 3",
]


def rows(result) -> object:
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return bool(result)
    if type(result).__name__ == "QuerySolutions":
        names = [v.value for v in result.variables]
        return sorted(repr([str(s[n]) if s[n] is not None else None for n in names]) for s in result)
    return sorted(str(t) for t in result)


def test_every_query_of_the_site_means_the_same_in_canonical_form(store):
    texts = [q.sparql for q in load_queries(ROOT / "queries").values() if not q.parameters]
    site = load_queries(ROOT / "queries" / "site").values()
    texts += [q.sparql for q in site if "VALUES" not in q.sparql and "SERVICE" not in q.sparql]
    for text in texts + MEANING_KEPT:
        canonical = check(text, ALLOWED).text  # the guard declares the site's prefixes itself
        assert rows(store.execute(canonical)) == rows(store.execute(SPARQL_PREFIXES + text)), text


def test_codepoint_escapes_are_read_as_the_grammar_says_once_before_anything_else(store):
    # Oxigraph itself does not expand them outside strings; the canonical text has none left to expand
    checked = check("SELECT ?t WHERE { ?t \\u0061 jk:Task } LIMIT 2", ALLOWED)
    assert "\na\n" in checked.text and len(list(store.execute(checked.text))) == 2
    assert '"\\""' in check('SELECT * { BIND ("\\\\u0022" AS ?x) }', ALLOWED).text  # \\ is not protected


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { sErViCe <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o # \r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } \n}",
        "SELECT * WHERE { ?s ?p ?o \\u0023 not a comment \n SERVICE <http://127.0.0.1:9/> {} }",
    ],
)
def test_service_in_any_spelling_is_refused(query):
    with pytest.raises(Forbidden, match="SERVICE"):
        check(query, ALLOWED)


@pytest.mark.parametrize(
    ("query", "why"),
    [
        # the query: after the one pass of escapes, \u0000… is a backslash and text in a string
        (
            "PREFIX ex: <http://example.org/> SELECT * WHERE { VALUES ?z { ex:a\\# }\n"
            '  BIND("\\u005cu00000022\\u005cu00000022q" AS ?x) SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c }\n'
            '  BIND("q\\u005cu00000022\\u005cu00000022" AS ?y) }',
            "line 2, column 8",
        ),
        ('SELECT * { BIND ("\\\\u" AS ?x) }', "backslash before u"),
        (
            "SELECT * WHERE { BIND ('\\u0027' AS ?x) SERVICE <http://127.0.0.1:9/> {} }",
            "line 1, column 31",
        ),  # in the client's text, before its escape was expanded
        ("SELECT * { ?s <http://a/it's> ?o }", "quote"),
        ('SELECT * { BIND ("\x00" AS ?x) }', "control character"),
        ("DEFINE input:grab-all 'yes' SELECT * { ?s ?p ?o }", "expected SELECT"),
        ("SELECT * { ?s ?p ?o } LIMIT 1 DEFINE x", "not a keyword"),
        ("PREFIX b: <bif:> SELECT (b:http_get('http://x') AS ?x) {}", "built-in function"),
        ("SELECT * { ?s undeclared:p ?o }", "not declared"),
        ("SELECT * { ?s ?p ?o } `", "does not start any"),
    ],
)
def test_what_cannot_be_written_unambiguously_is_refused_with_its_place(query, why):
    with pytest.raises(QueryError, match=why):
        check(query, ALLOWED)


def test_updates_and_foreign_graphs_are_forbidden():
    for update in ("INSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX x: <a:> LOAD <file:///etc/passwd>", "CLEAR ALL"):
        with pytest.raises(Forbidden, match="read-only"):
            check(update, ALLOWED)
    with pytest.raises(Forbidden, match="not one of this site's graphs"):
        check("SELECT * FROM NAMED <file:///etc/passwd> { GRAPH ?g { ?s ?p ?o } }", ALLOWED)
    checked = check(f"SELECT * FROM <{sorted(ALLOWED)[0]}> {{ ?s ?p ?o }}", ALLOWED)
    assert checked.default_graphs == (sorted(ALLOWED)[0],) and checked.form == "SELECT"


FRAGMENTS = [
    "SERVICE", "service", "\\u0053ERVICE", "\\U00000053ervice", "#", "\\#", "\r", "\n", "\r\n", '"', "'", '"""',
    "'''", "\\", "\\u005c", "\\u0022", "\\u0027", "\\u0023", "\\u000a", "\\u000d", "<", ">", "<http://a/#x>",
    "ex:a\\#", "ex:", "?service", "{", "}", "(", ")", " ", ".", ";", "^^", "@en", "\\u005cu0022", "a", "<#>",
]  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
def test_canonical_texts_hold_no_service_and_read_back_the_same(fragments):
    query = "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o " + "".join(fragments) + " }"
    try:
        checked = check(query, ALLOWED)
    except (QueryError, Forbidden):
        return
    again = check(checked.text, ALLOWED)
    assert again.text == checked.text
    found = tokens(checked.text)
    assert all(t.keyword != "SERVICE" for t in found)
    # nothing in the canonical text is a comment, white space inside a token, or an escape of \\u
    assert "".join(t.text for t in found) == checked.text.replace("\n", "")
    assert "\\u" not in checked.text.lower()
