"""A remote store that is down, slow or answers wrongly: the site says so, on time, and recovers."""

from __future__ import annotations

import time

import pytest
from conftest import free_port
from stub import Stub

from jieshou_kg.errors import StoreError, StoreTimeout
from jieshou_kg.store import RemoteStore
from jieshou_kg.web import create_app

TIMEOUT = 1.0
PAGE = "/queries/official-tasks"
SPARQL = "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"


@pytest.fixture
def stub(oxigraph):
    stub = Stub(oxigraph[0])
    yield stub
    stub.close()


@pytest.fixture
def site_on(web_config):
    apps = []

    def make(endpoint: str):
        app = create_app({**web_config, "endpoint": endpoint, "store_timeout": TIMEOUT})
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        app.extensions["jieshou_kg"].close()


def timed(client, path: str):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_a_stopped_store_is_a_clear_502(site_on):
    client = site_on(f"http://127.0.0.1:{free_port()}/query")
    page, elapsed = timed(client, PAGE)
    assert page.status_code == 502 and "cannot reach" in page.text and elapsed < TIMEOUT + 1
    assert timed(client, SPARQL)[0].status_code == 502
    assert client.get("/health").status_code == 200


def test_a_slow_store_is_a_504_on_time_and_the_site_recovers(site_on, stub):
    client = site_on(stub.url)
    stub.mode = "slow"
    for path in (PAGE, SPARQL, "/id/person/teng-min"):
        response, elapsed = timed(client, path)
        assert response.status_code == 504, path
        assert "did not answer within 1 s" in response.text and elapsed < TIMEOUT + 1.5
    stub.mode = "ok"
    assert client.get(PAGE).status_code == 200
    assert client.get(SPARQL).get_json()["boolean"] is True


@pytest.mark.parametrize(
    ("mode", "message"),
    [("206", "answered 206"), ("500", "failed"), ("truncated", ""), ("cut-short", "cannot be read")],
)
def test_anything_but_a_complete_200_is_an_error_never_results(site_on, stub, mode, message):
    client = site_on(stub.url)
    stub.mode = mode
    page = client.get(PAGE)
    assert page.status_code == 502 and message in page.text
    assert client.get(SPARQL).status_code == 502
    stub.mode = "ok"
    assert client.get(PAGE).status_code == 200


def test_remote_store_errors_directly(stub):
    remote = RemoteStore(stub.url, timeout=TIMEOUT)
    stub.mode = "206"
    with pytest.raises(StoreError, match="206"):
        remote.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    stub.mode = "slow"
    with pytest.raises(StoreTimeout):
        remote.ask("ASK { ?s ?p ?o }")
