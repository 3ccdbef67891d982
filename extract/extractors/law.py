"""Law events: third readings, promulgation, amendment, issue, entry into force, drafts.

The reports state them in two registers. Prose: `「人口販運防制法」於 98年 1 月 23
日制定公布，並於同年 6 月 1 日施行`; `「入出國及移民法部分條文修正草案」業經立法院
於 112 年 5 月 30 日三讀通過`. Gazette listings: `入出國及移民法中華民國 111 年 1 月
12 日總統華總一義字第 ... 號令修正公布 第 4 ～ 8、13 ～ 15 ... 條條文`.

Each date is read with the verb phrase that follows it, up to the next date:
that phrase decides the event code. The law is the last law named before the
date (a later sentence about "施行日期" still speaks of it), or the quoted law
right after the verb (`於 98 年 6 月施行「人口販運防制法」`).
"""

from __future__ import annotations

import re

from extract.context import DocContext
from extract.extractors import extractor
from extract.facts import LawEvent
from extract.normalize.dates import find_dates
from extract.normalize.text import fold

_SUFFIX = r"(?:法|條例|辦法|細則|標準|要點|規則|準則|基準|通則)"
QUOTED_LAW = re.compile(rf"「([^「」]{{2,60}}?{_SUFFIX})(?:部分條文)?(?:修正)?(?:草案)?」")
# A law named without quotes right before its date (`入出國及移民法自 98 年`,
# `...認定標準中華民國 111 年`), starting after punctuation or a gazette heading.
BARE_LAW = re.compile(
    rf"(?:^|[，。；、：\n)）]|法律|法規命令|行政規則)\s*(?:\(\d+\)\s*)?(?:法律|法規命令|行政規則)?"
    rf"([\u4e00-\u9fff（）()]{{2,40}}?{_SUFFIX})(?:部分條文)?(?:修正)?(?:草案)?\s*(?=(?:自|於|業經|經|中華民國)\s*)"
)
ORG_QUOTED = re.compile(r"「([^「」]{2,30}(?:署|部|局|院|會|處))」")

# Verb phrases, most specific first.
EVENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"三讀(?:通過|完成)"), "passed_third_reading"),
    # A bill's steps before the legislature votes: cabinet approval, sent on for review.
    (re.compile(r"院會(?:審查)?通過|(?:函送|函請|送請|送交)立法院|(?:陳報|函報|報請)行政院"), "draft"),
    (re.compile(r"制[(（]?訂?[)）]?定(?:並)?公布|制定"), "enacted"),
    (re.compile(r"修正公布|修正通過"), "amended"),
    (re.compile(r"修正發布"), "amended"),
    (re.compile(r"訂定發布|發布(?!定自)"), "issued"),
    (re.compile(r"(?<!修正)公布(?!後)"), "promulgated"),
    (re.compile(r"施行|生效|實施"), "effective"),
]
DRAFT = re.compile(r"(?:擬具|研擬|提出|函送|陳報)[^，。；]{0,8}?「([^「」]{2,60}?" + _SUFFIX + r")」?(?:部分條文)?修正草案|「([^「」]{2,60}?" + _SUFFIX + r")(?:部分條文)?修正草案」(?!業經|經立法院|已)")
ARTICLES = re.compile(r"第\s*((?:\d+(?:-\d+)?\s*(?:[~～至\-]\s*\d+(?:-\d+)?)?\s*[、,及與]?\s*)+)\s*(?:條|點)")
SAME_DAY = re.compile(r"(?:並)?自(?:發布|公布)(?:之)?日(?:起)?(?:施行|生效)|(?:並)?自同日(?:起)?(?:施行|生效)|(?:並)?自即日(?:起)?(?:施行|生效)")
# What may follow a law's verb: the end of the clause, the law itself, the articles, a second
# verb (`公布施行`), time (`迄今`, `後`), the review it goes to (`函送立法院審議`).
AFTER_VERB = re.compile(r"\s*(?:$|[，,。；;：:、)）]|「|全文|第|部分條文|條文|施行|生效|在案|迄|至今|以來|後|之|審議|審查|核轉|並|及|與)")
NOT_LAW_CONTEXT = re.compile(r"(?:講習|宣導|會議|研討|訓練|活動|記者會)")
# A month typed as a second 年 (`111 年 5 年 18 日`): in a dated order it can only be the month.
MONTH_TYPO = re.compile(r"(\d{2,3}\s*年\s*(?:0?[1-9]|1[0-2])\s*)年(?=\s*\d{1,2}\s*日)")


