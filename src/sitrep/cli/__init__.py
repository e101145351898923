"""The `sitrep` command. Every subcommand builds one Options object and calls the library."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from sitrep import __version__, ledger, pipeline, readers, syntax
from sitrep.cli import views as ledger_commands
from sitrep.cli.export_command import export_command
from sitrep.cli.terminal import db_option, iso_date, table
from sitrep.document import Document
from sitrep.errors import InputError, StoreError
from sitrep.ingest import ingest as ingest_paths
from sitrep.ingest import ingest_parquet
from sitrep.ledger import check as ledger_check
from sitrep.options import DEFAULT_MODEL, Options
from sitrep.places.gazetteer import needs_build, resolve_choice, tier_path
from sitrep.places.tiers import gazetteer_for
from sitrep.store import Store

EXIT_INPUT_FAILED = 1
EXIT_STORE_FAILED = 2


def _report(message: str, kind: str = "error") -> None:
    click.echo(f"sitrep: {kind}: {message}", err=True)


def _open_store(path: str, create: bool) -> Store:
    try:
        return Store.open(path, create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


gazetteer_option = click.option(
    "--gazetteer", envvar="SITREP_GAZETTEER", default=None,
    help="Gazetteer: default (built from registry packages), full (after `sitrep gazetteer install`) or the path "
         "of a gazetteer file. Without it: full if installed, else default (env SITREP_GAZETTEER).")


parser_option = click.option(
    "--parser", envvar="SITREP_PARSER", default=DEFAULT_MODEL, show_default=True,
    help="spaCy model that parses the sentences with event words to tell who acts; 'none' reads sides from the "
         "words alone (faster, less exact) (env SITREP_PARSER).")


def _parser(value: str) -> str | None:
    """The model to parse with, loaded now so a model that is not installed stops the run before the first
    document, with what to do, instead of failing every document."""
    if value.lower() == "none":
        return None
    try:
        syntax.pipeline(value)
    except InputError as exc:
        raise click.ClickException(exc.message) from exc
    return value


def _options(gazetteer: str | None, parser: str) -> Options:
    """The one place a run's options are built from the command line: the parser loaded and the gazetteer
    ready before the first document."""
    options = Options(gazetteer=gazetteer, parser=_parser(parser))
    _prepare_gazetteer(gazetteer)
    return options


def _prepare_gazetteer(choice: str | None) -> None:
    """Build the default gazetteer before the first document, saying so, so the wait is explained."""
    path = resolve_choice(choice)
    if path == tier_path("default") and needs_build(path):
        click.echo(f"sitrep: building the default gazetteer in {path} (once; about half a minute)", err=True)
    try:
        gazetteer_for(choice)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


paths_argument = click.argument("paths", nargs=-1, required=True, type=str)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="sitrep")
def main() -> None:
    """sitrep: a sourced, geolocated ledger of what news reporting claims happened in a war.

    Read articles (text, HTML, JSON Lines; files, directories or - for standard input), clean them,
    extract what they claim, and keep it in a store.
    """


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one extraction record per document (spec/EXTRACTION.md); table: a summary per document.")
@click.option("--with-text", is_flag=True, help="Include the cleaned text that offsets index (jsonl only).")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write records here instead of standard output.")
@gazetteer_option
@parser_option
def analyze(paths: tuple[str, ...], fmt: str, with_text: bool, output: Any, gazetteer: str | None, parser: str) -> None:
    """Analyse articles and print what they claim, without storing anything.

    Exits 1 when some inputs could not be read; the others are still analysed.
    """
    options = _options(gazetteer, parser)
    failed = 0
    rows = []
    for item in pipeline.analyze_all(readers.read(paths, options), options):
        if isinstance(item, InputError):
            failed += 1
            _report(item.message)
            continue
        for warning in item.warnings:
            _report(warning, "warning")
        record = item.record(with_text=with_text)
        if fmt == "jsonl":
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            rows.append(record)
    if fmt == "table":
        for row in rows:
            row["place_count"] = len(row["places"])
        table(rows, [("doc_id", "DOC_ID", 28), ("published", "PUBLISHED", 10), ("outlet", "OUTLET", 22),
                      ("language", "LANG", 4), ("word_count", "WORDS", 6), ("place_count", "PLACES", 6),
                      ("title", "TITLE", 54)])
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


@main.command()
@click.argument("paths", nargs=-1, type=str)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
@click.option("--from-parquet", "from_parquet", metavar="OUTPUT",
              help="Load the documents a `sitrep batch` run wrote under OUTPUT (analysed already) instead of PATHS.")
@gazetteer_option
@parser_option
def ingest(paths: tuple[str, ...], db: str, quiet: bool, from_parquet: str | None, gazetteer: str | None,
           parser: str) -> None:
    """Read, clean and analyse articles and add them to the store.

    An article already in the store (also a copy of it with other page chrome) is not stored again;
    its new source is recorded. Exits 1 when some inputs could not be read, 2 when the store could not be
    written (a full disk): what was stored is kept, and the same command run again goes on from there.
    """
    if bool(paths) == bool(from_parquet):
        raise click.UsageError("give the articles to read (PATHS), or --from-parquet OUTPUT, not both")
    options = Options() if from_parquet else _options(gazetteer, parser)
    store = _open_store(db, create=True)
    with store, tqdm(unit="doc", delay=2.0, disable=None, file=sys.stderr, leave=False) as bar:
        def progress(item: Document | InputError, status: str) -> None:
            bar.update(1)
            if isinstance(item, InputError):
                bar.clear()
                _report(item.message)
            elif status == "duplicate" and not quiet:
                bar.clear()
                click.echo(f"duplicate: {item.source} is already stored", err=True)

        try:
            summary = (ingest_parquet(from_parquet, store, on_document=progress) if from_parquet
                       else ingest_paths(paths, store, options, on_document=progress))
        except InputError as exc:  # an OUTPUT that holds no documents
            raise click.ClickException(exc.message) from exc
        totals = store.counts()
    for warning in summary.warnings:
        if not quiet:
            _report(warning, "warning")
    click.echo(f"{summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed; "
               f"{totals['documents']} documents in {db}")
    if summary.stopped:
        _report(f"stopped: {summary.stopped}")
        sys.exit(EXIT_STORE_FAILED)
    if summary.failed:
        sys.exit(EXIT_INPUT_FAILED)


@main.command()
@db_option
@click.option("--repair", is_flag=True,
              help="Rebuild what is derived from the stored articles (full-text index, ledger) where it disagrees.")
def check(db: str, repair: bool) -> None:
    """Check that the store is whole: SQLite's integrity check, and the ledger against the stored articles.

    Exits 1 when something is wrong (after --repair: when something is still wrong). The stored articles
    themselves are never changed.
    """
    with _open_store(db, create=False) as store:
        if repair:
            try:
                for done in ledger_check.repair(store):
                    click.echo(f"repaired: {done}")
            except StoreError as exc:
                raise click.ClickException(f"{db}: {exc}") from exc
        found = ledger_check.problems(store.db)
        totals = store.counts()
    for problem in found:
        _report(problem)
    if found:
        click.echo(f"{db}: {len(found)} problems" + ("" if repair else "; `sitrep check --repair` rebuilds the ledger"))
        sys.exit(EXIT_INPUT_FAILED)
    click.echo(f"{db}: ok ({totals['documents']} documents, {totals['sources']} sources)")


@main.command()
@db_option
@click.option("--outlet", help="Only documents from this outlet (case-insensitive).")
@click.option("--since", callback=iso_date, help="Only documents published on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=iso_date, help="Only documents published on or before this date (YYYY-MM-DD).")
@click.option("--search", "-s", help="Only documents whose title or text contains all these words (full-text search).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most this many rows.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Skip this many rows first.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table for reading, jsonl for other programs.")
def docs(db: str, outlet: str | None, since: str | None, until: str | None, search: str | None, limit: int,
         offset: int, fmt: str) -> None:
    """List the documents in the store, newest first."""
    with _open_store(db, create=False) as store:
        rows = [dict(r) for r in store.documents(outlet=outlet, since=since, until=until, search=search,
                                                 limit=limit, offset=offset)]
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table(rows, [("id", "ID", 5), ("doc_id", "DOC_ID", 28), ("published", "PUBLISHED", 10),
                  ("outlet", "OUTLET", 22), ("sources", "SRC", 3), ("word_count", "WORDS", 6), ("title", "TITLE", 50)])


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--raw", is_flag=True, help="Print the raw input as read instead of the cleaned text.")
@click.option("--removed", is_flag=True, help="List what cleaning removed from the raw input, and by which rule.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for reading; json for the whole stored record.")
def show(doc_id: str, db: str, raw: bool, removed: bool, fmt: str) -> None:
    """Show one stored document: its metadata and cleaned text.

    DOC_ID is the document's doc_id (file name without extension), its numeric id, or the start of its key.
    """
    with _open_store(db, create=False) as store:
        row = store.document(doc_id)
        if row is None:
            raise click.ClickException(f"{doc_id}: no such document in {db}; `sitrep docs --db {db}` lists them")
        sources = [dict(s) for s in store.sources(row["id"])]
    data = dict(row)
    if fmt == "json":
        for key in ("offsets", "removed", "provenance", "analysis"):
            data[key] = json.loads(data[key])
        data["sources"] = sources
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    provenance = json.loads(data["provenance"])
    for key in ("doc_id", "key", "title", "published", "outlet", "url", "language", "word_count"):
        where = f"  ({provenance[key]})" if key in provenance and data[key] is not None else ""
        click.echo(f"{key + ':':12} {'' if data[key] is None else data[key]}{where}")
    click.echo(f"{'sources:':12} " + "; ".join(s["source"] for s in sources))
    places = json.loads(data["analysis"]).get("places", [])
    click.echo(f"{'places:':12} " + "; ".join(f"{p['name']} ({p['admin1'] or p['country']})" for p in places))
    click.echo()
    if removed:
        for item in json.loads(data["removed"]):
            snippet = data["raw"][item["start"]:item["end"]].replace("\n", " ")
            click.echo(f"[{item['rule']}] {snippet[:120]}")
        return
    click.echo(data["raw"] if raw else data["text"])


@main.group()
def gazetteer() -> None:
    """Build, install and inspect the gazetteers places are resolved against.

    The default tier is built on first use from registry packages (GeoNames cities500, the Ukrainian
    codifier of settlements, Natural Earth divisions). The full tier adds the GeoNames country dumps.
    Both live under SITREP_HOME (default: the user's data directory).
    """


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Build (or rebuild) the default tier now."""
    from sitrep.places.build import build

    started = time.monotonic()
    path = build(tier_path("default"))
    click.echo(f"built the default gazetteer in {path} ({time.monotonic() - started:.0f} s)")


@gazetteer.command("install")
@click.argument("countries", nargs=-1, required=True)
@click.option("--from", "source", metavar="PATH_OR_URL",
              help="Where the dumps are: a CC.zip or CC.txt file, a folder holding them, or a URL prefix. "
                   "Default: download.geonames.org.")
@click.option("--all-regions", is_flag=True,
              help="Keep all of Russia; by default only its regions on the Ukrainian border are kept.")
def gazetteer_install(countries: tuple[str, ...], source: str | None, all_regions: bool) -> None:
    """Install the full tier from the GeoNames dumps of COUNTRIES (ISO codes, e.g. UA RU)."""
    from sitrep.places.build import install_full

    if source and len(countries) > 1 and Path(source).is_file():
        raise click.BadParameter("a single file can hold one country; name a folder or URL prefix for several",
                                 param_hint="--from")
    started = time.monotonic()
    try:
        path = install_full([c.upper() for c in countries], source, all_regions)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"installed the full gazetteer ({', '.join(c.upper() for c in countries)}) in {path} "
               f"({time.monotonic() - started:.0f} s); analyze and ingest use it from now on")


