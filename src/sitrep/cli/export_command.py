"""`sitrep export`: the ledger's events as a file a GIS, a spreadsheet or a notebook opens."""

from __future__ import annotations

from typing import IO, Any

import click

from sitrep import export
from sitrep.cli.views import ledger_filter, ledger_options, open_for_reading

FORMATS = ("acled-csv", "geojson", "csv", "jsonl", "parquet")


@click.command("export")
@click.option("--output", "-o", type=click.File("wb", atomic=True), default="-",
              help="Write here instead of standard output (Parquet needs a file).")
@ledger_options(formats=FORMATS)
def export_command(output: IO[bytes], **kw: Any) -> None:
    """Export events (with the same filters as `sitrep events`): acled-csv (ACLED's columns), geojson (RFC 7946
    points), csv, jsonl (with every claim) or parquet. `--format` chooses; docs/EXPORTS.md describes each."""
    fmt = kw["fmt"]
    if fmt == "parquet" and output.name == "<stdout>" and output.isatty():
        raise click.UsageError("--format parquet writes a binary file: give --output FILE.parquet")
    with open_for_reading(kw["db"]) as store:
        count = export.export(store.db, fmt, output, ledger_filter(kw))
    click.echo(f"sitrep: {count} events exported as {fmt}", err=True)
