"""One store interface, several engines.

Every store answers SPARQL over the site's dataset: the data graph and the
ontology graph, queried as one default graph. Results come back as rdflib
terms, whatever the engine, so pages, CSV and tests never see engine types.

- OxigraphStore: the embedded default, pyoxigraph in this process.
- RdflibStore: rdflib's own engine, kept for comparison (benchmarks).
- RemoteStore (remote.py): any SPARQL 1.1 server over HTTP.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .errors import QueryError, StoreError
from .namespaces import DATA_GRAPH, ONTOLOGY_GRAPH

GRAPHS = (DATA_GRAPH, ONTOLOGY_GRAPH)


@dataclass
class Table:
    variables: list[str]
    rows: list[dict[str, Identifier]]

    def __len__(self) -> int:
        return len(self.rows)


class Store:
    """What every engine offers. `source` says where the data lives.

    An engine implements `execute` (Oxigraph's own result objects, on a given
    dataset); `select`, `ask` and `construct` give rdflib terms on top of it.
    """

    source: str = ""

    def execute(self, sparql: str, default_graphs=(), named_graphs=()):
        raise NotImplementedError

    def select(self, sparql: str) -> Table:
        return table_of(self.execute(sparql))

    def ask(self, sparql: str) -> bool:
        return bool(self.execute(sparql))

    def construct(self, sparql: str) -> Graph:
        return graph_of(self.execute(sparql))

    def triple_count(self) -> int:
        table = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(table.rows[0]["n"])

    def close(self) -> None:
        pass


def persistent(dump: Path, directory: Path) -> ox.Store:
    """An on-disk store holding `dump`, loaded once (again only when the dump changes), opened read-only."""
    stamp = directory.with_name(directory.name + ".source")
    source = f"{dump.resolve()} {dump.stat().st_size} {dump.stat().st_mtime_ns}"
    if not (directory.is_dir() and stamp.is_file() and stamp.read_text() == source):
        loading = directory.with_name(directory.name + ".loading")
        shutil.rmtree(loading, ignore_errors=True)
        store = ox.Store(str(loading))
        store.bulk_load(path=str(dump), format=dataset_format(dump))
        store.flush()
        del store
        shutil.rmtree(directory, ignore_errors=True)
        loading.rename(directory)
        stamp.write_text(source)
    return ox.Store.read_only(str(directory))


def table_of(solutions) -> Table:
    """Oxigraph's SELECT solutions as a Table of rdflib terms."""
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    names = [v.value for v in solutions.variables]
    rows = [{n: from_ox(t) for n, t in zip(names, row, strict=True) if t is not None} for row in solutions]
    return Table(names, rows)


def graph_of(triples) -> Graph:
    """Oxigraph's triples as an rdflib Graph."""
    graph = Graph()
    for triple in triples:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return graph


def dataset_format(path: str | Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(Path(path).suffix.lstrip("."))
    if fmt not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        raise StoreError(f"{path}: a dataset dump must be TriG (.trig) or N-Quads (.nq)")
    return fmt


def from_ox(term) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class OxigraphStore(Store):
    """The embedded default: pyoxigraph, loaded from a dataset dump (TriG or N-Quads).

    In memory by default. With `directory`, the dump is bulk-loaded once into an
    on-disk store there and opened read-only: the processes that serve the site
    then share the operating system's page cache instead of each holding a copy.
    """

    def __init__(self, dump: str | Path, directory: str | Path | None = None):
        self.source = f"embedded Oxigraph ({dump}{', on disk in ' + str(directory) if directory else ''})"
        try:
            self.store = persistent(Path(dump), Path(directory)) if directory else ox.Store()
            if not directory:
                self.store.bulk_load(path=str(dump), format=dataset_format(dump))
        except (OSError, SyntaxError) as err:
            raise StoreError(f"cannot load {dump}: {err}") from None
        self.default_graph = [ox.NamedNode(g) for g in GRAPHS]

    def execute(self, sparql: str, default_graphs=(), named_graphs=()):
        """Oxigraph's own result, on the given dataset (by default: data and ontology as one default graph)."""
        default = [ox.NamedNode(g) for g in default_graphs] if default_graphs or named_graphs else self.default_graph
        named = [ox.NamedNode(g) for g in named_graphs] if default_graphs or named_graphs else self.default_graph
        try:
            return self.store.query(sparql, default_graph=default, named_graphs=named)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from None
        except OSError as err:
            raise StoreError(str(err)) from None


class RdflibStore(Store):
    """rdflib's own SPARQL engine over the same dump (slow; for comparison)."""

    def __init__(self, dump: str | Path):
        self.source = f"embedded rdflib ({dump})"
        self.dataset = Dataset(default_union=True)
        self.dataset.parse(str(dump), format="trig" if str(dump).endswith(".trig") else "nquads")

    def _query(self, sparql: str):
        try:
            return self.dataset.query(sparql)
        except Exception as err:  # rdflib raises pyparsing and assorted errors
            raise QueryError(f"SPARQL error: {err}") from None

    def select(self, sparql: str) -> Table:
        result = self._query(sparql)
        names = [str(v) for v in result.vars]
        rows = [{name: row[name] for name in names if row[name] is not None} for row in result]
        return Table(names, rows)

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql).askAnswer)

    def construct(self, sparql: str) -> Graph:
        graph = Graph()
        for triple in self._query(sparql):
            graph.add(triple)
        return graph


ON_DISK_ABOVE = 512 << 20  # bytes of dump above which "auto" keeps the store on disk


def open_store(
    dump: str | Path | None = None,
    endpoint: str | None = None,
    engine: str = "oxigraph",
    timeout: float = 10.0,
    directory: str | Path | None = None,
) -> Store:
    """The store to use: a remote endpoint if given, else the built dump in this process.

    `directory` keeps the embedded store on disk; "auto" does so for dumps over 512 MiB, next to the dump.
    """
    if endpoint:
        from .remote import RemoteStore

        return RemoteStore(endpoint, timeout=timeout)
    if dump is None or not Path(dump).is_file():
        raise StoreError(f"no built dataset at {dump}: run `jieshou-kg build` first")
    if engine == "rdflib":
        return RdflibStore(dump)
    return OxigraphStore(dump, on_disk_directory(Path(dump), directory))


def on_disk_directory(dump: Path, directory: str | Path | None) -> Path | None:
    if directory == "auto":
        return dump.with_name(dump.name + ".oxigraph") if dump.stat().st_size > ON_DISK_ABOVE else None
    return Path(directory) if directory else None