@gazetteer.command("info")
@gazetteer_option
def gazetteer_info(gazetteer: str | None) -> None:
    """Say which gazetteer a run would use, where it is, and what it holds."""
    path = resolve_choice(gazetteer)
    click.echo(f"path:     {path}")
    if not path.exists():
        click.echo("state:    not built yet (the default tier is built on first use)")
        return
    opened = gazetteer_for(gazetteer)
    click.echo(f"tier:     {opened.tier}")
    for key in ("sources", "built", "build_seconds"):
        click.echo(f"{key + ':':9} {opened.meta.get(key, '')}")
    click.echo(f"size:     {path.stat().st_size / 1e6:.0f} MB")
    click.echo("places:   " + ", ".join(f"{n:,} {kind}" for kind, n in sorted(opened.counts().items())))


@gazetteer.command("lookup")
@click.argument("name")
@gazetteer_option
def gazetteer_lookup(name: str, gazetteer: str | None) -> None:
    """List the places NAME may stand for, biggest first, with how the spelling is known."""
    from sitrep.places.names import loose_key

    hits = sorted(gazetteer_for(gazetteer).lookup(loose_key(name), name), key=lambda h: -h.place.population)
    table(({"name": h.place.name, "kind": h.place.kind, "admin1": h.place.admin1, "precision": h.place.precision,
             "population": h.place.population, "as": f"{h.form} ({h.how})",
             "at": "" if h.place.lat is None else f"{h.place.lat:.3f},{h.place.lon:.3f}"} for h in hits),
           [("name", "NAME", 22), ("kind", "KIND", 10), ("admin1", "ADMIN1", 7), ("precision", "PRECISION", 10),
            ("population", "POP", 8), ("at", "LAT,LON", 16), ("as", "KNOWN AS", 30)])


