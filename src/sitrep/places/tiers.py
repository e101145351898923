"""Which gazetteer a run uses: the tier chosen, built first where the default tier is missing or was built by
other code, opened once per file version per process.

Apart from gazetteer.py (the file format) so that reading a gazetteer never imports the code that builds one."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sitrep.errors import StoreError
from sitrep.places.build import build
from sitrep.places.gazetteer import Gazetteer, needs_build, resolve_choice, tier_path


def open_gazetteer(choice: str | None = None) -> Gazetteer:
    """Open the chosen gazetteer, building the default tier first where it is missing or out of date."""
    path = resolve_choice(choice)
    if path == tier_path("default") and needs_build(path):
        build(path)
    elif not path.exists():
        if path == tier_path("full"):
            raise StoreError(f"the full gazetteer is not installed ({path}); run `sitrep gazetteer install UA RU`")
        raise StoreError(f"{path}: no gazetteer there; use default, full or the path of a gazetteer file")
    return Gazetteer(path)


def gazetteer_for(choice: str | None) -> Gazetteer:
    """The chosen gazetteer, built first if it must be, opened once per file version per process."""
    path = resolve_choice(choice)
    if not path.exists() or (path == tier_path("default") and _stale(str(path), path.stat().st_mtime_ns)):
        open_gazetteer(choice).close()  # builds the default tier, or says what is missing
    return _opened(str(path), path.stat().st_mtime_ns)


@cache
def _stale(path: str, mtime_ns: int) -> bool:
    return needs_build(Path(path))


@cache
def _opened(path: str, mtime_ns: int) -> Gazetteer:
    return Gazetteer(Path(path))
