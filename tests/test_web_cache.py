"""Answers are made once: strong ETags, 304s, Vary on exactly what an answer depends on, and a bounded
cache that a repeated request hits without reaching Flask, the store or a query worker."""

from __future__ import annotations

import http.client
from urllib.parse import urlencode

import pytest
from conftest import serving

from jieshou_kg.web import create_app

PAGE = "/queries/organization-co-leads"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/jieshou-kg/def#Task> }"
ASKED = "/sparql?" + urlencode({"query": COUNT})


@pytest.fixture
def fresh(web_config):
    app = create_app(web_config)
    yield app
    app.extensions["jieshou_kg"].close()


def test_a_page_has_a_strong_etag_and_a_304_when_it_is_unchanged(client):
    first = client.get(PAGE)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "public" in first.headers["Cache-Control"] and "max-age=" in first.headers["Cache-Control"]
    assert first.headers["Last-Modified"] and set(first.headers["Vary"].split(", ")) == {"Accept-Language", "Cookie"}
    again = client.get(PAGE, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    english = client.get(PAGE + "?lang=en")
    assert english.headers["ETag"] != etag and client.get(PAGE, headers={"If-None-Match": "x"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "headers", "vary"),
    [
        (PAGE + ".csv", {}, {"Accept-Language", "Cookie"}),
        (PAGE + ".srj", {}, {"Accept-Language", "Cookie"}),
        ("/id/org/housing-urban-rural-development", {"Accept": "text/turtle"}, {"Accept", "Accept-Language", "Cookie"}),
        ("/id/plan/jiezhengfa-2020-11/1.1.3.2", {}, {"Accept", "Accept-Language", "Cookie"}),
        (ASKED, {"Accept": "application/sparql-results+json"}, {"Accept"}),
        (ASKED + "&format=html", {}, {"Accept", "Accept-Language", "Cookie"}),
    ],
)
def test_every_kind_of_answer_can_be_revalidated(client, url, headers, vary):
    first = client.get(url, headers=headers)
    assert first.status_code == 200 and set(first.headers["Vary"].split(", ")) == vary, first.headers
    again = client.get(url, headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_dumps_answer_304_to_their_etag(client):
    first = client.get("/dumps/jieshou-kg.ttl")
    assert client.get("/dumps/jieshou-kg.ttl", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_errors_and_health_are_never_kept(client):
    assert "ETag" not in client.get("/queries/no-such-query").headers
    assert "ETag" not in client.get("/health").headers


def test_a_repeated_request_never_reaches_the_store_or_a_worker(fresh):
    site, client = fresh.extensions["jieshou_kg"], fresh.test_client()
    calls = []
    for name in ("select", "execute", "construct"):
        method = getattr(site.store, name)
        setattr(site.store, name, lambda *a, _m=method, **k: calls.append(1) or _m(*a, **k))
    pool_run = site.query_pool().run
    site.query_pool().run = lambda request: calls.append("worker") or pool_run(request)
    urls = [PAGE, PAGE + ".csv", "/id/person/teng-min", ASKED]
    for url in urls:
        assert client.get(url).status_code == 200
    posted = client.post("/sparql", data=COUNT.encode(), content_type="application/sparql-query")
    assert posted.status_code == 200 and "worker" in calls
    calls.clear()
    for url in urls:
        assert client.get(url).status_code == 200
    assert client.post("/sparql", data=COUNT.encode(), content_type="application/sparql-query").data == posted.data
    assert calls == []


def test_the_cache_is_bounded_by_bytes(web_config):
    app = create_app({**web_config, "answer_cache_bytes": 150_000})
    try:
        client, cache = app.test_client(), app.wsgi_app
        for org in ("finance", "housing-urban-rural-development", "hitech-zone", "education", "transport"):
            for lang in ("zh", "en"):
                client.get(f"{PAGE}?org=org/{org}&lang={lang}")
        assert 0 < cache.size <= 150_000 and len(cache.entries) < 10
    finally:
        app.extensions["jieshou_kg"].close()


def test_nothing_is_kept_without_a_version(web_config):
    app = create_app({**web_config, "answer_cache_bytes": 0})
    try:
        assert "ETag" not in app.test_client().get(PAGE).headers
    finally:
        app.extensions["jieshou_kg"].close()


def test_a_304_keeps_the_connection_open(built, dist):
    with serving(dist) as base:
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", PAGE)
        first = connection.getresponse()
        first.read()
        etag, socket_before = first.getheader("ETag"), connection.sock
        for _ in range(3):
            connection.request("GET", PAGE, headers={"If-None-Match": etag})
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 304 and answer.getheader("Connection") != "close"
        assert connection.sock is socket_before
        connection.close()
