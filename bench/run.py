"""Benchmarks: analysis and ingest throughput on a fixed corpus, peak memory, the server under load. `make bench` runs it.

The corpus is the demo corpus plus variations of it (paragraphs shuffled, dates shifted), built the
same way on every run (fixed seed), so figures from two runs compare. Results go to
bench/results/latest.json and a short table on stdout.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitrep import pipeline, readers  # noqa: E402
from sitrep.export import admin1_names  # noqa: E402
from sitrep.ingest import ingest  # noqa: E402
from sitrep.options import DEFAULT_MODEL, Options  # noqa: E402
from sitrep.places.build import install_full  # noqa: E402
from sitrep.places.gazetteer import tier_path  # noqa: E402
from sitrep.places.tiers import open_gazetteer  # noqa: E402
from sitrep.store import Store  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import load  # noqa: E402
import scale  # noqa: E402

SHARED = ROOT.parent / "shared"

VARIANTS = 84  # each demo article gives this many variants: 24 x 84 = 2,016 articles


def build_corpus(folder: Path) -> int:
    """Write the benchmark corpus as JSON Lines; return the number of articles. Each variant of a demo article
    has its paragraphs shuffled, its dates shifted, and its settlements renamed to other settlements of the
    same oblast from the gazetteer, so the place resolver meets names it has not seen in the demo."""
    options = Options(gazetteer="default")
    base = [d for d in pipeline.analyze_all(readers.read([str(ROOT / "examples" / "corpus")], options), options)
            if not hasattr(d, "message")]
    rng = random.Random(2025)
    others = _settlements()
    divisions = set(admin1_names().values())
    count = 0
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for doc in base:
            paragraphs = [p for p in doc.raw[doc.body_start:].split("\n") if p.strip()]
            settlements = {p["mention"]: p["admin1"] for p in doc.analysis.get("places", [])  # not oblast capitals:
                           if p["kind"] == "settlement" and p.get("mention") and others.get(p["admin1"])  # their names
                           and p["mention"] not in divisions}  # are the oblasts' names too
            for variant in range(VARIANTS):
                body = paragraphs[:1] + rng.sample(paragraphs[1:], len(paragraphs) - 1)
                day = 1 + (variant % 28)
                text = re.sub(r"\b(20\d\d)-(\d\d)-\d\d\b", rf"\1-\2-{day:02d}", "\n\n".join(body))
                for mention, admin1 in settlements.items():
                    text = re.sub(rf"\b{re.escape(mention)}\b", rng.choice(others[admin1]), text)
                out.write(json.dumps({"id": f"{doc.doc_id}-v{variant}", "text": text,
                                      "published": f"2025-{1 + variant % 12:02d}-{day:02d}",
                                      "outlet": doc.outlet, "title": doc.title}) + "\n")
                count += 1
    return count


def _settlements() -> dict[str, list[str]]:
    """Settlements of 1,000 people or more per oblast, from the default gazetteer."""
    gazetteer = open_gazetteer("default")
    try:
        rows = gazetteer.db.execute("SELECT admin1, name FROM places WHERE kind = 'settlement' AND population >= 1000"
                                    " AND admin1 IS NOT NULL ORDER BY admin1, name").fetchall()
    finally:
        gazetteer.close()
    found: dict[str, list[str]] = {}
    for admin1, name in rows:
        found.setdefault(admin1, []).append(name)
    return found


PROBE = """
import json, sys, time
from pathlib import Path
from sitrep.places.stage import find_places
from sitrep.places.gazetteer import Gazetteer, tier_path

def rss():
    status = Path("/proc/self/status").read_text()
    pairs = (line.split(":", 1) for line in status.splitlines())
    return {k: int(v.split()[0]) / 1024 for k, v in pairs if k in ("VmRSS", "VmHWM")}

texts = json.loads(Path(sys.argv[2]).read_text())
base = rss()["VmRSS"]
start = time.perf_counter()
gazetteer = Gazetteer(tier_path(sys.argv[1]))
gazetteer.lookup("kiiv", "Kyiv")
load_ms = (time.perf_counter() - start) * 1000
start = time.perf_counter()
names = sum(len(p["mentions"]) for text in texts for p in find_places(text, gazetteer))
seconds = time.perf_counter() - start
print(json.dumps({"load_ms": load_ms, "rss_mb": rss()["VmHWM"] - base, "names": names, "seconds": seconds}))
"""


def gazetteer_figures(tier: str, texts: list[str], folder: Path) -> dict[str, float]:
    """Load time, memory and place-resolution throughput of one tier, measured in a fresh process."""
    corpus = folder / "texts.json"
    corpus.write_text(json.dumps(texts))
    probe = subprocess.run([sys.executable, "-c", PROBE, tier, str(corpus)], capture_output=True, text=True,
                           check=True, env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
    figures = json.loads(probe.stdout)
    return {f"gazetteer_{tier}_load_ms": round(figures["load_ms"], 1),
            f"gazetteer_{tier}_rss_mb": round(figures["rss_mb"]),
            f"gazetteer_{tier}_file_mb": round(tier_path(tier).stat().st_size / 1e6),
            f"places_{tier}_names_per_s": round(figures["names"] / figures["seconds"]),
            f"places_{tier}_docs_per_s": round(len(texts) / figures["seconds"], 1)}


SPACY_PROBE = """
import json, resource, sys, time
from pathlib import Path
import spacy

