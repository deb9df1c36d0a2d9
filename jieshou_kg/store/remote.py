"""Any SPARQL 1.1 server as the store (SPARQLWrapper).

Every call has a timeout. Only a complete `200 OK` is an answer: Virtuoso's
`206 Partial Content` (a result cut short by its own limits), a 5xx, a
refused connection or a body that ends early are StoreErrors, never results.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
from http.client import HTTPException

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from ..errors import QueryError, StoreError, StoreTimeout
from ..layout import SITE_QUERIES
from ..namespaces import SPARQL_PREFIXES
from .base import Store, table_of

RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


class RemoteStore(Store):
    def __init__(self, endpoint: str, timeout: float = 10.0, user: str | None = None, password: str | None = None):
        self.endpoint, self.timeout = endpoint, timeout
        self.credentials = (user, password) if user else None
        self.source = f"SPARQL endpoint {endpoint}"
        self._graphs: tuple[str, ...] | None = None

    @property
    def graphs(self) -> tuple[str, ...]:
        """The dataset's graphs the store holds (queries/site/graphs.rq, asked once, of the store's own dataset)."""
        if self._graphs is None:
            text = (SITE_QUERIES / "graphs.rq").read_text(encoding="utf-8")
            sparql = SPARQL_PREFIXES + "\n".join(line for line in text.splitlines() if not line.startswith("#+"))
            rows = table_of(self._ask(sparql, (), ())).rows
            self._graphs = tuple(sorted(str(row["graph"]) for row in rows))
        return self._graphs

    def local_address(self) -> str:
        """Our address on the route to the store (what the store would reach us by)."""
        parts = urllib.parse.urlsplit(self.endpoint)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname, port), timeout=self.timeout) as connection:
                return connection.getsockname()[0]
        except OSError as err:
            raise StoreError(f"cannot reach {self.endpoint}: {err.strerror or err}") from None

    def execute(self, sparql: str, default_graphs=(), named_graphs=()):
        """Oxigraph result objects parsed from the server's complete answer (default: the union of the graphs,
        each named as a default-graph-uri)."""
        if not default_graphs and not named_graphs:
            default_graphs = named_graphs = self.graphs
        return self._ask(sparql, default_graphs, named_graphs)

    def _ask(self, sparql: str, default_graphs, named_graphs):
        client = SPARQLWrapper(self.endpoint)
        client.setQuery(sparql)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setTimeout(max(1, round(self.timeout)))
        client.setReturnFormat(JSON if client.queryType in ("SELECT", "ASK") else TURTLE)
        client.addCustomHttpHeader("Accept", ACCEPT)
        if self.credentials:
            client.setCredentials(*self.credentials)
        for graph in default_graphs:
            client.addDefaultGraph(graph)
        for graph in named_graphs:
            client.addNamedGraph(graph)
        status, mimetype, body = self._fetch(client)
        if status != 200:
            raise StoreError(f"{self.endpoint} answered {status} instead of a complete 200 result")
        return _parse(mimetype, body, self.endpoint)

    def _fetch(self, client: SPARQLWrapper) -> tuple[int, str, bytes]:
        try:
            response = client.query().response
            return response.status, response.headers.get_content_type(), response.read()
        except QueryBadFormed as err:
            raise QueryError(f"the store refused the query: {_first_line(err)}") from None
        except TimeoutError:
            raise StoreTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (TimeoutError, socket.timeout)):
                raise StoreTimeout(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
            raise StoreError(f"cannot reach {self.endpoint}: {err.reason}") from None
        except (SPARQLWrapperException, HTTPException, OSError) as err:
            raise StoreError(f"{self.endpoint} failed: {_first_line(err)}") from None


def _parse(mimetype: str, body: bytes, endpoint: str):
    """Oxigraph's parsers are lazy: read the whole answer here, so a body cut short is a StoreError now."""
    try:
        if mimetype in RESULT_TYPES:
            result = ox.parse_query_results(body, format=RESULT_TYPES[mimetype])
            if isinstance(result, ox.QuerySolutions):
                list(result)
                result = ox.parse_query_results(body, format=RESULT_TYPES[mimetype])
            return result
        if mimetype in RDF_TYPES:
            return list(ox.parse(body, format=RDF_TYPES[mimetype]))
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{endpoint} sent an answer that cannot be read: {err}") from None
    raise StoreError(f"{endpoint} answered with {mimetype!r}, which is not a SPARQL result")


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:300]
