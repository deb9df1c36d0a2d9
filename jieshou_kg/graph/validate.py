"""Graph + shapes -> report (pySHACL).

The data graph is validated together with the ontology, so that class
targets reach subclasses and shapes can read the ontology (jk:directProperty).
It is validated in an Oxigraph-backed rdflib graph: pySHACL's SPARQL
constraints then run on Oxigraph's engine, many times faster than rdflib's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass
class Issue:
    severity: str
    shape: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.severity} ({self.shape}): {self.focus}{path}: {self.message}"


@dataclass
class Report:
    conforms: bool
    issues: list[Issue]
    graph: Graph
    text: str

    def of(self, severity: str) -> list[Issue]:
        return [i for i in self.issues if i.severity == severity]

    @property
    def violations(self) -> list[Issue]:
        return self.of("violation")

    @property
    def warnings(self) -> list[Issue]:
        return self.of("warning")


def load_graph(path: str | Path) -> Graph:
    return Graph().parse(str(path))


class _FrozenOxigraphStore(OxigraphStore):
    """oxrdflib counts triples by walking them all, and pySHACL asks for the
    count (`datagraph or …`) once per result; the graph does not change while
    it is validated, so count once."""

    _length: int | None = None

    def __len__(self, context=None) -> int:
        if self._length is None:
            self._length = super().__len__(context)
        return self._length


def validate(data: Graph, shapes: Graph, ontology: Graph) -> Report:
    """Validate `data` (with `ontology`) against `shapes`; warnings do not break conformance."""
    store = ox.Store()
    for graph in (data, ontology):
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    combined = Graph(store=_FrozenOxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    conforms, report_graph, text = shacl_validate(
        combined, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True, inplace=True
    )
    return Report(conforms, _issues(report_graph, shapes), report_graph, text)


def _issues(report: Graph, shapes: Graph) -> list[Issue]:
    issues = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        issues.append(
            Issue(
                SEVERITIES.get(report.value(result, SH.resultSeverity), "violation"),
                _shape_name(shapes, report.value(result, SH.sourceShape)),
                str(report.value(result, SH.focusNode)),
                str(report.value(result, SH.resultPath) or ""),
                str(report.value(result, SH.resultMessage) or ""),
            )
        )
    return sorted(issues, key=lambda i: (i.severity, i.shape, i.focus, i.message))


def _shape_name(shapes: Graph, shape) -> str:
    """The named node shape a result comes from (a property shape is a blank node inside one)."""
    while isinstance(shape, BNode):
        shape = shapes.value(predicate=SH.property, object=shape)
    return str(shape).rpartition("#")[2] if shape else ""
