"""HTML pages: main text and metadata with trafilatura; sitrep's own cleaning runs after it."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import trafilatura

from sitrep import registry
from sitrep.document import Document
from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.base import Source
from sitrep.readers.sniff import decode

# Dates only from the page's own markup (meta tags, <time>, the URL), never guessed from body text.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

MAX_TREE_DEPTH = 255
"""libxml2, under trafilatura, stops building the tree at 256 levels of nesting and the text below is lost."""

INVISIBLE = {"script", "style", "noscript", "template", "head", "svg"}
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """The visible text of a page and how deep its elements nest, read as a stream of tags (no tree, so no
    depth limit and memory in proportion to the text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = self.deepest = self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            self.hidden += tag in INVISIBLE
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)
            self.hidden = max(0, self.hidden - (tag in INVISIBLE))
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A malformed "<![" section ("<![foo", "<![ ") is a bogus comment, as browsers read it; the standard
        library raises AssertionError on it."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    @property
    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _deep_page_text(html: str) -> tuple[str, int]:
    """The visible text of a page nested too deep for the tree parser, and its depth ("" when it is not)."""
    reader = _VisibleText()
    reader.feed(html)
    reader.close()
    return (reader.text if reader.deepest > MAX_TREE_DEPTH else ""), reader.deepest


def html_document(doc_id: str, name: str, html: str, stated: dict[str, str] | None = None) -> Document:
    """Extract one article from an HTML page; raises InputError when the page holds no article text."""
    try:
        page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=True, date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise InputError(name, f"could not be parsed as HTML ({type(exc).__name__}: {exc})") from exc
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if not text:
        text, depth = _deep_page_text(html)
        if not text:
            raise InputError(name, "is HTML without article text that could be extracted",
                             "check that the page holds the article and not only a script-rendered shell")
        doc = Document(doc_id=doc_id, source=name, raw=text, stated=dict(stated or {}))
        doc.warnings.append(f"{name}: elements nested {depth:,} levels deep, more than the HTML parser follows; "
                            "read as the page's visible text, without its metadata")
        return doc
    found = {"title": page.title, "published": page.date, "outlet": page.sitename, "url": page.url}
    merged = {k: str(v).strip() for k, v in found.items() if v and str(v).strip()}
    merged.update(stated or {})  # what the input states outright wins over what the markup suggests
    doc = Document(doc_id=doc_id, source=name, raw=text, stated=merged)
    doc.provenance.update({k: "html-meta" for k in found if k in merged and k not in (stated or {})})
    return doc


@registry.readers.register("html")
class HtmlReader:
    extensions = (".html", ".htm", ".xhtml")

    def read(self, source: Source, options: Options) -> Iterator[Document | InputError]:
        try:
            size = source.size
            if size is not None and size > options.max_html_bytes:
                raise InputError(source.name, f"is {size / 1e6:.0f} MB of HTML, more than the "
                                 f"{options.max_html_bytes / 1e6:.0f} MB limit for one page",
                                 "save the article page alone, or raise the limit")
            html, warning = decode(source.read_bytes(options.max_html_bytes + 1), source.name)
            doc = html_document(source.stem, source.name, html)
        except InputError as exc:
            yield exc
            return
        if warning:
            doc.warnings.append(warning)
        yield doc
