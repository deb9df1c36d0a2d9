"""What every page needs: the store, the saved queries, labels, and IRI <-> URL mapping.

One Site per app, kept in app.extensions; nothing global.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

import pyoxigraph as ox
from flask import current_app
from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from ..answers import Answer
from ..protocol import Request
from ..queries import Option, SavedQuery, load_queries, options
from ..sandbox import QueryPool
from ..store import Store, Table, on_disk_directory, table_of

LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { VALUES ?s { %s } { ?s skos:prefLabel ?label } UNION { ?s rdfs:label ?label } }"""
LABEL_BATCH = 400


@dataclass
class Site:
    store: Store
    config: dict
    queries: dict[str, SavedQuery] = field(default_factory=dict)
    _labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    _options: dict[str, list[Option]] = field(default_factory=dict)
    _option_html: dict[str, Markup] = field(default_factory=dict)
    _ontology: Graph | None = None
    _pool: QueryPool | None = None
    _lock: Lock = field(default_factory=Lock)

    @classmethod
    def create(cls, store: Store, config: dict) -> Site:
        return cls(store, config, load_queries(config["QUERIES"]))

    @property
    def dist(self) -> Path:
        return Path(self.config["DIST"])

    @property
    def ontology_dir(self) -> Path:
        return Path(self.config["ONTOLOGY"])

    # ------------------------------------------------------------- IRIs

    def local_url(self, iri: Identifier) -> str | None:
        """The site's URL for an IRI it serves (under the canonical base), else None."""
        text, base = str(iri), self.base
        if text.startswith(base):
            return "/" + text[len(base) :]
        return None

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path.lstrip("/"))

    @property
    def base(self) -> str:
        """The IRI prefix served at this site's root (BASE_IRI): …/id/x resolves at /id/x."""
        return self.config["BASE_IRI"]

    # ----------------------------------------------------------- labels

    def labels(self, iris, lang: str) -> dict[URIRef, str]:
        """A label per IRI: in `lang`, else Chinese, else English, else its local name."""
        wanted = {i for i in iris if isinstance(i, URIRef)}
        missing = [i for i in wanted if i not in self._labels]
        for start in range(0, len(missing), LABEL_BATCH):
            batch = missing[start : start + LABEL_BATCH]
            found: dict[URIRef, dict[str, str]] = {i: {} for i in batch}
            for row in self.store.select(LABELS % " ".join(i.n3() for i in batch)).rows:
                label = row["label"]
                if isinstance(label, Literal):
                    found[row["s"]].setdefault((label.language or "").lower(), str(label))
            with self._lock:
                self._labels.update(found)
        return {i: pick_label(self._labels.get(i, {}), lang, i) for i in wanted}

    def label(self, iri: Identifier, lang: str) -> str:
        if not isinstance(iri, URIRef):
            return str(iri)
        return self.labels([iri], lang)[iri]

    def ontology(self) -> Graph:
        """The ontology file as a graph (read once)."""
        if self._ontology is None:
            self._ontology = Graph().parse(Path(self.config["ONTOLOGY"]) / "jieshou-kg.ttl")
        return self._ontology

    # ----------------------------------------------------------- SPARQL

    def run_sparql(self, request: Request) -> tuple[Answer, str, str]:
        """Answer a public query in a killable worker process: (answer, media type asked for, query form)."""
        return self.query_pool().run(request)

    def query_pool(self) -> QueryPool:
        """The worker processes for /sparql, started on first use (or by `serve`, before it listens)."""
        with self._lock:
            if self._pool is None:
                spec = {"endpoint": self.config["ENDPOINT"], "timeout": float(self.config["STORE_TIMEOUT"])}
                if not self.config["ENDPOINT"]:
                    directory = on_disk_directory(Path(self.config["DUMP"]), self.config["STORE_DIR"])
                    spec = {"dump": self.config["DUMP"], "engine": "oxigraph", "directory": directory}
                size, timeout = int(self.config["SPARQL_WORKERS"]), float(self.config["SPARQL_TIMEOUT"])
                self._pool = QueryPool(spec, size, timeout, float(self.config["SPARQL_QUEUE_WAIT"]))
            return self._pool

    def parse_results(self, body: bytes) -> Table | bool:
        """SPARQL results JSON -> a Table of rdflib terms (or the boolean of an ASK)."""
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return bool(result) if isinstance(result, ox.QueryBoolean) else table_of(result)

    def yasgui_dir(self) -> Path:
        return Path(self.config["YASGUI"])

    def yasgui_available(self) -> bool:
        return (self.yasgui_dir() / "yasgui.min.js").is_file()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        self.store.close()

    def option_html(self, kind: str, lang: str, selected: str = "") -> Markup:
        """A picker's <option> elements, built once per type and language; only `selected` changes per page.

        Each option shows the label in `lang` and the other language's beside it.
        """
        key = f"{kind}/{lang}"
        if key not in self._option_html:
            other = "en" if lang == "zh" else "zh"
            parts = []
            for option in self.options(kind):
                main = option.labels.get(lang) or option.labels.get("zh") or option.value
                second = option.labels.get(other)
                text = f"{main} — {second}" if second and second != main else main
                parts.append(Markup('<option value="{}">{}</option>').format(option.value, text))
            self._option_html[key] = Markup("\n").join(parts)
        html = self._option_html[key]
        if not selected:
            return html
        marker = Markup('<option value="{}">').format(selected)
        return Markup(str(html).replace(str(marker), str(marker)[:-1] + " selected>", 1))

    def known(self, kind: str) -> set[URIRef]:
        """The IRIs a parameter of type `kind` may take (SavedQuery.values checks against it)."""
        return {option.iri for option in self.options(kind)}

    def options(self, kind: str) -> list[Option]:
        if kind not in self._options:
            found = options(self.store, kind)
            with self._lock:
                self._options[kind] = found
        return self._options[kind]


def pick_label(labels: dict[str, str], lang: str, iri: URIRef) -> str:
    for key in (lang, "zh", "en", ""):
        if key in labels:
            return labels[key]
    return local_name(iri)


def local_name(iri: Identifier) -> str:
    text = str(iri)
    return text.rstrip("/").rpartition("#" if "#" in text else "/")[2] or text


def site() -> Site:
    return current_app.extensions["jieshou_kg"]
