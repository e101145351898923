"""The ledger's views as commands: `sitrep events`, `places`, `control PLACE`, `gains`, `talks`, `sources`,
`contradictions`. Each reads the store, takes the same filters, and prints a table, JSON or CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from sitrep import ledger
from sitrep.cli.terminal import db_option, emit, iso_date, table, table_row
from sitrep.errors import StoreError
from sitrep.ledger import views
from sitrep.store import Store
from sitrep.vocab import SIDES, types


def ledger_options(func: Callable[..., Any] | None = None, *, formats: tuple[str, ...] = ("table", "json", "csv"),
                   ) -> Any:
    """The store, the filters and the output format every ledger command takes."""
    if func is None:
        return lambda f: ledger_options(f, formats=formats)
    options = [
        db_option,
        click.option("--since", callback=iso_date, help="Only what happened on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=iso_date, help="Only what happened on or before this date (YYYY-MM-DD)."),
        click.option("--type", "kind", type=click.Choice(types()), help="Only events of this type."),
        click.option("--actor", type=click.Choice(["RU", "UA"]), help="Only what this side did."),
        click.option("--side", type=click.Choice(SIDES), help="Only what claimants of this side say."),
        click.option("--outlet", help="Only what outlets whose name contains this report."),
        click.option("--place", help="Only at this settlement or in this oblast (any common spelling)."),
        click.option("--text", help="Only from articles that contain all these words (full-text search)."),
        click.option("--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True,
                     help="table for reading; json or csv for other programs and spreadsheets."
                     if formats[0] == "table" else "The file format: " + ", ".join(formats) + "."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def ledger_filter(kw: dict[str, Any]) -> views.Filter:
    return views.Filter(since=kw["since"], until=kw["until"], type=kw["kind"], actor=kw["actor"], side=kw["side"],
                        outlet=kw["outlet"], place=kw["place"], text=kw["text"])


def open_for_reading(db: str) -> Store:
    """The store at `db`, its ledger brought up to date (a store from before the ledger gets it here)."""
    try:
        store = Store.open(db, create=False)
        ledger.catch_up(store)
        return store
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


CLAIM_FIELDS = ("claimant", "claimant_side", "certainty", "date_start", "date_end", "place", "admin1", "outlet",
                "doc_id", "published", "url", "evidence", "start", "end")
EVENT_COLUMNS = [("id", "ID", 5), ("date_start", "DATE", 10), ("type", "TYPE", 17), ("actor", "ACTOR", 5),
                 ("place", "PLACE", 20), ("admin1", "ADMIN1", 7), ("status", "STATUS", 15), ("sources", "SRC", 3),
                 ("claimants", "CLAIMED BY", 40)]


@click.command("events")
@click.option("--claims", "with_claims", is_flag=True,
              help="Show each event's claims: claimant, certainty, date, outlet, document and evidence.")
@ledger_options
def events_command(with_claims: bool, **kw: Any) -> None:
    """Events across documents: one row per happening, however many outlets told it, with its status and
    how many independent sources (copies of one report count once)."""
    with open_for_reading(kw["db"]) as store:
        rows = views.events(store.db, ledger_filter(kw))
        claims = {e["id"]: [{k: c[k] for k in CLAIM_FIELDS} for c in views.event_claims(store.db, e["id"])]
                  for e in rows} if with_claims else {}
    if not with_claims:
        emit(rows, kw["fmt"], EVENT_COLUMNS)
    elif kw["fmt"] == "json":
        emit([{**e, "claims": claims[e["id"]]} for e in rows], "json", EVENT_COLUMNS)
    elif kw["fmt"] == "csv":  # one row per claim, under its event's columns
        emit([{**e, **{f"claim_{k}": v for k, v in c.items()}} for e in rows for c in claims[e["id"]]], "csv",
             EVENT_COLUMNS)
    else:
        table([], EVENT_COLUMNS)
        for event in rows:
            table_row(event, EVENT_COLUMNS)
            for c in claims[event["id"]]:
                who = c["claimant"] or f"{c['outlet'] or 'an outlet'}, own voice"
                click.echo(f"      {c['certainty']:<11} {who} ({c['claimant_side'] or '?'}), {c['outlet'] or '?'} "
                           f"{c['published'] or ''} [{c['doc_id']}]: {c['evidence'][:110]}")


@click.command("places")
@ledger_options
def places_command(**kw: Any) -> None:
    """Places with claims: events and claims there, and the latest control claim."""
    with open_for_reading(kw["db"]) as store:
        rows = views.places(store.db, ledger_filter(kw))
    emit(rows, kw["fmt"], [("place", "PLACE", 24), ("admin1", "ADMIN1", 7), ("events", "EVENTS", 6),
                           ("claims", "CLAIMS", 6), ("control", "HELD", 4), ("control_date", "SINCE", 10),
                           ("control_claimant", "BY WHOSE ACCOUNT", 34)])


@click.command("control")
@click.argument("target", metavar="PLACE")
@ledger_options
def control_command(target: str, **kw: Any) -> None:
    """The control ledger of PLACE (a settlement or an oblast): every claim that a side took or holds it, or
    advanced there, in time order, with claimant, certainty and source."""
    with open_for_reading(kw["db"]) as store:
        rows = views.control(store.db, target, ledger_filter(kw))
    if not rows and kw["fmt"] == "table":
        click.echo(f"sitrep: no control claims for {target!r} in {kw['db']}; `sitrep places --db {kw['db']}` lists "
                   "the places with claims", err=True)
    emit(rows, kw["fmt"], [("date", "DATE", 10), ("published", "REPORTED", 10), ("place", "PLACE", 18),
                           ("type", "TYPE", 13), ("side", "SIDE", 4),
                           ("claimant", "CLAIMANT", 30), ("certainty", "CERTAINTY", 11), ("outlet", "OUTLET", 22),
                           ("evidence", "EVIDENCE", 60)])


@click.command("gains")
@click.option("--measure", default="area_gained", show_default=True,
              type=click.Choice(["area_gained", "advance_distance", "advance_rate", "settlements_captured", "killed",
                                 "injured", "troops", "prisoners", "duration"]),
              help="Which figures to list.")
@ledger_options
def gains_command(measure: str, **kw: Any) -> None:
    """Figures by counter and period (area gained by default): ISW, the Russian ministry, DeepStateMap ... side
    by side, month by month, with the reports that give each figure."""
    with open_for_reading(kw["db"]) as store:
        rows = views.series(store.db, measure, ledger_filter(kw))
    emit(rows, kw["fmt"], [("counter", "COUNTER", 34), ("period_start", "FROM", 10), ("period_end", "TO", 10),
                           ("value", "VALUE", 9), ("value_max", "MAX", 7), ("unit", "UNIT", 6), ("actor", "BY", 3),
                           ("reports", "REP", 3), ("outlets", "OUTLETS", 30)])


@click.command("talks")
@ledger_options
def talks_command(**kw: Any) -> None:
    """Negotiations and prisoner exchanges in date order: where, who took part, what was held, proposed,
    demanded, agreed or rejected, by whose account."""
    with open_for_reading(kw["db"]) as store:
        rows = views.talks(store.db, ledger_filter(kw))
    emit(rows, kw["fmt"], [("date", "DATE", 10), ("type", "TYPE", 17), ("place", "PLACE", 12),
                           ("parties", "PARTIES", 24), ("what", "WHAT", 30),
                           ("sources", "SRC", 3), ("claimants", "BY WHOSE ACCOUNT", 40), ("summary", "SUMMARY", 60)])


@click.command("sources")
@ledger_options
def sources_command(**kw: Any) -> None:
    """Per outlet: documents, slant (-1 pro-Russian .. 1 pro-Ukrainian), the share of its claims told in its own
    voice, and the claimants it relies on."""
    with open_for_reading(kw["db"]) as store:
        rows = views.sources(store.db, ledger_filter(kw))
    emit(rows, kw["fmt"], [("outlet", "OUTLET", 26), ("documents", "DOCS", 4), ("slant", "SLANT", 5),
                           ("label", "LABEL", 11), ("claims", "CLAIMS", 6), ("own_voice_share", "OWN", 4),
                           ("relies_on", "RELIES ON", 60)])


@click.command("contradictions")
@ledger_options
def contradictions_command(**kw: Any) -> None:
    """Claims that cannot all be true: a place claimed by both sides or claimed and denied, figures for the same
    measure and period that differ between counters. Each with both claims and their sources."""
    with open_for_reading(kw["db"]) as store:
        rows = views.contradictions(store.db, ledger_filter(kw))
    emit(rows, kw["fmt"], [("kind", "KIND", 7), ("what", "WHAT", 70), ("a_outlet", "SOURCE A", 22),
                           ("b_outlet", "SOURCE B", 22)])


COMMANDS = (events_command, places_command, control_command, gains_command, talks_command, sources_command,
            contradictions_command)
