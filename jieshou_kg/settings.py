"""One settings object for the whole project.

Every setting has its default here. It can be set in the environment as
JIESHOU_KG_<NAME> (JIESHOU_KG_PORT=8080), and the command line's option
(--port 8080) or create_app's config ({"port": 8080}) overrides that: given
values first, then the environment, then the default. Nothing else reads
configuration; everything else is handed a Settings.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import SetupError
from .layout import BUNDLED_DATA, BUNDLED_NOTICE, BUNDLED_ONTOLOGY, BUNDLED_QUERIES, Layout

ENV_PREFIX = "JIESHOU_KG_"


def setting(default, help: str, shown: str | None = None):
    """A field with its help text; `shown` replaces the default in help (a bundled file's long path)."""
    return field(default=default, metadata={"help": help, "shown": shown})


@dataclass(frozen=True)
class Settings:
    # what a build reads
    notice: tuple[Path, ...] = setting(
        (BUNDLED_NOTICE,),
        "A notice text to convert, or a folder of them (its *.txt, sorted); repeat for several (the environment "
        "variable: paths separated by os.pathsep, ':').",
        "the bundled Jieshou notice",
    )
    data: Path = setting(BUNDLED_DATA, "Folder of the registry files (organizations, officials, units…).", "bundled")
    ontology: Path = setting(BUNDLED_ONTOLOGY, "Folder of jieshou-kg.ttl and shapes.ttl.", "bundled")
    encoding: str = setting("utf-8", "Encoding of the notice, e.g. gb18030.")
    max_notice_bytes: int = setting(8 << 20, "Largest notice file, in bytes; a larger one is refused unread.")
    # what a build writes and the site serves
    dist: Path = setting(Path("dist"), "Folder of the built dumps.")
    dump: Path | None = setting(None, "The dataset to serve (TriG or N-Quads).", "DIST/jieshou-kg.trig")
    queries: Path = setting(BUNDLED_QUERIES, "Folder of the saved queries (*.rq).", "bundled")
    # the store
    endpoint: str | None = setting(None, "A SPARQL 1.1 endpoint to use instead of the embedded store.", "none")
    store_dir: str = setting(
        "auto", "Keep the embedded store on disk in this folder ('auto': dumps over 512 MiB, next to the dump; 'none')."
    )
    store_timeout: float = setting(10.0, "Seconds for each call to a remote store.")
    # the site
    host: str = setting("127.0.0.1", "Address to listen on.")
    port: int = setting(5000, "Port to listen on.")
    public_url: str | None = setting(
        None, "The site's public address, for absolute links (VoID, service description).", "http://HOST:PORT/"
    )
    trusted_proxy: str | None = setting(None, "Address of a reverse proxy whose X-Forwarded-* headers count.", "none")
    threads: int = setting(32, "Threads of the WSGI server.")
    max_connections: int = setting(1000, "Open connections the server holds at most.")
    connection_timeout: float = setting(15.0, "Seconds an idle or stalled connection is kept.")
    sparql_timeout: float = setting(10.0, "Deadline of one /sparql query, in seconds.")
    sparql_workers: int = setting(2, "/sparql queries that run at once (one worker process each).")
    sparql_queue: int = setting(16, "/sparql queries that may wait for a worker; more are answered 503 at once.")
    sparql_queue_wait: float = setting(2.0, "Seconds a /sparql query may wait for a free worker.")
    sparql_query_memory: int = setting(512, "MiB a /sparql query may use in its worker, above the open store.")
    sparql_isolation: str = setting(
        "auto",
        "Whether /sparql needs an engine cut off from the network: 'required', 'off', or 'auto' (required "
        "when listening on an address other than loopback).",
    )
    max_rows: int = setting(10_000, "Most rows a /sparql answer returns.")
    html_rows: int = setting(1_000, "Most rows or triples a /sparql answer shows as a web page.")
    max_answer_bytes: int = setting(64 << 20, "Largest /sparql answer, in bytes.")
    max_query_length: int = setting(100_000, "Longest /sparql query, in characters.")
    max_body_bytes: int = setting(1 << 20, "Largest request body, in bytes.")
    answer_cache_bytes: int = setting(64 << 20, "Memory for answers kept to be served again, in bytes (0: none).")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (int, float)) and value <= 0 and f.name not in ("port", "answer_cache_bytes"):
                raise SetupError(f"setting {f.name} must be greater than 0, not {value}")
        if not self.notice:
            raise SetupError("setting notice needs at least one notice file or folder")
        if not 0 <= self.port < 65536:
            raise SetupError(f"setting port must be between 0 and 65535, not {self.port}")
        if self.sparql_isolation not in ("auto", "required", "off"):
            raise SetupError(f"setting sparql_isolation must be auto, required or off, not {self.sparql_isolation!r}")
        if self.threads < self.sparql_workers + self.sparql_queue + 4:
            raise SetupError(
                f"setting threads ({self.threads}) must leave at least 4 threads beside the /sparql workers "
                f"and queue ({self.sparql_workers} + {self.sparql_queue}), so that pages are never starved"
            )

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **given) -> Settings:
        """Given values (None means not given), else JIESHOU_KG_<NAME> from `environ`, else the default."""
        environ = os.environ if environ is None else environ
        unknown = set(given) - set(HINTS)
        if unknown:
            raise SetupError(f"unknown setting(s): {', '.join(sorted(unknown))}; known: {', '.join(HINTS)}")
        values = {}
        for name in HINTS:
            if given.get(name) is not None:
                values[name] = _convert(name, given[name], "given")
            elif env_name(name) in environ:
                values[name] = _convert(name, environ[env_name(name)], env_name(name))
        return cls(**values)

    @property
    def layout(self) -> Layout:
        return Layout(self.dist, self.ontology, self.dump)

    @property
    def site_url(self) -> str:
        """The site's public address, ending with '/': --public-url, else where it listens."""
        if self.public_url:
            return self.public_url.rstrip("/") + "/"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def on_disk_dir(self) -> str | None:
        return None if self.store_dir in ("", "none") else self.store_dir


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


def value_type(name: str) -> type:
    """The setting's type without None: Path, str, int or float (of each item, for a tuple)."""
    hint = HINTS[name]
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return next(t for t in typing.get_args(hint) if t is not type(None))
    return hint


def is_many(name: str) -> bool:
    """A setting that holds several values (a tuple): an option given more than once."""
    return typing.get_origin(HINTS[name]) is tuple


def _convert(name: str, raw, source: str):
    if is_many(name):
        items = raw.split(os.pathsep) if isinstance(raw, str) else [raw] if isinstance(raw, Path) else list(raw)
        return tuple(_convert_one(name, item, source) for item in items if item != "")
    return _convert_one(name, raw, source)


def _convert_one(name: str, raw, source: str):
    kind = value_type(name)
    if isinstance(raw, kind) and not (kind is int and isinstance(raw, bool)):
        return raw
    try:
        return kind(raw)
    except (TypeError, ValueError):
        raise SetupError(f"{source}: {raw!r} is not a valid {kind.__name__} for setting {name}") from None


HINTS = {name: hint for name, hint in typing.get_type_hints(Settings).items()}
FIELDS = {f.name: f for f in fields(Settings)}
