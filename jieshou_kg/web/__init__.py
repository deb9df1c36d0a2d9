"""The site: create_app(settings) with one blueprint per audience.

- pages      government staff: saved query pages, charts, downloads
- linked     linked-data consumers: every IRI under /id/, the ontology, VoID
- sparql     researchers: the SPARQL 1.1 endpoint and its editor

Settings are passed in (a Settings, or a dict of them over the environment's), never global.
"""

from __future__ import annotations

from flask import Flask, g

from ..settings import Settings
from ..store import Store, open_store
from . import errors, guards, templating
from .cache import AnswerCache
from .i18n import choose_language, environ_language, remember_language
from .site import Site, site


def create_app(settings: Settings | dict | None = None, store: Store | None = None) -> Flask:
    """The site over `store` (default: the one the settings name)."""
    if not isinstance(settings, Settings):
        settings = Settings.load(**(settings or {}))
    app = Flask(__name__)
    app.url_map.strict_slashes = False  # /queries and /queries/ are one page: no redirect built from the Host
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    store = store or open_store(settings)
    app.extensions["jieshou_kg"] = Site.create(settings, store)
    app.wsgi_app = AnswerCache(
        app.wsgi_app, store.version, store.modified, settings.answer_cache_bytes, settings.max_body_bytes,
        environ_language,
    )  # fmt: skip
    templating.register(app)
    errors.register(app)
    guards.register(app)
    app.before_request(lambda: setattr(g, "lang", choose_language()))
    app.after_request(remember_language)

    from . import api, finder, linked, pages, sparql

    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(finder.bp)
    app.register_blueprint(linked.bp)
    app.register_blueprint(sparql.bp)

    @app.get("/health")
    def health():
        """Whether the site is up, which store it serves, and whether its default answers are made."""
        return {"status": "ok", "store": site().store.source, "warmed": site().warmed}

    return app
