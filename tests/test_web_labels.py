"""Labels: one query for all the labels a page shows, and a cache that keeps only what is in the graph."""

from __future__ import annotations

import pytest

from jieshou_kg.store import Store
from jieshou_kg.web import create_app

PAGES = [
    "/id/org/housing-urban-rural-development",
    "/id/plan/jiezhengfa-2020-11/1.1.3.2",
    "/id/person/teng-min",
    "/id/notice/jiezhengfa-2020-11",
    "/id/collective/all-townships-subdistricts",
    "/queries/organization-involvement",
    "/queries/all-tasks?lang=en",
    "/notices",
]


class Counting(Store):
    """The real store, counting the queries a page sends it (a remote store would pay a round trip for each).
    It has no version, so the site keeps no answers and every page is made again."""

    source = "counting"

    def __init__(self, inner):
        self.inner, self.queries = inner, []

    def execute(self, sparql, *dataset):
        self.queries.append(sparql)
        return self.inner.execute(sparql, *dataset)

    def select(self, sparql):
        self.queries.append(sparql)
        return self.inner.select(sparql)

    def construct(self, sparql):
        self.queries.append(sparql)
        return self.inner.construct(sparql)

    def close(self):
        pass


@pytest.fixture
def counted(web_config, store):
    counting = Counting(store)
    app = create_app(web_config, store=counting)
    yield app.test_client(), counting, app.extensions["jieshou_kg"].labels
    app.extensions["jieshou_kg"].close()


def label_queries(queries) -> int:
    return sum("skos:prefLabel ?label } UNION" in q for q in queries)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_fetches_its_labels_in_one_query(counted, url):
    client, store, _ = counted
    assert client.get(url).status_code == 200
    assert label_queries(store.queries) == 1, url
    store.queries.clear()
    assert client.get(url).status_code == 200
    assert label_queries(store.queries) == 0, f"{url}: labels are cached"


def test_invented_iris_neither_grow_memory_nor_push_out_real_labels(counted):
    client, _, labels = counted
    labels.unlabelled.capacity = 100
    client.get("/id/org/housing-urban-rural-development")
    before = len(labels.cache)
    for batch in range(3):
        minted = " ".join(f"<https://w3id.org/jieshou-kg/id/org/invented-{batch}-{i}>" for i in range(300))
        query = f"SELECT ?x WHERE {{ VALUES ?x {{ {minted} }} }}"
        assert client.get("/sparql", query_string={"query": query, "format": "html"}).status_code == 200
    assert len(labels.cache) == before and len(labels.unlabelled) == 100


def test_the_cache_is_bounded(counted):
    client, _, labels = counted
    labels.cache.capacity = 10
    for url in PAGES:
        client.get(url)
    assert len(labels.cache) == 10
