"""Score one set's predictions per half, so tuning on one half can be checked on the other.

    python tools/score_halves.py --gold GOLD.json --pred PRED.jsonl --scorer ../shared/tools/score.py

Halves: the odd and the even article numbers (the number that starts a doc_id), and each hundred (1xx, 2xx).
A figure that rises on the half tuned on and not on the other is wording learned, not language.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROWS: tuple[tuple[str, Callable[[dict], float]], ...] = (
    ("events F1", lambda r: r["events"]["f1"]),
    ("places F1", lambda r: r["places"]["f1"]),
    ("quantities F1", lambda r: r["quantities"]["f1"]),
    *((name, lambda r, name=name: r["accuracy"][name]["rate"]) for name in (
        "event_claimant", "event_date", "event_actor", "event_certainty", "quantity_claimant", "quantity_period",
        "slant", "outlet", "published", "place_admin1")),
)


def number(doc_id: str) -> int | None:
    head = doc_id[:3]
    return int(head) if head.isdigit() else None


def halves(doc_ids: list[str]) -> dict[str, Callable[[str], bool]]:
    found: dict[str, Callable[[str], bool]] = {"odd": lambda d: (number(d) or 0) % 2 == 1,
                                               "even": lambda d: (number(d) or 1) % 2 == 0}
    for hundred in sorted({n // 100 for d in doc_ids if (n := number(d)) is not None}):
        found[f"{hundred}xx"] = lambda d, h=hundred: number(d) is not None and number(d) // 100 == h
    return found


def score(scorer: str, gold: dict, preds: list[dict], keep: Callable[[str], bool], folder: Path, name: str) -> dict:
    part = dict(gold, docs=[d for d in gold["docs"] if keep(d["doc_id"])])
    (folder / f"{name}.json").write_text(json.dumps(part), encoding="utf-8")
    (folder / f"{name}.jsonl").write_text("".join(json.dumps(p) + "\n" for p in preds if keep(p["doc_id"])),
                                          encoding="utf-8")
    out = subprocess.run([sys.executable, scorer, "--gold", str(folder / f"{name}.json"), "--pred",
                          str(folder / f"{name}.jsonl"), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--scorer", required=True)
    args = ap.parse_args()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    preds = [json.loads(line) for line in Path(args.pred).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: score(args.scorer, gold, preds, keep, Path(tmp), name)
                   for name, keep in halves([d["doc_id"] for d in gold["docs"]]).items()}
    names = list(results)
    print("| figure | " + " | ".join(f"{n} ({results[n]['docs']})" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for label, figure in ROWS:
        print(f"| {label} | " + " | ".join(f"{figure(results[n]):.3f}" for n in names) + " |")


if __name__ == "__main__":
    main()
