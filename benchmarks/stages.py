"""The build of the bundled notice, stage by stage (x1, in process), beside the whole `jieshou-kg build`.

    python -m benchmarks.stages [--repeat 5]     # or: ./dev bench --sections build

Each stage runs the function the build runs (jieshou_kg/build.py), in its order, on the output of the
stage before, `repeat` times; medians. Start-up is a new interpreter importing the build and the command
line, less a bare interpreter. The whole command runs as a user runs it, into a temporary folder.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jieshou_kg.build import Build, read_notices, write_outputs
from jieshou_kg.graph import load_graph
from jieshou_kg.graph.corpus import corpus_quads
from jieshou_kg.graph.serialise import Dataset
from jieshou_kg.graph.validate import validate_store
from jieshou_kg.notice import Registry
from jieshou_kg.settings import Settings

from . import measure


def seconds(run: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def one_build(settings: Settings) -> dict[str, float]:
    """The time of each stage of one build, in the order build() and write_outputs() run them."""
    layout, times = settings.layout, {}
    times["registry (data/*.csv, genre.yaml)"], registry = seconds(lambda: Registry.load(settings.data))
    times["ontology and shapes (Turtle)"], (ontology, shapes) = seconds(
        lambda: (load_graph(layout.ontology_file), load_graph(layout.shapes_file))
    )
    times["notices: read, parse, statements, materialise"], (notices, graphs) = seconds(
        lambda: read_notices(settings, registry, ontology)
    )
    times["dataset (one Oxigraph store of the named graphs)"], dataset = seconds(
        lambda: Dataset(corpus_quads(graphs, ontology))
    )
    paths = {notice.slug: notice.path for notice in notices}
    times["SHACL (pySHACL on the union)"], report = seconds(lambda: validate_store(dataset.union(), shapes, paths))
    built = Build(notices, list(graphs.values()), report, dataset, [], registry.review_rows())
    times["dumps and reports, written and renamed"], _ = seconds(lambda: write_outputs(built, layout))
    return times


def start_up() -> float:
    """A new interpreter importing the command line and the build, less a bare one."""

    def run(code: str) -> float:
        return seconds(lambda: subprocess.run([sys.executable, "-c", code], check=True))[0]

    bare = statistics.median(run("pass") for _ in range(5))
    return statistics.median(run("import jieshou_kg.cli, jieshou_kg.build") for _ in range(5)) - bare


def whole_command(out: Path) -> float:
    command = [sys.executable, "-m", "jieshou_kg.cli", "build", "--dist", str(out)]
    return seconds(lambda: subprocess.run(command, cwd=measure.ROOT, check=True, capture_output=True))[0]


def report(repeat: int) -> str:
    with tempfile.TemporaryDirectory() as out:
        settings = Settings.load({}, dist=out)
        runs = []
        for _ in range(repeat):
            gc.collect()  # the build before's graphs, collected before the clock starts, not during
            runs.append(one_build(settings))
        whole = statistics.median(whole_command(Path(out)) for _ in range(repeat))
    rows = [[stage, statistics.median(run[stage] for run in runs)] for stage in runs[0]]
    rows.insert(0, ["start-up (imports)", start_up()])
    rows.append(["the stages together", sum(took for _, took in rows)])
    rows.append(["the whole `jieshou-kg build` process", whole])
    load = os.getloadavg()[0]
    title = f"The build of the bundled notice, stage by stage (x1, medians of {repeat}, s, load {load:.2f})"
    return measure.table(title, ["stage", "s"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    print(report(parser.parse_args().repeat))


if __name__ == "__main__":
    main()
