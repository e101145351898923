"""Coverage-guided fuzzing of sitrep with atheris: each target of fuzz/targets.py in a subprocess of its own.

    python fuzz/run.py [--runs N] [--targets a,b] [--seconds S] [--jobs J]
    python fuzz/run.py --replay out/fuzz/crashes/clean/crash-...  --targets clean

A target stops at N inputs or S seconds. A crash (any exception a target lets out), a hang (libFuzzer's
-timeout) or an input slower than the target's bound is saved under out/fuzz/crashes/<target>/ and counted;
after a crash or hang the fuzzer restarts on the corpus it has built, until the runs are done. The figures go
to bench/results/fuzz.json and a table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `fuzz` as a package when run as a script

from fuzz.seeds import dictionary, seeds  # noqa: E402

OUT = ROOT / "out" / "fuzz"
RESULTS = ROOT / "bench" / "results" / "fuzz.json"
RSS_LIMIT_MB = 3072
"""spaCy's model and the gazetteer take about 600 MB; three times that is a leak."""
MAX_RESTARTS = 20
"""Crashes and hangs after which a target stops: by then its findings need fixing, not more fuzzing."""
SLOW = ("html_reader", "analyze_parsed", "analyze")
"""Started first, so that with --jobs 2 the jobs end together."""
CONFIRM = 2
"""Times an input over its bound is run again; it is over the bound when every run is."""
STATS_EVERY = 1.0
"""Seconds between the worker's writes of its counts (a hang killed by libFuzzer loses at most this much)."""


@dataclass
class Finding:
    kind: str
    """crash, timeout (libFuzzer killed a hang), oom, or over_bound (finished, but slower than the bound)."""
    file: str
    error: str = ""
    where: str = ""


@dataclass
class Result:
    target: str
    inputs: int = 0
    crashes: int = 0
    timeouts: int = 0
    over_bound: int = 0
    slowest_ms: float = 0.0
    bound_ms: float = 0.0
    wall_s: float = 0.0
    inputs_per_s: float = 0.0
    restarts: int = 0
    spikes: int = 0
    """Inputs that took longer than the bound once but not when timed again (the machine was busy)."""
    coverage: int = 0
    max_len: int = 0
    runs_requested: int = 0
    seconds_limit: float | None = None
    date: str = ""
    """When this target's run ended."""
    findings: list[Finding] = field(default_factory=list)


def worker(name: str, stats_path: Path, crash_dir: Path, libfuzzer_args: list[str]) -> None:
    """The subprocess: instrument sitrep, warm the target up on its seeds, and fuzz it, timing every input."""
    import atheris

    # sitrep's code is what is under test; coverage of trafilatura's would steer the fuzzer into its internals
    with atheris.instrument_imports(include=["sitrep"]):
        from fuzz import targets
    target = targets.TARGETS[name]
    for seed in seeds(name):  # loads the models and the gazetteer, so no input pays for that
        target.function(seed)
    stats = {"executed": 0, "slowest_ms": 0.0, "over_bound": 0, "spikes": 0}
    flushed = time.monotonic()

    def flush() -> None:
        tmp = stats_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stats))
        tmp.replace(stats_path)

    def one_input(data: bytes) -> None:
        nonlocal flushed
        start = time.perf_counter()
        try:
            target.function(data)
        except BaseException:
            stats["executed"] += 1
            flush()
            raise
        elapsed = time.perf_counter() - start
        stats["executed"] += 1
        if elapsed > target.bound:  # timed again: a pause of the machine or the collector is no finding
            stats["spikes"] += 1
            elapsed = min(elapsed, *(_timed(target.function, data) for _ in range(CONFIRM)))
        slowest = elapsed * 1000 > stats["slowest_ms"]
        if slowest:  # kept so the slowest input can be replayed and timed
            stats["slowest_ms"] = round(elapsed * 1000, 2)
            stats_path.with_suffix(".slowest").write_bytes(data)
        if elapsed > target.bound:
            stats["over_bound"] += 1
            (crash_dir / f"overbound-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
        if slowest or time.monotonic() - flushed > STATS_EVERY:
            flush()
            flushed = time.monotonic()

    flush()
    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input)
    atheris.Fuzz()


