"""Chinese and English UI: the language comes from ?lang=, then the cookie, then Accept-Language; Chinese by default.

Every string a person reads is in messages.yaml, in both languages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl

import yaml
from flask import g, request
from werkzeug.datastructures import LanguageAccept, MultiDict
from werkzeug.http import parse_accept_header, parse_cookie

LANGUAGES = ("zh", "en")
COOKIE = "lang"


@cache
def load_messages() -> dict[str, dict[str, str]]:
    return yaml.safe_load((Path(__file__).parent / "messages.yaml").read_text(encoding="utf-8"))


def message(key: str) -> dict[str, str]:
    """One message in both languages: {zh: …, en: …}."""
    return load_messages()[key]


def language_of(asked: str | None, cookie: str | None, accept_language: str) -> str:
    """?lang= first, then the cookie, then the best of Accept-Language; Chinese by default."""
    for chosen in (asked, cookie):
        if chosen in LANGUAGES:
            return chosen
    return parse_accept_header(accept_language, LanguageAccept).best_match(LANGUAGES) or "zh"


def choose_language() -> str:
    """The language of this request's page."""
    accepted = request.headers.get("Accept-Language", "")
    return language_of(request.args.get("lang"), request.cookies.get(COOKIE), accepted)


def environ_language(environ: dict) -> str:
    """The language a WSGI request will be answered in, read as choose_language reads it (for the answer cache)."""
    asked = MultiDict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)).get("lang")
    cookie = parse_cookie(environ.get("HTTP_COOKIE", "")).get(COOKIE)
    return language_of(asked, cookie, environ.get("HTTP_ACCEPT_LANGUAGE", ""))


def remember_language(response):
    """Keep an explicit ?lang= choice in a cookie, so the toggle sticks."""
    if request.args.get("lang") in LANGUAGES:
        response.set_cookie(COOKIE, request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax")
    return response


class Translator:
    def __init__(self, messages: dict[str, dict[str, str]]):
        self.messages = messages

    def __call__(self, key: str, **values) -> str:
        entry = self.messages.get(key)
        if entry is None:
            raise KeyError(f"no UI message {key!r} in messages.yaml")
        text = entry.get(g.get("lang", "zh")) or entry["zh"]
        return text.format(**values) if values else text


def pick(texts: dict[str, str]) -> str:
    """The current language's entry of a {zh:…, en:…} mapping (e.g. a query title)."""
    return texts.get(g.get("lang", "zh")) or texts.get("zh") or next(iter(texts.values()), "")
