"""The spaCy pipeline: a blank `zh` language with jieba segmentation and rule components.

No trained Chinese model can be downloaded where this runs, and the genre is
regular enough for rules: sentences end at `。！？；` or at a structural line
break kept by cleaning, and the entities the extractors need (dates, amounts,
countries, law names) are recognised by the normalisers. Each entity carries
its normalised value (``span._.value``) and its exact character span
(``span._.chars``), because jieba tokens need not end where a date does.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.normalize.countries import find_countries, gazetteer
from extract.normalize.dates import find_dates
from extract.normalize.numbers import find_money, find_percents

SENTENCE_END = "。！？；!?;"
LAW_NAME = re.compile(r"「([^「」]{2,60}?(?:法|條例|辦法|細則|標準|要點|規則|準則|基準|通則))(?:部分條文)?(?:修正)?(?:草案)?」")

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)
    Span.set_extension("chars", default=None)


@Language.component("nia_sentences")
def nia_sentences(doc: Doc) -> Doc:
    """Sentence starts after final punctuation and after kept line breaks."""
    # Set all starts in one array: per-token assignment is quadratic in spaCy.
    starts = numpy.full(len(doc), -1, dtype="int64")
    start = True
    for i, token in enumerate(doc):
        if start:
            starts[i] = 1
        text = token.text
        start = bool(text) and (text[-1] in SENTENCE_END or "\n" in text)
    if len(doc):
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
    return doc


@Language.component("nia_entities")
def nia_entities(doc: Doc) -> Doc:
    """Dates, money, percentages, countries and quoted law names as entities."""
    text = doc.text
    found: list[tuple[int, int, str, object]] = []
    for sent in doc.sents:
        base = sent.start_char
        # Dates inherit the year of the sentence's earlier dates only.
        for d in find_dates(sent.text):
            found.append((base + d.start, base + d.end, "DATE", d))
    for a in find_money(text):
        found.append((a.start, a.end, "MONEY", a.value))
    for p in find_percents(text):
        found.append((p.start, p.end, "PERCENT", p.value))
    for c in find_countries(text):
        found.append((c.start, c.end, "GPE", c.iso2))
    for m in LAW_NAME.finditer(text):
        found.append((m.start(1), m.end(1), "LAW", m.group(1)))
    spans = []
    for start, end, label, value in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        span._.value = value
        span._.chars = (start, end)
        spans.append(span)
    doc.ents = filter_spans(spans)
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The shared pipeline; building it loads jieba's dictionary once per process."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    for name in gazetteer():
        jieba.add_word(name, freq=2000)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("nia_sentences")
    nlp.add_pipe("nia_entities")
    nlp.max_length = 50_000_000
    return nlp


def segment(text: str) -> Doc:
    return pipeline()(text)
