"""The read-only JSON API over a store: the ledger's views, paginated and filtered like the commands, with an
OpenAPI description at /api/openapi.json. Each request opens the store for itself, so the server holds no
state and a store being ingested into stays readable (WAL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel

from sitrep import vocab
from sitrep.errors import StoreError
from sitrep.export import outlines
from sitrep.ledger import views
from sitrep.store import Store

EventType = Literal[vocab.types()]  # type: ignore[valid-type]  # the names of data/event_types.tsv
Actor = Literal[vocab.FIGHTING]  # type: ignore[valid-type]
Side = Literal[vocab.SIDES]  # type: ignore[valid-type]
Measure = Literal["area_gained", "advance_distance", "advance_rate", "settlements_captured", "killed", "injured",
                  "troops", "prisoners", "duration"]
MAX_PAGE = 1000


class Page(BaseModel):
    """One page of rows: `total` rows match, `items` are those from `offset`, at most `limit`."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class EventDetail(BaseModel):
    event: dict[str, Any]
    claims: list[dict[str, Any]]


class DocumentText(BaseModel):
    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    text: str


class TypeInfo(BaseModel):
    """An event type as the dashboard shows it (data/event_types.tsv)."""

    type: str
    label: str
    colour: str


class Timeline(BaseModel):
    """Events per day and type (by the event's first date, or its first report's date)."""

    days: list[dict[str, Any]]


router = APIRouter(prefix="/api")


def store(request: Request) -> Iterator[Store]:
    try:
        opened = Store.open(request.app.state.db, create=False)
    except StoreError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc
    try:
        yield opened
    finally:
        opened.close()


def filters(since: dt.date | None = None, until: dt.date | None = None, type: EventType | None = None,
            actor: Actor | None = None, side: Side | None = None,
            outlet: Annotated[str | None, Query(max_length=200)] = None,
            place: Annotated[str | None, Query(max_length=200)] = None,
            text: Annotated[str | None, Query(max_length=500)] = None) -> views.Filter:
    """The filters every list takes, as in the commands (docs/CLI.md)."""
    return views.Filter(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                        type=type, actor=actor, side=side, outlet=outlet or None, place=(place or "").strip() or None,
                        text=text if text and text.strip() else None)


Filters = Annotated[views.Filter, Depends(filters)]
Opened = Annotated[Store, Depends(store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
SQL_INT_MAX = 2**63 - 1
"""The largest integer SQLite takes: offsets and the rows to read up to them stay within it."""
Offset = Annotated[int, Query(ge=0, le=SQL_INT_MAX)]
RowId = Annotated[int, Path(ge=1, le=SQL_INT_MAX)]
"""A row id: SQLite integers are 64-bit."""


def page(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    return Page(total=len(rows), limit=limit, offset=offset, items=rows[offset:offset + limit])


@router.get("/events", response_model=Page, summary="Events across documents")
def list_events(db: Opened, f: Filters, limit: Limit = 100, offset: Offset = 0) -> Page:
    total, rows = views.events_page(db.db, f, limit, offset)
    return Page(total=total, limit=limit, offset=offset, items=rows)


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with all its claims")
def get_event(event_id: RowId, db: Opened) -> EventDetail:
    row = db.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return EventDetail(event=dict(row), claims=views.event_claims(db.db, event_id))


@router.get("/documents/{document_id}", response_model=DocumentText,
            summary="A stored document's cleaned text, which claims' offsets index")
def get_document(document_id: RowId, db: Opened) -> DocumentText:
    row = db.db.execute("SELECT id, doc_id, title, outlet, published, url, text FROM documents WHERE id = ?",
                        (document_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id}")
    return DocumentText(**dict(row))


@router.get("/timeline", response_model=Timeline, summary="Events per day and type")
def timeline(db: Opened, f: Filters) -> Timeline:
    return Timeline(days=views.timeline(db.db, f))


@router.get("/types", response_model=list[TypeInfo], summary="The event types in order, with label and colour")
def event_types() -> list[TypeInfo]:
    return [TypeInfo(type=t.name, label=t.label, colour=t.colour) for t in vocab.event_types()]


@router.get("/places", response_model=Page, summary="Places with claims and their latest control claim")
def list_places(db: Opened, f: Filters, limit: Limit = 100, offset: Offset = 0) -> Page:
    total = views.count_places(db.db, f)
    return Page(total=total, limit=limit, offset=offset, items=views.places(db.db, f, min(limit + offset, SQL_INT_MAX))[offset:])


@router.get("/control", response_model=Page, summary="The control ledger of a settlement or an oblast")
def control(db: Opened, f: Filters, name: Annotated[str, Query(min_length=1, max_length=200)],
            limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(views.control(db.db, name, f), limit, offset)


@router.get("/gains", response_model=Page, summary="Figures by counter and period")
def gains(db: Opened, f: Filters, measure: Measure = "area_gained", limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(views.series(db.db, measure, f), limit, offset)


@router.get("/talks", response_model=Page, summary="Negotiations and prisoner exchanges in date order")
def talks(db: Opened, f: Filters, limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(views.talks(db.db, f), limit, offset)


@router.get("/sources", response_model=Page, summary="Per outlet: documents, slant, claimants relied on")
def sources(db: Opened, f: Filters, limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(views.sources(db.db, f), limit, offset)


@router.get("/contradictions", response_model=Page, summary="Claims that cannot all be true")
def contradictions(db: Opened, f: Filters, limit: Limit = 100, offset: Offset = 0) -> Page:
    return page(views.contradictions(db.db, f), limit, offset)


@router.get("/outlines", summary="First-level divisions (Natural Earth) as GeoJSON, for the map")
def get_outlines() -> dict[str, Any]:
    return outlines()
