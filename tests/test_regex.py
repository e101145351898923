"""No catastrophic regex backtracking: every pattern sitrep compiles is timed on the inputs most likely to make
it backtrack, derived from the pattern itself, and so are the text functions that apply many patterns at once.

Articles are written by strangers: one hostile or broken page must not stall a batch. Python's `re` backtracks
without memoization, so a nested or overlapping quantifier can take exponential time, and a repeat that
scans to the end of the text from every start position takes quadratic time. Both are caught here: a time
bound per call, and the growth of the time from N/4 to N characters. Run with -s to see the slowest patterns.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from re import _parser as sre_parse  # sre_parse's name since Python 3.11
from types import ModuleType

import pytest

import sitrep
from sitrep import quantities, timex
from sitrep.clean import clean, rules
from sitrep.document import Document
from sitrep.meta.dates import find_dates
from sitrep.options import Options

N = 20_000
"""Characters of each adversarial input: far beyond any line or sentence, about one long article."""
CALL_BOUND = 0.5
"""Seconds one search, finditer or match may take on N characters. The slowest call measured on this 2-core
machine, busy with other work, takes 0.08-0.13 s (claims.SUBJECT_SAYS on "and and and ..."), so this leaves a
margin of four to six for a slower CI machine; a catastrophic pattern takes seconds to forever."""
HANG = 1.0
"""A call still running after this many seconds is interrupted (sre checks for signals) and fails as too slow."""
ENOUGH = 3
"""Failed calls after which a pattern's remaining texts are skipped: a catastrophic pattern would take HANG each."""
GROWTH_FLOOR = 0.05
"""Calls faster than this at N are not checked for growth: on a busy machine noise dominates smaller times, and
a quadratic call on N characters takes longer than this anyway (N²/2 steps)."""
GROWTH_LIMIT = 8.0
"""Largest time(N) / time(N/4) allowed: linear is about 4, quadratic about 16."""
TEXT_BYTES = 200_000
TEXT_BOUND = 10.0
"""Seconds a whole text function may take on TEXT_BYTES of adversarial text: measured at most 1.9 s (quantities.find
and timex.find on the phrases line), so a fivefold margin; a quadratic function takes minutes on 200 KB."""

POOL = " \t\n\r\xa0\u2009aAzZmé1059._,-'’\"“”()[]/:;!?<>&#@•—–©яЯіЇ\x00+*=%$|"
"""Characters tried against each character class, besides the class's own literals and range ends."""
ENDINGS = ("\x00", "")
"""What follows a pumped run: a character almost no pattern accepts, and for patterns anchored at the end ($, \\Z)
the end of the text."""
GENERIC = (" ", "\n", "\t", "\xa0", "7", "a", "1,000 ", "- ", "...", "Aa bB ", "Мир ", "<a ", '"', "“")
"""Runs every pattern is tried on, whatever it contains."""
MAX_REPEATS = 6
"""Repeats pumped per pattern, unbounded ones first: enough to reach each kind of run, few enough for the file
to run in under a minute."""
MAX_WORDS = 4
"""Literal words repeated per pattern, spread over its alternatives."""
CATEGORIES = {sre_parse.CATEGORY_DIGIT: r"\d", sre_parse.CATEGORY_NOT_DIGIT: r"\D", sre_parse.CATEGORY_SPACE: r"\s",
              sre_parse.CATEGORY_NOT_SPACE: r"\S", sre_parse.CATEGORY_WORD: r"\w", sre_parse.CATEGORY_NOT_WORD: r"\W"}
END_ANCHORS = (sre_parse.AT_END, sre_parse.AT_END_STRING, sre_parse.AT_END_LINE)
REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT)
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


# Collection


@dataclass
class Collected:
    """The distinct patterns sitrep uses, each with every place it was found."""

    where: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    patterns: dict[tuple[str, int], re.Pattern[str]] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)
    """The modules a pattern was found in."""

    def add(self, pattern: re.Pattern[str], name: str, module: ModuleType) -> None:
        key = (pattern.pattern, pattern.flags)
        self.patterns.setdefault(key, pattern)
        self.where.setdefault(key, []).append(name)
        self.modules.add(module.__name__)

    def names(self) -> set[str]:
        return {name for names in self.where.values() for name in names}


def _modules() -> list[ModuleType]:
    """Every module of the package but the one that runs the CLI, imported: patterns built from lexicons exist
    only once their module ran."""
    return [importlib.import_module(info.name) for info in pkgutil.walk_packages(sitrep.__path__, "sitrep.")
            if not info.name.endswith(".__main__")]


