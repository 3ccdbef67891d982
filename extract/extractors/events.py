"""Dated events the agency holds, joins or brings about.

The reports state them in a few recurring shapes:

* a quoted name after a holding verb: `本署與外交部...於 106 年 7月 25 日至 26 日舉辦「2017 年
  防制人口販運國際工作坊」...計有 20個國家政府...約 370 人共同與會`
* a numbered bilateral meeting: `106 年 3月 16 日假越南河內舉行第 3次臺越移民事務會議`,
  `「第 7屆臺日境管會議」已於 106 年 12 月 20 日在日本東京辦理完竣`
* an unquoted name after the verb: `於 106 年 9月 29 日辦理國境管理國際研討會`
* a headline naming the event, the body dating it: `１、舉辦防制人口販運諮詢網絡訓練：...
  本署於 106 年 5月 3至 4日假臺北福華文教會館...舉行，共計 85人參與`
* launches: `於 105 年 1 月 4 日正式啟用「偽變造護照辨識比對系統」`, `「...網」...自 103 年起上線運作`
* establishments and building milestones: `行政院於 104 年 6 月 16 日成立新住民事務協調會報`
* a launch dated between the name and the verb: `本署「外籍移工線上申辦系統」於106 年 4 月上線`,
  `建置「...系統」，業於 102年 12月 18日在高雄機場建置測試營運`
* works begun: `本署於 104 年 9 月進行整修工程`
* a quoted occasion: `於 12 月 10 日假「桃園市婦女館」舉辦「厚植新國力，移民『心』故鄉」慶祝活動`
* a training named only by its kind, kept when a head count says it took place:
  `本署分別於 106 年 4月 18 及 26 日假...舉行教育訓練，...計有 194 人參訓`

An event needs a date in its own stretch of text (between full stops and
semicolons; a clause after a semicolon keeps the year of the one before):
meetings, trainings and conferences to the month at least, since a fiscal year
says when something was counted, not when it happened. Events the agency only
attended (`參加...會議`, `出席於曼谷舉行之「...」`), recurring tallies (`共召開 6 次會議`)
and sittings of standing bodies that meet no other country (`召開「廉政會報」`)
are left alone. The same event named with and without spaces or `年` after its
year (`2017 年防制...` / `2017防制...`) gets one name, so its mentions merge.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import Event
from extract.normalize.countries import find_countries
from extract.normalize.dates import DateMention, find_dates
from extract.normalize.text import fold

NOUN_TYPES = [
    ("工作坊", "workshop"),
    ("研討會|論壇|大會|峰會", "conference"),
    ("會議|會報|座談會|協調會", "meeting"),
    ("訓練|課程|研習營?|培訓|培育營|研習班|訓練班|營", "training"),
]
NOUN = "|".join(n for n, _ in NOUN_TYPES)
_PAREN = r"(?:\s*[（(][^（）()「」]{1,12}[）)])?"
HOLD = r"(?:共同)?(?:舉辦|辦理|舉行|召開|主辦|合辦|開設)"
QUOTED_EVENT = re.compile(rf"「([^「」]{{2,60}}?(?:{NOUN}))」")
NUMBERED = re.compile(rf"第\s*\d{{1,3}}\s*[次屆][\u4e00-\u9fff]{{2,20}}?(?:{NOUN})")
HELD_EVENT = re.compile(rf"{HOLD}\s*((?:首[次屆])?[\u4e00-\u9fffA-Za-z0-9 ]{{4,30}}?(?:{NOUN}){_PAREN})")
LAUNCH = re.compile(r"(?:啟用|上線|開辦)")
LAUNCH_AFTER = re.compile(r"(?:正式|全面)?(?:啟用|上線|開辦)\s*(?:「([^「」]{2,40})」|([\u4e00-\u9fffA-Za-z0-9]{4,30}?(?:系統|平臺|平台|服務|網站|專線|櫃檯|閘門)))")
LAUNCH_BEFORE = re.compile(r"「([^「」]{2,40}?(?:系統|平臺|平台|網|服務|專線|App|APP))」[^「」。；;]{0,60}?(?:正式|全面)?(?:啟用|上線|(?:建置)?(?:測試|試)營運|試運行)")
ESTABLISH = re.compile(r"(?:成立|揭牌成立|揭牌)\s*(?:「([^「」]{2,40})」|([\u4e00-\u9fff]{2,24}?(?:會報|委員會|中心|小組|辦公室|服務站|工作站|專勤隊|大隊)))(?![\u4e00-\u9fff]{0,2}(?:之|前|後|以來))")
CONSTRUCTION = re.compile(r"(?:「([^「」]{2,40})」(?:新建|興建|整修)?(?:工程)?|([\u4e00-\u9fff]{2,24}?(?:大樓|廳舍|處所|收容所|園區|中心|工程)))\s*(?:於[^，。；]{0,20}?)?(動工|開工|完工|竣工|落成)")
# `於 104 年 9 月進行整修工程`: works begin; the name is what the text calls them.
WORKS_BEGIN = re.compile(r"(?:進行|展開|開始)\s*([\u4e00-\u9fff]{0,12}?(?:新建|興建|整修|修繕|改建|擴建|裝修)工程)")
CONSTRUCTION_TYPE = "construction"
# CONSTRUCTION may start at any Chinese character, so it is only run over text that has its verb.
CONSTRUCTION_VERB = re.compile(r"動工|開工|完工|竣工|落成")
# A holding verb before a quoted title and a kind of occasion: `舉辦「厚植新國力，移民『心』故鄉」慶祝活動`.
OCCASION = re.compile(rf"{HOLD}\s*「([^「」]{{2,40}})」\s*(?:[\u4e00-\u9fff]{{0,4}}?)(?:活動|典禮|儀式|晚會|園遊會|博覽會|音樂會)")
# A training named only by its kind (`假...舉行教育訓練，...計有 194 人參訓`); kept only with a head count.
BARE_TRAINING = re.compile(rf"{HOLD}\s*(教育訓練|訓練課程|研習會)(?=\s*(?:[，,。；;：:]|$))")
# A standing body's sitting (`召開「廉政會報」`) is routine unless it meets other countries.
STANDING = re.compile(r"會報$")
# Attendance rather than holding, and plans rather than facts.
NOT_HELD = re.compile(r"(?:參加|參與|出席|列席|派員|預計|規劃|擬|將於)\s*$")
# `本署派員參加於 DATE 在越南舉行之第 5 屆...會議`: someone else's event, ours only to attend.
ATTENDED = re.compile(r"(?<!邀)(?<!邀請)(?:參加|出席|列席|派員|應邀)")
OTHER_ACT = re.compile(r"核定|核准|補助|簽署|簽訂|公布|發布|通過|決議|函|推動|更名")
GENERIC = re.compile(r"^(?:各項|相關|各類|各種|多場|該|本)")

COUNTRIES_COUNT = re.compile(r"(\d{1,3})\s*個?\s*國家|(\d{1,3})\s*國\s*\d{1,4}\s*[位人名]")
PARTICIPANTS = re.compile(r"(?:約|共計|計有|共|計|逾|近)?\s*(\d{1,3}(?:,\d{3})*|\d+)\s*(?:人|名|位)(?!次)(?=[^，。；,;]{0,12}?(?:與會|參與|參加|出席|參訓|共襄|結訓|受訓))")
LOCATION = re.compile(r"(?:假|於|在)\s*「?([^\s，。；,;、「」\d（）()]{2,30}?)」?\s*[，,]?\s*(?:共同|正式)?(?:舉行|舉辦|辦理|召開|開設)")
INVITED = re.compile(r"邀請([^。；;]{2,120}?)(?:等|共同|與會|參與|出席|[，,])")
COUNTED_LIST = re.compile(r"([^，。；,;]{2,80}?)等\s*\d{1,3}\s*個?\s*國")
WITH_PARTNER = re.compile(r"與([\u4e00-\u9fff]{2,12}?)(?:於|在|共同|召開|舉行|辦理|簽署|啟用)")
# `與美國、英國及日本等國之移民官員交換意見`: the countries met with.
EXCHANGED_WITH = re.compile(r"與([^，。；,;]{2,60}?)(?:等國家?|等)?(?:之|的)?[^，。；,;與]{0,6}?(?:交換意見|意見交流|交流|會談|討論)")
ORGANIZER = re.compile(r"(本署|移民署|入出國及移民署|行政院|內政部|[\u4e00-\u9fff]{2,10}?(?:部|署|院|委員會))(?:與([^，。；,;於在]{2,60}?))?\s*(?:分別)?(?:於|在|自)\s*$")
CO_HOSTS = re.compile(r"[^，。；,;]{0,40}?與([^，。；,;]{2,60}?)共同(?:舉辦|辦理|主辦)")
AGENCY = {"本署": "移民署", "入出國及移民署": "移民署"}
TAIWAN = {"TW"}


def normalize_name(name: str) -> str:
    """One spelling per event: no spaces, no `年` after a year, full-width brackets, no `首次`."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"(?<!\d)(\d{4})年(?=\D)", r"\1", name)
    name = name.replace("(", "（").replace(")", "）")
    return re.sub(r"^(?:首次|首屆)", "", name)


