"""Seed inputs and a dictionary for the fuzzer, written for this project: short wire-style sentences, page
chrome, HTML snippets and JSON lines, so mutation starts from inputs that reach deep into each target."""

from __future__ import annotations

import json

SENTENCES = (
    "KHARKIV, March 14 (Northwire) - Russian forces shelled the outskirts of Kupiansk overnight, killing two "
    "civilians and wounding at least 11 others, the regional governor said on Friday.",
    "Ukraine's General Staff said its troops repelled 37 assaults near Pokrovsk over the past 24 hours.",
    "The Russian Defence Ministry claimed on Tuesday that its units had captured the village of Novomykhailivka "
    "in Donetsk region, a claim Kyiv did not confirm.",
    "Russian troops advanced 2.5 kilometers a day in late October 2024, according to the Institute for the "
    "Study of War, gaining some 480 square kilometers in November.",
    "The two sides exchanged 150-for-150 prisoners of war on May 16, 2025, after talks in Istanbul.",
    "A drone attack on Odesa injured seven people, including two children, officials said on Sunday.",
    "Moscow said it had deployed about 12,000 North Korean troops to the Kursk region since early November.",
    "Published: 23.04.2025 11:42 (Kyiv time)",
    "Updated April 23, 2025, 9:15 a.m. EEST",
    "Posted at: 2025-07-03",
    "Kyiv and Moscow agreed to a 30-day ceasefire on energy infrastructure, the Kremlin said three weeks ago.",
    "Since February 2022 more than twenty-eight thousand people were killed, the mission estimated last month.",
    "No one was injured in the strike on Zaporizhzhia this morning, the city's mayor wrote on Telegram.",
    "In mid-June Ukrainian forces pushed Russian units back 3 km near Vovchansk, the brigade said.",
    "The truce held for two more weeks before fighting resumed in the coming days.",
    "Officials reported 1,294 settlements under occupation as of 05/05/2025 and 3 to 4 villages lost this week.",
)
CHROME = (
    "Accept cookies", "Share on Facebook", "Read also: Strikes hit power plant in Dnipro", "Related articles",
    "Subscribe to our newsletter", "Comments (3)", "Quote", "user1984 said:", "© 2025 Northwire. All rights reserved.",
    "https://example.org/2025/04/23/story", "Tags: war, Donbas, drones", "• • •", "Advertisement",
)
HEADERS = (
    "title: Shelling hits Kupiansk\nurl: https://northwire.example/2025/03/14/kupiansk\npublished: 2025-03-14\n"
    "outlet: Northwire\n\n",
    " date 2025-05\n",
    "id: story-7\nlanguage: en\n\n",
)
HTML = (
    "<!doctype html><html><head><title>Front update</title><meta property=\"og:site_name\" content=\"Northwire\">"
    "<meta property=\"article:published_time\" content=\"2025-03-14T08:00:00Z\"></head><body><article><h1>Front "
    "update</h1><p>{0}</p><p>{1}</p></article><div class=\"share\">Share on X</div></body></html>",
    "<html><body><div><div><p>{0}<br>{1}</div></span></p><script>var x = '<p>';</script><p>{2}",
    "<body><table><tr><td>{0}</td><td>{1}</td></tr></table><!-- comment --><![CDATA[ data ]]><p>&amp; &#x41; &bogus;",
    "<html><body>" + "<div>" * 300 + "<p>{0}</p>" + "</div>" * 300 + "</body></html>",
    "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>{0}</p></body></html>",
    "<p>{0}<p>{1}<p>{2}<time datetime=\"2025-13-45\">yesterday</time><link rel=\"canonical\" href=\"/a/b\">",
)