def _walk(value: object, name: str, module: ModuleType, found: Collected, depth: int = 0) -> None:
    """Patterns inside containers and dataclass instances (a lexicon's rules), a few levels down."""
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            found.add(value, name, module)
        return
    if depth >= 4 or isinstance(value, (str, bytes, type)):
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{name}[{key!r}]", module, found, depth + 1)
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            _walk(item, f"{name}[{i}]", module, found, depth + 1)
    elif isinstance(value, (set, frozenset)):
        for item in value:
            _walk(item, f"{name}{{}}", module, found, depth + 1)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _walk(getattr(value, f.name), f"{name}.{f.name}", module, found, depth + 1)


def _compiles_patterns(function: object) -> bool:
    """A module's cached function without parameters that compiles patterns: a lexicon loaded on first use."""
    if not (callable(function) and hasattr(function, "cache_info")):
        return False
    try:
        return not inspect.signature(function).parameters and "re.compile" in inspect.getsource(function)
    except (TypeError, ValueError, OSError):
        return False


def _flags(node: ast.expr) -> int | None:
    """The value of a flags argument written as re.X or re.X | re.Y; None for anything else."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        flag = getattr(re, node.attr, None)
        return int(flag) if isinstance(flag, re.RegexFlag) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left), _flags(node.right)
        return None if left is None or right is None else left | right
    return None


def _literal_calls(module: ModuleType) -> Iterator[tuple[re.Pattern[str], str]]:
    """Patterns written inline as string literals (re.sub(r"...", ...)): compiled by re's cache, not named."""
    path = getattr(module, "__file__", None)
    if not path:
        return
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCTIONS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            continue
        flags = 0
        for arg in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
            flags |= _flags(arg) or 0
        yield re.compile(node.args[0].value, flags), f"{module.__name__}:{node.lineno}"


def collect() -> Collected:
    """Every compiled pattern reachable from sitrep's modules: globals, containers, class attributes, lexicons
    compiled by cached functions, and string literals passed to re's functions."""
    found = Collected()
    for module in _modules():
        for name, value in vars(module).items():
            prefix = f"{module.__name__}.{name}"
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr, item in vars(value).items():
                    _walk(item, f"{prefix}.{attr}", module, found)
            elif _compiles_patterns(value) and getattr(value, "__module__", None) == module.__name__:
                _walk(value(), f"{prefix}()", module, found)
            else:
                _walk(value, prefix, module, found)
        for pattern, name in _literal_calls(module):
            found.add(pattern, name, module)
    return found


@pytest.fixture(scope="module")
def collected() -> Collected:
    return collect()


def test_collection_finds_the_patterns_of_known_modules(collected: Collected):
    names = collected.names()
    print(f"\n{len(collected.patterns)} distinct patterns from {len(names)} places")
    assert {"sitrep.readers.text.HEADER_LINE", "sitrep.clean.LINE", "sitrep.clean.rules.CREDIT_TAIL",
            "sitrep.claims.SUBJECT_SAYS", "sitrep.segment.BOUNDARY"} <= names
    assert {f"sitrep.timex.PATTERNS[{i}][1]" for i in range(len(timex.PATTERNS))} <= names
    assert {f"sitrep.quantities.MEASURES[{i}][2]" for i in range(len(quantities.MEASURES))} <= names
    assert any(n.startswith("sitrep.clean.rules.vocabulary()[") for n in names)  # data/chrome.tsv
    assert any(n.startswith("sitrep.events.lexicon.triggers()[") for n in names)  # data/events.tsv
    assert any(n.startswith("sitrep.claimants.table()[") for n in names)  # data/claimants.tsv
    assert any(n.startswith("sitrep.quantities:") for n in names)  # literals inside functions


def test_every_module_that_compiles_patterns_contributes(collected: Collected):
    """A module whose source compiles a pattern and yields none means the collection missed a place."""
    sources = {m.__name__ for m in _modules() if "re.compile(" in inspect.getsource(m)}
    assert sources and sources <= collected.modules, sources - collected.modules


# Adversarial inputs


