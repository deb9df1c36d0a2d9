"""The pipeline: notice text -> model -> graph -> validate -> dumps.

`build()` does everything in memory and raises ValidationFailed on a
violation; `write_outputs()` writes each dump to a temporary file and renames
it, so a failed build never leaves a half-written or mixed set of files.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import ORG, RDF

from .errors import ValidationFailed
from .model import Notice
from .namespaces import DATA_GRAPH, JK, ONTOLOGY_GRAPH, PREFIXES
from .parse import read_notice
from .rdf import notice_graph
from .registry import Registry
from .targets import extract_targets
from .validate import Report, load_graph, validate

DUMP_NAME = "jieshou-kg"


@dataclass
class Paths:
    """Where the build reads and writes; every path can be overridden."""

    notice: Path = Path("data/jieshou-2020-key-tasks.txt")
    data: Path = Path("data")
    ontology: Path = Path("ontology")
    out: Path = Path("dist")

    @property
    def ontology_file(self) -> Path:
        return self.ontology / "jieshou-kg.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.ontology / "shapes.ttl"


@dataclass
class Build:
    notice: Notice
    graph: Graph
    report: Report

    def summary(self) -> Counter:
        g = self.graph
        count = Counter({"triples": len(g)})
        for name, cls in [
            ("tasks", JK.Task),
            ("sections", JK.Section),
            ("officials", JK.Official),
            ("organizations", ORG.Organization),
            ("coordinating bodies", JK.CoordinatingBody),
            ("collective agents", JK.CollectiveAgent),
            ("assignments", JK.Assignment),
            ("targets", JK.Target),
        ]:
            count[name] = sum(1 for _ in g.subjects(RDF.type, cls))
        count["open-ended lists"] = sum(1 for _ in g.subject_objects(JK.openEndedRole))
        return count


def build(paths: Paths, encoding: str = "utf-8") -> Build:
    """Parse, convert and validate; raise ValidationFailed if the graph has a violation."""
    notice = read_notice(paths.notice, encoding)
    registry = Registry.load(paths.data)
    extract_targets(notice, registry)
    graph = notice_graph(notice, registry)
    report = validate(graph, load_graph(paths.shapes_file), load_graph(paths.ontology_file))
    if report.violations:
        raise ValidationFailed("\n".join(str(i) for i in report.violations))
    return Build(notice, graph, report)


def write_outputs(result: Build, paths: Paths) -> list[Path]:
    """Write the dumps and the report; every file appears whole or not at all."""
    out, stem = paths.out, DUMP_NAME
    out.mkdir(parents=True, exist_ok=True)
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    dataset = _dataset(result.graph, load_graph(paths.ontology_file))
    files = {
        out / f"{stem}.ttl": lambda: result.graph.serialize(format="turtle", encoding="utf-8"),
        out / f"{stem}.nt": lambda: result.graph.serialize(format="nt", encoding="utf-8"),
        out / f"{stem}.jsonld": lambda: result.graph.serialize(format="json-ld", context=context, encoding="utf-8"),
        out / f"{stem}.trig": lambda: dataset.dump(format=ox.RdfFormat.TRIG, prefixes=context),
        out / "validation-report.ttl": lambda: result.report.graph.serialize(format="turtle", encoding="utf-8"),
        out / "validation-report.txt": lambda: result.report.text.encode("utf-8"),
    }
    staged: list[tuple[Path, str]] = []
    try:
        for path, render in files.items():
            staged.append((path, _stage(path, render())))
    except BaseException:
        for _, temporary in staged:
            os.unlink(temporary)
        raise
    for path, temporary in staged:
        os.replace(temporary, path)
    return [path for path, _ in staged]


def _dataset(graph: Graph, ontology: Graph) -> ox.Store:
    """The data and the ontology as two named graphs."""
    store = ox.Store()
    for name, g in ((DATA_GRAPH, graph), (ONTOLOGY_GRAPH, ontology)):
        store.load(
            g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name)
        )
    return store


def _stage(path: Path, content: bytes) -> str:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.chmod(temporary, 0o644)
    return temporary
