"""What the views share, one Site per app (in app.extensions; nothing global): the settings, the store,
the saved queries and the site's own, labels, pickers, and the /sparql worker pool."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock

from flask import current_app
from rdflib import Graph, URIRef

from ..endpoint.workers import QueryPool
from ..layout import SITE_QUERIES
from ..saved import SavedQuery, load_queries
from ..saved.binding import bind_rows, bind_values
from ..settings import Settings
from ..store import Store, Table
from .labels import Labels
from .pickers import Pickers
from .results import Result, result_of

KEPT_ROWS = 50_000  # rows of saved query answers kept for their other pages, orders and downloads


@dataclass
class Site:
    settings: Settings
    store: Store
    queries: dict[str, SavedQuery]  # the saved queries the site lists
    own: dict[str, SavedQuery]  # the site's own queries (resource pages, pickers, labels), not listed
    labels: Labels = field(init=False)
    pickers: Pickers = field(init=False)
    warmed: bool = False  # whether the default answers have been made (warm.py)
    _pool: QueryPool | None = None
    _memo: dict = field(default_factory=dict)
    _results: OrderedDict[str, Result] = field(default_factory=OrderedDict)
    _lock: Lock = field(default_factory=Lock)

    def __post_init__(self) -> None:
        self.labels = Labels(lambda name, iris: self.select_rows(name, "s", iris))
        self.pickers = Pickers(self.store)

    @classmethod
    def create(cls, settings: Settings, store: Store) -> Site:
        saved = load_queries(settings.queries)
        listed = {slug: q for slug, q in saved.items() if q.audience != "internal"}
        return cls(settings, store, listed, load_queries(SITE_QUERIES))

    def select(self, name: str, **iris: URIRef) -> Table:
        """Run one of the site's own queries with variables bound to IRIs."""
        return self.store.select(bind_values(self.own[name].sparql, iris))

    def execute(self, name: str, **iris: URIRef):
        """The same, as Oxigraph's own result (its terms, unconverted)."""
        return self.store.execute(bind_values(self.own[name].sparql, iris))

    def select_rows(self, name: str, variable: str, values: list[URIRef]) -> Table:
        """Run one of the site's own queries with `variable` bound to each of `values`."""
        return self.store.select(bind_rows(self.own[name].sparql, [variable], [[v] for v in values]))

    def construct(self, name: str, variable: str, values: list[URIRef]) -> Graph:
        return self.store.construct(bind_rows(self.own[name].sparql, [variable], [[v] for v in values]))

    def saved_result(self, sparql: str) -> Result:
        """A saved query's rows, kept while the dataset cannot change, so that its other pages, orders,
        filters and downloads run the query once (at most KEPT_ROWS rows in all, least recently used out;
        nothing is kept when no answer is, with --answer-cache-bytes 0)."""
        if self.store.version is None or not self.settings.answer_cache_bytes:
            return result_of(self.store.execute(sparql))
        with self._lock:
            if sparql in self._results:
                self._results.move_to_end(sparql)
                return self._results[sparql]
        result = result_of(self.store.execute(sparql))
        with self._lock:
            self._results[sparql] = result
            while sum(len(r.rows) for r in self._results.values()) > KEPT_ROWS:
                self._results.popitem(last=False)
        return result

    def memo(self, key, make):
        """A value made once per site (the dataset does not change while it is served)."""
        if key not in self._memo:
            value = make()
            with self._lock:
                self._memo[key] = value
        return self._memo[key]

    def query_pool(self) -> QueryPool:
        """The worker processes for /sparql, started on first use (or by `serve`, before it listens)."""
        with self._lock:
            if self._pool is None:
                self._pool = QueryPool(self.settings)
            return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        self.store.close()


def site() -> Site:
    return current_app.extensions["jieshou_kg"]
