"""Place-name keys that ignore how a name was spelled, and the Latin spellings a Cyrillic name gets.

News spells one village four ways (Kondrativka, Kondratovka, Kondratievka; Zaporizhzhia, Zaporozhye,
Zaporozhzhie). `fold` removes case, accents and apostrophes; `loose_key` also merges the letters
romanization systems disagree on (kh/h/g, zh, shch, and the i/y/e vowels), so the spellings of one
Cyrillic name share one key. `latin_forms` romanizes Cyrillic names with several systems, and
`russian_forms` guesses the Russian form of a Ukrainian name, which Russian sources romanize.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia
import translitua

# Latin letters Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                              "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th"})
APOSTROPHES = "'’ʼ`´‘ʹʻ\u02bc"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")

# Latin letter groups that stand for one Cyrillic letter in one system or another, merged to one symbol.
LOOSE_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"shch|sch|szcz", "S"),
    (r"kh|ch(?=[^aeiouy]|$)", "X"),
    (r"zh|z(?=z)", "Z"),
    (r"ch|tsch|cz", "C"),
    (r"ts|tz|c(?![h])", "C"),
    (r"sh|sz", "S"),
    (r"h", "g"),
    (r"w", "v"),
    (r"[eiyj]+", "i"),
    (r"(.)\1+", r"\1"),
))


NO_APOSTROPHES = str.maketrans({c: None for c in APOSTROPHES})
SEPARATORS = re.compile(r"[\s\-‐–—_.]+")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower case, no accents, no apostrophes, hyphens and runs of spaces as one space."""
    text = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(NO_APOSTROPHES)
    return " ".join(SEPARATORS.split(text)).strip()


@lru_cache(maxsize=1 << 18)
def loose_key(name: str) -> str:
    """A key shared by the romanizations of one Cyrillic name (Kondratovka/Kondratowka, Gulyaipole/Huliaipole)."""
    key = fold(name)
    for pattern, replacement in LOOSE_STEPS:
        key = pattern.sub(replacement, key)
    return key


def latin_forms(name: str, language: str | None = None) -> set[str]:
    """The Latin spellings of a Cyrillic name under the common systems; a Latin name is returned as is.

    `language` is "uk" or "ru"; without it the letters decide (і/ї/є/ґ are Ukrainian, ы/э/ъ/ё Russian).
    """
    if not CYRILLIC.search(name):
        return {name}
    if language is None:
        language = "uk" if UKRAINIAN_LETTERS.search(name) else "ru" if RUSSIAN_LETTERS.search(name) else "both"
    forms: set[str] = set()
    if language in ("uk", "both"):
        for system in (translitua.UkrainianKMU, translitua.UkrainianBGN, translitua.UkrainianSimple):
            forms.add(translitua.translit(name, system))
    if language in ("ru", "both"):
        for schema in (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.MOSMETRO):
            forms.add(schema.translate(name))
    return {f.strip() for f in forms if f.strip()}


# Ukrainian spellings of a Russian-speaking source's name, undone. Each rule gives alternatives, since
# the Ukrainian letter does not tell which Russian one it came from (і: и or о; е: е or о).
RUSSIANIZE: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^вов([кч])", (r"вол\1",)),
    (r"івка\b", ("овка", "евка")),
    (r"ів\b", ("ов", "ев")),
    (r"іль\b", ("оль",)),
    (r"і([бвгджзклмнпрстфхчш])\b", (r"о\1", r"е\1")),
    (r"ине\b", ("ино", "иное")),
    (r"іне\b", ("ино",)),
    (r"ове\b", ("ово", "овое")),
    (r"еве\b", ("ево",)),
    (r"([нкцзстр])е\b", (r"\1ое", r"\1о")),
    (r"ське\b", ("ское",)),
    (r"цьке\b", ("цкое",)),
    (r"ий\b", ("ый", "ий")),
    (r"ьськ", ("ск",)),
    (r"ськ", ("ск",)),
    (r"цьк", ("цк",)),
))
LETTERS_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "и": "ы"})


def russian_forms(ukrainian: str, limit: int = 6) -> set[str]:
    """Likely Russian spellings of a Ukrainian Cyrillic place name (Кондратівка -> Кондратовка)."""
    variants = {ukrainian.lower()}
    for pattern, replacements in RUSSIANIZE:
        grown = set()
        for variant in variants:
            if pattern.search(variant):
                grown.update(pattern.sub(r, variant) for r in replacements)
        variants |= grown
        if len(variants) > limit * 4:
            break
    out = set()
    for variant in variants:
        # Ukrainian и is Russian ы in a few roots and и in most; the Russian romanizations of и and ы
        # differ only in i/y, which loose_key merges, so the common reading is enough.
        russian = variant.translate(LETTERS_UK_TO_RU).replace("ы", "и")
        out.add(" ".join(w[:1].upper() + w[1:] for w in russian.split(" ")))
    return set(sorted(out)[: limit])
