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
from spacy.attrs import IDX, LENGTH, SENT_START
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


_BREAKS = re.compile("[" + re.escape(SENTENCE_END) + "\n]")


def doc_text(doc: Doc) -> str:
    """The text a Doc was made from; ``doc.text`` rebuilds it token by token, which is slow."""
    text = doc.user_data.get("nia_text")
    return text if text is not None else doc.text


@Language.component("nia_sentences")
def nia_sentences(doc: Doc) -> Doc:
    """Sentence starts after final punctuation and after kept line breaks.

    Worked out on arrays of token offsets rather than Token objects, and set in
    one call: per-token access is the slowest part of a spaCy pipeline here.
    """
    n = len(doc)
    if not n:
        return doc
    text = doc_text(doc)
    offsets = doc.to_array([IDX, LENGTH]).astype("int64")
    ends = offsets[:, 0] + offsets[:, 1]
    hits = [(m.start(), m.group() == "\n") for m in _BREAKS.finditer(text)]
    starts = numpy.full(n, -1, dtype="int64")
    starts[0] = 1
    if hits:
        pos = numpy.fromiter((h[0] for h in hits), dtype="int64", count=len(hits))
        newline = numpy.fromiter((h[1] for h in hits), dtype=bool, count=len(hits))
        tok = numpy.searchsorted(offsets[:, 0], pos, side="right") - 1
        inside = pos < ends[tok]  # not in the white space after a token
        # A token ending in final punctuation, or holding a line break, ends its sentence.
        breaks = inside & (newline | (pos == ends[tok] - 1))
        following = tok[breaks] + 1
        starts[following[following < n]] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
    return doc


@Language.component("nia_entities")
def nia_entities(doc: Doc) -> Doc:
    """Dates, money, percentages, countries and quoted law names as entities."""
    text = doc_text(doc)
    found: list[tuple[int, int, str, object]] = []
    for sent in doc.sents:
        base = sent.start_char
        # Dates inherit the year of the sentence's earlier dates only.
        for d in find_dates(text[base : sent.end_char]):
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
    # Tokens carry their text and offsets only. spaCy otherwise computes a dozen
    # lexical attributes (shape, like_num, like_url, ...) for every word type it
    # has not seen, and every figure in a report is a new word type: that was
    # most of what a report costs the first time. No rule reads them.
    nlp.vocab.lex_attr_getters = {}
    nlp.add_pipe("nia_sentences")
    nlp.add_pipe("nia_entities")
    nlp.max_length = 50_000_000
    return nlp


def segment(text: str, *, entities: bool = False) -> Doc:
    """Tokens and sentences; with ``entities``, also the normalised entities.

    The build asks for sentences only: every extractor reads its values with the
    normalisers, clause by clause, so entities over the whole text would be work
    no fact uses (about 5% of a build). They are there for exploring a report
    (`doc.ents` with ``span._.value``) and for rules that want them.
    """
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc.user_data["nia_text"] = text
    for name, component in nlp.pipeline:
        if entities or name != "nia_entities":
            doc = component(doc)
    return doc