def event_type(name: str) -> str:
    for nouns, code in NOUN_TYPES:
        if re.search(rf"(?:{nouns})(?:（[^（）]*）)?$", name):
            return code
    return "other"


def _runs(sent: Sentence) -> list[tuple[int, int]]:
    """Stretches between full stops and semicolons (relative offsets)."""
    out, begin = [], 0
    for m in re.finditer(r"[。；;]", fold(sent.text)):
        out.append((begin, m.start()))
        begin = m.end()
    out.append((begin, len(sent.text)))
    return out


def _candidates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, type) of every event named in ``text``; earlier patterns win overlaps."""
    found: list[tuple[int, int, str, str]] = []

    def add(start, end, name, code):
        if any(s < end and start < e for s, e, _, _ in found):
            return
        if GENERIC.match(name) or NOT_HELD.search(text[max(0, start - 6) : start]):
            return
        clause = text[max((m.end() for m in CLAUSE_MARK.finditer(text, 0, start)), default=0) : start]
        if ATTENDED.search(clause) and not re.search(r"邀請?[^，。；]*?(?:參加|出席|列席)", clause):
            return
        found.append((start, end, name, code))

    for m in QUOTED_EVENT.finditer(text):
        name = normalize_name(m.group(1))
        if _held_near(text, m.start(), m.end()):
            add(m.start(), m.end(), name, event_type(name))
    for m in NUMBERED.finditer(text):
        name = normalize_name(m.group(0))
        add(m.start(), m.end(), name, event_type(name) if event_type(name) != "other" else "meeting")
    for m in HELD_EVENT.finditer(text):
        name = normalize_name(m.group(1))
        if len(re.sub(r"（.*）", "", name)) >= 6:
            add(m.start(1), m.end(1), name, event_type(name))
    for m in LAUNCH_AFTER.finditer(text):
        add(m.start(), m.end(), normalize_name(m.group(1) or m.group(2)), "launch")
    for m in LAUNCH_BEFORE.finditer(text):
        add(m.start(), m.end(), normalize_name(m.group(1)), "launch")
    for m in ESTABLISH.finditer(text):
        add(m.start(), m.end(), normalize_name(m.group(1) or m.group(2)), "establishment")
    for m in CONSTRUCTION.finditer(text) if CONSTRUCTION_VERB.search(text) else ():
        add(m.start(), m.end(), normalize_name(m.group(1) or m.group(2)), CONSTRUCTION_TYPE)
    for m in WORKS_BEGIN.finditer(text):
        add(m.start(1), m.end(1), normalize_name(m.group(1)), CONSTRUCTION_TYPE)
    for m in OCCASION.finditer(text):
        add(m.start(), m.end(), normalize_name(m.group(1)), "other")
    for m in BARE_TRAINING.finditer(text):
        add(m.start(1), m.end(1), m.group(1), "training")
    return sorted(found)


def _held_near(text: str, start: int, end: int) -> bool:
    """A quoted name is an event only next to a verb that holds it (not `依「...會議」決議`)."""
    before = text[max(0, start - 8) : start]
    after = text[end : end + 30]
    if re.search(rf"{HOLD}\s*$", before):
        return True
    return bool(re.match(rf"\s*(?:已|業)?\s*(?:於|在|自)[^「」。；;]{{0,28}}?(?:{HOLD}|完竣|完成)", after))


def _inner_date(text: str, dates: list[DateMention], start: int, end: int, code: str) -> DateMention | None:
    """`「X系統」於 DATE 上線`, `「X」...業於 DATE 在高雄機場建置測試營運`: the date between a
    launched or built thing's name and the verb that launches or finishes it."""
    if code not in {"launch", CONSTRUCTION_TYPE}:
        return None
    name_end = text.find("」", start, end) + 1 if text[start] == "「" else start
    inner = [d for d in dates if name_end <= d.start and d.end <= end]
    if not inner or OTHER_ACT.search(text[name_end : inner[-1].start]):
        return None
    return inner[-1]


