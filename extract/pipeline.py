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


# A few lines in the reports' register, made up, touching every extractor.
_WARM_UP_TEXT = """\
110 年度施政績效報告
一、本署於 110 年 3 月 5 日與帛琉簽署移民事務合作瞭解備忘錄，累計已與 20 國簽署。
二、「入出國及移民法」部分條文修正草案經立法院 110 年 5 月 7 日三讀通過，並自同年 6 月 1 日施行。
三、110 年 9 月 8 日辦理「防制人口販運國際工作坊」，計有 15 國 180 人參加。
四、美國國務院人口販運問題報告連續 10 年將我國評為第一級。
五、本年度預算數 246,810 千元，執行數 2 億 3,456 萬 7,000 元，執行率 95.0%。
六、關鍵績效指標：查處逾期停留外來人口，目標值 5,000 人，實際值 5,320 人，達成度 100%。
七、經統計，截至 110 年底在臺居留外來人口計 80 萬 1,234 人。
"""


def warm_up() -> DocumentFacts:
    """Run the whole chain once on a made-up page before any real report.

    Rules compile some patterns and fill some tables on first use; done here,
    in the process that later forks the build's workers, that work is shared
    instead of repeated by every worker on its first report.
    """
    source = SourceDocument("warm-up.txt", "warm-up.txt", _WARM_UP_TEXT, "0" * 64, "utf-8", "text/plain")
    facts = extract_source(source)
    forget_sentences()
    return facts


def extract_file(path: Path | str, only: set[str] | None = None) -> DocumentFacts:
    """Read and extract one file; raises :class:`extract.read.ReadError` on unreadable input."""
    return extract_source(read_document(path), only)
