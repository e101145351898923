import io
import json
from pathlib import Path

from sitrep.errors import InputError
from tests.conftest import analyze_paths

BODY = "Ukraine's General Staff said its forces repelled 14 attacks near Kupiansk on {day}, the statement said."


def test_malformed_line_is_reported_with_its_number_and_the_rest_is_read(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": BODY.format(day="Monday"), "outlet": "Wire", "published": "2025-01-06"}),
             '{"id": "b", "text": "unterminated',
             "",
             json.dumps({"id": "c", "text": BODY.format(day="Tuesday"), "url": "https://w.example/c"}),
             json.dumps(["not", "an", "object"]),
             json.dumps({"id": "e", "title": "no text"})]
    f.write_text("\n".join(lines) + "\n")
    items = analyze_paths(f)
    docs = [d for d in items if not isinstance(d, InputError)]
    errors = [e.message for e in items if isinstance(e, InputError)]
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert docs[0].outlet == "Wire" and docs[0].published == "2025-01-06"
    assert errors[0].startswith(f"{f}:2: line is not valid JSON")
    assert errors[1].startswith(f"{f}:5:") and "not an object" in errors[1]
    assert errors[2].startswith(f"{f}:6:") and "no \"text\" or \"html\"" in errors[2]


def test_html_field_is_extracted_and_stated_fields_win(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    html = ("<html><head><meta property='og:site_name' content='Other'></head><body><article>"
            f"<p>{BODY.format(day='Friday')}</p><p>Reuters could not verify the report.</p></article></body></html>")
    f.write_text(json.dumps({"id": "h1", "html": html, "outlet": "Stated Outlet"}) + "\n")
    [doc] = analyze_paths(f)
    assert doc.outlet == "Stated Outlet" and "repelled 14 attacks" in doc.text


def test_default_ids_name_the_line(tmp_path: Path):
    f = tmp_path / "noid.jsonl"
    f.write_text(json.dumps({"text": BODY.format(day="Sunday")}) + "\n")
    [doc] = analyze_paths(f)
    assert doc.doc_id == "noid-1"


def test_a_huge_number_and_a_lone_surrogate_are_errors_naming_the_line(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "n", "text": "x", "n": ' + "9" * 5000 + '}\n{"id": "s", "text": "Kyiv \\udc00 said"}\n')
    huge, half = (e.message for e in analyze_paths(f))
    assert huge == f"{f}:1: line is JSON too deeply nested or with a number too long to read"
    assert half.startswith(f'{f}:2: the "text" field holds \\udc00, half of a UTF-16 surrogate pair')


def test_byte_ranges_read_as_the_whole_file_does(tmp_path: Path):
    from sitrep.options import Options
    from sitrep.readers import jsonl
    from sitrep.readers.base import Source

    data = (json.dumps({"text": BODY.format(day="Monday")}) + "\n\n" + '{"id": "b", "text": "unterminated\r\n'
            + json.dumps({"id": "c", "text": BODY.format(day="Tuesday")}) + "\n[1]\n{\"text\": \"no break at the end\"}"
            ).encode()
    whole = [getattr(i, "message", None) or (i.doc_id, i.source, i.raw)
             for i in jsonl.JsonlReader().read(Source("f.jsonl", Path("f.jsonl"), data), Options())]
    assert len(whole) == 5 and whole[1].startswith("f.jsonl:3: line is not valid JSON")
    starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
    for cut in starts[1:]:
        parts = []
        with io.BytesIO(data) as stream:
            for start, end, first in ((0, cut, 1), (cut, len(data), data[:cut].count(b"\n") + 1)):
                parts += [getattr(i, "message", None) or (i.doc_id, i.source, i.raw)
                          for i in jsonl.read_range(stream, start, end, first, "f.jsonl", "f")]
        assert parts == whole, cut
