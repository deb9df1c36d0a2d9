"""jieshou-kg: Chinese government key-work plans as a validated, served knowledge graph.

The public API, step by step (each name is imported when first used, so that
`import jieshou_kg.store` in a query worker does not load the parser or SHACL):

    read_notice(path)              notice text -> model (jieshou_kg.notice)
    notice_graph(notice, registry) model -> rdflib Graph (jieshou_kg.graph)
    validate(graph, shapes, onto)  graph -> SHACL report (jieshou_kg.graph)
    build(settings)                the whole pipeline (jieshou_kg.build)
    Settings                       every setting, with its defaults (jieshou_kg.settings)
"""

from __future__ import annotations

from importlib import import_module

_API = {
    "read_notice": "jieshou_kg.notice",
    "Registry": "jieshou_kg.notice",
    "notice_graph": "jieshou_kg.graph",
    "validate": "jieshou_kg.graph",
    "build": "jieshou_kg.build",
    "write_outputs": "jieshou_kg.build",
    "Settings": "jieshou_kg.settings",
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'jieshou_kg' has no attribute {name!r}")
