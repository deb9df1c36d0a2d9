"""The site's pages against hostile input: results are data, not markup; nothing comes from the Host header;
URLs are strict."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from conftest import ROOT

from jieshou_kg.web import create_app
from jieshou_kg.web.i18n import message

JAVASCRIPT = 'SELECT ?x WHERE { BIND (IRI("javascript:alert(document.domain)//") AS ?x) }'


def test_only_web_iris_become_links(client):
    page = client.get("/sparql", query_string={"query": JAVASCRIPT, "format": "html"}).text
    assert "javascript:alert" in page and 'href="javascript:' not in page
    data = 'SELECT ?x WHERE { BIND (IRI("data:text/html,<script>alert(1)</script>") AS ?x) }'
    page = client.get("/sparql", query_string={"query": data, "format": "html"}).text
    assert 'href="data:' not in page and "<script>alert(1)" not in page


@pytest.mark.parametrize("url", ["/", "/sparql", "/queries/all-tasks", "/id/person/teng-min", "/def", "/charts"])
def test_every_page_carries_a_content_security_policy(client, url):
    response = client.get(url, headers={"Accept": "text/html"})
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff" and "Referrer-Policy" in response.headers


def test_data_answers_are_not_sniffed(client):
    for url in ("/queries/all-tasks.csv", "/sparql?query=ASK%7B%7D", "/id/person/teng-min?format=ttl"):
        assert client.get(url).headers["X-Content-Type-Options"] == "nosniff", url


def test_the_host_header_is_never_copied(client):
    evil = {"Host": "evil.example"}
    for url in ("/.well-known/void", "/sparql?format=ttl", "/id/dataset?format=ttl"):
        response = client.get(url, headers={**evil, "Accept": "text/turtle"})
        assert response.status_code == 200 and "evil.example" not in response.text, url
    assert "evil.example" not in client.get("/sparql", headers=evil).text
    for url in ("/queries", "/queries/", "/notices/", "/id/person/teng-min/"):
        response = client.get(url, headers=evil)
        assert "evil.example" not in response.headers.get("Location", ""), url


def test_the_public_url_comes_from_the_settings(web_config):
    app = create_app({**web_config, "public_url": "https://kg.example.org/jieshou"})
    try:
        void = app.test_client().get("/.well-known/void", headers={"Accept": "text/turtle"}).text
        assert "<https://kg.example.org/jieshou/sparql>" in void
    finally:
        app.extensions["jieshou_kg"].close()


def test_a_parameter_given_twice_is_refused(client):
    response = client.get("/queries/text-search?word=%E6%B1%A1%E6%9F%93&word=%E6%8B%9B%E5%95%86&lang=en")
    assert response.status_code == 400 and "once" in response.text
    chinese = client.get("/queries/text-search?word=%E6%B1%A1%E6%9F%93&word=%E6%8B%9B%E5%95%86&lang=zh")
    assert chinese.status_code == 400 and "只能给一次" in chinese.text


@pytest.mark.parametrize("url", ["/queries/text-search?word=%FF", "/sparql?query=ASK%7B%7D%FF", "/?lang=%C3"])
def test_percent_escapes_that_are_not_utf8_are_refused(client, url):
    assert client.get(url).status_code == 400


def test_a_form_body_that_is_not_utf8_is_refused(client):
    response = client.post("/sparql", data=b"query=ASK%7B%7D%FF", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_a_web_page_shows_few_rows_while_the_data_keeps_them_all(web_config):
    app = create_app({**web_config, "html_rows": 50})
    client = app.test_client()
    try:
        query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3000"
        page = client.get("/sparql", query_string={"query": query, "format": "html", "lang": "en"}).text
        assert page.count("<tr>") <= 51 and "only the first 50 rows are shown" in page
        data = client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()
        assert len(data["results"]["bindings"]) == 3000
    finally:
        app.extensions["jieshou_kg"].close()


def _typed_parameters():
    from jieshou_kg.saved import load_queries
    from jieshou_kg.saved.parameters import IRI_TYPES

    queries = load_queries(ROOT / "queries")
    found = {}
    for slug, query in sorted(queries.items()):
        for parameter in query.parameters:
            if parameter.type in IRI_TYPES:
                found.setdefault(parameter.type, (slug, parameter.name))
    return found


@pytest.mark.parametrize("suffix", ["", ".csv", ".json"])
def test_an_unknown_iri_of_every_parameter_type_is_a_400_in_both_languages(server, suffix):
    """Every IRI type a saved query takes is refused in words (a type without its name was a 500)."""
    typed = _typed_parameters()
    assert set(typed) >= {"organization", "official", "notice", "section"}
    for kind, (slug, name) in typed.items():
        for lang, word in (("zh", message(f"type_{kind}")["zh"]), ("en", message(f"type_{kind}")["en"])):
            url = f"{server}/queries/{slug}{suffix}?{name}=notice/no-such-thing&lang={lang}"
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url, timeout=30)
            body = refused.value.read().decode("utf-8")
            if suffix == ".json":
                body = json.loads(body)["error"]["message"]
            assert refused.value.code == 400, (url, body[:300])
            assert "no-such-thing" in body and (suffix == ".csv" or word in body), (url, body[:300])