@main.command()
@click.argument("input_url", metavar="INPUT")
@click.argument("output_url", metavar="OUTPUT")
@click.option("--scheduler", help="Address of a Dask scheduler (tcp://HOST:8786); without it, a local cluster.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1),
              help="Worker processes of the local cluster (without --scheduler).")
@click.option("--partitions", type=click.IntRange(1), help="Tasks to cut the input into (default: 16 per worker).")
@gazetteer_option
@parser_option
def batch(input_url: str, output_url: str, scheduler: str | None, workers: int, partitions: int | None,
          gazetteer: str | None, parser: str) -> None:
    """Analyse a JSON Lines or Parquet input on a Dask cluster and write Parquet (documents, places, events,
    quantities) under OUTPUT, for `sitrep ingest --from-parquet`, DuckDB or Spark.

    INPUT and OUTPUT are local paths or fsspec URLs (s3://, gs://, ...). The results are those of
    `sitrep analyze` on the same input.
    """
    from sitrep import batch as batches

    options = _options(gazetteer, parser)
    try:
        totals = batches.run(input_url, output_url, options, partitions, scheduler, workers, report=_report)
    except InputError as exc:  # an input that is not JSON Lines, named in the message
        raise click.ClickException(exc.message) from exc
    except OSError as exc:
        raise click.ClickException(f"{input_url}: {exc}") from exc
    click.echo(f"sitrep: {totals['documents']} documents, {totals['events']} events, {totals['failed']} failed, "
               f"in {totals['tasks']} tasks; Parquet under {output_url}", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the dashboard and the JSON API over a store (read-only).

    Open http://HOST:PORT/ in a browser; the API is under /api, described at /api/openapi.json.
    Nothing is fetched from the internet, by the server or by the page.
    """
    import uvicorn

    from sitrep.serve import create_app

    with _open_store(db, create=False) as store:
        ledger.catch_up(store)
    if host not in ("127.0.0.1", "localhost", "::1"):
        _report(f"--host {host}: the store is readable by anyone who can reach this address; sitrep serve has "
                "no login. Serve on 127.0.0.1 and use an SSH tunnel or a proxy with authentication instead.",
                "warning")
    click.echo(f"sitrep: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@main.command()
@db_option
@click.option("--since", callback=iso_date, help="Only what happened on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=iso_date, help="Only what happened on or before this date (YYYY-MM-DD).")
@click.option("--region", help="Only this oblast or settlement (any common spelling).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The file to write: .html (self-contained, with map and chart) or .md (Markdown).")
def report(db: str, since: str | None, until: str | None, region: str | None, out: str) -> None:
    """Write a situation report: key developments per oblast with citations, a map, the area-gained chart,
    talks, strikes and casualties, and contradictions to watch."""
    from sitrep import report as reports

    if not out.lower().endswith((".html", ".htm", ".md")):
        raise click.BadParameter(f"{out!r}: name the report .html or .md", param_hint="--out")
    with _open_store(db, create=False) as store:
        ledger.catch_up(store)
        built = reports.build(store.db, since, until, region)
    text = reports.markdown(built) if out.lower().endswith(".md") else reports.as_html(built)
    with click.open_file(out, "w", encoding="utf-8", atomic=True) as file:  # never a half-written report
        file.write(text)
    click.echo(f"sitrep: report of {len(built.events)} events from {len(built.sources)} documents written to {out}",
               err=True)


for _command in (*ledger_commands.COMMANDS, export_command):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
