"""MOU and agreement signings with partner countries, and cumulative MOU counts.

The reports state signings in a few recurring shapes:

* a year-by-year enumeration: `簽訂之...備忘錄或協定係分別於 100 年之蒙古、101 年印尼、甘比亞、102 年...`
* dated signings: `於 106 年 3月 17 日與帛琉共和國、4月 21日與聖文森...分別簽署...備忘錄`
* a dated signing with the instrument's title: `106年3月17日已與帛琉共和國簽署「...合作協定」`
* running totals: `至 106 年底止，共有 19 國`

A country is taken as a partner only in a sentence that names an agreement and
a signing verb, and only with a year stated before it in its own clause:
`加上前已完成簽署之蒙古...` gives no year, so it gives no fact. Clauses about
negotiations, positive replies or exchanges with signatories are not signings.
"""

from __future__ import annotations

import re

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import MouCount, MouSigning
from extract.normalize.countries import find_countries
from extract.normalize.dates import DateMention, find_dates
from extract.normalize.text import fold

AGREEMENT = re.compile(r"備忘錄|MOU|協定|協議")
SIGNED = re.compile(r"(?:簽署|簽訂|簽定|締結|締約)(?!國|意願|之可能)")
# Clauses that talk about signing without reporting one.
NOT_A_SIGNING = re.compile(r"洽談|洽簽|正面回應|回應|研議|推動|規劃|預計|擬|將於|交流|會議|倡議|協助|爭取|意願")
TITLE = re.compile(r"「([^「」]*(?:備忘錄|協定|協議|MOU)[^「」]*)」")
COUNT = re.compile(
    r"(?:共有|計有|共計|累計|總計|合計|已有|達)\s*(\d{1,3})\s*(?:個)?(?:國家?|國)"
    r"|與\s*(\d{1,3})\s*(?:個)?國(?:家)?(?:簽署|簽訂)"
)
TAIWAN = {"TW"}


def _mask_quotes(text: str) -> str:
    """Blank out 「...」 so years and countries inside titles don't act as markers."""
    return re.sub(r"「[^「」]*」", lambda m: " " * len(m.group(0)), text)


def _signing_sentence(sent: Sentence) -> bool:
    masked = _mask_quotes(sent.text)
    return bool(AGREEMENT.search(sent.text) and SIGNED.search(masked))


def _year_markers(sent: Sentence, context_year: int | None) -> list[DateMention]:
    masked = _mask_quotes(fold(sent.text))
    return [d for d in find_dates(masked, context_year) if d.kind in {"date", "fiscal_year"}]


@extractor("mou")
def extract_mous(ctx: DocContext):
    for sent in ctx.sentences:
        if not _signing_sentence(sent):
            continue
        dates = _year_markers(sent, None)
        titles = [(m.start(), m.end(), m.group(1)) for m in TITLE.finditer(sent.text)]
        masked = _mask_quotes(sent.text)
        for c_start, c_end in sent.clauses():
            rel_s, rel_e = c_start - sent.start, c_end - sent.start
            clause = sent.text[rel_s:rel_e]
            if NOT_A_SIGNING.search(_mask_quotes(clause)):
                continue
            countries = [c for c in find_countries(masked[rel_s:rel_e]) if c.iso2 not in TAIWAN]
            countries += _countries_in_titles(titles, rel_s, rel_e, countries)
            for country in countries:
                pos = rel_s + country.start
                before = [d for d in dates if rel_s <= d.start and d.end <= pos]
                if not before:
                    continue
                when = before[-1]
                title = _title_for(country.iso2, titles, rel_s, rel_e, len(countries))
                ev_start, ev_end = _evidence_span(sent, rel_s, rel_e, title)
                yield MouSigning(
                    ctx.evidence(ev_start, ev_end),
                    country_iso2=country.iso2,
                    country_zh=country.surface,
                    year=when.value.year,
                    date=when.value.iso() if when.value.day else None,
                    title_zh=title[2] if title else None,
                    signatory_tw_zh=_tw_party(title[2]) if title else None,
                )


def _countries_in_titles(titles, rel_s, rel_e, found):
    """A title may be the only place a partner is named (`簽署生效「...與蒙古國...備忘錄」`)."""
    if found:
        return []
    out = []
    for t_start, t_end, title in titles:
        if rel_s <= t_start and t_end <= rel_e:
            for c in find_countries(title):
                if c.iso2 not in TAIWAN:
                    # Position the partner at its title so the date before it applies.
                    out.append(type(c)(t_start - rel_s, t_start - rel_s, c.iso2, c.surface))
                    break
    return out


def _title_for(iso2, titles, rel_s, rel_e, n_countries):
    for t in titles:
        t_start, t_end, title = t
        if not (rel_s <= t_start and t_end <= rel_e):
            continue
        if any(c.iso2 == iso2 for c in find_countries(title)) or n_countries == 1:
            return t
    return None


def _tw_party(title: str) -> str | None:
    """The Taiwanese party a title names first (`中華民國內政部與帛琉...` -> `中華民國內政部`)."""
    m = re.match(r"(.{2,30}?)與", title)
    return m.group(1) if m else None


def _evidence_span(sent: Sentence, rel_s, rel_e, title):
    """The clause that states the signing, stretched to its title when that runs on."""
    end = max(rel_e, title[1]) if title else rel_e
    return sent.start + rel_s, sent.start + end


@extractor("mou_count")
def extract_mou_counts(ctx: DocContext):
    for sent in ctx.sentences:
        if not _signing_sentence(sent):
            continue
        folded = fold(sent.text)
        for m in COUNT.finditer(folded):
            count = int(m.group(1) or m.group(2))
            # The as-of date is the nearest as-of or year-end date before the count.
            dates = [d for d in find_dates(folded[: m.start()]) if d.kind == "as_of"]
            if not dates or count < 2:
                continue
            as_of = dates[-1]
            yield MouCount(
                ctx.evidence(sent.start + as_of.start, sent.start + m.end()),
                as_of=as_of.value.iso(),
                count=count,
            )
