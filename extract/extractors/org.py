"""Organisation: the agency's internal units with their mandates, and dated organisational history.

Units come in two shapes:

* a numbered list after a sentence naming the parent (`入出國及移民署設下列各組、室、大隊:`):
  `(1)入出國事務組－掌理入出國政策之擬訂...事項。` -> unit, parent, mandate (the item's text);
* a run of units in one sentence: `人事室為辦理同仁職務任免...；主計室為本署各項經費編列...；
  訓練中心負責...` -> unit and mandate, parent unknown.

History is a date followed by an organisational verb: `行政院核定於 96 年 1 月 2 日正式成立運作`
(established; the body is the quoted name earlier in the sentence, `成立「內政部入出國及移民署」`),
`於 104 年 6 月 16 日成立新住民事務協調會報` (the body named after the verb),
`該會報於 109 年 5 月 8 日更名為「...」` (renamed; the body is the name it had, quoted before).
Only names that end like an organisation (署, 局, 會報, 中心...) count: funds, systems and plans
set up on a date are not organisations.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.context import DocContext
from extract.extractors import extractor
from extract.facts import OrgHistory, OrgUnit
from extract.normalize.dates import find_dates
from extract.normalize.text import fold

UNIT_SUFFIX = r"(?:組|室|大隊|中心|科|處|隊|所|站)"
ORG_SUFFIX = r"(?:署|局|處|部|司|院|委員會|會報|中心|組|室|大隊|隊|小組|辦公室)"
LIST_ITEM = re.compile(
    rf"^\s*(?:[(（]\s*\d{{1,2}}\s*[)）]|(?P<plain>\d{{1,2}}\s*[.．、]))\s*(?P<unit>[\u4e00-\u9fff]{{2,12}}?{UNIT_SUFFIX})\s*[－—\-–：:]\s*"
    r"(?P<mandate>(?:掌理|辦理|負責|綜理|職掌)[^\n]*?)\s*。?\s*$"
)
PARENT = re.compile(r"(?:^|[\s.、])(?P<parent>[\u4e00-\u9fff（）()]{3,20}?)\s*(?:下)?(?:設|置)(?:有)?(?:下列|左列|以下)")
_UNIT_VERB = r"(?:負責|職掌|掌理|辦理|推動)"
# A unit, then its mandate up to the end of the clause or where the next unit begins.
INLINE_UNIT = re.compile(
    rf"(?:^|[；;，,、]|\s)(?P<unit>[\u4e00-\u9fff]{{1,8}}{UNIT_SUFFIX})(?:為|(?={_UNIT_VERB}))"
    rf"(?P<mandate>(?:(?![，,]\s*[\u4e00-\u9fff]{{1,8}}{UNIT_SUFFIX}(?:為|{_UNIT_VERB}))[^；;。]){{4,120}})"
)
ORG_NAME = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,40}}?{ORG_SUFFIX}$")
QUOTED = re.compile(r"「([^「」]{2,40})」")
VERBS = [
    (re.compile(r"(?:正式)?(?:成立|設立|揭牌)"), "established"),
    (re.compile(r"(?:更名|改名|易名)為"), "renamed"),
    (re.compile(r"(?:改制|改隸|調整)為"), "reorganized"),
]
# What may stand between a date and its verb: `起`, `經...核定`, `正式`.
BRIDGE = re.compile(r"^\s*(?:起|後)?\s*(?:經[^，。；]{0,12}?)?\s*")
NAMED_THEN_VERB = re.compile(rf"\s*(?:起|後)?\s*「?([\u4e00-\u9fff（）()]{{2,30}}?{ORG_SUFFIX})」?\s*(?:正式)?((?:成立|設立|揭牌)(?:運作)?)(?=[，。；\s]|$)")
# A body named bare right before its date, the clause's subject (`內政部入出國及移民署於 104 年...更名為`).
BARE_BEFORE = re.compile(rf"^\s*([\u4e00-\u9fff（）()]{{2,30}}?{ORG_SUFFIX})\s*(?:業|已|嗣)?(?:於|自|在)\s*$")
BARE_AFTER = re.compile(rf"^([\u4e00-\u9fff（）()]{{2,30}}?{ORG_SUFFIX})(?=[，。；、\s]|運作|並|$)")


@extractor("org_unit")
def extract_org_units(ctx: DocContext):
    yield from _listed_units(ctx)
    yield from _inline_units(ctx)


def _listed_units(ctx: DocContext):
    parent: tuple[str, int] | None = None  # (name, sentence index) of the last `X設下列...`
    for k, sent in enumerate(ctx.sentences):
        p = PARENT.search(fold(sent.text))
        if p:
            parent = (sent.text[p.start("parent"):p.end("parent")], k)
            continue
        m = LIST_ITEM.match(fold(sent.text))
        near = parent is not None and k - parent[1] <= 30
        if not m or (m.group("plain") and not near):
            continue  # `1.` numbers everything; it lists units only under a `設下列` heading
        text = sent.text
        yield OrgUnit(
            ctx.evidence(sent.start, sent.end),
            unit_zh=text[m.start("unit"):m.end("unit")],
            parent_zh=parent[0] if near else None,
            mandate_zh=text[m.start("mandate"):m.end("mandate")].strip(),
        )


def _inline_units(ctx: DocContext):
    """Several units described in one passage; one alone is too likely a passing mention.

    A report that describes its units twice in other words restates one mandate, it does
    not contradict itself: the first description is the fact, later ones its evidence.
    """
    first: dict[str, OrgUnit] = {}
    offset = 0
    for line in ctx.text.split("\n"):
        found = list(INLINE_UNIT.finditer(fold(line)))
        if len(found) >= 2:
            for m in found:
                unit = line[m.start("unit"):m.end("unit")]
                evidence = ctx.evidence(offset + m.start("unit"), offset + m.end("mandate"))
                if unit in first:
                    first[unit] = replace(first[unit], also=first[unit].also + (evidence,))
                else:
                    first[unit] = OrgUnit(evidence, unit_zh=unit,
                                          mandate_zh=line[m.start("mandate"):m.end("mandate")].strip())
        offset += len(line) + 1
    yield from first.values()


@extractor("org_history")
def extract_org_history(ctx: DocContext):
    for sent in ctx.sentences:
        text = sent.text
        dates = find_dates(fold(text))
        for k, d in enumerate(dates):
            limit = dates[k + 1].start if k + 1 < len(dates) else len(text)
            found = _verb_after(text, d.end, limit)
            named = None
            if not found:
                # `96 年 1 月 2 日內政部入出國及移民署正式成立`: the body between the date and the verb.
                m = NAMED_THEN_VERB.match(text, d.end, limit)
                if not m or not _org(m.group(1)):
                    continue
                found, named = ("established", m.start(2), m.end(2)), _org(m.group(1))
            event, verb_start, verb_end = found
            subject = named or _subject(text, event, d.start, verb_end)
            if not subject:
                continue
            yield OrgHistory(
                ctx.evidence(sent.start + _clause_start(text, d.start, subject, event), sent.start + _clause_end(text, verb_end)),
                subject_zh=subject,
                event=event,
                date=d.value.iso(),
            )


def _verb_after(text: str, pos: int, limit: int) -> tuple[str, int, int] | None:
    bridge = BRIDGE.match(text, pos, limit)
    at = bridge.end() if bridge else pos
    for pattern, event in VERBS:
        m = pattern.match(text, at, limit)
        if m:
            return event, m.start(), m.end()
    return None


def _org(name: str) -> str | None:
    name = re.sub(r"\s+", "", name)
    return name if ORG_NAME.match(name) else None


def _subject(text: str, event: str, date_start: int, verb_end: int) -> str | None:
    """The body an event is about: named after the verb when established, else quoted before."""
    before = [q for q in QUOTED.finditer(text, 0, date_start) if _org(q.group(1))]
    if event == "established":
        after = QUOTED.match(text, verb_end)
        if after and _org(after.group(1)):
            return _org(after.group(1))
        bare = BARE_AFTER.match(text[verb_end:])
        if bare:
            return _org(bare.group(1))
        if text[verb_end:verb_end + 2] in {"運作", "", "。"} or re.match(r"[，。；]", text[verb_end:verb_end + 1]):
            return _named_before(text, date_start, before)
        return None
    return _named_before(text, date_start, before)


def _named_before(text: str, date_start: int, before: list[re.Match]) -> str | None:
    """The last quoted body before the date, else a body named bare as the date's clause subject."""
    if before:
        return _org(before[-1].group(1))
    cut = max(text.rfind(p, 0, date_start) for p in "，。；：、")
    bare = BARE_BEFORE.match(text[cut + 1:date_start])
    return _org(bare.group(1)) if bare else None


def _clause_start(text: str, date_start: int, subject: str, event: str) -> int:
    """Start at the clause that names the body when it is named before the date."""
    at = text.rfind(f"「{subject}」", 0, date_start)
    anchor = at if at >= 0 else date_start
    cut = max(text.rfind(p, 0, anchor) for p in "，。；：")
    return cut + 1 if cut >= 0 else 0


def _clause_end(text: str, verb_end: int) -> int:
    m = re.compile(r"[，。；]").search(text, verb_end)
    if m and text[verb_end:m.start()].count("「") > text[verb_end:m.start()].count("」"):
        m = re.compile(r"」").search(text, verb_end)
        return m.end() if m else len(text)
    return m.start() if m else len(text)
