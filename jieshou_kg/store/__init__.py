"""Stores: one interface (base.py) over the embedded engine (embedded.py) and any SPARQL 1.1 server (remote.py)."""

from __future__ import annotations

from ..errors import StoreError
from ..settings import Settings
from .base import Store, Table, graph_of, table_of, table_of_rows
from .embedded import OxigraphStore, on_disk_directory
from .remote import RemoteStore

__all__ = ["OxigraphStore", "RemoteStore", "Store", "Table", "graph_of", "open_store", "table_of", "table_of_rows"]


def open_store(settings: Settings) -> Store:
    """The store the settings name: the remote endpoint if one is set, else the built dataset in this process."""
    if settings.endpoint:
        return RemoteStore(settings.endpoint, timeout=settings.store_timeout)
    dump = settings.layout.dataset
    if not dump.is_file():
        raise StoreError(f"no built dataset at {dump}: run `jieshou-kg build` first (or give --dist or --dump)")
    return OxigraphStore(dump, on_disk_directory(dump, settings.on_disk_dir))
