"""Big and odd inputs through `sitrep ingest`, each in its own process: time, peak memory, and whether it ended
as it should. `make bench` runs it after bench/run.py; results go to bench/results/big_input.json.

- a 100 MB text file (read as parts of at most 10 million characters, cut at paragraph breaks);
- a JSON Lines file of 1,000,000 lines: 2,000 distinct articles, every other line a copy of one under its own id,
  and 1% broken lines of four kinds, each of which must come out as one error naming its line;
- an HTML page nested 10,000 levels deep; a text of one 5 MB line; a folder of texts in mixed encodings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.wire import articles  # noqa: E402

LINES = 1_000_000
DISTINCT = 2_000
BROKEN = (b'{"text": "cut off\n', b'["a list", "not an object"]\n', b'{"title": "no text field"}\n',
          b'{"text": "\xff\xfe not UTF-8"}\n')
BROKEN_EVERY = 100


def ingest(inputs: list[Path], db: Path, quiet: bool) -> dict[str, object]:
    """Run `sitrep ingest` on the inputs; its wall time, peak RSS (of that process alone), summary and errors."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", *map(str, inputs), "--db", str(db),
                                    *(["--quiet"] if quiet else [])],
                                   stdout=subprocess.PIPE, stderr=err)
        out = process.stdout.read().decode()  # type: ignore[union-attr]
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode(errors="replace").splitlines()
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "exit": os.waitstatus_to_exitcode(status), "summary": out.strip().splitlines()[-1] if out.strip() else "",
            "errors": [line for line in lines if line.startswith("sitrep: error:")],
            "warnings": [line for line in lines if line.startswith("sitrep: warning:")]}


def text_file(path: Path, size: int) -> Path:
    rng = random.Random(3)
    words = ("Russian Ukrainian forces said the ministry village town region drone strike attack governor on Monday "
             "killed injured near front").split()
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size:
            out.write(" ".join(rng.choice(words) for _ in range(rng.randint(15, 60))).capitalize() + f" paragraph {n}.\n\n")
            n += 1
    return path


def jsonl_file(path: Path, lines: int) -> tuple[Path, int]:
    """The million-line file; returns it and how many of its lines are broken."""
    base = list(articles(DISTINCT, seed=11))
    broken = good = 0
    with path.open("wb") as out:
        for line in range(lines):
            if line % BROKEN_EVERY == BROKEN_EVERY - 1:
                out.write(BROKEN[broken % len(BROKEN)])
                broken += 1
                continue
            record = base[good % DISTINCT]
            out.write(json.dumps(record if good < DISTINCT else {**record, "id": f"copy-{line}"}).encode() + b"\n")
            good += 1
    return path, broken


def deep_page(path: Path, depth: int = 10_000) -> Path:
    body = ("<p>Russian drones struck the port of Izmail in Odesa region overnight, the governor said on Tuesday.</p>"
            "<p>Two warehouses were damaged and a fire broke out, emergency services said.</p>")
    path.write_text(f"<html><head><title>Deep</title></head><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>",
                    encoding="utf-8")
    return path


def one_line(path: Path, size: int = 5_000_000) -> Path:
    sentence = "Shelling was reported near Kupiansk in Kharkiv region on Sunday, local officials said. "
    path.write_text(sentence * (size // len(sentence) + 1), encoding="utf-8")
    return path


def mixed_encodings(folder: Path) -> Path:
    folder.mkdir()
    uk = "Російські війська обстріляли Харків у понеділок, повідомив губернатор області.\n"
    ru = "Российские войска заявили о взятии села под Покровском, сообщило министерство.\n"
    en = "Ukraine’s air force said it downed 40 drones overnight — the capital’s administration reported damage.\n"
    for name, data in {"uk_cp1251.txt": uk.encode("cp1251"), "ru_koi8.txt": ru.encode("koi8_r"),
                       "en_cp1252.txt": en.encode("cp1252"), "en_utf16.txt": (en + "Again.\n").encode("utf-16"),
                       "uk_damaged.txt": uk.encode()[:40] + b"\xff" + uk.encode()[40:],
                       "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40}.items():
        (folder / name).write_bytes(data)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=LINES, help="lines of the JSON Lines file (a quick check: fewer)")
    parser.add_argument("--text-mb", type=int, default=100, help="size of the text file in MB")
    args = parser.parse_args()
    os.environ.setdefault("SITREP_HOME", str(ROOT / "out" / "bench-home"))
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = {
            "text_100mb": ([text_file(folder / "big.txt", args.text_mb * 1_000_000)],
                           lambda r: r["exit"] == 0 and "0 failed" in r["summary"]),
            "html_10000_deep": ([deep_page(folder / "deep.html")], lambda r: r["exit"] == 0 and "1 new" in r["summary"]),
            "one_line_5mb": ([one_line(folder / "line.txt")], lambda r: r["exit"] == 0 and "1 new" in r["summary"]),
            "mixed_encodings": ([mixed_encodings(folder / "encodings")],
                                lambda r: r["exit"] == 1 and r["summary"].startswith("5 new, 0 duplicate, 1 failed")),
        }
        big, broken = jsonl_file(folder / "million.jsonl", args.lines)
        cases["jsonl_1m_lines"] = ([big], lambda r: r["exit"] == 1 and r["errors"] == broken
                                   and r["summary"].startswith(f"{DISTINCT} new, {args.lines - broken - DISTINCT} duplicate, "
                                                               f"{broken} failed"))
        for name, (inputs, expected) in cases.items():
            size = sum(p.stat().st_size if p.is_file() else sum(c.stat().st_size for c in p.iterdir()) for p in inputs)
            result = ingest(inputs, folder / f"{name}.db", quiet=inputs[0] == big)  # not a million "duplicate" lines
            result["input_mb"] = round(size / 1e6, 1)
            errors = result.pop("errors")
            result["errors"], result["error_examples"] = len(errors), errors[:4]
            result["as_expected"] = bool(expected(result))
            result["warnings"] = result["warnings"][:3]
            results[name] = result
            print(f"{name:18} {result['input_mb']:>8} MB {result['seconds']:>8} s {result['peak_rss_mb']:>6} MB RSS  "
                  f"exit {result['exit']}  {'ok' if result['as_expected'] else 'NOT AS EXPECTED'}  {result['summary']}")
    out = ROOT / "bench" / "results" / "big_input.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"written to {out.relative_to(ROOT)}")
    if not all(r["as_expected"] for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
