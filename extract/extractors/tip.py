"""Taiwan's tier in the US Trafficking in Persons report, and its running streak.

The reports state the tier in a few recurring shapes:

* a year and the listing: `102 年臺灣列名第一級國家`
* the report's release date, then the rating: `美國國務院於 106 年 6月 27 日人口販運問題報告，
  將臺灣評列為「第一級」國家（已連續 8年獲評為第一級國家）`
* a fiscal year: `106 年度已獲得美國國務院人口販運問題報告將臺灣評列為「第一級」國家`
* a streak with its years spelled out: `已連續 3 年（2010、2011 及 2012 年）獲得美國國務院
  評等為最佳成效之第 1 級國家`
* a streak in a headline and body: `連續 13 年第 1 級美國國務院於 111 年 7 月 19 日公布
  「2022 年人口販運問題報告」...我國防制績效連續 13 年經評列為第 1 級國家`

A tier counts only when a rating verb puts Taiwan (`臺灣`, `我國`) on it; the
tallies of other countries in the same sentence (`其中第一級國家 30國`) have no
verb. The year is the one the sentence gives before the rating (all dates there
must agree), or the years listed with the streak; a sentence that gives none
(`我國連續兩年成為...第一級國家`) or talks about targets gives no fact.
"""

from __future__ import annotations

import re

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import TipStreak, TipTier
from extract.normalize.dates import find_dates
from extract.normalize.text import fold

# Folded text turns full-width commas and colons into ASCII ones.
CLAUSE_PUNCT = "，；。：,;:"
TIP_TOPIC = re.compile(r"人口販運|國務院")
TAIWAN = re.compile(r"臺灣|台灣|我國")
_CN = "一二兩三四五六七八九十"
TIER = re.compile(
    r"(?:列名|評列為|評列|評為|列為|獲評為|評等為|成為|評定為|名列)[^，。；,;]{0,12}?"
    r"「?第\s*([一二三1-3])\s*級」?(?!\s*觀察)\s*(?:國家|的?名單|佳績|之列)"
)
STREAK = re.compile(rf"連續\s*(\d{{1,2}}|[{_CN}]{{1,3}})\s*年")
YEAR_LIST = re.compile(r"\s*[（(]\s*((?:\d{4}\s*年?\s*[、,及和與]?\s*)+)[）)]")
REPORT_TITLE_YEAR = re.compile(r"「\s*(\d{4})\s*年?\s*(?:美國)?(?:國務院)?\s*人口販運(?:問題)?報告\s*」")
# Sentences that state what the agency aims for rather than what happened.
TARGET = re.compile(r"目標值|衡量標準|預計|預定|希望|期能|爭取|為持續達到")
LIST_MARKER = re.compile(r"\s*(?:[(（]?\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\s*[)）、.．]\s*)+")


def cn_int(text: str) -> int | None:
    """`8` -> 8, `兩` -> 2, `十三` -> 13; None for anything else."""
    text = fold(text).strip()
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["兩"] = 2
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return digits[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _mask_quotes(text: str) -> str:
    return re.sub(r"「[^「」]*」", lambda m: " " * len(m.group(0)), text)


def _listed_years(text: str, streak: re.Match) -> list[int] | None:
    """The years a streak spells out right after itself, when they add up to it."""
    m = YEAR_LIST.match(text, streak.end())
    if not m:
        return None
    years = [int(y) for y in re.findall(r"\d{4}", m.group(1))]
    n = cn_int(streak.group(1))
    return years if years and len(years) == n else None


def _report_year(sent: Sentence, before: int) -> tuple[int, int] | None:
    """The year a sentence reports the rating for, and where it is stated.

    Every date before the rating must agree: a row of years (a KPI table
    header) does not say which year the rating belongs to.
    """
    text = fold(sent.text)
    titles = [m for m in REPORT_TITLE_YEAR.finditer(text) if m.end() <= before]
    dates = [d for d in find_dates(_mask_quotes(text)[:before]) if d.kind in {"date", "fiscal_year"}]
    years = {d.value.year for d in dates} | {int(m.group(1)) for m in titles}
    if len(years) != 1:
        return None
    anchors = [d.start for d in dates] + [m.start() for m in titles]
    return years.pop(), min(anchors)


def _clause_start(text: str, pos: int, breaks: str = CLAUSE_PUNCT) -> int:
    """Where the clause holding ``pos`` starts, past any list marker (`１、`, `(二)`)."""
    cut = max(text.rfind(p, 0, pos) for p in breaks) + 1
    marker = LIST_MARKER.match(text, cut)
    return marker.end() if marker and marker.end() <= pos else cut


def _is_tip_sentence(sent: Sentence) -> bool:
    return bool(TIP_TOPIC.search(sent.text)) and not TARGET.search(sent.text)


def _taiwan_tiers(sent: Sentence) -> list[re.Match]:
    text = fold(sent.text)
    return [m for m in TIER.finditer(text) if TAIWAN.search(text, 0, m.start())]


def _tier_value(raw: str) -> int:
    return cn_int(raw) or 0


@extractor("tip_tier")
def extract_tip_tiers(ctx: DocContext):
    for sent in ctx.sentences:
        if not _is_tip_sentence(sent):
            continue
        text = fold(sent.text)
        for tier in _taiwan_tiers(sent):
            value = _tier_value(tier.group(1))
            streaks = [s for s in STREAK.finditer(text, 0, tier.start()) if _listed_years(text, s)]
            if streaks:
                for year in _listed_years(text, streaks[-1]):
                    ev_start = _clause_start(text, streaks[-1].start())
                    yield TipTier(ctx.evidence(sent.start + ev_start, sent.start + tier.end()), year=year, tier=value)
                continue
            found = _report_year(sent, tier.start())
            if found is None:
                continue
            year, at = found
            ev_start = _clause_start(text, at)
            yield TipTier(ctx.evidence(sent.start + ev_start, sent.start + tier.end()), year=year, tier=value)


@extractor("tip_streak")
def extract_tip_streaks(ctx: DocContext):
    for sent in ctx.sentences:
        if not _is_tip_sentence(sent):
            continue
        tiers = _taiwan_tiers(sent)
        if not tiers:
            continue
        text = fold(sent.text)
        for streak in STREAK.finditer(text):
            n = cn_int(streak.group(1))
            if not n:
                continue
            listed = _listed_years(text, streak)
            if listed:
                as_of = max(listed)
            else:
                found = _report_year(sent, max(t.start() for t in tiers))
                if found is None:
                    continue
                as_of = found[0]
            ev_start = _clause_start(text, streak.start(), CLAUSE_PUNCT + "(")
            ev_end = next((t.end() for t in tiers if t.end() > streak.end()), _clause_end(text, streak.end()))
            ev_end = min(ev_end, _clause_end(text, streak.end()))
            yield TipStreak(ctx.evidence(sent.start + ev_start, sent.start + ev_end), as_of=as_of, consecutive_years=n)


def _clause_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(p, pos) for p in "，；。,;") if i >= 0]
    return min(ends) if ends else len(text)
