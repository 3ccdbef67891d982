"""One report from bytes to facts: read -> clean -> segment -> extract -> merge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.clean import clean
from extract.context import DocContext
from extract.extractors import all_extractors
from extract.facts import Fact, merge
from extract.nlp import segment
from extract.normalize.dates import cache_clear as find_dates_cache_clear
from extract.normalize.text import fold
from extract.read import SourceDocument, read_document


@dataclass(frozen=True)
class DocumentFacts:
    source: SourceDocument
    facts: list[Fact]
    title: str | None


def context_for(source: SourceDocument) -> DocContext:
    cleaned = clean(source.text)
    return DocContext(source, cleaned, segment(cleaned.text))


def forget_sentences() -> None:
    """Empty the per-sentence memos (dates, folding).

    They exist because several extractors read the same sentence; a report
    must not be cheaper because an earlier one had the same sentences, or a
    benchmark over many similar reports would flatter the build.
    """
    find_dates_cache_clear()
    fold.cache_clear()


def extract_source(source: SourceDocument, only: set[str] | None = None) -> DocumentFacts:
    forget_sentences()
    ctx = context_for(source)
    facts: list[Fact] = []
    for name, run in all_extractors().items():
        if only is None or name in only:
            facts.extend(run(ctx))
    title = next((s.text for s in ctx.sentences[:3] if len(s.text) <= 60), None)
    return DocumentFacts(source, merge(facts), title)


def extract_file(path: Path | str, only: set[str] | None = None) -> DocumentFacts:
    """Read and extract one file; raises :class:`extract.read.ReadError` on unreadable input."""
    return extract_source(read_document(path), only)
