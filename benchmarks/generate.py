"""Plausible plans of the same shape, for measuring at scale: x1, x10, x100, x1000.

Plan 0 is the real notice. Plan i > 0 is the real notice rewritten for another
city and year (benchmarks/data/cities.csv), with its own document number and
officials (names drawn from benchmarks/data/name-parts.csv), and a registry
of its own in which every organization and collective has a city-prefixed
slug: every IRI is distinct. Each plan goes through the real pipeline.

    python -m benchmarks.generate --scale 100 --out benchmarks/out/x100
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pypinyin import lazy_pinyin

from jieshou_kg.build import build
from jieshou_kg.graph import notice_graph
from jieshou_kg.graph.corpus import graph_of_subject
from jieshou_kg.namespaces import ONTOLOGY_GRAPH
from jieshou_kg.notice import Registry, extract_targets, read_notice
from jieshou_kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
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


def city_registry(plan: Plan, officials: dict[str, str], directory: Path) -> None:
    """The real registry with city-prefixed slugs and the city's names, plus this plan's officials."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("org-kinds.csv", "units.csv", "multipliers.csv", "pinyin-overrides.csv"):
        shutil.copy(ROOT / "data" / name, directory / name)
    city = plan.city
    for name in ("organizations.csv", "collectives.csv", "other-names.csv"):
        rows = read_csv(ROOT / "data" / name)
        for row in rows:
            row["slug"] = f"{plan.slug}-{row['slug']}"
            row["zh"] = row["zh"].replace(ORIGINAL["zh"], city["zh"]).replace(ORIGINAL["short"], city["short"])
            row["en"] = row["en"].replace(ORIGINAL["en"], city["en"])
        write_csv(directory / name, rows)
    write_csv(
        directory / "officials.csv",
        [{"slug": f"{plan.slug}-{plan.year}-" + "-".join(lazy_pinyin(new)), "zh": new} for new in officials.values()],
    )
    headings = read_csv(ROOT / "data" / "headings-en.csv")
    for row in headings:
        row["document"] = plan.doc_number
        row["en"] = row["en"].replace(ORIGINAL["en"], city["en"])
    write_csv(directory / "headings-en.csv", headings)


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def make_plan(plan: Plan, out: Path, validate: bool) -> tuple[Path, float]:
    """Write plan i's notice and registry, run the pipeline, write its N-Triples; the seconds it took."""
    originals = [row["zh"] for row in read_csv(ROOT / "data" / "officials.csv")]
    officials = dict(zip(originals, official_names(plan, len(originals)), strict=True))
    folder = out / "plans" / f"{plan.index:04d}"
    (folder / "notice.txt").parent.mkdir(parents=True, exist_ok=True)
    (folder / "notice.txt").write_text(notice_text(plan, officials), encoding="utf-8")
    city_registry(plan, officials, folder / "data")
    started = time.perf_counter()
    graph = convert(folder / "notice.txt", folder / "data", validate)
    elapsed = time.perf_counter() - started
    graph.serialize(folder / "graph.nt", format="nt", encoding="utf-8")
    return folder / "graph.nt", elapsed


def convert(notice: Path, data: Path, validate: bool):
    if validate:
        return build(Settings.load({}, notice=notice, data=data, ontology=ROOT / "ontology", dist=notice.parent)).graph
    parsed = read_notice(notice)
    registry = Registry.load(data)
    extract_targets(parsed, registry)
    return notice_graph(parsed, registry)


def generate(scale: int, out: Path, validate: bool = False, workers: int = 2) -> dict:
    """Plans 0..scale-1 as one dataset: out/jieshou-kg.nq (data and ontology graphs) and out/jieshou-kg.nt."""
    out.mkdir(parents=True, exist_ok=True)
    real = out / "plans" / "0000"
    real.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    graph = convert(NOTICE, ROOT / "data", validate)
    seconds = [time.perf_counter() - started]
    graph.serialize(real / "graph.nt", format="nt", encoding="utf-8")
    parts = [real / "graph.nt"]
    with ProcessPoolExecutor(workers) as pool:
        for path, elapsed in pool.map(make_plan, plans(scale), [out] * (scale - 1), [validate] * (scale - 1)):
            parts.append(path)
            seconds.append(elapsed)
    write_dataset(parts, out)
    return {"plans": scale, "seconds": seconds}


def write_dataset(parts: list[Path], out: Path) -> None:
    with (out / "jieshou-kg.nt").open("wb") as nt:
        for part in parts:
            nt.write(part.read_bytes())
    with (out / "jieshou-kg.nq").open("wb") as nq:
        for triple in ox.parse(path=str(out / "jieshou-kg.nt"), format=ox.RdfFormat.N_TRIPLES):
            graph = graph_of_subject(triple.subject.value)  # each plan its notice's graph; agents the registry's
            nq.write(f"{triple.subject} {triple.predicate} {triple.object} <{graph}> .\n".encode())
        for triple in ox.parse(path=str(ROOT / "ontology" / "jieshou-kg.ttl"), format=ox.RdfFormat.TURTLE):
            nq.write(f"{triple.subject} {triple.predicate} {triple.object} <{ONTOLOGY_GRAPH}> .\n".encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--validate", action="store_true", help="Run SHACL on every plan (slower).")
    args = parser.parse_args()
    out = args.out or HERE / "out" / f"x{args.scale}"
    result = generate(args.scale, out, args.validate)
    print(f"{result['plans']} plans in {sum(result['seconds']):.1f} s of pipeline time -> {out}/jieshou-kg.nq")


if __name__ == "__main__":
    main()
