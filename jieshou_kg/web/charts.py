"""Pictures drawn on the server as SVG (no JavaScript, no CDN): bar charts and the collaboration network.

The network layout comes from networkx (spring layout, fixed seed, so the
picture is the same on every run).
"""

from __future__ import annotations

import networkx as nx

from ..store import Table

WIDTH, HEIGHT, MARGIN = 900, 640, 60
MIN_SHARED = 2  # draw a link only when two units share at least this many tasks
MAX_NODES = 80  # a readable picture (and a layout that stays small when the data grows)
NAMED = 14  # units whose names are written beside their node


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


def collaboration(pairs: Table) -> nx.Graph:
    """Units linked by the tasks they share (at least MIN_SHARED), the MAX_NODES busiest only."""
    graph = nx.Graph()
    for row in pairs.rows:
        if int(row["shared"]) >= MIN_SHARED:
            graph.add_edge(row["a"], row["b"], weight=int(row["shared"]))
    degree = dict(graph.degree(weight="weight"))
    return graph.subgraph(sorted(degree, key=degree.get, reverse=True)[:MAX_NODES]).copy()


def network_chart(graph: nx.Graph, labels: dict) -> dict:
    """The picture of a collaboration graph: nodes placed by the layout, the busiest named."""
    if not graph:
        return {"nodes": [], "edges": [], "width": WIDTH, "height": HEIGHT}
    place = _layout(graph)
    degree = dict(graph.degree(weight="weight"))
    named = set(sorted(degree, key=degree.get, reverse=True)[:NAMED])
    nodes = [
        {"iri": n, "label": labels[n], "x": place[n][0], "y": place[n][1], "named": n in named,
         "r": 4 + min(14, degree[n] ** 0.5 * 1.5)}
        for n in graph.nodes
    ]  # fmt: skip
    edges = [
        {"x1": place[a][0], "y1": place[a][1], "x2": place[b][0], "y2": place[b][1], "shared": d["weight"],
         "w": min(8, 0.6 + d["weight"] * 0.5), "a": labels[a], "b": labels[b]}
        for a, b, d in graph.edges(data=True)
    ]  # fmt: skip
    return {"nodes": nodes, "edges": edges, "width": WIDTH, "height": HEIGHT}


def _layout(graph: nx.Graph) -> dict:
    """Spring layout (fixed seed: the same picture every time), scaled to the drawing."""
    positions = nx.spring_layout(graph, seed=7, weight="weight", k=1.4 / (len(graph) ** 0.5))
    xs, ys = zip(*positions.values(), strict=True)
    width, height = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {
        n: (
            MARGIN + (x - min(xs)) / width * (WIDTH - 2 * MARGIN),
            MARGIN + (y - min(ys)) / height * (HEIGHT - 2 * MARGIN),
        )
        for n, (x, y) in positions.items()
    }