def _date_for(text: str, dates: list[DateMention], run, start: int, end: int, others) -> DateMention | None:
    """The date nearest before the name in its run; else the one the name is `已於` right after.

    Between a date and its event there is at most one comma, no other event
    and no other act (`於 DATE 核定補助...，辦理X` dates the grant, not X).
    """
    before = [d for d in dates if run[0] <= d.start and d.end <= start]
    if before:
        d = before[-1]
        between = fold(text[d.end : start])
        if any(d.end <= o[0] < start for o in others) or len(re.findall(r"[，,：:]", between)) > 1:
            return None
        return None if OTHER_ACT.search(between) else d
    after = [d for d in dates if end <= d.start < run[1]]
    if after and re.fullmatch(r"\s*」?\s*(?:已|業)?\s*(?:於|在|自)?\s*", text[end : after[0].start]):
        return after[0]
    return None


def _precise_enough(code: str, d: DateMention) -> bool:
    if d.kind not in {"date", "range"}:
        return False
    return code in {"launch", "establishment", CONSTRUCTION_TYPE} or d.value.month is not None


def _heading_date(text: str, dates, cands, cand) -> DateMention | None:
    """`１、舉辦X訓練：...本署於 DATE 假...舉行`: the body dates the event its headline names."""
    colon = re.search(r"[：:]", text)
    if not colon or cand[1] > colon.start() or any(c[0] > colon.start() for c in cands):
        return None
    for d in dates:
        if d.start > colon.end() and re.match(rf"[^，。；,;]{{0,40}}?{HOLD}", text[d.end :]):
            return d
    return None


