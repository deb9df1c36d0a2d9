"""The `jieshou-kg` command: thin. It parses options, calls the library and
turns JieshouKGError into a message and an exit code (0 ok, 1 the graph does
not conform, 2 any other error). Every option can also be set from the
environment as JIESHOU_KG_<COMMAND>_<OPTION>, e.g. JIESHOU_KG_SERVE_PORT=8080;
the store to use as JIESHOU_KG_ENDPOINT.
"""

from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

from . import build as pipeline
from .errors import JieshouKGError
from .results import to_csv, to_json, to_text

FORMATS = {"table": None, "csv": lambda t: to_csv(t, bom=False), "json": to_json}


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


def path_options(command):
    for name, default, help_text in reversed(
        [
            ("--notice", "data/jieshou-2020-key-tasks.txt", "The notice text to convert."),
            ("--data", "data", "Directory of the registry files (organizations, officials, units…)."),
            ("--ontology", "ontology", "Directory of jieshou-kg.ttl and shapes.ttl."),
            ("--out", "dist", "Directory the dumps are written to."),
        ]
    ):
        command = click.option(
            name, default=default, show_default=True, type=click.Path(path_type=Path), help=help_text
        )(command)
    return command


def _paths(notice, data, ontology, out) -> pipeline.Paths:
    return pipeline.Paths(notice, data, ontology, out)


@click.group(context_settings={"auto_envvar_prefix": "JIESHOU_KG", "help_option_names": ["-h", "--help"]})
def main() -> None:
    """Jieshou key work plan as a knowledge graph: build, check, query and serve it."""


@main.command()
@path_options
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the notice, e.g. gb18030.")
@reports_errors
def build(notice, data, ontology, out, encoding) -> None:
    """Convert the notice to RDF, validate it with SHACL and write the dumps.

    \b
    Example:
        jieshou-kg build --notice data/jieshou-2020-key-tasks.txt --out dist
    """
    paths = _paths(notice, data, ontology, out)
    result = pipeline.build(paths, encoding)
    for warning in result.notice.warnings:
        click.echo(f"warning: {warning}", err=True)
    for issue in result.report.warnings:
        click.echo(str(issue), err=True)
    written = pipeline.write_outputs(result, paths)
    click.echo(f"{result.notice.doc_number} {result.notice.title}")
    for name, count in result.summary().items():
        click.echo(f"  {count:>6}  {name}")
    click.echo(f"  SHACL: conforms, {len(result.report.warnings)} warning(s)")
    for path in written:
        click.echo(f"  wrote {path} ({path.stat().st_size:,} bytes)")


@main.command()
@path_options
@click.option("--encoding", default="utf-8", show_default=True)
@reports_errors
def validate(notice, data, ontology, out, encoding) -> None:
    """Validate the notice's graph; exit 0 if it conforms, 1 if not, 2 on error.

    \b
    Example:
        jieshou-kg validate --notice data/jieshou-2020-key-tasks.txt
    """
    result = pipeline.build(_paths(notice, data, ontology, out), encoding)
    for issue in result.report.issues:
        click.echo(str(issue))
    click.echo(f"conforms ({len(result.report.warnings)} warning(s))")


@main.command()
@click.argument("query")
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of names in results."
)
@click.option("--queries", default="queries", show_default=True, type=click.Path(path_type=Path))
@click.option(
    "--dump",
    default="dist/jieshou-kg.trig",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The built dataset (embedded store).",
)
@click.option(
    "--endpoint",
    default=None,
    envvar="JIESHOU_KG_ENDPOINT",
    help="Query a SPARQL 1.1 endpoint instead of the built dataset.",
)
@reports_errors
def query(query, param, fmt, lang, queries, dump, endpoint) -> None:
    """Run a saved query (a name from queries/) or a SPARQL file.

    \b
    Examples:
        jieshou-kg query organization-co-leads -p org=org/housing-urban-rural-development
        jieshou-kg query my-query.rq --format csv > out.csv
    """
    from .queries import known_in, load_queries, load_query
    from .store import open_store

    saved = load_query(Path(query), strict=False) if query.endswith(".rq") or Path(query).is_file() else None
    if saved is None:
        known = load_queries(queries)
        if query not in known:
            raise click.BadParameter(f"no saved query {query!r}; known: {', '.join(known)}", param_hint="QUERY")
        saved = known[query]
    raw = dict(p.split("=", 1) for p in param if "=" in p)
    store = open_store(dump=dump, endpoint=endpoint)
    table = store.select(saved.bind(saved.values(raw, known_in(store), lang)))
    render = FORMATS[fmt]
    if render is None:
        click.echo(to_text(table))
    else:
        sys.stdout.buffer.write(render(table))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--dist", default="dist", show_default=True, type=click.Path(path_type=Path), help="The built dumps.")
