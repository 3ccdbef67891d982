"""The segmentation floor: jieba alone over the same files with the same number of processes.

Word segmentation is the one step no rule-based extractor can skip, so a build
can at best approach the speed of jieba cutting the same text (as spaCy's
tokenizer calls it: ``cut(text, cut_all=False)``, with the HMM for unknown
words). The ratio of build throughput to this floor says how much the rest of
the pipeline (cleaning, rules, RDF mapping, store writes) costs on top.

Measured warm, as the build is: jieba's dictionary is loaded once before the
clock starts and the workers fork from that process, as the build's do; and
the files are handed out as the build hands them, one at a time, largest
first, so a corpus with one big report is as uneven for jieba as for the build.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.build import pool_context


def _load() -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _ready(_: int) -> int:
    return 0


def _cut(path: str) -> int:
    import jieba

    text = Path(path).read_text(encoding="utf-8")
    return sum(1 for w in jieba.cut(text, cut_all=False) if w)


def jieba_seconds(paths: list[Path], jobs: int) -> tuple[float, int]:
    """Wall seconds for ``jobs`` processes to segment every file, and the number of words cut."""
    _load()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=pool_context(), initializer=_load) as pool:
        list(pool.map(_ready, range(jobs * 4)))  # every worker started and loaded
        start = time.perf_counter()
        largest_first = sorted(paths, key=lambda p: p.stat().st_size, reverse=True)
        words = sum(pool.map(_cut, map(str, largest_first)))
        return time.perf_counter() - start, words