@extractor("event")
def extract_events(ctx: DocContext):
    yield from _complete_lists(list(_mentions(ctx)))


def _mentions(ctx: DocContext):
    carry: int | None = None
    prev: Sentence | None = None
    for sent in ctx.sentences:
        text = sent.text
        folded = fold(text)
        # Clauses joined by a semicolon are one statement: `2011 年 6 月 16 日召開...；並於 10 月份辦理...`.
        context = carry if prev is not None and re.search(r"[；;]$", fold(prev.text)) and _adjacent(ctx, prev, sent) else None
        prev = sent
        cands = _candidates(text)
        if not cands:
            carry = _last_year(folded, context)
            continue
        dates = find_dates(folded, context)
        carry = dates[-1].value.year if dates else context
        runs = _runs(sent)
        for cand in cands:
            start, end, name, code = cand
            run = next(r for r in runs if r[0] <= start <= r[1])
            others = [c for c in cands if c is not cand]
            when = (_inner_date(text, dates, start, end, code)
                    or _date_for(text, dates, run, start, end, others)
                    or _heading_date(text, dates, cands, cand))
            if when is None or not _precise_enough(code, when):
                continue
            scope = _scope(text, run, when, cand, others)
            gathering = code not in {"launch", "establishment", CONSTRUCTION_TYPE}
            participants = _participants(folded, scope) if gathering else None
            partners = _partners(text, scope, name)
            if name in BARE_NAMES and participants is None:
                continue
            if code == "meeting" and STANDING.search(name) and not partners:
                continue
            yield Event(
                ctx.evidence(sent.start + scope[0], sent.start + scope[1]),
                name_zh=name,
                event_type=code,
                start=when.value.iso(),
                end=when.end_value.iso() if when.end_value else None,
                location_zh=_location(text, scope),
                countries_count=_countries_count(folded, scope) if gathering else None,
                participants_count=participants,
                partner_countries_iso2=partners,
                organizer_zh=_organizer(text, run, when),
            )


BARE_NAMES = {"教育訓練", "訓練課程", "研習會"}


def _adjacent(ctx: DocContext, a: Sentence, b: Sentence) -> bool:
    """Two sentences of one paragraph: nothing but spaces (no line break) between them."""
    return "\n" not in ctx.text[a.end : b.start]


def _last_year(folded: str, context: int | None) -> int | None:
    if not re.search(r"\d\s*年", folded):
        return context
    dates = find_dates(folded, context)
    return dates[-1].value.year if dates else context


CLAUSE_MARK = re.compile(r"[，：:。；;]|,(?!\d)")


