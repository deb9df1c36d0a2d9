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

from rdflib import Graph
from rdflib.namespace import ORG, RDF

from .errors import SetupError, ValidationFailed
from .graph import Report, load_graph, materialise, notice_graph
from .graph.serialise import Dataset
from .graph.validate import validate_store
from .layout import STEM, Layout
from .model import Notice
from .namespaces import DATA_GRAPH, JK, ONTOLOGY_GRAPH
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
    notice: Notice
    graph: Graph
    report: Report
    dataset: Dataset | None = None  # the graph and the ontology serialised once, for validation and the dumps

    def summary(self) -> Counter:
        g = self.graph
        count = Counter({"triples": len(g)})
        for name, cls in COUNTED:
            count[name] = sum(1 for _ in g.subjects(RDF.type, cls))
        count["open-ended lists"] = sum(1 for _ in g.subject_objects(JK.openEndedRole))
        return count


def build(settings: Settings) -> Build:
    """Parse, convert and validate; raise ValidationFailed if the graph has a violation."""
    notice = read_notice(settings.notice, settings.encoding, settings.max_notice_bytes, settings.data)
    registry = Registry.load(settings.data)
    extract_targets(notice, registry)
    layout = settings.layout
    ontology = load_graph(layout.ontology_file)
    graph = materialise(notice_graph(notice, registry), ontology)
    dataset = Dataset({DATA_GRAPH: graph, ONTOLOGY_GRAPH: ontology})
    report = validate_store(dataset.union(), load_graph(layout.shapes_file), {notice.slug: notice.path})
    if report.violations:
        raise ValidationFailed("\n".join(str(i) for i in report.violations))
    return Build(notice, graph, report, dataset)


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
    dataset = result.dataset or Dataset({DATA_GRAPH: result.graph, ONTOLOGY_GRAPH: load_graph(layout.ontology_file)})
    files = {
        out / f"{STEM}.ttl": lambda: dataset.dump("turtle"),
        out / f"{STEM}.nt": lambda: dataset.dump("nt"),
        out / f"{STEM}.jsonld": lambda: dataset.dump("json-ld"),
        out / f"{STEM}.trig": lambda: dataset.dump("trig"),
        out / "validation-report.ttl": result.report.turtle,
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