def _members(items: list[tuple[object, object]], flags: int) -> list[str]:
    """Characters a class [...] matches, from the pool and its own literals and range ends."""
    parts, own = [], set()
    for op, av in items:
        if op is sre_parse.NEGATE:
            parts.insert(0, "^")
        elif op is sre_parse.LITERAL:
            parts.append(re.escape(chr(av)))
            own.add(chr(av))
        elif op is sre_parse.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
            own |= {chr(av[0]), chr(av[1])}
        elif op is sre_parse.CATEGORY:
            parts.append(CATEGORIES.get(av, r"\n"))
    charset = re.compile(f"[{''.join(parts)}]", flags & re.IGNORECASE)
    return [c for c in dict.fromkeys([*POOL, *sorted(own)]) if charset.fullmatch(c)]


def _chars(op: object, av: object, flags: int) -> list[str]:
    """Characters a one-character node matches; empty for other nodes."""
    if op is sre_parse.LITERAL:
        return [chr(av)]
    if op is sre_parse.NOT_LITERAL:
        return [c for c in POOL if c != chr(av)]
    if op is sre_parse.ANY:
        return [c for c in POOL if c != "\n" or flags & re.DOTALL]
    if op is sre_parse.IN:
        return _members(av, flags)
    return []


def _kinds(chars: list[str]) -> list[str]:
    """One character of each kind (space, letter, capital, digit, other): the runs worth trying."""
    def kind(c: str) -> str:
        return "space" if c.isspace() else "upper" if c.isupper() else "alpha" if c.isalpha() else \
            "digit" if c.isdigit() else "nul" if c == "\x00" else "other"
    return list({kind(c): c for c in reversed(chars)}.values())[::-1]


def _nodes(sub: object) -> Iterator[tuple[object, object]]:
    """Every node of a parsed (sub)pattern, nested ones included."""
    for op, av in sub:
        yield op, av
        if op is sre_parse.BRANCH:
            children = av[1]
        elif op is sre_parse.SUBPATTERN:
            children = [av[3]]
        elif op in REPEATS:
            children = [av[2]]
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            children = [av[1]]
        elif op is sre_parse.ATOMIC_GROUP:
            children = [av]
        elif op is sre_parse.GROUPREF_EXISTS:
            children = [av[1], av[2]] if av[2] else [av[1]]
        else:
            children = []
        for child in children:
            yield from _nodes(child)


def _contains(sub: object, target: object) -> bool:
    return any(av is target for _, av in _nodes(sub))


@dataclass
class Sampler:
    """Writes a short string a (sub)pattern matches; with a target repeat, stops there and returns the text
    that leads up to it, so the repeat can be pumped where the pattern really reaches it."""

    variant: int = 0
    target: object = None

    def emit(self, sub: object, flags: int) -> tuple[str, bool]:
        out = []
        for op, av in sub:
            if av is self.target:
                return "".join(out), True
            text, reached = self.node(op, av, flags)
            out.append(text)
            if reached:
                return "".join(out), True
        return "".join(out), False

    def node(self, op: object, av: object, flags: int) -> tuple[str, bool]:
        if chars := _chars(op, av, flags):
            return chars[self.variant % len(chars)], False
        if op is sre_parse.BRANCH:
            branches = av[1]
            inside = [b for b in branches if self.target is not None and _contains(b, self.target)]
            return self.emit(inside[0] if inside else branches[self.variant % len(branches)], flags)
        if op is sre_parse.SUBPATTERN:
            return self.emit(av[3], (flags | av[1]) & ~av[2])
        if op is sre_parse.ATOMIC_GROUP:
            return self.emit(av, flags)
        if op in REPEATS:
            low, _, body = av
            if self.target is not None and _contains(body, self.target):
                return self.emit(body, flags)
            return "".join(self.emit(body, flags)[0] for _ in range(low)), False
        if op is sre_parse.GROUPREF_EXISTS:
            return self.emit(av[1], flags)
        return "", False  # anchors, lookarounds, back references: no text of their own


def _repeats(sub: object, flags: int, out: list[tuple[object, int]]) -> list[tuple[object, int]]:
    """The repeats that may take more than one step (x*, x+, x{2,90}), with the flags in force there."""
    for op, av in sub:
        if op in REPEATS:
            if av[1] > 1:
                out.append((av, flags))
            _repeats(av[2], flags, out)
        elif op is sre_parse.BRANCH:
            for branch in av[1]:
                _repeats(branch, flags, out)
        elif op is sre_parse.SUBPATTERN:
            _repeats(av[3], (flags | av[1]) & ~av[2], out)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            _repeats(av[1], flags, out)
        elif op is sre_parse.ATOMIC_GROUP:
            _repeats(av, flags, out)
    return out


