"""The public endpoint cannot be turned against the server: no updates, no SERVICE, no foreign graphs.

The SERVICE tests run over HTTP against `jieshou-kg serve` started as an ordinary user (no CAP_SYS_ADMIN,
as a site is deployed): with the embedded store, and with a real Oxigraph server (which does run SERVICE)
behind --endpoint. A listener on loopback records any connection; none may arrive.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import serving_as_ordinary_user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class Listener:
    """A loopback port that records any connection made to it."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.server.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/sparql"
        self.arrived: list[tuple] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stop.is_set():
            try:
                connection, address = self.server.accept()
                self.arrived.append(address)
                connection.close()
            except OSError:
                continue

    def close(self):
        time.sleep(0.5)
        self.stop.set()
        self.thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def listener():
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def ordinary_site(built, dist):
    """The embedded store; it must refuse to start unless its query workers are off the network."""
    with serving_as_ordinary_user(dist, "--sparql-isolation", "required", "--sparql-timeout", "5") as running:
        yield running


@pytest.fixture(scope="module")
def ordinary_site_on_oxigraph(built, dist, oxigraph):
    """Behind it, an Oxigraph server, which runs SERVICE and can reach the listener: only the guard stands."""
    options = ("--endpoint", oxigraph[0], "--sparql-isolation", "off", "--store-timeout", "30")
    with serving_as_ordinary_user(dist, *options) as running:
        yield running


def ask(base: str, query: str, how: str = "get") -> tuple[int, dict | bytes]:
    if how == "get":
        request = urllib.request.Request(f"{base}/sparql?{urllib.parse.urlencode({'query': query})}")
    elif how == "form":
        request = urllib.request.Request(f"{base}/sparql", data=urllib.parse.urlencode({"query": query}).encode())
    else:
        request = urllib.request.Request(
            f"{base}/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query"}
        )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        body = err.read()
        return err.code, json.loads(body) if body.startswith(b"{") else body


def triples(client) -> int:
    response = client.get("/sparql", query_string={"query": COUNT_ALL})
    return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])


UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <file:///etc/passwd>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/jieshou-kg/id/dataset/data>",
    "WITH <https://w3id.org/jieshou-kg/id/dataset/data> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "insert data { <http://example.org/a> <http://example.org/b> 1 }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_whatever_the_content_type(client, update):
    before = triples(client)
    attempts = [
        client.get("/sparql", query_string={"query": update}),
        client.get("/sparql", query_string={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data=update.encode(), content_type="application/sparql-query"),
        client.post("/sparql", data=update.encode(), content_type="application/sparql-update"),
    ]
    for response in attempts:
        assert response.status_code == 403, response.data
        assert "read-only" in response.get_json()["error"]["message"]
    assert triples(client) == before


def service_queries(endpoint: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x a ?y OPTIONAL {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{endpoint}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?p ?y FILTER EXISTS {{ SERVICE <{endpoint}> {{ ?x ?q ?z }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o # \r . SERVICE <{endpoint}> {{ ?s ?p ?o }} \n }}",
        f"SELECT * WHERE {{ ?s ?p ?o # \r\n SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o \\u0023 comment? \n SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . \\U00000053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . \\u0053\\u0045RVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        # the query of issue 9: rdflib and Oxigraph read its escapes differently
        f"PREFIX ex: <http://example.org/> SELECT * WHERE {{ VALUES ?z {{ ex:a\\# }}\n"
        f'  BIND("\\u005cu00000022\\u005cu00000022q" AS ?x) SERVICE <{endpoint}> {{ ?a ?b ?c }}\n'
        f'  BIND("q\\u005cu00000022\\u005cu00000022" AS ?y) }}',
        # an IRI that Oxigraph reads as '<' and a comment where a FILTER expects an operator
        f"SELECT * WHERE {{ ?s ?p ?o FILTER (?o <a#> ) SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("site", ["ordinary_site", "ordinary_site_on_oxigraph"])
def test_service_is_refused_and_nothing_connects_out(request, site, listener):
    base, _ = request.getfixturevalue(site)
    for query in service_queries(listener.url):
        for how in ("get", "form", "body"):
            status, body = ask(base, query, how)
            assert status in (400, 403), (query, how, status)
            assert status == 400 or "SERVICE" in body["error"]["message"]
    time.sleep(0.5)
    assert listener.arrived == []


FRAGMENTS = [
    "#", "\\#", "\r", "\n", '"', "'", '"""', "'''", "\\", "\\u005c", "\\u0022", "\\u0027", "\\u0023", "\\u000a",
    "\\u000d", "\\u005cu0022", "\\U00000022", "<", ">", "<a#>", "ex:a\\#", "ex:", "?x", "{", "}", "(", ")", " ",
    ".", "^^", "@en", "FILTER (", "BIND (", "AS ?v)", "a",
]  # fmt: skip


@pytest.mark.parametrize("site", ["ordinary_site", "ordinary_site_on_oxigraph"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(st.sampled_from(FRAGMENTS), max_size=8), after=st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_escapes_comments_and_strings_around_a_service_never_reach_out(request, site, listener, before, after):
    base, _ = request.getfixturevalue(site)
    service = f"SERVICE <{listener.url}> {{ ?a ?b ?c }}"
    query = (
        f"PREFIX ex: <http://example.org/> SELECT * WHERE {{ ?s ?p ?o {''.join(before)} {service} {''.join(after)} }}"
    )
    status, _ = ask(base, query, "body")
    assert status in (200, 400, 403)
    assert listener.arrived == [], query


def test_a_store_that_runs_service_is_refused_where_isolation_is_required(built, dist, oxigraph):
    options = ("--endpoint", oxigraph[0], "--sparql-isolation", "required")
    refused = "can reach the network.*give --sparql-isolation off"
    with pytest.raises(TimeoutError, match=refused), serving_as_ordinary_user(dist, *options):
        pass


def test_foreign_graphs_are_refused_and_never_read(client, listener):
    for query, params in [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}),
        (f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{listener.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"default-graph-uri": listener.url}),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"named-graph-uri": "file:///etc/passwd"}),
    ]:
        response = client.get("/sparql", query_string={"query": query, **params})
        assert response.status_code == 403, query
        assert "not one of this site's graphs" in response.get_json()["error"]["message"]
    time.sleep(0.5)
    assert listener.arrived == []


def test_a_prefixed_name_or_variable_called_service_is_not_a_service(client):
    query = (
        "PREFIX : <https://example.org/a#> PREFIX s: <https://example.org/b#> "
        "SELECT ?service WHERE { ?service s:service ?o ; :service ?x } LIMIT 1"
    )
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200


def query_workers(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    is_worker = b"spawn_main" in cmdline.read()  # not the resource tracker
            except OSError:
                continue
            if int(fields[1]) == pid and is_worker:
                found.append(int(entry))
    return found


def test_a_killed_idle_worker_is_replaced_without_failing_a_query(ordinary_site):
    base, process = ordinary_site
    workers = query_workers(process.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    time.sleep(0.5)
    for _ in range(4):
        status, body = ask(base, COUNT_ALL)
        assert status == 200, body


def test_a_query_past_its_memory_ceiling_fails_alone(ordinary_site):
    base, _ = ordinary_site
    doublings = " ".join(f"BIND (CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(28))
    hungry = f'SELECT (STRLEN(?s28) AS ?n) WHERE {{ BIND ("{"x" * 16}" AS ?s0) {doublings} }}'
    started = time.monotonic()
    status, body = ask(base, hungry)
    assert status == 503 and "memory" in body["error"]["message"]
    assert time.monotonic() - started < 5  # the ceiling stops it, before the 5 s deadline
    assert ask(base, COUNT_ALL)[0] == 200


def test_an_ordinary_user_can_take_a_process_off_the_network(listener):
    from conftest import ordinary_user

    port = listener.url.split(":")[2].split("/")[0]
    probe = f"import sys; from jieshou_kg.endpoint.isolation import isolate; sys.exit(0 if isolate({port}) else 1)"
    assert subprocess.run([*ordinary_user(), sys.executable, "-c", probe], check=False, cwd="/").returncode == 0
    time.sleep(0.5)
    assert listener.arrived == []
