"""Publishing the built graph to a SPARQL store (Graph Store Protocol): `jieshou-kg load`."""

from __future__ import annotations

from pathlib import Path

import requests

from ..errors import StoreError
from ..namespaces import DATA_GRAPH, ONTOLOGY_GRAPH


def publish(data: Path, ontology: Path, graph_store: str, timeout: float = 300.0, auth=None) -> dict[str, int]:
    """PUT the data and the ontology each into its named graph (Graph Store Protocol).

    A PUT replaces the graph whole, in one request: a reload never leaves half a graph behind.
    """
    sizes = {}
    for graph, path in ((DATA_GRAPH, data), (ONTOLOGY_GRAPH, ontology)):
        mimetype = "application/n-triples" if path.suffix == ".nt" else "text/turtle"
        try:
            with path.open("rb") as body:
                response = requests.put(
                    graph_store,
                    params={"graph": str(graph)},
                    data=body,
                    auth=auth,
                    timeout=timeout,
                    headers={"Content-Type": mimetype},
                )
        except OSError as err:
            raise StoreError(f"cannot publish {path}: {err}") from None
        except requests.RequestException as err:
            raise StoreError(f"cannot reach {graph_store}: {err}") from None
        if response.status_code not in (200, 201, 204):
            raise StoreError(f"{graph_store} refused {graph}: {response.status_code} {response.text[:300]}")
        sizes[str(graph)] = path.stat().st_size
    return sizes
