"""Fuzzing of sitrep: targets shared by atheris (run.py, `make fuzz`) and the property tests (tests/test_fuzz.py)."""
