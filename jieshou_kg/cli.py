"""The `jieshou-kg` command: thin. It reads options into Settings, calls the library, and turns
JieshouKGError into a one-line message and an exit code: 0 ok, 1 the graph does not conform, 2 any
other error. Every option can also be set as an environment variable JIESHOU_KG_<OPTION>
(JIESHOU_KG_PORT=8080); the option wins.
"""

from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

from . import build as pipeline
from .errors import JieshouKGError, SetupError
from .settings import FIELDS, Settings, env_name, is_many, value_type

FORMATS = ("table", "csv", "json")  # of `query`; saved/tables.py (tabulate) is imported only there
CLICK_TYPES = {Path: click.Path(path_type=Path), int: click.INT, float: click.FLOAT, str: click.STRING}


def reports_errors(command):
    """Turn project errors into `error: …` on stderr and the error's exit code."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except JieshouKGError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)

    return wrapper


def settings_options(*names: str, **aliases: str):
    """Options for these settings, with their help, default and environment variable from Settings."""

    def decorate(command):
        for name in reversed(names):
            f = FIELDS[name]
            shown = f.metadata["shown"] or f.default
            flags = [f"--{name.replace('_', '-')}", *([aliases[name]] if name in aliases else [])]
            help_text = f"{f.metadata['help']}  [default: {shown}; env: {env_name(name)}]"
            kind, many = CLICK_TYPES[value_type(name)], is_many(name)
            command = click.option(*flags, name, type=kind, default=None, multiple=many, help=help_text)(command)
        return command

    return decorate


def settings_of(options: dict) -> Settings:
    """The settings of a command: its options, over JIESHOU_KG_* variables, over the defaults."""
    return Settings.load(**{k: v for k, v in options.items() if k in FIELDS and v != ()})


READS = ("notice", "data", "ontology", "encoding", "max_notice_bytes")
STORE = ("dist", "dump", "endpoint", "store_dir", "store_timeout")
SITE = (
    "host", "port", "public_url", "trusted_proxy", "threads", "max_connections", "connection_timeout", "queries",
    "sparql_timeout", "sparql_workers", "sparql_queue", "sparql_queue_wait", "sparql_query_memory",
    "sparql_isolation", "max_rows", "html_rows", "max_answer_bytes", "max_query_length", "max_body_bytes",
    "answer_cache_bytes",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """The Jieshou key work plan as a knowledge graph: build, check, query and serve it."""


@main.command()
@settings_options(*READS, "dist", dist="--out")
@reports_errors
def build(**options) -> None:
    """Convert the notices to RDF (each a named graph of one dataset), validate them with SHACL and write the
    dumps and names-to-review.csv (the names the registry did not know).

    \b
    Examples:
        jieshou-kg build --notice data/jieshou-2020-key-tasks.txt --out dist
        jieshou-kg build --notice notices/ --notice extra/linquan-2021.txt --out dist
    """
    settings = settings_of(options)
    pipeline.prepare(settings.layout)
    result = pipeline.build(settings)
    for warning in [w for n in result.notices for w in n.warnings] + result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for issue in result.report.warnings:
        click.echo(str(issue), err=True)
    written = pipeline.write_outputs(result, settings.layout)
    for notice in result.notices:
        click.echo(f"{notice.doc_number or notice.slug} {notice.title or notice.plan_title}")
    for name, count in result.summary().items():
        click.echo(f"  {count:>6}  {name}")
    click.echo(f"  SHACL: {result.report.verdict} (warnings do not fail it)")
    for path in written:
        click.echo(f"  wrote {path} ({path.stat().st_size:,} bytes)")


@main.command()
@settings_options(*READS)
@reports_errors
def validate(**options) -> None:
    """Validate the notice's graph; exit 0 without violations, 1 with any, 2 on error.

    Warnings do not fail: the report then says `conforms: false`, as SHACL asks of any report with a
    result, and the exit code is still 0.

    \b
    Example:
        jieshou-kg validate --notice data/jieshou-2020-key-tasks.txt
    """
    result = pipeline.build(settings_of(options))
    for issue in result.report.issues:
        click.echo(str(issue))
    click.echo(f"{result.report.verdict}: warnings do not fail the build")


@main.command()
@click.argument("query")
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of names.")
@settings_options("queries", *STORE)
@reports_errors
def query(query, param, fmt, lang, **options) -> None:
    """Run a saved query (a name from queries/) or a SPARQL file.

    \b
    Examples:
        jieshou-kg query organization-co-leads -p org=org/housing-urban-rural-development
        jieshou-kg query my-query.rq --format csv > out.csv
    """
    from .saved import known_in, load_queries, load_query, tables
    from .store import open_store

    settings = settings_of(options)
    if query.endswith(".rq") or Path(query).is_file():
        saved = load_query(Path(query), strict=False)
    else:
        known = load_queries(settings.queries)
        if query not in known:
            raise click.BadParameter(f"no saved query {query!r}; known: {', '.join(known)}", param_hint="QUERY")
        saved = known[query]
    raw = dict(p.split("=", 1) for p in param if "=" in p)
    store = open_store(settings)
    table = store.select(saved.bind(saved.values(raw, known_in(store), lang)))
    if fmt == "table":
        click.echo(tables.to_text(table))
    else:
        sys.stdout.buffer.write(tables.to_csv(table, bom=False) if fmt == "csv" else tables.to_json(table))


@main.command()
@settings_options(*SITE, *STORE, *READS)
@reports_errors
def serve(**options) -> None:
    """Serve the site (waitress), building the bundled notice first when there is no dump yet.

    \b
    Examples:
        jieshou-kg serve
        jieshou-kg serve --endpoint http://127.0.0.1:7878/query
    """
    from .web.server import serve as run

    settings = settings_of(options)
    if not settings.endpoint and not settings.layout.dataset.is_file() and settings.dump is None:
        click.echo(f"no dump in {settings.dist}: building it first", err=True)
        pipeline.prepare(settings.layout)
        pipeline.write_outputs(pipeline.build(settings), settings.layout)
    run(settings, lambda url: click.echo(f"serving on {url}"), lambda message: click.echo(message, err=True))


@main.command()
@click.option(
    "--endpoint", required=True, help="The store's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store"
)
@settings_options("dist", "ontology")
@click.option("--user", default=None, help="User for stores that need one (Virtuoso: dba).")
@click.option("--password", default=None)
@click.option("--digest/--basic", default=True, show_default=True, help="HTTP authentication scheme.")
@reports_errors
def load(endpoint, user, password, digest, **options) -> None:
    """Publish the built dataset to a SPARQL store: each named graph (every notice's, the registry's, the
    ontology's) is replaced whole. The graphs come from DIST/jieshou-kg.nq (the ontology's too, as built).

    \b
    Example:
        jieshou-kg load --endpoint http://127.0.0.1:7878/store
    """
    import requests.auth

    from .store.publish import publish

    layout = settings_of(options).layout
    auth = None
    if user:
        auth = (requests.auth.HTTPDigestAuth if digest else requests.auth.HTTPBasicAuth)(user, password or "")
    if not layout.nquads.is_file():
        raise SetupError(f"no {layout.nquads}: run `jieshou-kg build` first (or give --dist)")
    sizes = publish(layout.nquads, endpoint, auth=auth)
    for graph, size in sizes.items():
        click.echo(f"  loaded <{graph}> ({size:,} bytes)")


if __name__ == "__main__":
    main()
