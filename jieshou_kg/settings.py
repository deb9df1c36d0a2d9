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
    notice: Path = setting(BUNDLED_NOTICE, "The notice text to convert.", "the bundled Jieshou notice")
    data: Path = setting(BUNDLED_DATA, "Folder of the registry files (organizations, officials, units…).", "bundled")
    ontology: Path = setting(BUNDLED_ONTOLOGY, "Folder of jieshou-kg.ttl and shapes.ttl.", "bundled")
    encoding: str = setting("utf-8", "Encoding of the notice, e.g. gb18030.")
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
    threads: int = setting(16, "Threads of the WSGI server.")
    sparql_timeout: float = setting(10.0, "Deadline of one /sparql query, in seconds.")
    sparql_workers: int = setting(2, "/sparql queries that run at once (one worker process each).")
    sparql_queue_wait: float = setting(2.0, "Seconds a /sparql query may wait for a free worker.")
    max_rows: int = setting(10_000, "Most rows a /sparql answer returns.")
    max_answer_bytes: int = setting(64 << 20, "Largest /sparql answer, in bytes.")
    max_query_length: int = setting(100_000, "Longest /sparql query, in characters.")
    max_body_bytes: int = setting(1 << 20, "Largest request body, in bytes.")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (int, float)) and value <= 0 and f.name != "port":
                raise SetupError(f"setting {f.name} must be greater than 0, not {value}")
        if not 0 <= self.port < 65536:
            raise SetupError(f"setting port must be between 0 and 65535, not {self.port}")

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
    def on_disk_dir(self) -> str | None:
        return None if self.store_dir in ("", "none") else self.store_dir


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


def value_type(name: str) -> type:
    """The setting's type without None: Path, str, int or float."""
    hint = HINTS[name]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return next(t for t in typing.get_args(hint) if t is not type(None))
    return hint


def _convert(name: str, raw, source: str):
    kind = value_type(name)
    if isinstance(raw, kind) and not (kind is int and isinstance(raw, bool)):
        return raw
    try:
        return kind(raw)
    except (TypeError, ValueError):
        raise SetupError(f"{source}: {raw!r} is not a valid {kind.__name__} for setting {name}") from None


HINTS = {name: hint for name, hint in typing.get_type_hints(Settings).items()}
FIELDS = {f.name: f for f in fields(Settings)}
