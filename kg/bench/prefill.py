"""A store that already holds a 1000x corpus, for building the sampled 1000x documents into.

Extracting 1000x the bundled reports (~180 MB) takes longer than the whole
benchmark may, so only a sample is built. Built into an empty store, the sample
would say nothing about 1000x: the question is whether writes and memory stay
flat when the store is large. So the store is first filled with renamed copies
of the 100x build (document, graph, mention and fact IRIs, and file names, all
renamed, so nothing collapses), then the sample is built into it for real.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg import iri
from kg.bench.querybench import _fact_iri_pattern

def _markers(lines: list[str]) -> re.Pattern[str]:
    """What a copy's tag follows: the path before every document name (in its graph, node,
    mentions and file name) and every fact IRI's prefix."""
    facts = _fact_iri_pattern(lines).pattern  # `<…/id/(?:statistic|kpi|…)/`
    return re.compile(rf"(/document/|/mention/|#fileName> \"|{facts})")


def _pieces(text: str, markers: re.Pattern[str]) -> list[str]:
    """``text`` cut right after every marker, so that ``tag.join(pieces)`` is a renamed copy."""
    parts = markers.split(text)  # text, marker, text, marker, …, text
    pieces = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    pieces.append(parts[-1])
    return pieces


def prefill(store_dir: Path, source_store: Path, copies: int) -> int:
    """Bulk-load ``copies`` renamed copies of ``source_store``'s graphs into ``store_dir``; returns the quads loaded."""
    import pyoxigraph as ox

    text = ox.Store.read_only(str(source_store)).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    # Split once at every place a name changes; each copy is then one join with its tag.
    pieces = _pieces(text, _markers(text.splitlines()))
    lines = text.count("\n")
    del text
    target = ox.Store(str(store_dir))
    for k in range(1, copies + 1):
        copy = f"pre{k}-".join(pieces).encode("utf-8")
        # Our own serialiser wrote these IRIs: re-validating them would only slow the fill.
        target.bulk_load(copy, ox.RdfFormat.N_QUADS, lenient=True)
    target.flush()
    # Compact now, as a store that grew over years would be: otherwise the
    # build measured next would pay for compacting the copies.
    target.optimize()
    del target
    return lines * copies
