"""Benchmarks for the "scale and speed" questions: how fast, how big, and does it stay linear.

`python -m kg.bench` generates corpora from the bundled reports at 10x, 100x and
1000x (see :mod:`kg.bench.corpus`), builds them with `kg build --jobs 2`, and
prints one ``name: value`` line per figure. Figures are reported, never
asserted: timings vary from machine to machine and do not belong in tests.
"""
