"""The public endpoint cannot be turned against the server: no updates, no SERVICE, no foreign graphs."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from conftest import require

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def listener():
    """A loopback port that records any connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    arrived: list[tuple] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, address = server.accept()
                arrived.append(address)
                connection.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", arrived
    time.sleep(0.5)
    stop.set()
    thread.join()
    server.close()


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
        # the guard's parser and the engine must read the same text: a comment ended by a bare CR ...
        f"SELECT * WHERE {{ ?s ?p ?o # \r . SERVICE <{endpoint}> {{ ?s ?p ?o }} \n }}",
        f"SELECT * WHERE {{ ?s ?p ?o # \r\n SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        # ... and escapes that turn into a comment sign or a keyword
        f"SELECT * WHERE {{ ?s ?p ?o \\u0023 comment? \n SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . \\U00000053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . \\u0053\\u0045RVICE <{endpoint}> {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_and_nothing_connects_out(client, listener):
    endpoint, arrived = listener
    for query in service_queries(endpoint):
        for response in (
            client.get("/sparql", query_string={"query": query}),
            client.post("/sparql", data=query.encode(), content_type="application/sparql-query"),
        ):
            assert response.status_code == 403, query
            assert "SERVICE" in response.get_json()["error"]["message"]
    time.sleep(0.5)
    assert arrived == []


def test_foreign_graphs_are_refused_and_never_read(client, listener):
    endpoint, arrived = listener
    for query, params in [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}),
        (f"SELECT * FROM <{endpoint}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{endpoint}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"default-graph-uri": endpoint}),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"named-graph-uri": "file:///etc/passwd"}),
    ]:
        response = client.get("/sparql", query_string={"query": query, **params})
        assert response.status_code == 403, query
        assert "not one of this site's graphs" in response.get_json()["error"]["message"]
    time.sleep(0.5)
    assert arrived == []


def test_a_prefixed_name_or_variable_called_service_is_not_a_service(client):
    query = (
        "PREFIX : <https://example.org/a#> PREFIX s: <https://example.org/b#> "
        "SELECT ?service WHERE { ?service s:service ?o ; :service ?x } LIMIT 1"
    )
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200


def test_embedded_query_workers_have_no_network(listener):
    """Even if a SERVICE got past the guard, an embedded query worker could not connect anywhere."""
    require(os.geteuid() == 0, "a network namespace of its own needs CAP_SYS_ADMIN")
    endpoint, arrived = listener
    port = int(endpoint.split(":")[2].split("/")[0])
    probe = (
        "import socket, sys; from jieshou_kg.endpoint.workers import offline; assert offline()\n"
        f"try:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\nexcept OSError:\n    sys.exit(0)\n"
        "sys.exit(1)"
    )
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0
    time.sleep(0.5)
    assert arrived == []