texts = json.loads(Path(sys.argv[2]).read_text())
nlp = spacy.load(sys.argv[1])
nlp("warm up")
start = time.perf_counter()
for _ in nlp.pipe(texts):
    pass
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def spacy_figures(texts: list[str], words: int, folder: Path) -> dict[str, float]:
    """Bare spaCy on the same cleaned texts, in a fresh process: the model sitrep parses with, every component,
    `nlp.pipe` with its defaults, as a user of spaCy would run it. The yardstick for sitrep's throughput."""
    corpus = folder / "texts.json"
    corpus.write_text(json.dumps(texts))
    probe = subprocess.run([sys.executable, "-c", SPACY_PROBE, DEFAULT_MODEL, str(corpus)], capture_output=True,
                           text=True, check=True)
    figures = json.loads(probe.stdout)
    return {"spacy_model": DEFAULT_MODEL, "spacy_pipe_docs_per_s": round(len(texts) / figures["seconds"], 1),
            "spacy_pipe_words_per_s": round(words / figures["seconds"]), "spacy_pipe_peak_rss_mb": round(figures["peak_mb"])}


def main() -> None:
    home = ROOT / "out" / "bench-home"
    os.environ["SITREP_HOME"] = str(home)
    default = open_gazetteer("default")  # built here once if needed; not part of the timings below
    build_s = float(default.meta.get("build_seconds", 0))
    default.close()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = build_corpus(folder)
        path = str(folder / "corpus.jsonl")
        options = Options(gazetteer="default")
        start = time.perf_counter()
        words, texts, events = 0, [], []
        for doc in pipeline.analyze_all(readers.read([path], options), options):  # streamed, as a user runs it
            words += doc.word_count
            texts.append(doc.text)
            events += [scale.event_key(doc.doc_id, i, e["type"], e["actor"], json.dumps(e["places"]), e["claimant"])
                       for i, e in enumerate(doc.analysis["events"])]
        analyze_s = time.perf_counter() - start
        bare = options.replace(parser=None)
        start = time.perf_counter()
        for _ in pipeline.analyze_all(readers.read([path], bare), bare):
            pass
        unparsed_s = time.perf_counter() - start
        with Store.open(folder / "bench.db") as store:
            start = time.perf_counter()
            summary = ingest([path], store, options)
            ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            again = ingest([path], store, options)
            reingest_s = time.perf_counter() - start
        served = load.run(folder / "bench.db")
        one = scale.processes(folder / "corpus.jsonl", n, 1)
        two = scale.processes(folder / "corpus.jsonl", n, 2)
        batch_one = scale.batch(folder / "corpus.jsonl", n, 1)
        batch_two = scale.batch(folder / "corpus.jsonl", n, 2)
        full = None
        if (SHARED / "geo" / "UA.zip").exists():
            if not tier_path("full").exists():
                install_full(["UA"], str(SHARED / "geo" / "UA.zip"))
            full = scale.processes(folder / "corpus.jsonl", n, 1, gazetteer="full")
        spacy_pipe = spacy_figures(texts, words, folder)
        tiers = gazetteer_figures("default", texts, folder)
        if full is not None:
            tiers |= gazetteer_figures("full", texts, folder)
    api = scale.api_latency(1_000_000)
    served_at_scale = load.run(ROOT / "out" / f"bench-{api['api_events']}-events.db", skip=load.SLOW_AT_SCALE)  # kept by api_latency
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results = {
        "machine": f"{platform.machine()} {platform.processor() or ''} Python {platform.python_version()}".strip(),
        "stages": list(options.stages),
        "documents": n,
        "analyze_docs_per_s": round(n / analyze_s, 1),
        "analyze_words_per_s": round(words / analyze_s),
        "analyze_no_parser_words_per_s": round(words / unparsed_s),
        **spacy_pipe,
        "spacy_docs_per_s": spacy_pipe["spacy_pipe_docs_per_s"],
        "ratio_vs_spacy": round(words / analyze_s / spacy_pipe["spacy_pipe_words_per_s"], 2),
        "analyze_1_process_docs_per_s": round(one["docs_per_s"], 1),
        "analyze_2_processes_docs_per_s": round(two["docs_per_s"], 1),
        "analyze_speedup_2_processes": round(one["seconds"] / two["seconds"], 2),
        "batch_1_worker_docs_per_s": round(batch_one["docs_per_s"], 1),
        "batch_2_workers_docs_per_s": round(batch_two["docs_per_s"], 1),
        "batch_speedup_2_workers": round(batch_one["seconds"] / batch_two["seconds"], 2),
        "batch_startup_s_1_worker": round(batch_one["startup_s"], 1),
        "batch_startup_s_2_workers": round(batch_two["startup_s"], 1),
        "batch_events_equal_analyze": batch_two["events"] == sorted(events),
        "events": len(events),
        "peak_rss_mb_full_gazetteer": round(full["peak_mb"]) if full else None,
        "ingest_docs_per_s": round(summary.new / ingest_s, 1),
        "reingest_docs_per_s": round(again.duplicate / reingest_s, 1),
        "peak_rss_mb": round(peak_mb),
        "gazetteer_default_build_s": round(build_s, 1),
        **tiers,
        **api,
        **{f"load_{k}": v for k, v in served.items()},
        **{f"load_synthetic_{k}": v for k, v in served_at_scale.items()},
    }
    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(results, indent=1) + "\n")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:{width}}  {value}")
    print(f"(written to {out.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
