"""Facts counted straight from the notice text with plain regular expressions,
independently of the parser, so tests can check the graph against them."""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

NOTICE = Path(__file__).resolve().parents[1] / "data" / "jieshou-2020-key-tasks.txt"
ROLE_LINE = re.compile(r"^\s*(牵头负责领导|牵头责任单位|协同责任单位|责任单位):(.*?)。?\s*$")


@cache
def text() -> str:
    return NOTICE.read_text(encoding="utf-8")


@cache
def blocks() -> list[dict[str, str]]:
    """One dict per task: role label -> the list as printed (a new task starts at 牵头负责领导)."""
    found: list[dict[str, str]] = []
    for line in text().splitlines():
        match = ROLE_LINE.match(line)
        if not match:
            continue
        if match.group(1) == "牵头负责领导":
            found.append({})
        found[-1][match.group(1)] = match.group(2)
    return found


def names(listing: str) -> list[str]:
    """Split a printed list on 、 and , outside parentheses; drop a trailing 等相关单位."""
    listing = re.sub(r"等(相关|有关)单位$", "", listing)
    parts, depth, current = [], 0, ""
    for ch in listing:
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch in "、,":
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def tasks_with(role: str, name: str) -> list[dict[str, str]]:
    """Tasks whose `role` list names `name` (as printed, parentheses stripped)."""
    return [b for b in blocks() if name in [re.sub(r"\(.*\)$", "", n) for n in names(b.get(role, ""))]]


@cache
def task_lines() -> list[str]:
    """The text line of each task: the non-blank line right before its 牵头负责领导 line."""
    lines = [line.strip(" \xa0") for line in text().splitlines() if line.strip(" \xa0")]
    return [before for before, line in itertools.pairwise(lines) if line.startswith("牵头负责领导")]


def base_name(printed: str) -> str:
    """A printed list entry without its parentheses."""
    return re.sub(r"\(.*\)$", "", printed).strip()


def tasks_naming(name: str) -> list[dict[str, str]]:
    """Tasks that name `name` in any role."""
    return [b for b in blocks() if any(name in [base_name(n) for n in names(v)] for v in b.values())]


def tasks_between(start: str, end: str) -> int:
    """Number of tasks (牵头负责领导 lines) between two heading lines."""
    body = text()[text().index(start) : text().index(end)]
    return body.count("牵头负责领导:")
