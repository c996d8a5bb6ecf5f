"""Benchmarks, run as scripts (.venv/bin/python bench/NAME.py); a package so tests can import
the anonymizer benchmark's labelled corpus (bench/anonymize_corpus.py)."""
