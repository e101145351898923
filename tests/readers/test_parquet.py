import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep import batch, readers
from sitrep.document import document_row
from sitrep.errors import InputError
from sitrep.options import Options
from tests.conftest import EXAMPLES, analyze_paths

BODY = "Ukraine's General Staff said its forces repelled 14 attacks near Kupiansk on {day}, the statement said."
HTML = ("<html><head><meta property='og:site_name' content='Page Outlet'><title>Kupiansk held</title></head><body>"
        "<article><p>{body}</p><p>Reuters could not verify the report.</p></article></body></html>")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> list:
    """Documents as `sitrep analyze` gives them: stated metadata, HTML, a demo article, an id from the line."""
    feed = tmp_path_factory.mktemp("parquet") / "feed.jsonl"
    records = [{"id": "a", "text": BODY.format(day="Monday"), "outlet": "Wire", "published": "2025-01-06",
                "url": "https://w.example/a", "title": "Attacks repelled"},
               {"id": "h", "html": HTML.format(body=BODY.format(day="Friday"))},
               {"text": sorted(EXAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    docs = analyze_paths(feed)
    assert not [d for d in docs if isinstance(d, InputError)]
    return docs


def written(docs: list, folder: Path) -> Path:
    """The documents as `sitrep batch` writes them."""
    path = folder / "documents" / "part-00000.parquet"
    batch.write(batch.tables(docs)["documents"], str(path))
    return path


def test_documents_a_batch_wrote_read_back_as_the_documents_they_were(analysed: list, tmp_path: Path):
    path = written(analysed, tmp_path)
    read = list(readers.read([str(path)], Options()))
    assert [document_row(d, d.source) for d in read] == [document_row(d, d.source) for d in analysed]
    assert [document_row(d, d.source) for d in batch.documents(str(tmp_path))] == [document_row(d, d.source) for d in read]
    assert [d.record() for d in read] == [d.record() for d in analysed]
    assert read[0].stated == {"title": "Attacks repelled", "published": "2025-01-06", "outlet": "Wire",
                              "url": "https://w.example/a"}


def test_analysing_documents_read_back_gives_the_same_records(analysed: list, tmp_path: Path):
    path = written(analysed, tmp_path)
    again = analyze_paths(path)
    assert [d.record() for d in again] == [d.record() for d in analysed]
    assert [d.source for d in again] == [d.source for d in analysed]


def test_records_read_as_json_lines_lines_are(tmp_path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": "a", "text": BODY.format(day="Monday"), "html": None, "outlet": "Wire"},
               {"id": None, "text": BODY.format(day="Tuesday"), "html": None, "outlet": None},
               {"id": "e", "text": "  ", "html": None, "outlet": None}]
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "rows.parquet")
    (tmp_path / "rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    from_parquet = analyze_paths(tmp_path / "rows.parquet")
    from_jsonl = analyze_paths(tmp_path / "rows.jsonl")
    assert [d.doc_id for d in from_parquet[:2]] == ["a", "rows-2"]
    assert [d.record() for d in from_parquet[:2]] == [d.record() for d in from_jsonl[:2]]
    assert isinstance(from_parquet[2], InputError)
    assert from_parquet[2].message == from_jsonl[2].message.replace("rows.jsonl", "rows.parquet")


def test_a_file_that_is_not_parquet_or_holds_no_rows_is_an_error_naming_it(tmp_path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "fake.parquet").write_text("not parquet")
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), tmp_path / "none.parquet")
    [fake] = analyze_paths(tmp_path / "fake.parquet")
    [none] = analyze_paths(tmp_path / "none.parquet")
    assert fake.message.startswith(f"{tmp_path / 'fake.parquet'}: is not a Parquet file")
    assert none.message == f"{tmp_path / 'none.parquet'}: is empty; nothing to read"


def test_importing_the_readers_does_not_load_pyarrow():
    code = "import sys, sitrep.readers; print(sorted(sitrep.readers.all_readers())); print('pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert "'parquet'" in out[0] and out[1] == "False"