@click.option(
    "--dump",
    default=None,
    type=click.Path(path_type=Path),
    help="Dataset to serve (TriG or N-Quads); default: DIST/jieshou-kg.trig.",
)
@click.option(
    "--endpoint",
    default=None,
    envvar="JIESHOU_KG_ENDPOINT",
    help="Serve from this SPARQL 1.1 endpoint instead of the embedded store (or JIESHOU_KG_ENDPOINT).",
)
@click.option(
    "--store-dir",
    default="auto",
    show_default=True,
    help="Keep the embedded store on disk in this directory ('auto': for dumps over 512 MiB, next to the dump; "
    "'none': in memory).",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="Embedded engine for the pages (rdflib only for comparison).",
)
@click.option("--queries", default="queries", show_default=True, type=click.Path(path_type=Path))
@click.option("--ontology", default="ontology", show_default=True, type=click.Path(path_type=Path))
@click.option("--threads", default=16, show_default=True, type=int, help="Threads of the WSGI server.")
@click.option("--sparql-timeout", default=10.0, show_default=True, type=float, help="Deadline of a /sparql query (s).")
@click.option("--sparql-workers", default=2, show_default=True, type=int, help="/sparql queries that run at once.")
@click.option("--max-rows", default=10_000, show_default=True, type=int, help="Most rows a /sparql answer returns.")
@click.option("--store-timeout", default=10.0, show_default=True, type=float, help="Timeout of each remote call (s).")
@reports_errors
def serve(
    host,
    port,
    dist,
    dump,
    endpoint,
    store_dir,
    engine,
    queries,
    ontology,
    threads,
    sparql_timeout,
    sparql_workers,
    max_rows,
    store_timeout,
) -> None:
    """Serve the site with the production WSGI server (waitress).

    \b
    Examples:
        jieshou-kg serve
        jieshou-kg serve --endpoint http://127.0.0.1:7878/query
    """
    import waitress

    from .web import create_app

    app = create_app(
        {
            "DIST": str(dist),
            "DUMP": str(dump) if dump else None,
            "ENDPOINT": endpoint,
            "STORE_DIR": None if store_dir in ("", "none") else store_dir,
            "ENGINE": engine,
            "QUERIES": str(queries),
            "ONTOLOGY": str(ontology),
            "SPARQL_TIMEOUT": sparql_timeout,
            "SPARQL_WORKERS": sparql_workers,
            "SPARQL_MAX_ROWS": max_rows,
            "STORE_TIMEOUT": store_timeout,
        }
    )
    site = app.extensions["jieshou_kg"]
    site.query_pool().wait_ready()
    click.echo(f"serving {site.store.source} on http://{host}:{port}/")
    waitress.serve(app, host=host, port=port, threads=threads, ident="jieshou-kg", clear_untrusted_proxy_headers=True)


@main.command()
@click.option(
    "--endpoint", required=True, help="The store's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store"
)
@click.option("--dist", default="dist", show_default=True, type=click.Path(path_type=Path), help="The built dumps.")
@click.option("--ontology", default="ontology", show_default=True, type=click.Path(path_type=Path))
@click.option("--user", default=None, help="User for stores that need one (Virtuoso: dba).")
@click.option("--password", default=None)
@click.option("--digest/--basic", default=True, show_default=True, help="HTTP authentication scheme.")
@reports_errors
def load(endpoint, dist, ontology, user, password, digest) -> None:
    """Publish the built graph to a SPARQL store: each named graph is replaced whole.

    \b
    Example:
        jieshou-kg load --endpoint http://127.0.0.1:7878/store
    """
    import requests.auth

    from .remote import publish

    auth = None
    if user:
        auth = (requests.auth.HTTPDigestAuth if digest else requests.auth.HTTPBasicAuth)(user, password or "")
    sizes = publish(dist / "jieshou-kg.nt", ontology / "jieshou-kg.ttl", endpoint, auth=auth)
    for graph, size in sizes.items():
        click.echo(f"  loaded <{graph}> ({size:,} bytes)")


if __name__ == "__main__":
    main()
