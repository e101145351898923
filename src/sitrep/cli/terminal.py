"""What sitrep's commands share: the store option, date parameters, and output as a table, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from typing import Any

import click

DEFAULT_DB = "sitrep.db"

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         envvar="SITREP_DB", help="SQLite store file (env SITREP_DB).")


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: the value as an ISO date, or a message that says how to write one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def table(rows: Iterable[dict[str, Any]], columns: list[tuple[str, str, int]]) -> None:
    """A plain fixed-width table on stdout: (key, heading, width) per column."""
    click.echo("  ".join(h.ljust(w) for _, h, w in columns).rstrip())
    for row in rows:
        table_row(row, columns)


def table_row(row: dict[str, Any], columns: list[tuple[str, str, int]]) -> None:
    """One row of a fixed-width table; a value too long for its column ends in an ellipsis."""
    cells = []
    for key, _, width in columns:
        value = "" if row.get(key) is None else str(row[key])
        cells.append((value[: width - 1] + "…" if len(value) > width else value).ljust(width))
    click.echo("  ".join(cells).rstrip())


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[tuple[str, str, int]]) -> None:
    """Rows as a fixed-width table (the columns given), a JSON array, or CSV with every field."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        fields = list(rows[0]) if rows else [key for key, _, _ in columns]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table(rows, columns)
