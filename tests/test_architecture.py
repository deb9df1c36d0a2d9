"""The folder tree is the architecture: each step imports only the steps below it, and nothing is too big to read."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
from conftest import ROOT

PACKAGE = ROOT / "jieshou_kg"
BASE = {"errors", "model", "namespaces", "layout"}
# What each part may import (besides itself): the arrows of the data flow, text -> model -> graph -> validate
# -> store -> endpoint / web.
ALLOWED = {
    "errors": set(),
    "model": set(),
    "namespaces": set(),
    "layout": set(),
    "settings": {"errors", "layout"},
    "notice": {"errors", "model"},
    "graph": {"errors", "model", "namespaces", "notice"},
    "build": BASE | {"settings", "notice", "graph"},
    "store": {"errors", "namespaces", "layout", "settings"},
    "saved": {"errors", "namespaces", "layout", "store"},
    "endpoint": BASE | {"settings", "store", "saved"},
    "web": BASE | {"settings", "store", "saved", "endpoint"},
    "cli": BASE | {"settings", "build", "store", "saved", "web"},
}
MAX_MODULE_LINES = 200
MAX_FUNCTION_LINES = 40


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The project modules a file imports, anywhere in it (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    return {m for m in found if m in modules and m not in (name, "jieshou_kg")}


def part(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "static" not in p.parts)


def test_every_part_imports_only_what_stands_below_it():
    wrong = []
    for path in sources():
        here = part(module_name(path))
        if here == "__init__":
            continue  # the package's face re-exports the public API lazily
        assert here in ALLOWED, f"{path}: a new part; say what it may import in ALLOWED"
        for target in imports(path):
            there = part(target)
            if there != here and there not in ALLOWED[here]:
                wrong.append(f"{module_name(path)} -> {target}")
    assert not wrong, "imports that run against the data flow:\n" + "\n".join(wrong)


def test_no_module_imports_itself_in_a_circle():
    graph = nx.DiGraph()
    for path in sources():
        graph.add_node(module_name(path))
        for target in imports(path):
            if not target.endswith("__init__"):
                graph.add_edge(module_name(path), target)
    package_faces = {module_name(p) for p in PACKAGE.rglob("__init__.py")}
    circles = [c for c in nx.simple_cycles(graph) if not set(c) & package_faces]
    assert not circles, circles


def test_modules_and_functions_stay_small():
    big = []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        lines = sum(1 for line in text.splitlines() if line.strip())
        if lines > MAX_MODULE_LINES:
            big.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    big.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}(): {length} lines")
    assert not big, big


def test_every_view_has_a_docstring(app):
    missing = [name for name, view in app.view_functions.items() if name != "static" and not (view.__doc__ or "")]
    assert not missing, missing


def test_no_sparql_in_python_strings():
    """SPARQL lives in .rq files (queries/, queries/site/) with one prefix header, not in Python."""
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.upper()
                assert not ("SELECT " in text and "WHERE" in text), f"{path}: {node.value[:60]!r}"
                assert not re.search(r"PREFIX\s+\w*:\s*<", text), f"{path}: {node.value[:60]!r}"


def test_every_query_file_uses_the_one_prefix_header():
    for path in sorted((ROOT / "queries").rglob("*.rq")):
        assert "PREFIX" not in path.read_text(encoding="utf-8").upper().replace("#+", ""), path


def test_the_query_workers_need_neither_the_web_framework_nor_the_parser_of_notices():
    check = (
        "import sys, jieshou_kg.endpoint.workers, jieshou_kg.store\n"
        "heavy = {'flask', 'werkzeug', 'jinja2', 'pyshacl', 'jieshou_kg.notice', 'jieshou_kg.web'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True, cwd=ROOT)
