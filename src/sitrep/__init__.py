"""sitrep: a sourced, geolocated ledger of what news reporting claims happened in a war."""

__version__ = "0.1.0"