def _timed(function: Callable[[bytes], None], data: bytes) -> float:
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


def _prepare(name: str, out: Path) -> tuple[Path, Path]:
    """The target's corpus (seeded) and crash directories."""
    corpus, crashes = out / "corpus" / name, out / "crashes" / name
    for folder in (corpus, crashes):
        folder.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(seeds(name)):
        (corpus / f"seed-{i:02d}").write_bytes(seed)
    return corpus, crashes


def _error_of(log: str) -> tuple[str, str]:
    """The exception and the innermost sitrep frame of the last Python traceback in a worker's log."""
    tail = log.rsplit("=== Uncaught Python exception: ===", 1)
    if len(tail) < 2:
        return "", ""
    lines = tail[1].strip().splitlines()
    error = next((ln for ln in lines if re.match(r"^\w[\w.]*(Error|Exception|Exit|Interrupt)\b", ln)), lines[0] if lines else "")
    frames = re.findall(r'File "([^"]+)", line (\d+)', tail[1])
    inner = [f"{Path(f).relative_to(ROOT)}:{n}" for f, n in frames if str(ROOT / "src") in f or str(ROOT / "fuzz") in f]
    return error.strip(), (inner[-1] if inner else "")


def fuzz_target(name: str, runs: int, seconds: float | None, out: Path) -> Result:
    """Fuzz one target to `runs` inputs (or `seconds`), restarting after each crash or hang."""
    from fuzz.targets import TARGETS

    target = TARGETS[name]
    corpus, crashes = _prepare(name, out)
    dict_path = out / "fuzz.dict"
    result = Result(name, bound_ms=target.bound * 1000, max_len=target.max_len)
    started = time.monotonic()
    while result.inputs < runs and result.restarts <= MAX_RESTARTS:
        left = None if seconds is None else seconds - (time.monotonic() - started)
        if left is not None and left < 1:
            break
        stats_path = out / "logs" / f"{name}.stats.json"
        stats_path.unlink(missing_ok=True)
        # -len_control=0: inputs up to max_len from the start; by default libFuzzer kept analyze's under 921 bytes
        args = [f"-runs={runs - result.inputs}", f"-timeout={max(5, math.ceil(target.bound * 5))}",
                f"-rss_limit_mb={RSS_LIMIT_MB}", f"-max_len={target.max_len}", f"-artifact_prefix={crashes}/",
                f"-dict={dict_path}", "-print_final_stats=1", "-len_control=0", str(corpus)]
        if left is not None:
            args.insert(1, f"-max_total_time={int(left)}")
        before = set(crashes.iterdir())
        log_path = out / "logs" / f"{name}.log"
        with log_path.open("a") as log:
            log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(args)}\n")
            log.flush()
            proc = subprocess.run([sys.executable, __file__, "--worker", name, "--stats", str(stats_path),
                                   "--crashes", str(crashes), "--", *args], stdout=log, stderr=subprocess.STDOUT,
                                  cwd=ROOT, check=False)
        log_text = log_path.read_text(errors="replace").rsplit("\n=== ", 1)[-1]
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
        final = re.findall(r"stat::number_of_executed_units: (\d+)", log_text)  # printed when libFuzzer ends well
        result.inputs += max([stats.get("executed", 0), *map(int, final)])
        result.slowest_ms = max(result.slowest_ms, stats.get("slowest_ms", 0.0))
        result.spikes += stats.get("spikes", 0)
        if cov := re.findall(r"cov: (\d+)", log_text):
            result.coverage = max(result.coverage, int(cov[-1]))
        for path in sorted(set(crashes.iterdir()) - before):
            kind = path.name.split("-", 1)[0]
            kind = {"overbound": "over_bound", "crash": "crash", "timeout": "timeout", "oom": "oom"}.get(kind, kind)
            error, where = _error_of(log_text) if kind == "crash" else ("", "")
            result.findings.append(Finding(kind, str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
                                           error, where))
            if kind in ("crash", "timeout", "oom"):
                for seed in corpus.iterdir():  # a seed that crashes would crash every restart
                    if seed.read_bytes() == path.read_bytes():
                        seed.unlink()
        result.crashes = sum(f.kind in ("crash", "oom") for f in result.findings)
        result.timeouts = sum(f.kind == "timeout" for f in result.findings)
        result.over_bound = sum(f.kind == "over_bound" for f in result.findings)
        if proc.returncode == 0:
            break
        if not any(f.kind in ("crash", "timeout", "oom") for f in result.findings[-3:]) and not stats:
            result.findings.append(Finding("crash", str(log_path), f"worker exited with status {proc.returncode}"))
            result.crashes += 1
            break  # the worker died before fuzzing: restarting would not help
        result.restarts += 1
    result.wall_s = round(time.monotonic() - started, 1)
    result.inputs_per_s = round(result.inputs / result.wall_s, 1) if result.wall_s else 0.0
    return result


