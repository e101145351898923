"""Named registries for the pluggable parts: input readers, analysis stages and export formats.

Built-in parts register through the same decorators a third-party package uses; packages can also
register through the entry-point groups `sitrep_readers`, `sitrep_stages` and `sitrep_exporters`.
"""

from __future__ import annotations

import catalogue

readers = catalogue.create("sitrep", "readers", entry_points=True)
stages = catalogue.create("sitrep", "stages", entry_points=True)
exporters = catalogue.create("sitrep", "exporters", entry_points=True)
