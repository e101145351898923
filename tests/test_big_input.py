"""Big and odd inputs: a 25 MB text file (bench/big_input.py goes to 100 MB and a million JSON lines), a page
nested 10,000 levels deep, one 5 MB line, a folder of mixed encodings. Each finishes with bounded memory and an
error or warning that names the input."""

import json
import random
import resource
import subprocess
import sys
from pathlib import Path

from sitrep.store import Store

MEMORY_BOUND_MB = 1024  # parts are at most 10 million characters; a part costs a few times that


def test_a_25_megabyte_text_file_is_read_in_parts(tmp_path: Path):
    rng = random.Random(3)
    words = ("Russian Ukrainian forces said the ministry village town region drone strike attack governor "
             "on Monday killed injured near front").split()
    big = tmp_path / "big.txt"
    paragraphs = 0
    with big.open("w", encoding="utf-8") as out:
        while out.tell() < 25_000_000:
            out.write(" ".join(rng.choice(words) for _ in range(rng.randint(15, 60))).capitalize()
                      + f" paragraph {paragraphs}.\n\n")
            paragraphs += 1
    db = tmp_path / "big.db"
    result = subprocess.run([sys.executable, "-m", "sitrep", "ingest", str(big), "--db", str(db)],
                            capture_output=True, text=True, timeout=600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"25 MB file: peak RSS {peak_mb:.0f} MB")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3 new, 0 duplicate, 0 failed")
    assert "read as 3 parts" in result.stderr
    assert "stored without the places, events, quantities, slant analysis" in result.stderr  # no article is 10 million characters long
    assert peak_mb < MEMORY_BOUND_MB
    with Store.open(db) as store:
        texts = [row["text"] for row in store.db.execute("SELECT text FROM documents ORDER BY id")]
    assert sum(t.count(" paragraph ") for t in texts) == paragraphs


def test_a_page_nested_ten_thousand_levels_deep_is_read_as_its_visible_text(tmp_path: Path, invoke):
    article = ("<p>Russian drones struck the port of Izmail in Odesa region overnight, the regional governor said on "
               "Tuesday.</p><script>ignored()</script><p>Two warehouses were damaged.</p>")
    page = tmp_path / "deep.html"
    page.write_text(f"<html><head><title>Deep</title></head><body>{'<div>' * 10_000}{article}{'</div>' * 10_000}"
                    "</body></html>", encoding="utf-8")
    db = tmp_path / "deep.db"
    result = invoke("ingest", page, "--db", db, "--parser", "none")
    assert result.exit_code == 0
    assert "nested 10,00" in result.output and "read as the page's visible text" in result.output
    with Store.open(db) as store:
        [text] = [r["text"] for r in store.db.execute("SELECT text FROM documents")]
        [place] = {r["place"] for r in store.db.execute("SELECT place FROM claims")}
    assert text.splitlines() == ["Russian drones struck the port of Izmail in Odesa region overnight, the regional "
                                 "governor said on Tuesday.", "Two warehouses were damaged."]
    assert place == "Izmail"


def test_one_line_of_five_megabytes_is_stored_whole(tmp_path: Path, invoke):
    sentence = "Shelling was reported near Kupiansk in Kharkiv region on Sunday, local officials said. "
    line = tmp_path / "line.txt"
    line.write_text(sentence * (5_000_000 // len(sentence) + 1), encoding="utf-8")
    db = tmp_path / "line.db"
    result = invoke("ingest", line, "--db", db, "--parser", "none")
    assert result.exit_code == 0
    assert "longer than one article; stored without the places, events, quantities, slant analysis" in result.output
    with Store.open(db) as store:
        [length] = [r[0] for r in store.db.execute("SELECT length(text) FROM documents")]
    assert length >= 5_000_000


UKRAINIAN = "Російські війська обстріляли Харків у понеділок, повідомив губернатор області.\n"
RUSSIAN = "Российские войска заявили о взятии села под Покровском, сообщило министерство.\n"
ENGLISH = "Ukraine’s air force said it downed 40 drones overnight — the capital’s administration reported damage.\n"


def test_mixed_encodings_are_decoded_or_refused_one_by_one(tmp_path: Path, invoke):
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = {"uk_cp1251.txt": UKRAINIAN.encode("cp1251"), "ru_koi8.txt": RUSSIAN.encode("koi8_r"),
             "en_cp1252.txt": ENGLISH.encode("cp1252"), "en_utf16.txt": (ENGLISH + "Second copy.\n").encode("utf-16"),
             "uk_damaged.txt": UKRAINIAN.encode()[:40] + b"\xff" + UKRAINIAN.encode()[40:],
             "lines.jsonl": json.dumps({"text": RUSSIAN + "A JSON copy."}).encode() + b"\n"
             + b'{"text": "' + RUSSIAN.strip().encode("cp1251") + b'"}\n'}
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    db = tmp_path / "enc.db"
    result = invoke("ingest", inputs, "--db", db, "--parser", "none")
    assert "lines.jsonl:2: line is not valid UTF-8" in result.output
    assert "uk_damaged.txt: UTF-8 with 1 invalid bytes" in result.output
    assert "ru_koi8.txt: not UTF-8; decoded as koi8_r" in result.output
    with Store.open(db) as store:
        texts = {r["doc_id"]: r["text"] for r in store.db.execute("SELECT doc_id, text FROM documents")}
    assert texts["uk_cp1251"] == UKRAINIAN.strip()
    assert texts["ru_koi8"] == RUSSIAN.strip()
    assert texts["en_cp1252"] == ENGLISH.strip()
    assert texts["en_utf16"].startswith(ENGLISH.strip())
    assert texts["uk_damaged"].replace("\ufffd", "") == UKRAINIAN.strip()
    assert texts["lines-1"].startswith(RUSSIAN.strip())
    assert "6 new, 0 duplicate, 1 failed" in result.output
    assert result.exit_code == 1
