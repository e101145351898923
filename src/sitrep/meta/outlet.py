"""Who published a page: from what the input states, its URL, and the ways articles name their publisher."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

# Footers that name who published a copy ("Adapted by X from Y", "X - Monitoring"); the cleaner drops them as chrome.
ADAPTED_FOOTER = re.compile(r"\b(?:adapted|republished|reproduced|syndicated|reprinted) by (?P<outlet>.{2,60}?) "
                            r"from (?P<origin>.{2,60}?)(?<!\s)(?:\s++(?P<date>\d{4}-\d\d-\d\d|[^\d]{0,12}\d.{0,25}))?\s*$",
                            re.IGNORECASE)
MONITORING_FOOTER = re.compile(r"^(?P<outlet>[A-Z][\w.&' -]{1,60}?)\s*[–—-]\s*(?i:monitoring|news desk|newsroom)\.?$")
MONTH_DAY = r"[A-Z][a-z]{2,8}\.? \d{1,2}"
NAME = r"(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:(?:of|for|the|and|de)\s+)*[A-Z][\w.&'’-]*){0,5}"
# How articles name their own publisher, most telling first. Sources they retell ("writes The Guardian",
# "according to Reuters") are not publishers and are not listed.
SELF_CUES = tuple(re.compile(p) for p in (
    rf"\b(?:[Tt]his|[Ii]t) (?:is|was) reported by (?P<name>{NAME})",
    rf"\b(?:reports?|writes|informs) (?P<name>{NAME}),? (?:with reference to|citing|referring to)\b",
    rf"(?<![\w.&'’-])(?P<name>{NAME}) (?:reports?|writes|informs),? (?:citing|with reference to|referring to)\b",
    rf"[,;] (?P<name>{NAME}) reports\.",
    rf"(?m)^\W{{0,3}}\((?P<name>{NAME})(?:\s*[-–—]\s*{NAME})?\)",
    rf"(?m)^[A-Z][A-Z]+(?:[ ,]+[A-Z][\w'.-]*){{0,4}}[ ,]*(?:{MONTH_DAY}[ ,]*)?\((?P<name>{NAME})\)\s*[-–—]",
))
COPYRIGHT = re.compile(rf"(?i:©|\(c\)|copyright)\s*+(?:(?:19|20)\d\d(?:\s*+[-–]\s*+(?:19|20)\d\d)?,?\s*+)?(?P<name>{NAME})"
                       r"(?=\s*+(?:(?:19|20)\d\d\b|[.,]?\s*(?i:all rights reserved)|\.?\s*$))")
NOT_OUTLETS = {"russia", "ukraine", "kyiv", "kiev", "moscow", "kremlin", "the kremlin", "he", "she", "they",
               "it", "this", "the ministry", "the ministry of defence", "the defence ministry", "the president"}
# Articles name their publisher near the top or at the foot; the middle of a long text is not searched.
HEAD_CHARS = 6000
TAIL_CHARS = 3000
HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "en.", "english.")
SERVING_LABEL = re.compile(r"^(?:[a-z]\d{0,2}|(?:cdn|static|img|images|media|assets|edge|cache)\d{0,2})\.")
"""A first host label that names a server of the site (a letter, a CDN or static host), not the site itself."""


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    country: str


@cache
def registry() -> tuple[Outlet, ...]:
    """The outlets of data/outlets.tsv."""
    rows = resources.files("sitrep").joinpath("data/outlets.tsv").read_text(encoding="utf-8").splitlines()
    outlets = []
    for row in rows:
        if not row.strip() or row.startswith(("#", "name\t")):
            continue
        name, domains, aliases, country = [*row.split("\t"), "", "", ""][:4]
        outlets.append(Outlet(name, _split(domains), _split(aliases), country))
    return tuple(outlets)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(",") if x.strip())


@cache
def _by_domain() -> dict[str, Outlet]:
    return {d.lower(): o for o in registry() for d in o.domains}


def host(url: str | None) -> str | None:
    """The URL's host without the prefixes sites put in front of their own name."""
    if not url:
        return None
    try:
        name = (urlsplit(url if "://" in url else f"http://{url}").hostname or "").lower()
    except ValueError:
        return None
    for prefix in HOST_PREFIXES:
        if name.startswith(prefix) and name.count(".") > 1:
            name = name[len(prefix):]
    if name.count(".") > 1 and SERVING_LABEL.match(name):
        name = name.split(".", 1)[1]  # "b.bssnews.net", "cdn2.example.com": the server, not the site
    return name or None


def outlet_for_host(name: str) -> Outlet | None:
    """The registry outlet whose domain is the host or one of its parents; else one whose domain's first
    label is a whole label of the host (a CDN or staging host such as paper-paper-staging.cdn.example)."""
    table = _by_domain()
    labels = name.split(".")
    for i in range(len(labels) - 1):
        found = table.get(".".join(labels[i:]))
        if found:
            return found
    tokens = set(re.split(r"[.-]", name))
    for domain, outlet in table.items():
        stem = domain.split(".")[0]
        if len(stem) >= 6 and stem in tokens:
            return outlet
    return None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold().removeprefix("the "))


def text_cues(text: str, footers: Iterable[str]) -> list[str]:
    """Names the document gives its own publisher: site footers first, then phrases in the text."""
    names = []
    for line in footers:
        m = ADAPTED_FOOTER.search(line) or MONITORING_FOOTER.match(line)
        if m:
            names.append(m.group("outlet").strip())
    for line in footers:
        m = COPYRIGHT.search(line)
        if m and "/" not in line:  # "© Name/POOL/AGENCY" credits a photo, not the page
            names.append(m.group("name"))
    head = text[:HEAD_CHARS]
    ends = head if len(text) <= HEAD_CHARS + TAIL_CHARS else head + "\n" + text[-TAIL_CHARS:]
    for cue in SELF_CUES:
        names.extend(m.group("name") for m in cue.finditer(head if cue.pattern.startswith("(?m)") else ends))
    return [n.strip(" .,") for n in names if n.strip(" .,").casefold() not in NOT_OUTLETS]


def choose(url: str | None, cues: list[str]) -> tuple[str | None, str | None]:
    """The publisher's name and where it came from: the URL's outlet, a cue naming the URL's site, the
    site's domain, or without a URL the first cue."""
    site = host(url)
    if site:
        known = outlet_for_host(site)
        if known:
            return known.name, "url"
        stem = _squash(site.rsplit(".", 1)[0])
        for name in cues:
            squashed = _squash(name)
            if len(squashed) >= 3 and (squashed in stem or stem in squashed):
                return name, "text"
        return site, "url"
    if cues:
        return cues[0], "text"
    return None, None
