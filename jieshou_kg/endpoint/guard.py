"""What the public endpoint accepts: queries only, no SERVICE, only the site's own graphs.

Decided on the parsed query (rdflib's parser and algebra), never on its text:
`service`, `\\u0053ERVICE` or `SERVICE SILENT ?endpoint` inside OPTIONAL are
all the same ServiceGraphPattern to the algebra. Two parsers must then agree
on what the text says, so the text is first normalised the way the SPARQL
grammar reads it (line ends, \\u escapes) and the engine runs that same
normalised text. As a second, independent opinion, a lexer that skips strings,
IRIs and comments refuses any SERVICE keyword. rdflib's parser is not
thread-safe, so parsing holds a lock; answers are cached by query text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from ..errors import Forbidden, QueryError
from ..saved.binding import tokens

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
_parser_lock = Lock()


@dataclass(frozen=True)
class Checked:
    form: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]


def normalize(query: str) -> str:
    """The query as the SPARQL grammar reads it: \\r and \\r\\n are line ends, \\uXXXX escapes are expanded."""
    try:
        return expandUnicodeEscapes(query.replace("\r\n", "\n").replace("\r", "\n"))
    except ValueError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from None


@lru_cache(maxsize=512)
def check(query: str, allowed_graphs: frozenset[str]) -> Checked:
    """Parse `query`; raise QueryError (400) if it is not SPARQL, Forbidden (403) if it is not allowed here."""
    with _parser_lock:
        try:
            parsed = parseQuery(query)
            algebra = translateQuery(parsed).algebra
        except ParseBaseException as err:
            if _is_update(query):
                raise Forbidden(
                    "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is refused"
                ) from None
            raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}") from None
        except Exception as err:  # rdflib raises assorted errors for queries it parses but cannot translate
            raise QueryError(f"cannot read this query: {err}") from None
    if "ServiceGraphPattern" in set(_names(algebra)) or any(t.upper() == "SERVICE" for t in tokens(query)):
        raise Forbidden("SERVICE is not allowed: this endpoint does not query other endpoints")
    body = parsed[1]
    default = tuple(str(c["default"]) for c in body.get("datasetClause") or [] if "default" in c)
    named = tuple(str(c["named"]) for c in body.get("datasetClause") or [] if "named" in c)
    for graph in default + named:
        if graph not in allowed_graphs:
            raise Forbidden(f"FROM <{graph}> is not one of this site's graphs: {', '.join(sorted(allowed_graphs))}")
    return Checked(FORMS[body.name], default, named)


def _is_update(query: str) -> bool:
    try:
        parseUpdate(query)
    except Exception:
        return False
    return True


def _names(node):
    if isinstance(node, CompValue):
        yield node.name
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _names(value)
