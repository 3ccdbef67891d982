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

from kg.bench.querybench import _fact_iri_pattern

def _renamed(text: str, tag: str, facts: re.Pattern[str]) -> str:
    """Every document (its graph, node, mentions and file name) and every fact under a new name."""
    for marker in ("/document/", "/mention/", '#fileName> "'):
        text = text.replace(marker, marker + tag)
    return facts.sub(rf"\g<0>{tag}", text)


def prefill(store_dir: Path, source_store: Path, copies: int) -> int:
    """Bulk-load ``copies`` renamed copies of ``source_store``'s graphs into ``store_dir``; returns the quads loaded."""
    import pyoxigraph as ox

    text = ox.Store.read_only(str(source_store)).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    facts = _fact_iri_pattern(text.splitlines())
    target = ox.Store(str(store_dir))
    loaded = 0
    for k in range(1, copies + 1):
        renamed = _renamed(text, f"pre{k}-", facts)
        # Our own serialiser wrote these IRIs: re-validating them would only slow the fill.
        target.bulk_load(renamed.encode("utf-8"), ox.RdfFormat.N_QUADS, lenient=True)
        loaded += renamed.count("\n")
    target.flush()
    # Compact now, as a store that grew over years would be: otherwise the
    # build measured next would pay for compacting the copies.
    target.optimize()
    del target
    return loaded
