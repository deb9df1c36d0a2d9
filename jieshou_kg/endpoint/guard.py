"""What the public endpoint accepts, and the only text the engine is ever given.

The query is read token by token (lexer.py, the grammar's own terminals) and
checked on that reading: a query, not an update; no SERVICE anywhere; FROM
only the site's graphs. The engine never sees the client's text: it is given
a canonical text written from the tokens that were checked, one token per
line, with every escape expanded and no comment, every prefixed name written
out as a full IRI, and strings re-quoted with plain escapes. In that text no
character can be read two ways, so what the engine runs is what was checked.
Texts that cannot be written so are refused (a backslash before u in a
string, a quote in an IRI, a control character).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Forbidden, QueryError
from ..namespaces import PREFIXES
from .lexer import Token, local_name, string_value, tokens

FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
KEYWORDS = frozenset((
    "BASE", "PREFIX", "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "FROM", "NAMED", "WHERE", "ORDER", "BY", "ASC",
    "DESC", "LIMIT", "OFFSET", "DISTINCT", "REDUCED", "GROUP", "HAVING", "VALUES", "UNDEF", "OPTIONAL", "UNION",
    "MINUS", "GRAPH", "BIND", "FILTER", "EXISTS", "NOT", "IN", "AS", "TRUE", "FALSE", "STR", "LANG",
    "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL", "FLOOR", "ROUND",
    "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE",
    "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "NOW", "UUID",
    "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE", "IF", "STRLANG", "STRDT", "SAMETERM",
    "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX", "SUBSTR", "REPLACE", "COUNT", "SUM", "MIN",
    "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR",
))  # fmt: skip
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
REFUSED_SCHEMES = ("bif:", "sql:")  # Virtuoso's built-in functions, reachable as IRIs
ENGINE_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


@dataclass(frozen=True)
class Checked:
    form: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    text: str  # what the engine runs
    origins: tuple[tuple[int, int], ...]  # (line, column) in the client's text of each line of `text`
    limit: int | None = None  # the outermost LIMIT, if the query has one

    def explain(self, engine_message: str) -> str:
        """The engine's syntax error, with the place it names moved back into the client's text."""
        match = ENGINE_ERROR.search(engine_message)
        if not match or not self.origins:
            return engine_message
        line = min(int(match.group(1)), len(self.origins))  # past the last line: at the last token
        origin_line, origin_col = self.origins[line - 1]
        return f"SPARQL syntax error at line {origin_line}, column {origin_col}: {match.group(3)}"


def check(query: str, allowed_graphs: frozenset[str]) -> Checked:
    """QueryError (400) if it is not a SPARQL 1.1 query we can read, Forbidden (403) if it is not allowed."""
    found = tokens(query)
    form = _form(found)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    lines: list[tuple[str, Token]] = []
    i = 0
    while i < len(found):
        token = found[i]
        if token.keyword == "PREFIX" and i + 2 < len(found) and found[i + 1].kind == "pname":
            prefixes[found[i + 1].text[:-1]] = _iri(found[i + 2], prefixes)[1:-1]
            i += 3
            continue
        lines.append((_canonical(token, prefixes), token))
        i += 1
    default, named = _dataset(lines)
    for graph in default + named:
        if graph not in allowed_graphs:
            raise Forbidden(f"FROM <{graph}> is not one of this site's graphs: {', '.join(sorted(allowed_graphs))}")
    text, origins = _join(lines)
    limit = _outer_limit(found)
    if re.search(r"\\[uU]", text):  # _string refuses what could make one; this says so if it ever did
        raise QueryError("SPARQL syntax error: a backslash before u or U is not accepted")
    return Checked(form, default, named, text, origins, limit)


def _form(found: list[Token]) -> str:
    words = [t.keyword for t in found if t.kind == "word"]
    first = next((w for w in words if w not in ("BASE", "PREFIX")), "")
    if first in UPDATES:
        raise Forbidden("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is refused")
    if first not in FORMS:
        raise QueryError("SPARQL syntax error: expected SELECT, CONSTRUCT, DESCRIBE or ASK after the prologue")
    return first


def _canonical(token: Token, prefixes: dict[str, str]) -> str:
    if token.kind == "word":
        if token.keyword == "SERVICE":
            raise Forbidden("SERVICE is not allowed: this endpoint does not query other endpoints")
        if token.keyword not in KEYWORDS and token.text != "a":
            raise _error(token, f"{token.text!r} is not a keyword of SPARQL 1.1")
        return token.text
    if token.kind in ("iri", "pname"):
        return _iri(token, prefixes)
    if token.kind == "string":
        return _string(token)
    return {"nil": "()", "anon": "[]"}.get(token.kind, token.text)


def _iri(token: Token, prefixes: dict[str, str]) -> str:
    if token.kind == "pname":
        prefix, local = local_name(token)
        if prefix not in prefixes:
            raise _error(token, f"the prefix {prefix}: is not declared")
        iri = prefixes[prefix] + local
    elif token.kind == "iri":
        iri = token.text[1:-1]
    else:
        raise _error(token, "expected an IRI")
    if "'" in iri or iri.lower().startswith(REFUSED_SCHEMES):
        raise _error(token, "an IRI with a quote or of a built-in function namespace is not accepted")
    return f"<{iri}>"


def _string(token: Token) -> str:
    value = string_value(token)
    if re.search(r"\\[uU]", value) or re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise _error(token, "a string with a backslash before u or U, or a control character, is not accepted")
    return '"' + "".join(ESCAPES.get(c, c) for c in value) + '"'


def _dataset(lines: list[tuple[str, Token]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    default, named = [], []
    for i, (_, token) in enumerate(lines):
        if token.keyword == "FROM" and i + 1 < len(lines):
            is_named = lines[i + 1][1].keyword == "NAMED"
            text, target = lines[i + 2] if is_named and i + 2 < len(lines) else lines[i + 1]
            if target.kind not in ("iri", "pname"):
                raise _error(target, "expected the IRI of a graph after FROM")
            (named if is_named else default).append(text[1:-1])
    return tuple(default), tuple(named)


def _join(lines: list[tuple[str, Token]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One token a line, and where each line began in the client's text. A language tag or a datatype
    stays on its literal's line, and the parenthesis after a keyword on the keyword's (Oxigraph reads
    CONCAT and COALESCE only so)."""
    out: list[str] = []
    origins: list[tuple[int, int]] = []
    previous: tuple[str, Token] | None = None
    for text, token in lines:
        joined = previous is not None and (
            token.kind == "langtag"
            or text == "^^"
            or previous[0] == "^^"
            or (previous[1].kind == "word" and (text == "(" or token.kind == "nil"))
        )
        if joined:
            out[-1] += text
        else:
            out.append(text)
            origins.append((token.line, token.col))
        previous = (text, token)
    return "\n".join(out) + "\n", tuple(origins)


def _outer_limit(found: list[Token]) -> int | None:
    """The LIMIT outside every group: the outer query's (a subquery's stands inside braces)."""
    depth, limit = 0, None
    for token, following in zip(found, [*found[1:], None], strict=True):
        depth += (token.text == "{") - (token.text == "}")
        if depth == 0 and token.keyword == "LIMIT" and following and following.text.isdigit():
            limit = int(following.text)
    return limit


def _error(token: Token, message: str) -> QueryError:
    return QueryError(f"SPARQL syntax error at line {token.line}, column {token.col}: {message}")