def table(results: list[Result]) -> str:
    head = ("target", "inputs", "crashes", "timeouts", "over bound", "slowest ms", "bound ms", "inputs/s", "wall s")
    rows = [(r.target, f"{r.inputs:,}", r.crashes, r.timeouts, r.over_bound, f"{r.slowest_ms:,.1f}", f"{r.bound_ms:,.0f}",
             f"{r.inputs_per_s:,.1f}", f"{r.wall_s:,.0f}") for r in results]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    return "\n".join("  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(row, widths, strict=True)))
                     for row in (head, *rows))


def replay(names: list[str], paths: list[str]) -> int:
    """Run inputs through a target directly (no atheris), to see the traceback and time of a saved finding."""
    from fuzz.targets import TARGETS

    failed = 0
    for path in paths:
        data = Path(path).read_bytes()
        for name in names:
            start = time.perf_counter()
            try:
                TARGETS[name].function(data)
                print(f"{name} {path}: ok in {(time.perf_counter() - start) * 1000:,.1f} ms")
            except Exception:
                failed += 1
                print(f"{name} {path}: FAILED")
                traceback.print_exc()
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    from fuzz.targets import TARGETS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100_000, help="inputs per target (default 100,000)")
    parser.add_argument("--targets", default="all", help=f"comma-separated, of: {', '.join(TARGETS)}")
    parser.add_argument("--seconds", type=float, help="time limit per target")
    parser.add_argument("--jobs", type=int, default=1, help="targets fuzzed at once")
    parser.add_argument("--out", type=Path, default=OUT, help="corpus, crashes and logs (default out/fuzz)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the figures (default bench/results/fuzz.json)")
    parser.add_argument("--replay", nargs="+", metavar="FILE", help="run these inputs through the targets and exit")
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.targets == "all" else args.targets.split(",")
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)}")
    if args.replay:
        return replay(names, args.replay)
    out = args.out.resolve()
    (out / "logs").mkdir(parents=True, exist_ok=True)
    (out / "fuzz.dict").write_text(dictionary(), encoding="latin-1")
    started = time.monotonic()
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        slow_first = sorted(names, key=lambda n: n not in SLOW)
        done = dict(zip(slow_first, pool.map(lambda n: fuzz_target(n, args.runs, args.seconds, out), slow_first), strict=True))
    results = [done[n] for n in names]
    for r in results:
        r.date, r.runs_requested, r.seconds_limit = time.strftime("%Y-%m-%d %H:%M:%S"), args.runs, args.seconds
    # A run of some targets keeps the figures of the others from the results file.
    kept = json.loads(args.results.read_text()).get("targets", []) if args.results.exists() else []
    figures = {t["target"]: t for t in kept if t.get("target") in TARGETS} | {r.target: asdict(r) for r in results}
    summary = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "last_run": {"targets": names, "jobs": args.jobs, "wall_s": round(time.monotonic() - started, 1)},
        "bound_note": "bound_ms: the most one input may take; slower inputs count as over_bound and are saved",
        "targets": [figures[name] for name in TARGETS if name in figures],
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(summary, indent=2) + "\n")
    print(table(results))
    print(f"figures in {args.results}; findings under {args.out / 'crashes'}")
    return 1 if any(r.crashes or r.timeouts or r.over_bound for r in results) else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        split = sys.argv.index("--")
        opts = dict(zip(sys.argv[1:split:2], sys.argv[2:split:2], strict=True))
        worker(opts["--worker"], Path(opts["--stats"]), Path(opts["--crashes"]), sys.argv[split + 1:])
    else:
        sys.exit(main())