def _dates(folded: str):
    return find_dates(MONTH_TYPO.sub(r"\1月", folded))


def _law_names(text: str) -> list[tuple[int, int, str]]:
    found = [(m.start(1), m.end(1), m.group(1)) for m in QUOTED_LAW.finditer(text)]
    for m in BARE_LAW.finditer(text):
        found.append((m.start(1), m.end(1), m.group(1)))
    return sorted(found)


def canonical_law(name: str, sentence: str, at: int) -> str | None:
    """`入出國及移民法部分條文修正草案` -> `入出國及移民法`; a bare `組織法` takes its agency's name."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"(?:部分條文)?(?:修正)?(?:草案)?$", "", name)
    if name in {"組織法", "本法", "該法", "同法"}:
        if name != "組織法":
            return None
        orgs = [m for m in ORG_QUOTED.finditer(sentence) if m.end() <= at]
        return orgs[-1].group(1) + name if orgs else None
    return name


def _articles(phrase: str) -> str | None:
    """`第 4 ～ 8、13 條` -> `4-8,13`; a list of groups (`第 2 點及第 18 點`) is read whole."""
    folded = fold(phrase)
    parts: list[str] = []
    last = None
    for m in ARTICLES.finditer(folded):
        if last is not None and not re.fullmatch(r"[\s、,及與和]*", folded[last:m.start()]):
            break
        text = re.sub(r"\s+", "", m.group(1))
        text = re.sub(r"[~～至]", "-", text)
        parts += [p for p in re.split(r"[、,及與]", text) if p]
        last = m.end()
    return ",".join(parts) or None


@extractor("law_event")
def extract_law_events(ctx: DocContext):
    """Each event once: a date restated less precisely (`98 年 6 月施行` after `98 年 6 月 1 日施行`)
    is the same event, not another one."""
    found = list(_law_events(ctx))
    dates: dict[tuple, set[str]] = {}
    for f in found:
        if f.date:
            dates.setdefault((f.law_zh, f.event), set()).add(f.date)
    for f in found:
        stated = dates.get((f.law_zh, f.event), set())
        if f.date is None and stated:
            continue  # `擬具...修正草案` and, elsewhere, the day the draft went to the cabinet
        if f.date and any(d.startswith(f.date + "-") for d in stated):
            continue
        yield f


def _law_events(ctx: DocContext):
    current: tuple | None = None  # (law, sentence index[, last date]) carried across sentences
    for para, sent in enumerate(ctx.sentences):
        text = sent.text
        folded = fold(text)
        # A law stays the subject for the next two sentences (`施行日期，由行政院定之。`).
        if current and para - current[1] > 2:
            current = None
        names = _law_names(text)
        yield from _drafts(ctx, sent, text)
        dates = _dates(folded)
        for k, d in enumerate(dates):
            nxt = dates[k + 1].start if k + 1 < len(dates) else len(text)
            phrase = text[d.end:nxt]
            clause_end = re.search(r"[。；]", phrase)
            phrase = phrase[: clause_end.start()] if clause_end else phrase
            if "定自" in phrase:
                continue
            found = _event_of(phrase)
            if found is None or NOT_LAW_CONTEXT.search(phrase[: found[1]]):
                continue
            event, verb_at = found
            if event == "draft" and "草案" not in text[: d.end + verb_at]:
                continue  # only a bill (`修正草案`) is drafted; a plan sent to the cabinet is not a law event
            if not AFTER_VERB.match(phrase, verb_at):
                continue  # the verb has an object of its own (`發布新聞稿`, `實施落地採檢措施`): not the law's event
            obj = re.match(r"[^「」，。]{0,4}「([^「」]+)」", phrase[verb_at:])
            if obj and not QUOTED_LAW.match(f"「{obj.group(1)}」"):
                continue  # the verb's object is a report or plan, not a law (`公布「2022 年人口販運問題報告」`)
            law = _law_for(names, text, d.start, d.end, phrase, current)
            if law is None:
                continue
            when = d.value
            articles = _articles(phrase) if event in {"amended", "issued", "promulgated", "passed_third_reading"} else None
            ev_end = d.end + len(phrase)
            yield LawEvent(
                ctx.evidence(sent.start + _evidence_start(text, names, d.start), sent.start + _clause_end(text, d.end + verb_at, ev_end)),
                law_zh=law,
                event=event,
                date=when.iso(),
                year=when.year,
                articles=articles,
                effect_zh=_effect(text, d.start, d.end + verb_at, ev_end),
            )
            verb_end = d.end + verb_at
            if event != "effective" and SAME_DAY.search(text[verb_end:ev_end + 40] if k + 1 == len(dates) else text[verb_end:dates[k + 1].start]):
                yield LawEvent(
                    ctx.evidence(sent.start + _evidence_start(text, names, d.start), sent.start + len(text)),
                    law_zh=law, event="effective", date=when.iso(), year=when.year,
                )
            current = (law, para, when)
        if not dates and current and len(current) == 3 and SAME_DAY.match(folded.strip()):
            # `...號令訂定發布全文 7 條；並自發布日施行。`: in force the day it was issued.
            law, _, when = current
            yield LawEvent(ctx.evidence(sent.start, sent.end), law_zh=law, event="effective",
                           date=when.iso(), year=when.year)
        if names:
            last = names[-1]
            law = canonical_law(last[2], text, last[0])
            if law and (not current or current[0] != law):
                current = (law, para)


def _event_of(phrase: str) -> tuple[str, int] | None:
    """The event code of the verb phrase after a date, and where the verb ends."""
    head = phrase[:40]
    for pattern, code in EVENTS:
        m = pattern.search(head)
        if m and (not re.search(r"[，,]", head[: m.start()]) or re.match(r"\s*(?:經|由)", head)):
            return code, m.end()
    return None


def _law_for(names, text, d_start, d_end, phrase, current) -> str | None:
    before = [n for n in names if n[1] <= d_start]
    if before:
        start, end, name = before[-1]
        # Only a law named in this stretch of text: not one several clauses back
        # when another subject intervened.
        return canonical_law(name, text, start)
    after = [n for n in names if d_end <= n[0] <= d_end + len(phrase)]
    if after:
        return canonical_law(after[0][2], text, after[0][0])
    return current[0] if current else None


def _clause_end(text: str, verb_end: int, limit: int) -> int:
    """End the evidence with the clause of the verb (and the effect it states, if any)."""
    m = re.compile(r"[，,。；]").search(text, verb_end, limit)
    if m is None:
        return limit
    effect = _effect(text, 0, verb_end, limit)
    return text.find(effect, verb_end) + len(effect) if effect and effect in text[verb_end:] else m.start()


def _evidence_start(text: str, names, d_start: int) -> int:
    """Start the evidence at the clause that names the law (or holds the date), not mid-sentence."""
    before = [n for n in names if n[1] <= d_start]
    anchor = before[-1][0] if before else d_start
    cut = max(text.rfind(p, 0, anchor) for p in "，,；：:。")
    return cut + 1 if cut >= 0 else 0


EFFECT_VERB = r"(?:強化|簡化|放寬|鬆綁|增加|增列|新增|提升|保障|延長|縮短|明定|增訂|刪除|擴大|提高|降低|加重|納入)"


def _effect(text: str, start: int, verb_end: int, end: int) -> str | None:
    """What the change does, when the sentence says so right after the event."""
    m = re.match(rf"[^，,。；]{{0,12}}[，,]\s*({EFFECT_VERB}[^。；，,]{{2,40}}(?:[，,]{EFFECT_VERB}[^。；，,「」]{{2,40}})*)",
                 text[verb_end:])
    if m:
        return m.group(1).strip("，, ")
    m = re.search(r"透過([^，。；]{4,60})", text[:start])
    if m:
        return m.group(1).strip()
    return None


def _drafts(ctx: DocContext, sent, text: str):
    for m in DRAFT.finditer(text):
        name = m.group(1) or m.group(2)
        law = canonical_law(name, text, m.start())
        if law:
            yield LawEvent(ctx.evidence(sent.start + m.start(), sent.start + m.end()), law_zh=law, event="draft")
