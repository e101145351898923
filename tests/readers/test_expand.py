from pathlib import Path

from sitrep.errors import InputError
from sitrep.readers import expand
from sitrep.readers.base import Source
from tests.conftest import analyze_paths


def test_directories_are_walked_recursively_in_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    found = list(expand([str(tmp_path)]))
    names = [Path(s.name).name for s in found if isinstance(s, Source)]
    errors = [e.message for e in found if isinstance(e, InputError)]
    assert names == ["a.txt", "2.txt"]
    assert len(errors) == 1 and "notes.docx" in errors[0] and "unsupported file type" in errors[0]


def test_missing_path_is_an_error_naming_it(tmp_path: Path):
    [err] = list(expand([str(tmp_path / "nope.txt")]))
    assert isinstance(err, InputError) and "does not exist" in err.message and "nope.txt" in err.message


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("Russian troops shelled the town of Kupiansk on Monday, the governor said.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(200))
    items = analyze_paths(bad, good)
    assert isinstance(items[0], InputError) and "PDF" in items[0].message
    assert items[1].doc_id == "good"
