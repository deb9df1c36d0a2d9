"""Charts made on the server (no JavaScript, no CDN): bar charts as HTML tables whose cells carry the
bars (labels wrap instead of being clipped, and the numbers are there for screen readers), and the
collaboration network as SVG, its labels placed where they collide with no other label and stay inside
the picture, with a table of the same units beside it.

The network layout comes from networkx (spring layout, fixed seed, so the picture is the same on every run).
"""

from __future__ import annotations

import networkx as nx

from ..store import Table

WIDTH, HEIGHT, MARGIN = 900, 640, 60
MIN_SHARED = 2  # draw a link only when two units share at least this many tasks
MAX_NODES = 80  # a readable picture (and a layout that stays small when the data grows)
NAMED = 14  # units whose names the picture tries to write beside their node
FONT = 12  # px of a label in the picture
LONGEST = 24  # characters of a label in the picture (the whole name is in the table and the tooltip)


def bar_chart(items: list[tuple[str, int, object]]) -> dict:
    """Rows for a bar chart: label, value, IRI, and the bar's length in per cent of the longest."""
    top = max((value for _, value, _ in items), default=1) or 1
    rows = [
        {"label": label, "value": value, "iri": iri, "percent": round(100 * value / top, 1)}
        for label, value, iri in items
    ]
    return {"rows": rows}


def collaboration(pairs: Table) -> nx.Graph:
    """Units linked by the tasks they share (at least MIN_SHARED), the MAX_NODES busiest only."""
    graph = nx.Graph()
    for row in pairs.rows:
        if int(row["shared"]) >= MIN_SHARED:
            graph.add_edge(row["a"], row["b"], weight=int(row["shared"]))
    degree = dict(graph.degree(weight="weight"))
    return graph.subgraph(sorted(degree, key=degree.get, reverse=True)[:MAX_NODES]).copy()


def network_chart(graph: nx.Graph, labels: dict) -> dict:
    """The picture of a collaboration graph: nodes placed by the layout, the busiest named where they fit."""
    if not graph:
        return {"nodes": [], "edges": [], "width": WIDTH, "height": HEIGHT, "table": []}
    place = _layout(graph)
    degree = dict(graph.degree(weight="weight"))
    busiest = sorted(degree, key=lambda n: (-degree[n], str(n)))
    nodes = {
        n: {"iri": n, "label": labels[n], "x": place[n][0], "y": place[n][1], "text": None,
            "r": 4 + min(14, degree[n] ** 0.5 * 1.5)}
        for n in graph.nodes
    }  # fmt: skip
    _place_labels([nodes[n] for n in busiest[:NAMED]])
    edges = [
        {"x1": place[a][0], "y1": place[a][1], "x2": place[b][0], "y2": place[b][1], "shared": d["weight"],
         "w": min(8, 0.6 + d["weight"] * 0.5), "a": labels[a], "b": labels[b]}
        for a, b, d in graph.edges(data=True)
    ]  # fmt: skip
    table = [{"iri": n, "label": labels[n], "partners": graph.degree(n), "shared": degree[n]} for n in busiest]
    return {"nodes": list(nodes.values()), "edges": edges, "width": WIDTH, "height": HEIGHT, "table": table}


def _place_labels(nodes: list[dict]) -> None:
    """Give each node, busiest first, a label box right, left, above or below it that overlaps no box already
    placed and stays inside the picture; a node with no such place gets none (its name is in the table)."""
    taken: list[tuple[float, float, float, float]] = []
    for node in nodes:
        text = node["label"] if len(node["label"]) <= LONGEST else node["label"][: LONGEST - 1] + "…"
        width, height, x, y, r = _text_width(text), FONT + 2, node["x"], node["y"], node["r"]
        for left, top, anchor in (
            (x + r + 3, y - height / 2, "start"),
            (x - r - 3 - width, y - height / 2, "end"),
            (x - width / 2, y - r - 3 - height, "middle"),
            (x - width / 2, y + r + 3, "middle"),
        ):
            box = (left, top, left + width, top + height)
            inside = box[0] >= 2 and box[1] >= 2 and box[2] <= WIDTH - 2 and box[3] <= HEIGHT - 2
            padded = (box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1)  # a pixel apart, whatever the rounding
            if inside and not any(_overlap(padded, other) for other in taken):
                taken.append(box)
                tx = {"start": box[0], "end": box[2], "middle": (box[0] + box[2]) / 2}[anchor]
                node.update(text=text, tx=tx, ty=box[3] - 3, anchor=anchor)
                break


def _text_width(text: str) -> float:
    """An upper bound of the text's width at FONT px: a Chinese character is one em, others at most 0.62."""
    return sum(FONT if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else FONT * 0.62 for c in text)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
