"""The situation report: one self-contained file a person can mail (HTML with its map and chart drawn inline
as SVG, or Markdown). Key developments per oblast with citations, a map, the area-gained chart, the talks,
strikes and casualties, and the contradictions to watch; every line says who claims it."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitrep import vocab
from sitrep.export import admin1_names, outlines, records
from sitrep.ledger import views

PER_OBLAST = 8


@dataclass
class Report:
    """What the report says, before it is written as HTML or Markdown."""

    title: str
    period: str
    sectors: dict[str, list[dict[str, Any]]]
    strikes: list[dict[str, Any]]
    talks: list[dict[str, Any]]
    gains: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    sources: list[dict[str, Any]] = field(default_factory=list)
    """Cited documents in order of first citation: outlet, title, published, url."""


def build(db: sqlite3.Connection, since: str | None = None, until: str | None = None,
          region: str | None = None) -> Report:
    f = views.Filter(since=since, until=until, place=region)
    events = records(db, f)
    cited: dict[str, int] = {}
    sources: list[dict[str, Any]] = []

    def cite(event: dict[str, Any]) -> str:
        marks = []
        for claim in event["claims_list"]:
            key = claim["doc_id"]
            if key not in cited:
                cited[key] = len(sources) + 1
                sources.append({k: claim[k] for k in ("outlet", "doc_id", "published", "url")})
            if cited[key] not in marks:
                marks.append(cited[key])
        return "".join(f"[{n}]" for n in sorted(marks))

    sectors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ground, strike_types = vocab.in_section("ground"), vocab.in_section("strikes")
    for event in sorted((e for e in events if e["type"] in ground),
                        key=lambda e: (-e["sources"], e["date_start"] or "", e["id"])):
        name = (admin1_names().get(event["admin1"] or "")
                or (event["place"] if event["precision"] == "admin1" else event["admin1"]) or "Place not known")
        if len(sectors[name]) < PER_OBLAST:
            sectors[name].append({**event, "cite": cite(event)})
    strikes = [{**e, "cite": cite(e)} for e in events if e["type"] in strike_types]
    talks = [{**t, "cite": cite(next(e for e in events if e["id"] == t["event"]))} for t in views.talks(db, f)]
    period = f"{since or 'the first report'} to {until or 'the latest report'}" + (f", {region}" if region else "")
    return Report(title="Situation report", period=period,
                  sectors=dict(sorted(sectors.items(), key=lambda kv: -sum(e["sources"] for e in kv[1]))),
                  strikes=sorted(strikes, key=lambda e: e["date_start"] or ""), talks=talks,
                  gains=views.series(db, "area_gained", views.Filter(since=since, until=until)),
                  contradictions=views.contradictions(db, f), events=events, sources=sources)


def _line(e: dict[str, Any]) -> str:
    who = e.get("claimants") or "outlets"
    return (f"{e['date_start'] or 'undated'}: {vocab.label(e['type'])} at {e['place'] or 'unknown place'}"
            f" ({e['actor'] or 'side unknown'}). {e['summary']} [{e['status']}; claimed by {who}; "
            f"{e['sources']} independent source(s)] {e['cite']}")


def markdown(report: Report) -> str:
    out = [f"# {report.title}", "", f"Period: {report.period}. Generated {dt.date.today().isoformat()} by sitrep. "
           "Claims, not facts: every line says who claims it.", "", "## Key developments by oblast", ""]
    for sector, events in report.sectors.items():
        out += [f"### {sector}", ""] + [f"- {_line(e)}" for e in events] + [""]
    out += ["## Area gained by counter", ""]
    out += [f"- {g['counter']}: {g['value']:g} {g['unit']} ({g['period_start'] or '?'} to {g['period_end'] or '?'})"
            for g in report.gains] or ["- No figures."]
    out += ["", "## Talks and exchanges", ""]
    out += [f"- {t['date'] or 'undated'}: {vocab.label(t['type'])} {('in ' + t['place']) if t['place'] else ''} "
            f"({t['parties'] or 'parties not named'}; {t['what'] or 'outcome not stated'}) by {t['claimants']} {t['cite']}"
            for t in report.talks] or ["- None reported."]
    out += ["", "## Strikes and casualties", ""]
    out += [f"- {_line(e)}" + (f" Dead: {e['fatalities']}." if e["fatalities"] else "") for e in report.strikes] or [
        "- None reported."]
    out += ["", "## Contradictions to watch", ""]
    out += [f"- {c['what']} ({c['a_outlet'] or '?'} / {c['b_outlet'] or '?'})" for c in report.contradictions] or [
        "- None found."]
    out += ["", "## Sources", ""]
    out += [f"{i}. {s['outlet'] or 'unknown outlet'}, {s['published'] or 'undated'}, {s['doc_id']}"
            + (f" <{_web(s['url'])}>" if _web(s["url"]) else "") for i, s in enumerate(report.sources, 1)]
    return "\n".join(out) + "\n"


def _map_svg(events: list[dict[str, Any]], width: int = 760, height: int = 460) -> str:
    features = outlines()["features"]
    points = [p for f in features for ring in _rings(f["geometry"]) for p in ring]
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    k = math.cos(math.radians((y0 + y1) / 2))
    scale = min(width / ((x1 - x0) * k), height / (y1 - y0)) * 0.96

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (width - (x1 - x0) * k * scale) / 2 + (lon - x0) * k * scale, (height - (y1 - y0) * scale) / 2 + (y1 - lat) * scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" style="background:#dde8f0">']
    for f in features:
        d = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(*p) for p in ring)) + "Z"
                    for ring in _rings(f["geometry"]))
        parts.append(f'<path d="{d}" fill="#f7f5ee" stroke="#888" stroke-width="0.6"><title>'
                     f'{html.escape(f["properties"]["name"])}</title></path>')
    for e in events:
        if e.get("lat") is None:
            continue
        x, y = xy(e["lon"], e["lat"])
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{3 + 2.5 * math.sqrt(e["sources"]):.1f}" '
                     f'fill="{vocab.colour(e["type"])}" stroke="#fff" stroke-width="0.8"><title>'
                     f'{html.escape(e["type"])} at {html.escape(e["place"] or "")}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def _gains_svg(gains: list[dict[str, Any]], width: int = 760, height: int = 240) -> str:
    rows = [g for g in gains if g["period_start"] and g["unit"] == "km2"]
    if not rows:
        return "<p>No area-gained figures with a period.</p>"
    periods = sorted({g["period_start"] for g in rows})
    counters = sorted({g["counter"] for g in rows})
    top = max(g["value"] for g in rows)
    band = (width - 60) / len(periods)
    bar = band / (len(counters) + 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">']
    for g in rows:
        i, j = periods.index(g["period_start"]), counters.index(g["counter"])
        h = g["value"] / top * (height - 50)
        parts.append(f'<rect x="{50 + i * band + j * bar:.1f}" y="{height - 20 - h:.1f}" width="{bar - 1:.1f}" '
                     f'height="{h:.1f}" fill="hsl({j * 67 % 360},55%,50%)"><title>{html.escape(g["counter"])}, '
                     f'{g["period_start"]}: {g["value"]:g} km²</title></rect>')
    for i, p in enumerate(periods):
        parts.append(f'<text x="{50 + i * band:.1f}" y="{height - 5}" font-size="10">{p[:7]}</text>')
    for j, c in enumerate(counters):
        parts.append(f'<text x="55" y="{14 + j * 13}" font-size="11" fill="hsl({j * 67 % 360},55%,40%)">■ '
                     f'{html.escape(c)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def as_html(report: Report) -> str:
    """The report as one HTML file: no script, no external resource."""
    e = html.escape

    def items(lines: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>" if lines else "<p>None.</p>"

    body = [f"<h1>{e(report.title)}</h1><p class=meta>Period: {e(report.period)}. Generated "
            f"{dt.date.today().isoformat()} by sitrep. Claims, not facts: every line says who claims it.</p>",
            "<h2>Map</h2>", _map_svg(report.events), "<h2>Key developments by oblast</h2>"]
    for sector, events in report.sectors.items():
        body += [f"<h3>{e(sector)}</h3>", items([_line(x) for x in events])]
    body += ["<h2>Area gained by counter</h2>", _gains_svg(report.gains),
             items([f"{g['counter']}: {g['value']:g} {g['unit']} ({g['period_start'] or '?'} to "
                    f"{g['period_end'] or '?'})" for g in report.gains]),
             "<h2>Talks and exchanges</h2>",
             items([f"{t['date'] or 'undated'}: {vocab.label(t['type'])} "
                    f"{('in ' + t['place']) if t['place'] else ''} ({t['parties'] or 'parties not named'}; "
                    f"{t['what'] or 'outcome not stated'}) by {t['claimants']} {t['cite']}" for t in report.talks]),
             "<h2>Strikes and casualties</h2>",
             items([_line(x) + (f" Dead: {x['fatalities']}." if x["fatalities"] else "") for x in report.strikes]),
             "<h2>Contradictions to watch</h2>",
             items([f"{c['what']} ({c['a_outlet'] or '?'} / {c['b_outlet'] or '?'})" for c in report.contradictions]),
             "<h2>Sources</h2><ol>"]
    for s in report.sources:
        link = f' <a href="{e(_web(s["url"]))}">{e(s["url"])}</a>' if _web(s["url"]) else (f" {e(s['url'])}" if s["url"] else "")
        body.append(f"<li>{e(s['outlet'] or 'unknown outlet')}, {e(s['published'] or 'undated')}, "
                    f"{e(s['doc_id'])}{link}</li>")
    body.append("</ol>")
    style = ("body{font:15px/1.45 Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
             "h1,h2,h3{font-family:system-ui,sans-serif}h2{border-bottom:1px solid #ccc;margin-top:1.6em}"
             ".meta{color:#666}li{margin:.3em 0}svg{max-width:100%;height:auto}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            f'content="{CSP}"><title>{e(report.title)}</title>'
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n")


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The report runs no script and loads nothing: should some article text get past the escaping, it is inert."""


def _web(url: str | None) -> str | None:
    """A source's URL when it is a web address; a `javascript:` or `data:` URL an article states is no link."""
    return url if url and re.match(r"https?://[^\s<>\"]+$", url.strip(), re.IGNORECASE) else None
