"""A 50 MB text file: read as bounded parts, every paragraph stored, memory bounded."""

import random
import resource
import subprocess
import sys
from pathlib import Path

from sitrep.store import Store

MEMORY_BOUND_MB = 1024  # parts are at most 10 million characters; a part costs a few times that


def test_fifty_megabyte_text_file(tmp_path: Path):
    rng = random.Random(3)
    words = ("Russian Ukrainian forces said the ministry village town region drone strike attack governor "
             "on Monday killed injured near front").split()
    big = tmp_path / "big.txt"
    paragraphs = 0
    with big.open("w", encoding="utf-8") as out:
        while out.tell() < 50_000_000:
            out.write(" ".join(rng.choice(words) for _ in range(rng.randint(15, 60))).capitalize()
                      + f" paragraph {paragraphs}.\n\n")
            paragraphs += 1
    db = tmp_path / "big.db"
    result = subprocess.run([sys.executable, "-m", "sitrep", "ingest", str(big), "--db", str(db)],
                            capture_output=True, text=True, timeout=600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"50 MB file: peak RSS {peak_mb:.0f} MB")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("6 new, 0 duplicate, 0 failed")
    assert "read as 6 parts" in result.stderr
    assert "stored without places and events analysis" in result.stderr  # no article is 10 million characters long
    assert peak_mb < MEMORY_BOUND_MB
    with Store.open(db) as store:
        texts = [row["text"] for row in store.db.execute("SELECT text FROM documents ORDER BY id")]
    assert sum(t.count(" paragraph ") for t in texts) == paragraphs