def _text_seeds() -> list[bytes]:
    body = "\n\n".join(SENTENCES[:6])
    pages = [
        HEADERS[0] + body,
        HEADERS[1] + "\n".join((CHROME[0], SENTENCES[0], CHROME[2], SENTENCES[1], CHROME[5], CHROME[7], SENTENCES[2])),
        HEADERS[2] + "\n".join((*CHROME[:4], *SENTENCES[7:12], *CHROME[8:])),
        "\n".join(SENTENCES[12:]) + "\n\n" + CHROME[10],
        "\r\n".join(SENTENCES[:3]) + "\r\n",
        "\xa0\u200b" + SENTENCES[3] + "\ufeff\n\n\n" + SENTENCES[4],
    ]
    encoded = [page.encode() for page in pages]
    encoded += [pages[0].encode("utf-16"), "\ufeff".encode() + encoded[1], "Россия заявила: войска заняли село.".encode("cp1251"),
                "Київ, 14 березня. Обстріл Харкова.".encode("koi8_u"), b"\x89PNG\r\n\x1a\n" + encoded[0][:40], b"   \n\t\n"]
    return encoded


def _html_seeds() -> list[bytes]:
    return [page.format(*SENTENCES[i:i + 3]).encode() for i, page in enumerate(HTML)]


def _jsonl_seeds() -> list[bytes]:
    lines = [
        {"id": "a1", "text": SENTENCES[0], "url": "https://northwire.example/2025/03/14/a", "published": "2025-03-14"},
        {"html": _html_seeds()[0].decode(), "outlet": "Northwire", "title": 7},
        {"text": ["not", "a", "string"], "published": 20250314},
        {"text": "   ", "html": None},
        [SENTENCES[1]],
        "just a string",
        {"id": {"nested": [1, 2, {"deep": True}]}, "text": SENTENCES[2], "url": None},
    ]
    body = "\n".join(json.dumps(line) for line in lines)
    return [body.encode(), (body + "\n{\"text\": \"unterminated\n\n[1, 2,").encode(), b"{}\n\n" + b"\xff\xfe\n",
            json.dumps({"text": SENTENCES[3]}).encode()]


def _sentence_seeds() -> list[bytes]:
    return [s.encode() for s in SENTENCES]


def _timex_seeds() -> list[bytes]:
    """Four bytes of publication and reference date (see fuzz/targets.py), then a sentence."""
    return [bytes((i * 37 % 256, 48, i * 11 % 256, 49)) + s.encode() for i, s in enumerate(SENTENCES)]


def seeds(target: str) -> list[bytes]:
    """The seed inputs of a target."""
    if target in ("html_reader",):
        return _html_seeds()
    if target == "jsonl_reader":
        return _jsonl_seeds()
    if target in ("text_reader", "sniff", "read_source"):
        return _text_seeds() + (_html_seeds()[:2] + _jsonl_seeds()[:1] if target == "read_source" else [])
    if target == "clean":
        return _text_seeds()[:6]
    if target == "timex":
        return _timex_seeds()
    if target in ("analyze", "analyze_parsed"):
        return _text_seeds()[:4] + _sentence_seeds()[:8]
    return _sentence_seeds()


TOKENS = (
    "<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<body",
    "<html", "<!doctype html>", "&amp;", "&#", "{\"text\": \"", "\"html\": \"", "\"published\": ", "\"}", "\\u0000",
    "\\ud800", "title: ", "url: ", " date ", "Published ", "Updated ", "Read also:", "said:", "Comments", "\r\n",
    "\xc2\xa0", "\xe2\x80\x8b", "\xef\xbb\xbf", "\xff\xfe", "January", "May", "Sept.", "Monday", "2025", "1999",
    "-04-", "/2025/04/23/", "since ", "early ", "late ", "mid-", "the end of ", "ago", "last week", "over the past ",
    "in the coming days", "weekend", "killed", "wounded", "injured", "troops", "prisoners", "villages",
    "square kilometers", "km", " a day", "ceasefire", "for ", " days", "thousand", "million", "twenty-", "1,000",
    "at least ", "-for-", "according to ", "the ministry said", "Russian forces", "Ukrainian troops", "captured",
    "the village of ", " region", "Donetsk", "Kursk", "Kyiv", "shelled", "repelled", "reportedly", "If confirmed,",
)


def dictionary() -> str:
    """The tokens in libFuzzer's dictionary format, one quoted token a line."""
    def quote(token: str) -> str:
        raw = token.encode("latin-1") if all(ord(c) < 256 for c in token) else token.encode()
        return "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in raw)
    return "".join(f'"{quote(token)}"\n' for token in TOKENS)