def _words(sub: object, out: list[str]) -> list[str]:
    """Literal words of two letters or more ("km", "said"): repeated, they make the pattern start and stop."""
    run = []
    for op, av in [*sub, (None, None)]:
        if op is sre_parse.LITERAL:
            run.append(chr(av))
            continue
        if len(run) >= 2:
            out.append("".join(run))
        run = []
        if op is sre_parse.BRANCH:
            for branch in av[1]:
                _words(branch, out)
        elif op is sre_parse.SUBPATTERN:
            _words(av[3], out)
        elif op in REPEATS:
            _words(av[2], out)
    return out


def _spread(items: list, limit: int) -> list:
    """At most `limit` items taken evenly across the list, first and last included."""
    if len(items) <= limit:
        return items
    return [items[round(i * (len(items) - 1) / (limit - 1))] for i in range(limit)]


Builder = Callable[[int], str]
"""Makes one adversarial text of about n characters, so the same text can be timed at two sizes."""


def _run(prefix: str, unit: str, ending: str = "") -> Builder:
    return lambda n: prefix + unit * max(1, (n - len(prefix)) // len(unit)) + ending


def builders(pattern: re.Pattern[str]) -> dict[str, Builder]:
    """Named adversarial texts for one pattern: each repeat pumped with what it accepts after the text that
    leads to it, then the end or a character that fails; the pattern's own match and its near miss over and
    over; its literal words over and over; and a generic set of runs."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    flags = pattern.flags | parsed.state.flags
    out: dict[str, Builder] = {}
    endings = ENDINGS if any(op is sre_parse.AT and av in END_ANCHORS for op, av in _nodes(parsed)) else ENDINGS[:1]
    repeats = _repeats(parsed, flags, [])
    repeats.sort(key=lambda r: -r[0][1])  # unbounded first
    for av, here in repeats[:MAX_REPEATS]:
        prefix = Sampler(target=av).emit(parsed, flags)[0]
        body = list(av[2])
        units = _kinds(_chars(*body[0], here)) if len(body) == 1 else []
        units += [Sampler(variant=v).emit(av[2], here)[0] for v in range(3)]
        if len(units) >= 2 and len(units[0]) == len(units[1]) == 1:
            units.append(units[0] + units[1])
        for unit in dict.fromkeys(u for u in units if u):
            for ending in endings:
                out[f"{prefix[:20]!r} + {unit!r}* + {ending!r}"] = _run(prefix, unit, ending)
    for variant in range(2):
        whole = Sampler(variant=variant).emit(parsed, flags)[0]
        if whole:
            out[f"({whole[:30]!r})*"] = _run("", whole)
        if len(whole) > 1:
            out[f"({whole[:-1][:30]!r})*"] = _run("", whole[:-1])
    for word in _spread(list(dict.fromkeys(_words(parsed, []))), MAX_WORDS):
        out[f"({word + ' '!r})*"] = _run("", word + " ")
    for unit in GENERIC:
        out[f"({unit!r})*"] = _run("", unit)
    return out


# Timing


class Hung(Exception):
    """A call ran past its time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Hung


CALLS: dict[str, Callable[[re.Pattern[str], str], object]] = {
    "search": lambda p, s: p.search(s),
    "finditer": lambda p, s: sum(1 for _ in p.finditer(s)),
    "match": lambda p, s: p.match(s),
}
FULLMATCH: dict[str, Callable[[re.Pattern[str], str], object]] = {"fullmatch": lambda p, s: p.fullmatch(s)}
CHROME_RULES = "sitrep.clean.rules.vocabulary()["
"""The rules of data/chrome.tsv. Several backtrack on long text (nav, forum, share, ad, media, related), but
sitrep only ever fullmatches them against one line of at most rules.MAX_RULE_CHARS characters
(rules.chrome_category), so they are timed that way. data/chrome.tsv is outside this test's files to fix."""


def timed(call: Callable[[], object], limit: float = HANG) -> float:
    """Seconds one call takes; inf when it ran past `limit` and was interrupted."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        start = time.perf_counter()
        call()
        return time.perf_counter() - start
    except Hung:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def best(call: Callable[[], object], runs: int = 3) -> float:
    return min(timed(call) for _ in range(runs))


@dataclass
class Timing:
    name: str
    call: str
    text: str
    seconds: float
    growth: float | None = None

    @property
    def failed(self) -> bool:
        return self.seconds > CALL_BOUND or (self.growth or 0) > GROWTH_LIMIT


def check(pattern: re.Pattern[str], name: str, n: int = N, enough: int = ENOUGH,
          calls: dict[str, Callable[[re.Pattern[str], str], object]] = CALLS) -> list[Timing]:
    """Time each call on each adversarial text of n characters; time again at n/4 where the call is slow
    enough to tell linear from quadratic. Stops after `enough` failed calls."""
    timings = []
    for label, build in builders(pattern).items():
        text = build(n)
        for call_name, call in calls.items():
            seconds = timed(partial(call, pattern, text))
            growth = None
            if GROWTH_FLOOR < seconds <= CALL_BOUND:
                seconds = best(partial(call, pattern, text))
                if seconds > GROWTH_FLOOR:
                    growth = seconds / max(best(partial(call, pattern, build(n // 4))), 1e-6)
                if (growth or 0) > GROWTH_LIMIT:  # a busy machine can slow one size down: measure both again, longer
                    seconds = best(partial(call, pattern, text), runs=5)
                    growth = seconds / max(best(partial(call, pattern, build(n // 4)), runs=5), 1e-6)
            timings.append(Timing(name, call_name, label, seconds, growth))
            if sum(t.failed for t in timings) >= enough:
                return timings
    return timings


def test_no_pattern_backtracks_on_adversarial_input(collected: Collected):
    timings = []
    for key, pattern in collected.patterns.items():
        name = collected.where[key][0]
        if name.startswith(CHROME_RULES):
            timings += check(pattern, name, n=rules.MAX_RULE_CHARS, calls=FULLMATCH)
        else:
            timings += check(pattern, name)
    slow = [t for t in timings if t.failed]
    worst = {t.name: t for t in sorted(timings, key=lambda t: t.seconds)}  # each pattern's slowest call
    print(f"\n{len(collected.patterns)} patterns, {len(timings)} timed calls on {N:,} characters; the slowest patterns:")
    for t in sorted(worst.values(), key=lambda t: -t.seconds)[:15]:
        growth = f"  x{t.growth:.1f} from N/4" if t.growth else ""
        print(f"  {t.seconds * 1000:8.1f} ms  {t.name}  {t.call}  {t.text}{growth}")
    assert not slow, "\n".join(f"{t.name} {t.call} {t.text}: {t.seconds:.3f} s, growth {t.growth}" for t in slow)


def test_the_timer_catches_catastrophic_backtracking():
    """The check itself must fail on a pattern known to be exponential, and on one known to be quadratic."""
    exponential = check(re.compile(r"(?:\w+\s?)+$"), "exponential", enough=1)
    assert any(t.seconds > CALL_BOUND for t in exponential)
    quadratic = check(re.compile(r"\w+\s*;"), "quadratic", enough=1)
    assert any(t.failed for t in quadratic)


# Whole text functions


def _clean(text: str) -> object:
    doc = Document(doc_id="x", source="x", raw=text)
    clean(doc, Options())
    return doc.text


FUNCTIONS: dict[str, Callable[[str], object]] = {
    "timex.find": lambda text: timex.find(text, "2025-05-01"),
    "quantities.find": quantities.find,
    "meta.dates.find_dates": find_dates,
    "clean.clean": _clean,
}
PHRASE = ("since early May, 2025 the 1,000 km and 12 square kilometers in March, 379 in April, at least 40 "
          "more soldiers were killed according to the Ministry of Defence said on 12.05.2025 - “ ' 10:45 a.m. GMT+3 ")
TEXTS: dict[str, str] = {
    "phrases on one line": (PHRASE * (TEXT_BYTES // len(PHRASE) + 1))[:TEXT_BYTES],
    "1,000 on one line": "1,000 " * (TEXT_BYTES // 6),
    "letters and spaces on one line": "Aa b " * (TEXT_BYTES // 5),
    "one-character lines": "".join(f"{c}\n" for c in "a1.-•:A "[:8] * (TEXT_BYTES // 16)),
}


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize("text", TEXTS)
def test_text_functions_on_adversarial_text(function: str, text: str):
    seconds = timed(lambda: FUNCTIONS[function](TEXTS[text]), limit=TEXT_BOUND)
    print(f"\n{function} on {len(TEXTS[text]):,} characters of {text}: {seconds:.3f} s")
    assert seconds < TEXT_BOUND
