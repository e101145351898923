"""Short wire-style articles generated from templates written for the tests: many distinct documents with
events, places, dates and figures, for tests that need thousands of them (crash safety, big inputs)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

PLACES = (("Pokrovsk", "Donetsk"), ("Kostiantynivka", "Donetsk"), ("Toretsk", "Donetsk"), ("Siversk", "Donetsk"),
          ("Kupiansk", "Kharkiv"), ("Vovchansk", "Kharkiv"), ("Huliaipole", "Zaporizhzhia"), ("Sumy", "Sumy"),
          ("Kherson", "Kherson"), ("Lyman", "Donetsk"), ("Orikhiv", "Zaporizhzhia"), ("Bilopillia", "Sumy"))
OUTLETS = ("Harbour Wire", "Steppe Courier", "Danube Daily", "Northern Dispatch", "Field Report")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SENTENCES = (
    "Russian forces captured the village near {place} in {oblast} region on {weekday}, the Russian defence ministry "
    "said.",
    "Ukraine's General Staff said its troops repelled {n} Russian assaults near {place} on {weekday}.",
    "A drone strike on {place} killed {n} civilians and injured {m} others, the {oblast} regional governor said.",
    "Russian shelling of {place} damaged {m} homes overnight, local officials said on {weekday}.",
    "Ukrainian forces struck a Russian ammunition depot near {place}, the military said.",
    "Residents of {place} were told to evacuate as fighting moved closer to the town, the {oblast} administration "
    "said.",
)


def article(rng: random.Random, serial: int) -> dict[str, str]:
    """One article as a JSON Lines record: title, outlet, published, text of three to five sentences."""
    day = 1 + rng.randrange(28)
    month = 1 + rng.randrange(12)
    sentences = []
    for _ in range(rng.randint(3, 5)):
        place, oblast = rng.choice(PLACES)
        sentences.append(rng.choice(SENTENCES).format(place=place, oblast=oblast, weekday=rng.choice(WEEKDAYS),
                                                      n=rng.randint(2, 40), m=rng.randint(2, 60)))
    sentences.append(f"This is dispatch {serial} of the {rng.choice(WEEKDAYS).lower()} file.")
    return {"id": f"wire-{serial}", "title": f"Fighting reported near {place}", "outlet": rng.choice(OUTLETS),
            "published": f"2025-{month:02d}-{day:02d}", "text": " ".join(sentences)}


def articles(count: int, seed: int = 1) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for serial in range(count):
        yield article(rng, serial)


def write_jsonl(path: Path, count: int, seed: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in articles(count, seed):
            out.write(json.dumps(record) + "\n")
    return path
