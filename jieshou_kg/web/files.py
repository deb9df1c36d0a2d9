"""The files the site offers for download (layout.DUMPS, layout.ONTOLOGY_FILES): size and SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..layout import DUMPS, ONTOLOGY_FILES, Dump
from ..settings import Settings


@dataclass(frozen=True)
class Offered:
    dump: Dump
    path: Path
    url: str
    dataset: str  # "data" (the dataset's dumps) or "ontology"

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def sha256(self) -> str:
        stat = self.path.stat()
        return _sha256(str(self.path), stat.st_mtime_ns, stat.st_size)


def offered(settings: Settings) -> list[Offered]:
    """The dumps and ontology files that exist, with the site path each is served at."""
    layout = settings.layout
    found = [Offered(d, layout.dump_file(d.name), f"/dumps/{d.name}", "data") for d in DUMPS]
    found += [Offered(d, layout.ontology_path(d.name), f"/ontology/{d.name}", "ontology") for d in ONTOLOGY_FILES]
    return [f for f in found if f.path.is_file()]


@lru_cache(maxsize=64)
def _sha256(path: str, mtime_ns: int, size: int) -> str:  # the stat fields key the cache
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
