"""`sitrep serve`: the dashboard and the JSON API over a store, on localhost by default.

Everything the page needs is served from the package: its HTML, script and style, and the oblast outlines.
The map and charts are drawn as SVG by the page's own script, so it works on a machine with no network: no
CDN, no tile server, no call home.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from sitrep import __version__
from sitrep.serve.api import router

STATIC = Path(str(resources.files("sitrep.serve").joinpath("static")))
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""Content-Security-Policy of every response: the page's own script and style only, nothing inline, no other
origin, so text from an article can never run as script."""


def create_app(db: str) -> FastAPI:
    """The application over the store at `db` (which must exist)."""
    app = FastAPI(title="sitrep", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, description="A read-only view of a sitrep store: events across documents with "
                  "their claims, places, control claims, figures by counter, talks, sources and contradictions.")
    app.state.db = db

    @app.middleware("http")
    async def headers(request: Request, call_next) -> Response:  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return (STATIC / "index.html").read_text(encoding="utf-8")

    return app
