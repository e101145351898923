import random
from pathlib import Path

from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.text import parse_preamble
from tests.conftest import analyze_paths


def test_header_block_is_metadata_not_text():
    raw = "url: https://paper.example/a\noutlet: The Paper\npublished: 2025-03-02\ntitle: T\n\nBody text here.\n"
    stated, start = parse_preamble(raw)
    assert stated == {"url": "https://paper.example/a", "outlet": "The Paper", "published": "2025-03-02", "title": "T"}
    assert raw[start:] == "Body text here.\n"


def test_date_line_may_share_its_line_with_the_first_words():
    raw = " date 2025-06-05 No Talks Today: A Title\n\nBody."
    stated, start = parse_preamble(raw)
    assert stated == {"published": "2025-06-05"}
    assert raw[start:].startswith("No Talks Today")


def test_date_line_after_header_and_month_only_date():
    raw = "url: https://x.example/n/1\n\n date 2022-05 Title words\nBody."
    stated, start = parse_preamble(raw)
    assert stated == {"url": "https://x.example/n/1", "published": "2022-05"}
    assert raw[start:].startswith("Title words")


def test_key_value_lines_inside_prose_are_not_a_header():
    raw = "Note: this is the first sentence of an article about the front.\nMore text.\n"
    stated, start = parse_preamble(raw)
    assert stated == {} and start == 0


def test_month_only_published_gives_null_and_a_range(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(" date 2022-05 Missile strike on a village\n\nOne person was killed in a strike on the village "
                 "on Tuesday, the regional governor said.\n")
    [doc] = analyze_paths(f)
    assert doc.published is None
    assert doc.hints["published_range"] == ("2022-05-01", "2022-05-31")


def test_empty_file_is_an_error(tmp_path: Path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    [err] = analyze_paths(f)
    assert isinstance(err, InputError) and "empty" in err.message and str(f) in err.message


def test_png_renamed_txt_is_refused_with_its_kind(tmp_path: Path):
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    [err] = analyze_paths(f)
    assert isinstance(err, InputError) and "PNG image" in err.message


def test_invalid_utf8_binary_is_refused(tmp_path: Path):
    f = tmp_path / "junk.txt"
    f.write_bytes(bytes(random.Random(7).randrange(128, 256) for _ in range(4000)))
    [err] = analyze_paths(f)
    assert isinstance(err, InputError) and "not valid UTF-8" in err.message


def test_legacy_encoded_text_is_decoded_with_a_warning(tmp_path: Path):
    f = tmp_path / "cp1251.txt"
    sentence = "Російські війська обстріляли село вночі, повідомила обласна адміністрація. " * 5
    f.write_bytes(sentence.encode("cp1251"))
    [doc] = analyze_paths(f)
    assert "Російські війська" in doc.text
    assert any("not UTF-8" in w for w in doc.warnings)


def test_texts_longer_than_an_article_skip_the_heavy_stages(tmp_path: Path):
    f = tmp_path / "long.txt"
    f.write_text("".join(f"Russian forces shelled Kharkiv for the {n}th night, the governor said.\n" for n in range(10)))
    [doc] = analyze_paths(f, options=Options(max_analysis_chars=200))
    assert doc.analysis.get("places") is None and doc.text.count("Kharkiv") == 10
    assert any("stored without the places, events, quantities, slant analysis" in w for w in doc.warnings)
    [full] = analyze_paths(f)
    assert full.analysis["places"][0]["name"] == "Kharkiv"


def test_large_file_is_read_in_bounded_parts_without_losing_text(tmp_path: Path):
    paragraph = "Russian forces shelled the town overnight for the {}th time, the governor said on Telegram.\n\n"
    f = tmp_path / "big.txt"
    f.write_text("url: https://big.example/x\n\n" + "".join(paragraph.format(i) for i in range(400)))
    docs = analyze_paths(f, options=Options(max_doc_chars=5000))
    assert len(docs) > 5 and all(not isinstance(d, InputError) for d in docs)
    assert all(len(d.raw) <= 5000 for d in docs)
    assert sum(d.text.count("governor said") for d in docs) == 400
    assert all(d.url == "https://big.example/x" for d in docs)
    assert [d.doc_id for d in docs[:2]] == ["big.part1", "big.part2"]
    assert "parts" in docs[-1].warnings[-1]
