"""Saved query pages through the Flask test client, the answer cache off: median time and bytes per page.

    python -m benchmarks.pages                                   # x1 (./dist, built if missing)
    python -m benchmarks.pages --dump benchmarks/out/x100/jieshou-kg.nq

Every request renders the page again (answer_cache_bytes=0), so this is the cost of one cold page:
the query, the labels, the pickers and Jinja.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from jieshou_kg.build import build, write_outputs
from jieshou_kg.settings import Settings
from jieshou_kg.web import create_app

PAGES = [
    "/queries/organization-co-leads",
    "/queries/organization-co-leads?lang=en",
    "/queries/official-tasks",
    "/queries/all-tasks",
    "/",
    "/search?q=caizheng",
]


def measure(dump: Path | None, repeat: int, pages: list[str]) -> list[tuple[str, int, float, float]]:
    settings = Settings.load({}, answer_cache_bytes=0, **({"dump": dump} if dump else {}))
    if dump is None and not settings.layout.dump_file("jieshou-kg.trig").is_file():
        write_outputs(build(settings), settings.layout)
    app = create_app(settings)
    client = app.test_client()
    found = []
    for path in pages:
        first = time.perf_counter()
        response = client.get(path)
        first = (time.perf_counter() - first) * 1000
        if response.status_code != 200:
            found.append((path, response.status_code, first, 0.0))
            continue
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        found.append((path, len(response.data), first, statistics.median(times)))
    app.extensions["jieshou_kg"].close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    print("| page | bytes | first (ms) | median of the next (ms) |\n| --- | --- | --- | --- |")
    for path, size, first, median in measure(args.dump, args.repeat, args.pages):
        print(f"| `{path}` | {size:,} | {first:.1f} | {median:.1f} |")


if __name__ == "__main__":
    main()
