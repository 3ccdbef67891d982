"""What an extractor sees of one report: clean text, sentences, clauses, evidence.

Extractors work in clean-text offsets; :meth:`DocContext.evidence` turns a clean
span into :class:`~extract.facts.Evidence` that cites the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from extract.clean import CleanText
from extract.facts import Evidence
from extract.read import SourceDocument

CLAUSE_BREAK = re.compile(r"[，,；;。：:\n]")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    span: Span

    def clauses(self) -> list[tuple[int, int]]:
        """Clause spans (absolute clean offsets), split at commas and semicolons outside 「」."""
        out = []
        depth = 0
        begin = 0
        for i, ch in enumerate(self.text):
            if ch in "「『":
                depth += 1
            elif ch in "」』":
                depth = max(0, depth - 1)
            elif depth == 0 and CLAUSE_BREAK.match(ch):
                if i > begin:
                    out.append((self.start + begin, self.start + i))
                begin = i + 1
        if begin < len(self.text):
            out.append((self.start + begin, self.end))
        return out


@dataclass
class DocContext:
    source: SourceDocument
    clean: CleanText
    doc: Doc
    _starts: list[int] = field(default_factory=list, repr=False)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def text(self) -> str:
        return self.clean.text

    @cached_property
    def sentences(self) -> list[Sentence]:
        out = []
        whole = self.clean.text
        for s in self.doc.sents:
            text = whole[s.start_char : s.end_char]
            lead = len(text) - len(text.lstrip())
            trail = len(text.rstrip())
            if trail <= lead:
                continue
            out.append(Sentence(s.start_char + lead, s.start_char + trail, text[lead:trail], s))
        self._starts = [s.start for s in out]
        return out

    def sentence_at(self, pos: int) -> Sentence | None:
        sents = self.sentences
        i = bisect_right(self._starts, pos) - 1
        if 0 <= i < len(sents) and sents[i].start <= pos < sents[i].end:
            return sents[i]
        return None

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for clean span ``[start, end)``, trimmed of surrounding space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        raw_start, raw_end = self.clean.raw_span(start, end)
        return Evidence(self.name, raw_start, raw_end, self.text[start:end])
