"""The default answer of every saved query, in both languages and every format, made as the site starts.

`serve` runs `warm` in a thread once it listens: it asks the site itself (through the answer cache, as a
browser would) for the home page, the lists, and each saved query's page and downloads with their
default parameters, in Chinese and in English. The answer cache keeps what it can hold, so the first
visitor of a default answer gets it from memory. Nothing is warmed when nothing can be kept.
"""

from __future__ import annotations

from flask import Flask

from .i18n import LANGUAGES
from .query_page import DOWNLOADS
from .site import Site

PAGES = ("/", "/queries/", "/notices")


def default_urls(site: Site) -> list[str]:
    """The home page and the lists, then every saved query's page and its downloads."""
    urls = list(PAGES)
    for slug in site.queries:
        urls += [f"/queries/{slug}", *(f"/queries/{slug}.{fmt}" for fmt in DOWNLOADS)]
    return urls


def warm(app: Flask) -> int:
    """Ask for every default answer in each language; how many came back 200. Marks the site warmed."""
    site: Site = app.extensions["jieshou_kg"]
    cache = app.wsgi_app
    answered = 0
    if getattr(cache, "version", None) and getattr(cache, "capacity", 0):
        client = app.test_client(use_cookies=False)
        for lang in LANGUAGES:
            for url in default_urls(site):
                answered += client.get(url, headers={"Accept-Language": lang}).status_code == 200
    site.warmed = True
    return answered
