"""Pictures drawn on the server as SVG (no JavaScript, no CDN): bar charts and the collaboration network.

The network layout comes from networkx (spring layout, fixed seed, so the
picture is the same on every run).
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx

NETWORK = """PREFIX jk: <https://w3id.org/jieshou-kg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?a ?b (COUNT(DISTINCT ?task) AS ?shared) WHERE {
  ?task jk:assignee ?a , ?b .
  ?a a org:Organization . ?b a org:Organization .
  FILTER (STR(?a) < STR(?b))
} GROUP BY ?a ?b"""
WIDTH, HEIGHT, MARGIN = 900, 640, 60
MIN_SHARED = 2  # draw a link only when two units share at least this many tasks


def bar_chart(items: list[tuple[str, int, object]], bar_height: int = 22, width: int = 900) -> dict:
    """Rows for a horizontal bar chart: label, value, IRI, and the bar's geometry."""
    top = max((value for _, value, _ in items), default=1) or 1
    label_width = 470
    scale = (width - label_width - 50) / top
    rows = [
        {"label": label, "value": value, "iri": iri, "y": i * bar_height, "width": max(1, round(value * scale))}
        for i, (label, value, iri) in enumerate(items)
    ]
    return {
        "rows": rows,
        "width": width,
        "height": len(rows) * bar_height + 4,
        "label_width": label_width,
        "bar_height": bar_height - 6,
    }


def network_chart(store, lang: str) -> dict:
    return _network(store, lang)


@lru_cache(maxsize=4)
def _network(store, lang: str) -> dict:
    from .site import site

    graph = nx.Graph()
    for row in store.select(NETWORK).rows:
        graph.add_edge(row["a"], row["b"], weight=int(row["shared"]))
    strong = nx.Graph([(a, b, d) for a, b, d in graph.edges(data=True) if d["weight"] >= MIN_SHARED])
    if not strong:
        return {"nodes": [], "edges": [], "width": WIDTH, "height": HEIGHT}
    positions = nx.spring_layout(strong, seed=7, weight="weight", k=1.4 / (len(strong) ** 0.5))
    xs, ys = zip(*positions.values(), strict=True)
    place = lambda p: (  # noqa: E731
        MARGIN + (p[0] - min(xs)) / ((max(xs) - min(xs)) or 1) * (WIDTH - 2 * MARGIN),
        MARGIN + (p[1] - min(ys)) / ((max(ys) - min(ys)) or 1) * (HEIGHT - 2 * MARGIN),
    )
    labels = site().labels(strong.nodes, lang)
    degree = dict(strong.degree(weight="weight"))
    busiest = sorted(degree, key=degree.get, reverse=True)[:14]
    nodes = [
        {
            "iri": n,
            "label": labels[n],
            "x": place(positions[n])[0],
            "y": place(positions[n])[1],
            "r": 4 + min(14, degree[n] ** 0.5 * 1.5),
            "named": n in busiest,
        }
        for n in strong.nodes
    ]
    edges = [
        {
            "x1": place(positions[a])[0],
            "y1": place(positions[a])[1],
            "x2": place(positions[b])[0],
            "y2": place(positions[b])[1],
            "w": min(8, 0.6 + d["weight"] * 0.5),
            "shared": d["weight"],
            "a": labels[a],
            "b": labels[b],
        }
        for a, b, d in strong.edges(data=True)
    ]
    return {"nodes": nodes, "edges": edges, "width": WIDTH, "height": HEIGHT}
