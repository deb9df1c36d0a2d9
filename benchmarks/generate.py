"""Plausible plans of the same shape, for measuring at scale: x1, x10, x100, x1000.

Plan 0 is the real notice. Plan i > 0 is the real notice's text rewritten for another
city and year (benchmarks/data/cities.csv), with its own document number and officials
(names drawn from benchmarks/data/name-parts.csv). Every plan is a notice file in
out/notices/, read as `jieshou-kg build --notice out/notices` reads a corpus: the
genre parser, one registry (data/) that mints the bodies and officials of the other
cities (the same city's across years are one), each notice's graph partitioned into its
named graph and the registry's. Only the dump is written differently: notice by notice,
as N-Quads, so that no union of the whole corpus is held in memory (and SHACL runs on
each plan with `--validate`, not on the union).

    python -m benchmarks.generate --scale 100 --out benchmarks/out/x100
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pypinyin import lazy_pinyin
from rdflib import Graph

from jieshou_kg.build import review_csv
from jieshou_kg.graph import load_graph, materialise, notice_graph, validate
from jieshou_kg.graph.corpus import partition
from jieshou_kg.namespaces import ONTOLOGY_GRAPH, REGISTRY_GRAPH, notice_graph_name
from jieshou_kg.notice import Registry, extract_targets, read_notice

from .measure import OUT, ROOT

HERE = Path(__file__).resolve().parent
NOTICE = ROOT / "data" / "jieshou-2020-key-tasks.txt"
ORIGINAL = {"zh": "界首市", "short": "界首", "en": "Jieshou", "code": "界政发〔2020〕11号", "date": "2020年7月30日"}


@dataclass(frozen=True)
class Plan:
    index: int
    city: dict
    year: int
    serial: int

    @property
    def doc_number(self) -> str:
        return f"{self.city['code']}〔{self.year}〕{self.serial}号"

    @property
    def slug(self) -> str:
        return self.city["en"].lower().replace("'", "")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def plans(scale: int) -> list[Plan]:
    cities = read_csv(HERE / "data" / "cities.csv")
    found = []
    for i in range(1, scale):
        rng = random.Random(i)
        found.append(Plan(i, cities[(i - 1) % len(cities)], 2001 + (i - 1) // len(cities), rng.randint(1, 40)))
    return found


def official_names(plan: Plan, count: int) -> list[str]:
    parts = {row["part"]: row["characters"] for row in read_csv(HERE / "data" / "name-parts.csv")}
    rng, names, sounds = random.Random(plan.index * 7919), [], set()
    while len(names) < count:
        name = rng.choice(parts["surname"]) + "".join(rng.choices(parts["given"], k=rng.choice((1, 2))))
        sound = "-".join(lazy_pinyin(name))  # homophones would share a slug: the registry refuses that
        if sound not in sounds:
            names.append(name)
            sounds.add(sound)
    return names


def notice_text(plan: Plan, officials: dict[str, str]) -> str:
    text = NOTICE.read_text(encoding="utf-8")
    rng = random.Random(plan.index)
    text = text.replace(ORIGINAL["code"], plan.doc_number)
    text = text.replace(ORIGINAL["date"], f"{plan.year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    text = text.replace("2020年", f"{plan.year}年")
    text = text.replace(ORIGINAL["zh"], plan.city["zh"]).replace(ORIGINAL["short"], plan.city["short"])
    for old, new in officials.items():
        text = text.replace(old, new)
    return text


def write_notices(scale: int, folder: Path) -> list[Path]:
    """The real notice and plans 1..scale-1 as notice files, in the order they are read."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(NOTICE, folder / "0000.txt")
    originals = [row["zh"] for row in read_csv(ROOT / "data" / "officials.csv")]
    for plan in plans(scale):
        officials = dict(zip(originals, official_names(plan, len(originals)), strict=True))
        (folder / f"{plan.index:04d}.txt").write_text(notice_text(plan, officials), encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def generate(scale: int, out: Path, validate_each: bool = False) -> dict:
    """Plans 0..scale-1 as one dataset: out/jieshou-kg.nq (a graph per notice, the registry's, the ontology's)
    and out/names-to-review.csv; the seconds each plan took to read and convert (and validate)."""
    out.mkdir(parents=True, exist_ok=True)
    registry, ontology = Registry.load(ROOT / "data"), load_graph(ROOT / "ontology" / "jieshou-kg.ttl")
    shapes = load_graph(ROOT / "ontology" / "shapes.ttl")
    shared, seconds = Graph(), []
    with (out / "jieshou-kg.nq").open("wb") as nq:
        for path in write_notices(scale, out / "notices"):
            started = time.perf_counter()
            notice = read_notice(path, data=ROOT / "data")
            extract_targets(notice, registry)
            graph = materialise(notice_graph(notice, registry), ontology)
            if validate_each and validate(graph, shapes, ontology).violations:
                raise SystemExit(f"{path}: the plan's graph has violations")
            seconds.append(time.perf_counter() - started)
            own, common = partition(graph)
            shared += common
            write_quads(nq, own, str(notice_graph_name(notice.slug)))
        write_quads(nq, shared, str(REGISTRY_GRAPH))
        write_quads(nq, ontology, str(ONTOLOGY_GRAPH))
    (out / "names-to-review.csv").write_bytes(review_csv(registry.review_rows()))
    return {"plans": scale, "seconds": seconds}


def dataset(scale: int, validate: bool = False) -> tuple[Path, dict]:
    """The xN dataset's N-Quads, made the first time it is asked for (or again, to time a validated build)."""
    out = OUT / f"x{scale}"
    result = generate(scale, out, validate_each=validate) if not (out / "jieshou-kg.nq").exists() or validate else {}
    return out / "jieshou-kg.nq", result


def write_quads(nq, graph: Graph, name: str) -> None:
    """The graph's statements as N-Quads lines in the named graph `name`."""
    for line in graph.serialize(format="nt", encoding="utf-8").splitlines():
        if line.strip():
            nq.write(line.rstrip()[:-1] + f"<{name}> .\n".encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--validate", action="store_true", help="Run SHACL on every plan (slower).")
    args = parser.parse_args()
    out = args.out or OUT / f"x{args.scale}"
    result = generate(args.scale, out, args.validate)
    print(f"{result['plans']} plans in {sum(result['seconds']):.1f} s of pipeline time -> {out}/jieshou-kg.nq")


if __name__ == "__main__":
    main()