def _scope(text, run, when, cand, others) -> tuple[int, int]:
    """The text that speaks of this event: from its date or name to the next event or run end."""
    start = min(when.start, cand[0])
    clause = max((m.end() for m in CLAUSE_MARK.finditer(text, 0, start)), default=0)
    # A clause opening far back is a headline run into the body; start at the date then.
    start = max(clause, run[0]) if clause >= start - 30 else start
    marker = re.match(r"\s*(?:[(（]?\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3}|[０-９]{1,2})\s*[)）、.．]\s*)+", text[start:])
    if marker:
        start += marker.end()
    later = [o[0] for o in others if o[0] > max(cand[1], when.end)]
    stop = min([run[1]] + later)
    if later and stop < run[1]:
        stop = max(text.rfind(p, 0, stop) for p in "，,") if max(text.rfind(p, 0, stop) for p in "，,") > cand[1] else stop
    return start, max(stop, cand[1])


def _location(text: str, scope) -> str | None:
    m = LOCATION.search(text, scope[0], scope[1])
    if not m:
        return None
    place = re.sub(r"\s+", "", m.group(1))
    return None if re.search(r"年|月|日|期間|疫情|線上|視訊", place) else place


# Counts given per group (`官員（共 6 國 18 位）及...代表（共 15 國 31 位）`) state no total.
GROUP_COUNT = re.compile(r"\d{1,3}\s*國\s*\d{1,4}\s*位")


def _split_counts(folded: str, scope) -> bool:
    return len(GROUP_COUNT.findall(folded, scope[0], scope[1])) > 1


def _countries_count(folded: str, scope) -> int | None:
    m = COUNTRIES_COUNT.search(folded, scope[0], scope[1])
    return int(m.group(1) or m.group(2)) if m and not _split_counts(folded, scope) else None


def _participants(folded: str, scope) -> int | None:
    if _split_counts(folded, scope):
        return None
    m = PARTICIPANTS.search(folded, scope[0], scope[1])
    return int(m.group(1).replace(",", "")) if m else None


def _partners(text: str, scope, name: str) -> tuple[str, ...] | None:
    """Countries invited, counted as attending, met with, or hosting a meeting abroad."""
    part = text[scope[0] : scope[1]]
    spans = [m.group(1) for m in INVITED.finditer(part)]
    spans += [m.group(1) for m in COUNTED_LIST.finditer(part)]
    spans += [m.group(1) for m in WITH_PARTNER.finditer(part)]
    spans += [m.group(1) for m in EXCHANGED_WITH.finditer(part)]
    loc = LOCATION.search(part)
    if loc:
        spans.append(loc.group(1))
    codes: list[str] = []
    for span in spans:
        for c in find_countries(span):
            if c.iso2 not in TAIWAN and c.iso2 not in codes:
                codes.append(c.iso2)
    return tuple(codes) or None


def _organizer(text: str, run, when: DateMention) -> str | None:
    """`本署與外交部、勞動部...於 DATE` or `於 DATE 與外交部...共同舉辦`, agency named as such."""
    head = text[run[0] : when.start]
    clause = re.split(r"[，,：:]", head)[-1]
    m = ORGANIZER.search(clause)
    names: list[str] = []
    if m:
        names.append(m.group(1))
        if m.group(2):
            names += _split_names(m.group(2))
    co = CO_HOSTS.match(text, when.end, run[1])
    if co:
        if not names:
            subject = re.search(r"(本署|移民署)\s*(?:分別)?(?:於|在)?\s*$", clause)
            names += [subject.group(1)] if subject else []
        names += _split_names(co.group(1))
    if not names:
        return None
    out = []
    for n in names:
        n = AGENCY.get(n, n)
        if n not in out:
            out.append(n)
    return "、".join(out)


def _complete_lists(events: list[Event]) -> list[Event]:
    """A mention naming fewer organisers or partners than another of the same event does
    not deny the others (`本署於...舉辦` vs `本署與外交部...於...舉辦`): it takes the fuller list."""
    out = []
    for e in events:
        same = [o for o in events if o.key() == e.key()]
        organizer = _fullest(e.organizer_zh, [o.organizer_zh for o in same], lambda v: v.split("、"))
        partners = _fullest(e.partner_countries_iso2, [o.partner_countries_iso2 for o in same], list)
        out.append(replace(e, organizer_zh=organizer, partner_countries_iso2=partners))
    return out


def _fullest(value, values, items):
    if value is None:
        return None
    mine = items(value)
    best = value
    for v in values:
        if v is None or len(items(v)) <= len(items(best)):
            continue
        theirs = items(v)
        # `漁業署` in one list is `行政院農委會漁業署` in another.
        if all(any(t == m or t.endswith(m) for t in theirs) for m in mine):
            best = v
    return best


def _split_names(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、及和與]", text) if p.strip()]
