"""The embedded default: pyoxigraph in this process, loaded from a dataset dump (TriG or N-Quads).

In memory by default. With a folder, the dump is bulk-loaded once into an
on-disk store there and opened read-only: the processes that serve the site
then share the operating system's page cache instead of each holding a copy.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..namespaces import GRAPH_SPACE
from .base import Store

ON_DISK_ABOVE = 512 << 20  # bytes of dump above which "auto" keeps the store on disk


class OxigraphStore(Store):
    def __init__(self, dump: str | Path, directory: str | Path | None = None):
        self.source = f"embedded Oxigraph ({dump}{', on disk in ' + str(directory) if directory else ''})"
        try:
            self.store = persistent(Path(dump), Path(directory)) if directory else ox.Store()
            if not directory:
                self.store.bulk_load(path=str(dump), format=dataset_format(dump))
        except (OSError, SyntaxError) as err:
            raise StoreError(f"cannot load {dump}: {err}") from None
        self._graphs = tuple(sorted(g.value for g in self.store.named_graphs() if g.value.startswith(GRAPH_SPACE)))
        stat = Path(dump).stat()
        self.modified = stat.st_mtime
        identity = f"{Path(dump).resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{package_version()}"
        self.version = hashlib.sha256(identity.encode()).hexdigest()[:16]

    @property
    def graphs(self) -> tuple[str, ...]:
        return self._graphs

    def execute(self, sparql: str, default_graphs=(), named_graphs=()):
        """The union of the dataset's graphs as the default graph, unless the query's dataset is given."""
        if default_graphs or named_graphs:
            chosen = {
                "default_graph": [ox.NamedNode(g) for g in default_graphs],
                "named_graphs": [ox.NamedNode(g) for g in named_graphs],
            }
        else:
            chosen = {"use_default_graph_as_union": True}
        try:
            return self.store.query(sparql, **chosen)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from None
        except OSError as err:
            raise StoreError(str(err)) from None


def persistent(dump: Path, directory: Path) -> ox.Store:
    """An on-disk store holding `dump`, loaded once (again only when the dump changes), opened read-only."""
    stamp = directory.with_name(directory.name + ".source")
    source = f"{dump.resolve()} {dump.stat().st_size} {dump.stat().st_mtime_ns}"
    if not (directory.is_dir() and stamp.is_file() and stamp.read_text() == source):
        loading = directory.with_name(directory.name + ".loading")
        shutil.rmtree(loading, ignore_errors=True)
        store = ox.Store(str(loading))
        store.bulk_load(path=str(dump), format=dataset_format(dump))
        store.flush()
        del store
        shutil.rmtree(directory, ignore_errors=True)
        loading.rename(directory)
        stamp.write_text(source)
    return ox.Store.read_only(str(directory))


def dataset_format(path: str | Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(Path(path).suffix.lstrip("."))
    if fmt not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        raise StoreError(f"{path}: a dataset dump must be TriG (.trig) or N-Quads (.nq)")
    return fmt


def on_disk_directory(dump: Path, directory: str | Path | None) -> Path | None:
    """Where to keep the store on disk, if anywhere: "auto" means next to a dump over 512 MiB."""
    if directory == "auto":
        return dump.with_name(dump.name + ".oxigraph") if dump.stat().st_size > ON_DISK_ABOVE else None
    return Path(directory) if directory else None


def package_version() -> str:
    """The installed package's version: a new release may write other answers from the same data."""
    try:
        return metadata.version("jieshou-kg")
    except metadata.PackageNotFoundError:
        return "source"
