"""SPARQL 1.1 text -> tokens, exactly as the grammar's terminals read it (SPARQL 1.1 Query §19.8).

The codepoint escapes (\\uXXXX, \\UXXXXXXXX) are expanded once, before
anything else, as §19.2 says; then the text is cut into tokens by longest
match, comments (# to the end of the line, CR or LF) are dropped, and every
token keeps the line and column where it began. Anything that is not a token
of SPARQL 1.1 is a QueryError that says where.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..errors import QueryError

PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
PN_CHARS_U = PN_CHARS_BASE + "_"
PN_CHARS = PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
PN_PREFIX = rf"[{PN_CHARS_BASE}](?:[{PN_CHARS}.]*[{PN_CHARS}])?"
PN_LOCAL = rf"(?:[{PN_CHARS_U}:0-9]|{PLX})(?:(?:[{PN_CHARS}.:]|{PLX})*(?:[{PN_CHARS}:]|{PLX}))?"
VARNAME = rf"[{PN_CHARS_U}0-9][{PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
ECHAR = r"""\\[tbnrf\\"']"""
EXPONENT = r"[eE][+-]?[0-9]+"
TOKEN = re.compile(
    rf"""(?P<space>[ \t\r\n]+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    |(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{ECHAR}))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|{ECHAR}))*\"\"\"
        |'(?:[^'\\\n\r]|{ECHAR})*'|"(?:[^"\\\n\r]|{ECHAR})*")
    |(?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
    |(?P<number>[+-]?(?:[0-9]+\.[0-9]*{EXPONENT}|\.[0-9]+{EXPONENT}|[0-9]+{EXPONENT}|[0-9]*\.[0-9]+|[0-9]+))
    |(?P<var>[?$]{VARNAME})
    |(?P<bnode>_:[{PN_CHARS_U}0-9](?:[{PN_CHARS}.]*[{PN_CHARS}])?)
    |(?P<pname>(?:{PN_PREFIX})?:(?:{PN_LOCAL})?)
    |(?P<nil>\([ \t\r\n]*\))|(?P<anon>\[[ \t\r\n]*\])
    |(?P<word>[A-Za-z][A-Za-z0-9_]*)
    |(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\];,.*+\-/=<>!^|?])""",
    re.VERBOSE,
)
CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "\\": "\\", '"': '"', "'": "'"}


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, langtag, number, var, bnode, pname, nil, anon, word, punct
    text: str
    line: int
    col: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def expand_codepoints(text: str) -> tuple[str, list[int], list[int]]:
    """\\uXXXX and \\UXXXXXXXX replaced by their characters, in one pass (an escaped backslash does not
    start a new escape); with, for finding places in the client's text, where each replacement stands
    in the result and how many characters all replacements up to it removed."""
    parts, at, removed, last, total = [], [], [], 0, 0
    for match in CODEPOINT.finditer(text):
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{match.group(0)} is not a character")
        parts += [text[last : match.start()], chr(code)]
        at.append(match.start() - total)
        total += len(match.group()) - 1
        removed.append(total)
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), at, removed


def tokens(query: str) -> list[Token]:
    """The tokens of a query, comments and white space left out, each with its line and column in the
    client's text; QueryError at the first character that starts no token."""
    text, at, removed = expand_codepoints(query)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", query)]

    def place(position: int) -> tuple[int, int]:
        before = bisect.bisect_left(at, position)  # replacements that stand before this position
        original = position + (removed[before - 1] if before else 0)
        line = bisect.bisect_right(starts, original)
        return line, original - starts[line - 1] + 1

    found, position = [], 0
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None:
            line, col = place(position)
            raise QueryError(
                f"SPARQL syntax error at line {line}, column {col}: "
                f"{text[position]!r} does not start any SPARQL 1.1 token"
            )
        if match.lastgroup not in ("space", "comment"):
            found.append(Token(match.lastgroup, match.group(), *place(position)))
        position = match.end()
    return found


def string_value(token: Token) -> str:
    """The characters a string token stands for (its quotes removed, its ECHARs decoded)."""
    quote = 3 if token.text[:3] in ("'''", '"""') else 1
    body = token.text[quote:-quote]
    return re.sub(ECHAR, lambda m: ECHARS[m.group()[1]], body)


def local_name(token: Token) -> tuple[str, str]:
    """A prefixed name as (prefix, local part with its \\-escapes removed; %XX kept, as the grammar says)."""
    prefix, _, local = token.text.partition(":")
    return prefix, re.sub(r"\\(.)", r"\1", local)
