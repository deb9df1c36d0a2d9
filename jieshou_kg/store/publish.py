"""Publishing the built dataset to a SPARQL store (Graph Store Protocol): `jieshou-kg load`."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import requests

from ..errors import StoreError
from .embedded import dataset_format


def publish(dataset: Path, graph_store: str, timeout: float = 300.0, auth=None) -> dict[str, int]:
    """PUT each named graph of the dataset dump (N-Quads or TriG: each notice's, the registry's, the ontology's)
    into the store's graph of that name (Graph Store Protocol).

    A PUT replaces the graph whole, in one request: a reload never leaves half a graph behind.
    """
    store = ox.Store()
    try:
        store.bulk_load(path=str(dataset), format=dataset_format(dataset))
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot read {dataset}: {err}") from None
    sizes = {}
    for graph in sorted(store.named_graphs(), key=str):
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        _put(graph_store, graph.value, body, timeout, auth)
        sizes[graph.value] = len(body)
    return sizes


def _put(graph_store: str, graph: str, body: bytes, timeout: float, auth) -> None:
    try:
        response = requests.put(
            graph_store,
            params={"graph": graph},
            data=body,
            auth=auth,
            timeout=timeout,
            headers={"Content-Type": "application/n-triples"},
        )
    except requests.RequestException as err:
        raise StoreError(f"cannot reach {graph_store}: {err}") from None
    if response.status_code not in (200, 201, 204):
        raise StoreError(f"{graph_store} refused {graph}: {response.status_code} {response.text[:300]}")
