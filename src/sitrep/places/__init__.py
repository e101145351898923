"""Places: the gazetteer (gazetteer.py, the file format; build.py and geonames.py, how its tiers are made;
tiers.py, which one a run opens), the recognition and resolution of place names in a text (names.py,
recognize.py, resolve.py) and the `places` stage that runs them (stage.py).

Importing the package loads none of them: the ledger and the outputs read the gazetteer without the
recognition code."""
