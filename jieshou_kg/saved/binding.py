"""Parameters bound as RDF terms: a VALUES block at the start of the query's top-level WHERE group.

Values are never pasted into the query: each one is an rdflib term written
by rdflib (`term.n3()`), and the insertion point is found by scanning the
query's tokens (comments, strings and IRIs skipped), so a WHERE or a brace
inside them cannot move it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib.term import Identifier

from ..errors import InputError


def bind_values(sparql: str, values: dict[str, Identifier]) -> str:
    """`sparql` with each variable of `values` bound to its term."""
    if not values:
        return sparql
    return bind_rows(sparql, list(values), [list(values.values())])


def bind_rows(sparql: str, names: list[str], rows: list[list[Identifier]]) -> str:
    """`sparql` with the variables `names` bound to the terms of each row (one solution per row)."""
    variables = " ".join(f"?{name}" for name in names)
    block = " ".join("(" + " ".join(term.n3() for term in row) + ")" for row in rows)
    at = where_group_start(sparql)
    return f"{sparql[:at]}\n  VALUES ({variables}) {{ {block} }}{sparql[at:]}"


TOKEN = re.compile(
    r"""\#[^\n]*                                     # comment
      | '''(?:[^'\\]|\\.|'{1,2}(?!'))*'''              # long strings
      | \"\"\"(?:[^"\\]|\\.|"{1,2}(?!"))*\"\"\"
      | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"       # strings
      | <[^<>"{}|^`\\\s]*>                          # IRI
      | [?$]\w+                                      # variable
      | (?:[A-Za-z][\w.-]*)?:[\w.%-]*                # prefixed name
      | \w+ | [{}] | .""",
    re.VERBOSE | re.DOTALL,
)


@lru_cache(maxsize=1024)  # the site's own queries, bound again on every page
def where_group_start(sparql: str, where: str = "<query>") -> int:
    """The index just after the '{' that opens the top-level WHERE group."""
    depth, seen_where = 0, False
    for token in TOKEN.finditer(sparql):
        text = token.group()
        if text == "{":
            if depth == 0 and seen_where:
                return token.end()
            depth += 1
        elif text == "}":
            depth -= 1
        elif depth == 0 and text.upper() == "WHERE":
            seen_where = True
    raise InputError("a query with parameters needs a top-level 'WHERE {'", where, 1, 1)
