"""Answers are made once: strong ETags, 304s, Vary on exactly what an answer depends on, and a bounded
cache that a repeated request hits without reaching Flask, the store or a query worker."""

from __future__ import annotations

import http.client
import json
import time
import urllib.request
from urllib.parse import urlencode

import pytest
from conftest import ROOT, serving

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


CHROME = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browsers_that_choose_the_same_language_share_one_kept_answer(fresh):
    client = fresh.test_client()
    first = client.get(PAGE, headers={"Accept": CHROME, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert first.status_code == 200 and "X-Cache" not in first.headers
    same = client.get(PAGE, headers={"Accept": FIREFOX, "Accept-Language": "zh-TW, zh;q=0.8"})
    assert same.headers["X-Cache"] == "hit" and same.headers["ETag"] == first.headers["ETag"]
    assert same.data == first.data
    english = client.get(PAGE, headers={"Accept": CHROME, "Accept-Language": "en-GB,en;q=0.9"})
    assert "X-Cache" not in english.headers and english.headers["ETag"] != first.headers["ETag"]
    assert 'lang="en"' in english.text and 'lang="zh-Hans"' in first.text
    cookie = fresh.test_client()
    cookie.set_cookie("lang", "en")
    chosen = cookie.get(PAGE, headers={"Accept-Language": "zh-CN"})
    assert chosen.headers["X-Cache"] == "hit" and chosen.data == english.data


def test_an_answer_that_varies_on_accept_is_kept_apart_for_each(fresh):
    client, path = fresh.test_client(), "/id/person/teng-min"
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    page = client.get(path, headers={"Accept": CHROME})
    assert turtle.mimetype == "text/turtle" and page.mimetype == "text/html" and "X-Cache" not in page.headers
    again = client.get(path, headers={"Accept": "text/turtle", "Accept-Language": "zh-CN"})
    assert again.headers["X-Cache"] == "hit" and again.data == turtle.data
    english = client.get(path, headers={"Accept": CHROME, "Accept-Language": "en"})
    assert "X-Cache" not in english.headers and english.data != page.data


def test_what_the_cache_remembers_of_requests_is_bounded(fresh, monkeypatch):
    from jieshou_kg.web import cache

    monkeypatch.setattr(cache, "KNOWN_REQUESTS", 40)
    client = fresh.test_client()
    for i in range(100):
        assert client.get(f"/queries/?n={i}").status_code == 200
    assert len(fresh.wsgi_app.varies) == 40
    assert client.get("/queries/?n=99").headers["X-Cache"] == "hit"


def test_the_served_site_makes_every_default_answer_as_it_starts(built, dist):
    """Once /health says warmed, the first visitor of any saved query's default page or download, in either
    language and whatever its browser sends, gets the kept answer."""
    from jieshou_kg.saved import load_queries
    from jieshou_kg.web.query_page import DOWNLOADS

    slugs = [slug for slug, q in load_queries(ROOT / "queries").items() if q.audience != "internal"]
    with serving(dist) as base:
        deadline = time.monotonic() + 120
        while not json.loads(urllib.request.urlopen(base + "/health", timeout=10).read())["warmed"]:
            assert time.monotonic() < deadline, "the default answers were not made within 120 s"
            time.sleep(0.2)
        for languages in ("zh-CN,zh;q=0.9,en;q=0.8", "en-US,en;q=0.9"):
            for url in ["/", *(f"/queries/{s}{fmt}" for s in slugs for fmt in ["", *(f".{f}" for f in DOWNLOADS)])]:
                request = urllib.request.Request(base + url, headers={"Accept": CHROME, "Accept-Language": languages})
                with urllib.request.urlopen(request, timeout=30) as answer:
                    assert answer.headers["X-Cache"] == "hit", (url, languages)


def test_the_pages_orders_and_downloads_of_one_answer_run_its_query_once(fresh):
    site, client = fresh.extensions["jieshou_kg"], fresh.test_client()
    texts = []
    execute = site.store.execute
    site.store.execute = lambda sparql, *a, **k: texts.append(sparql) or execute(sparql, *a, **k)
    pages = [client.get(f"/queries/all-tasks{suffix}") for suffix in ("", "?page=2", "?sort=number&order=desc")]
    downloads = [client.get(f"/queries/all-tasks.{fmt}") for fmt in ("csv", "xlsx", "json", "srj", "srx")]
    assert all(r.status_code == 200 for r in pages + downloads)
    assert len({p.data for p in pages}) == 3 and downloads[0].data.decode("utf-8-sig").count("\n") > 147
    assert sum("jk:leadOfficial ?agent" in text for text in texts) == 1
