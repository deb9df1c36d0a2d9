"""The pipeline: notice texts -> model -> graphs -> validate -> dumps.

`build()` reads every notice the settings name (a folder gives its *.txt,
sorted) with one registry, so that a name means one body across the notices;
each notice becomes a named graph, the agents and vocabularies they share the
registry graph (graph/corpus.py). It does everything in memory and raises
ValidationFailed on a violation; `write_outputs()` writes each dump to a
temporary file and renames it, so a failed build never leaves a half-written
or mixed set of files.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import ORG, RDF

from .errors import InputError, SetupError, ValidationFailed
from .graph import Report, Statements, load_graph, materialise, notice_statements
from .graph.corpus import REVIEW_COLUMNS, corpus_quads, graph_quads, split_union
from .graph.serialise import Dataset
from .graph.validate import validate_store
from .layout import REVIEW, STEM, Layout
from .model import Notice
from .namespaces import JK
from .notice import Registry, extract_targets, read_notice
from .settings import Settings

COUNTED = [
    ("tasks", JK.Task),
    ("sections", JK.Section),
    ("officials", JK.Official),
    ("organizations", ORG.Organization),
    ("coordinating bodies", JK.CoordinatingBody),
    ("collective agents", JK.CollectiveAgent),
    ("assignments", JK.Assignment),
    ("targets", JK.Target),
]


@dataclass
class Build:
    notices: Sequence[Notice]
    graphs: Sequence[Graph | Statements]  # each notice's statements (materialised): their union is the data graphs'
    report: Report
    dataset: Dataset | None = None  # the named graphs in one store, for validation and the dumps
    warnings: list[str] = field(default_factory=list)  # the registry's: names it did not know
    review: list[dict[str, str]] = field(default_factory=list)  # the rows of names-to-review.csv

    @property
    def notice(self) -> Notice:
        """The first notice (the only one of a single-notice build)."""
        return self.notices[0]

    @cached_property
    def graph(self) -> Graph:
        """Every notice's statements and the registry's in one rdflib graph, made when first asked for:
        the build itself, its summary and its dumps do without it."""
        union = Graph()
        for graph in self.graphs:
            union += graph
        return union

    def summary(self) -> Counter:
        data = self.dataset or Dataset(split_quads(self.graph))
        count = Counter({"triples": data.data_ntriples.count(b"\n")})
        for name, cls in COUNTED:
            count[name] = data.count(str(RDF.type), str(cls))
        count["open-ended lists"] = data.count(str(JK.openEndedRole))
        return count


def notice_files(given: Sequence[Path]) -> list[Path]:
    """The notice files the settings name: a file as it is, a folder as its *.txt files, sorted."""
    files: list[Path] = []
    for path in map(Path, given):
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise InputError("a folder without notices; expected *.txt files in it", str(path), 0, 0)
            files += found
        else:
            files.append(path)
    return files


def build(settings: Settings) -> Build:
    """Parse, convert and validate every notice; raise ValidationFailed if the union has a violation."""
    registry = Registry.load(settings.data)
    layout = settings.layout
    ontology = load_graph(layout.ontology_file)
    notices, graphs = read_notices(settings, registry, ontology)
    dataset = Dataset(corpus_quads(graphs, ontology))
    paths = {notice.slug: notice.path for notice in notices}
    report = validate_store(dataset.union(), load_graph(layout.shapes_file), paths)
    if report.violations:
        raise ValidationFailed("\n".join(str(i) for i in report.violations))
    return Build(notices, list(graphs.values()), report, dataset, list(registry.warnings), registry.review_rows())


def read_notices(settings: Settings, registry: Registry, ontology: Graph) -> tuple[list[Notice], dict[str, Statements]]:
    """Every notice the settings name, read with the one registry, and its statements (materialised) by its slug."""
    notices, graphs = [], {}
    for path in notice_files(settings.notice):
        notice = read_notice(path, settings.encoding, settings.max_notice_bytes, settings.data)
        extract_targets(notice, registry)
        if notice.slug in graphs:
            raise InputError(f"a second notice with the IRI key {notice.slug!r} (the same slug)", str(path), 1, 1)
        notices.append(notice)
        graphs[notice.slug] = materialise(notice_statements(notice, registry), ontology)
    return notices, graphs


def prepare(layout: Layout) -> None:
    """Make sure the output folder can be written (before spending time on a build), and remove the
    temporary files that builds killed midway left there."""
    out = layout.dist
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=f".probe.{os.getpid()}.", suffix=".tmp"):
            pass
    except OSError as err:
        raise SetupError(f"cannot create the output folder {out}: {err.strerror}") from None
    for stale in out.glob(".*.tmp"):
        pid = stale.name.split(".")[-3]
        if pid.isdigit() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_outputs(result: Build, layout: Layout) -> list[Path]:
    """Write the dumps and the report; every file appears whole or not at all, and the same input gives
    the same bytes (sorted statements, canonical terms)."""
    out = layout.dist
    prepare(layout)
    dataset = result.dataset or Dataset(split_quads(result.graph, load_graph(layout.ontology_file)))
    files = {
        out / f"{STEM}.ttl": lambda: dataset.dump("turtle"),
        out / f"{STEM}.nt": lambda: dataset.dump("nt"),
        out / f"{STEM}.jsonld": lambda: dataset.dump("json-ld"),
        out / f"{STEM}.trig": lambda: dataset.dump("trig"),
        out / f"{STEM}.nq": lambda: dataset.dump("nq"),
        out / "validation-report.ttl": result.report.turtle,
        out / "validation-report.txt": lambda: result.report.text.encode("utf-8"),
        out / REVIEW: lambda: review_csv(result.review),
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


def split_quads(union: Graph, ontology: Graph | None = None) -> Iterator:
    """The quads of the named graphs of a union of notices' graphs (and of the ontology, if given)."""
    graphs = split_union(union, ontology if ontology is not None else Graph())
    return (quad for name, graph in graphs.items() for quad in graph_quads(name, graph))


def review_csv(rows: list[dict[str, str]]) -> bytes:
    """names-to-review.csv: the names the registry did not know, for a person to fill in `en` and move into data/."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in REVIEW_COLUMNS} for row in rows)
    return text.getvalue().encode("utf-8")


def _stage(path: Path, content: bytes) -> str:
    try:
        # .<name>.<pid>.<random>.tmp: prepare() removes those whose process is gone
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as err:
        raise SetupError(f"cannot write into {path.parent}: {err.strerror}") from None
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.chmod(temporary, 0o644)
    return temporary
