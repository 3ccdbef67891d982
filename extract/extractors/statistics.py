"""Headline statistics: a counted quantity with its unit and the year it refers to.

The reports state them as a noun phrase, an optional verb of counting and a count with a
measure word, dated earlier in the same sentence:

* `106年賡續推動祥安5號專案工作，共查獲失聯移工21,846人`
* `106年大陸地區專業商務人士核准人數為196,896人，入境訪視人數為7,946人`
* `截至 111 年底，成功註冊計 9 萬 5,862 人` (as of a year end; `萬`/`億` chains, `1 億零87 萬`)
* `二、便民行動服務：106年計464場` (the label before the colon names what is counted)

* `(一)前(100)年度施政績效…` … `二、辦理情形：累計辦理 157 場次` (a results list dated by its
  section heading, or by the title of a `NNN 年度施政績效報告`)
* `經統計本署各縣、市計有 65 處服務據點` (a standing count under an explicit lead: undated)

Precision over recall: a figure needs a year in reach (a date before it in its sentence, the
year a list item or lead-in `如下：` hands on, or the year of the results list it stands in);
figures dated to a day belong to the event of that day, figures over a span of years to no
single year, so both are left out. Money, percentages, ordinals (`第 3 次`), countries (tier
tables, MOU counts) and the targets, rates and estimates of KPI passages are not statistics.
"""

from __future__ import annotations

import re

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import Statistic
from extract.normalize.dates import DateMention, PartialDate, find_dates
from extract.normalize.numbers import find_money, parse_count
from extract.normalize.text import fold

UNITS = r"人次|場次|埸次|縣市|航班|船班|單位|梯次|車次|項次|人|名|位|件|案|座|場|張|次|處|所|項|筆|家|艘|檔|份|面|輛|班|則|卷|通|篇|組|種"
COUNT = re.compile(
    rf"(?<![\d.\-/~])(?<!\d,)(?P<num>\d[\d,]*(?:\.\d+)?(?:\s*[億萬]\s*零?\s*(?:\d[\d,]*)?)*)\s*(?:個\s*)?(?P<unit>{UNITS})"
)
NOUN_UNITS = {"航班", "船班", "縣市", "單位"}
ORDINAL_BEFORE = re.compile(r"(?:第|前|後|近|每)\s*$")
# `經統計本署各縣、市計有 65 處服務據點`, `(現有)管制人數共計…`: a standing count the
# text dates no further than "now"; read only under such a lead and with no date in the
# sentence, and left undated.
UNDATED_LEAD = re.compile(r"經統計|統計顯示|目前|現有|現行計有")
MAKE_UP = re.compile(r"計畫包含|列\s*[(（]?\s*考\s*[)）]?\s*管")
NOT_A_STATISTIC = re.compile(r"目標|預計|預估|預定|達成率|達成度|衡量|比率|占|佔|平均|每[年月日人]|較")
DIGITS = re.compile(r"\d[\d,.]*")
CHANGE_BEFORE = re.compile(r"(?:(?<!新)增加|減少|成長|下降|(?<!新)增|減)\s*(?:了|約|達|計)?\s*$")
PLAN_AFTER = re.compile(r"[^\d，,；;。]*?(?:目標|預計|預估|預定)")
# Counting verbs and fillers around the counted noun phrase.
LEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（]?\d+[)）.、]|[(（][一二三四五六七八九十]+[)）])?\s*"
                  r"(?:則|並|且|另|又|亦|其中|本署|我國|已|於|共|計|累計|合計|總計|截至|迄今)*\s*")
TRAIL = re.compile(r"\s*(?:共計|共有|計有|合計|總計|累計|共|計|達|為|約|有|已達|高達|逾|超過|則)*\s*$")
GENERIC = {"人數", "件數", "次數", "人次", "場次", "總數", "數量"}
CLAUSE_BREAK = re.compile(r"[，,；;：:。]")
POST_NOUN = re.compile(r"([\u4e00-\u9fff]{2,20})(?=[，,。；;、(（]|$)")
LABEL = re.compile(r"([^：:，。；]{2,25})[：:]\s*$")


# List markers of the genre, from the highest level down: 壹、 一、 （一） 1. (1)
MARKERS = (
    re.compile(r"[壹貳參肆伍陸柒捌玖拾]+\s*、"),
    re.compile(r"[一二三四五六七八九十]+\s*、"),
    re.compile(r"[(（]\s*[一二三四五六七八九十]+\s*[)）]"),
    re.compile(r"\d{1,2}\s*[.、．](?!\d)"),
    re.compile(r"[(（]\s*\d{1,2}\s*[)）]"),
)
# `(一)前(100)年度施政績效及達成情形分析：`, `(二)上(101)年度已過期間施政績效…`: the year the
# section reports on, named once in its heading.
SECTION_YEAR = re.compile(r"(?:前|上|本)\s*[(（]\s*(\d{2,3})\s*[)）]\s*年度")
# `二、辦理情形：`, `(二)達成情形：`, `參、年度工作計畫實施成果：`: the results of a measure,
# as opposed to its standard, target and achievement rate.
RESULTS_LABEL = re.compile(r"[^:：，。]{0,8}?(?:辦理|執行|達成|實施)(?:情形|成果|成效)\s*[:：]")
# `內政部移民署 106 年度施政績效報告`: the year a performance report reports on.
REPORT_YEAR = re.compile(r"(\d{2,3})\s*年度\s*施政績效報告")
FIRST_HALF = re.compile(r"(?<![\d.])1\s*[-─–~～－至]\s*(\d{1,2})\s*月")


def _marker_level(folded: str) -> int | None:
    head = folded.lstrip()
    for level, marker in enumerate(MARKERS):
        if marker.match(head):
            return level
    return None


class _Ambient:
    """The year that dates the undated figures of a results list.

    A results list (`二、辦理情形：`, followed by its items) states figures without a
    year; the year is the one its section heading names (`前(100)年度`, `上(101)年度`)
    or, in a yearly performance report, the report's own year. The list runs until a
    marker of its own level or higher; the section year until the next section heading
    or a top-level (`壹、`) heading.
    """

    def __init__(self, text: str):
        title = REPORT_YEAR.search(fold(text[:300]))
        self.report_year = int(title.group(1)) + 1911 if title else None
        self.section_year: int | None = None
        self.block_level: int | None = None

    def update(self, folded: str) -> None:
        level = _marker_level(folded)
        if level is not None and self.block_level is not None and level <= self.block_level:
            self.block_level = None
        if level == 0:
            self.section_year = None
        head = folded.lstrip()
        rest = MARKERS[level].sub("", head, count=1) if level is not None else head
        section = SECTION_YEAR.match(rest.lstrip())
        if section:
            self.section_year = int(section.group(1)) + 1911
            self.block_level = None
        elif RESULTS_LABEL.match(rest.lstrip()):
            # the label's own sentence (`二、辦理情形：累計 603,349 人`) is in the list
            self.block_level = level if level is not None else 1

    @property
    def year(self) -> int | None:
        if self.block_level is None:
            return None
        return self.section_year or self.report_year


def _ambient_date(year: int | None, folded: str, pos: int) -> DateMention | None:
    """The results list's year, to the month when the item says `1-6 月`."""
    if year is None:
        return None
    half = list(FIRST_HALF.finditer(folded, 0, pos))
    month = int(half[-1].group(1)) if half and 1 <= int(half[-1].group(1)) <= 12 else None
    return DateMention(0, 0, PartialDate(year, month))


UNDATED = DateMention(0, 0, None)  # type: ignore[arg-type]


@extractor("statistic")
def extract_statistics(ctx: DocContext):
    carried = None
    ambient = _Ambient(ctx.text)
    listing: tuple[DateMention, int] | None = None
    for sent in ctx.sentences:
        folded = fold(sent.text)
        ambient.update(folded)
        level = _marker_level(folded)
        if listing is not None:
            if level is None or (listing[1] is not None and level != listing[1]):
                listing = None
            elif listing[1] is None:
                listing = (listing[0], level)
        if carried is None and listing is not None:
            carried = listing[0]
        lead_in = carried is None and re.search(r"如下\s*[:：]\s*$", folded)
        carried = yield from _sentence_statistics(ctx, sent, carried, ambient.year)
        if lead_in and carried is not None:
            # `100 年重點工作成效如下：` dates each numbered item that follows it.
            listing = (carried, None)


def _carried_year(folded: str, dates: list[DateMention]) -> DateMention | None:
    """The year a sentence hands on to the next one: `111 年核發…計 20 件，延長…計 35 件；`
    is followed by `核發工作許可計 34 人。`, a clause of the same list item split off at
    the semicolon. Only a sentence ending in a semicolon carries its (single) year."""
    if not re.search(r"(?:[;；]|如下\s*[:：])\s*$", folded):
        return None
    usable = [d for d in dates if _year_in_reach([d], d.end, folded) is not None]
    if not usable or len({d.value.year for d in usable}) != 1:
        return None
    return usable[-1]


def _sentence_statistics(ctx: DocContext, sent: Sentence, carried: DateMention | None = None,
                         list_year: int | None = None):
    text = sent.text
    folded = fold(text)
    found = find_dates(folded)
    dates = [d for d in found if not _quoted(folded, d.start) and not _relative(folded, d)]
    # A carried year goes on unless the sentence opens a span of its own (`自 110 年 5 月起`);
    # a year in parentheses is a comparison (`(99 年為 95 人)`).
    spans = [d for d in found if not _in_parens(folded, d.start) and (d.kind == "range" or re.match(r"\s*起", folded[d.end:]))]
    inherited = carried if not spans else None
    money = [(a.start, a.end) for a in find_money(folded)]
    clauses = _clauses(folded)
    last_end = 0
    last_subject = None
    for m in COUNT.finditer(folded):
        start, end = m.start(), m.end()
        if _excluded(folded, start, end, dates, money):
            continue
        c_start, c_end = next(((s, e) for s, e in clauses if s <= start < e), (0, len(text)))
        if _not_a_statistic(folded, c_start, start, end, found):
            continue
        when = _year_in_reach(dates, start, folded)
        undated_before = not any(d.start < start for d in dates)
        if when is None and undated_before:
            # no year of its own: the list item's, else the results list's, else "now"
            when = inherited or _ambient_date(list_year, folded, start)
        if when is None and not found and UNDATED_LEAD.search(folded, 0, start):
            when = UNDATED
        if when is None:
            continue
        value = parse_count(m.group("num").replace("零", ""))
        if value is None or value == 0:
            continue
        if value == 1 and m.group("unit") in ("處", "所", "座"):
            # `設置委辦之南投 1 處被害人庇護處所`: one site describes that site, it counts nothing.
            continue
        own = when is not inherited and when.end > 0  # a year stated in this sentence
        region_start = max(c_start, when.end if own and when.end > c_start else c_start, last_end if last_end > c_start else c_start)
        subject = _subject(text, region_start, start)
        part = re.search(r"[(（]\s*(?:其中|含)\s*$", subject)
        if part:
            # `召開 6 次會議(含 3 次會前會)`: the part is named after its count.
            noun = re.match(r"\s*([\u4e00-\u9fff]{2,12})(?=[)）、，,])", folded[end:])
            subject = text[end + noun.start(1):end + noun.end(1)] if noun else subject[:part.start()]
        after = POST_NOUN.match(folded, end)
        if after and len(subject) <= 4:
            # `建置8座外來人口快速查驗閘門`: the noun comes after the count.
            subject = subject + text[after.start(1):after.end(1)]
        if subject in GENERIC and last_subject:
            subject = last_subject + subject
        if not subject:
            subject = _label_or_previous(text, clauses, c_start)
        if not subject and len(m.group("unit")) == 2 and m.group("unit") in NOUN_UNITS:
            # `累計共 38 個航班`: the measure word is itself what is counted.
            subject = m.group("unit")
        if not subject and last_subject:
            # `攔獲通緝對象計 1,224 人，…計 237 人，合計共 1,461 人`, `合計 73 件 210人`
            total = re.match(r"\s*(?:合計|共計|總計)", folded[c_start:start])
            subject = last_subject + ("合計" if total else "")
        last_end = end
        if not subject:
            continue
        last_subject = subject
        ev_start = min(c_start, next((s for s, e in clauses if s <= when.start < e), c_start)) if own else c_start
        yield Statistic(
            ctx.evidence(sent.start + ev_start, sent.start + c_end),
            subject_zh=subject,
            value=value,
            unit_zh=m.group("unit"),
            as_of=when.value.iso() if when.value else None,
        )

    if inherited is not None and re.search(r"[;；]\s*$", folded):
        return inherited
    return _carried_year(folded, dates)


def _not_a_statistic(folded: str, c_start: int, start: int, end: int, dates: list[DateMention]) -> bool:
    """A target, rate, estimate or change rather than a count. The words that say so
    stand before the figure in its own part of the clause: after the last figure before
    it (`達成率 116%、運用廣播媒體宣導 9 家` is a count) unless that figure is a year of
    the same comparison (`較 99 年 6 萬份`); `達成率` after the figure rates it but does not
    make it a target."""
    if MAKE_UP.search(folded, c_start, end):
        return True
    region = c_start
    for m in DIGITS.finditer(folded, c_start, start):
        if not any(d.start <= m.start() < d.end for d in dates):
            region = m.end()
    if NOT_A_STATISTIC.search(folded, region, end) or CHANGE_BEFORE.search(folded, region, start):
        return True
    return bool(PLAN_AFTER.match(folded, end))


def _clauses(folded: str) -> list[tuple[int, int]]:
    """Clause spans split at punctuation, but not at the comma inside `21,846`."""
    out, begin = [], 0
    for m in CLAUSE_BREAK.finditer(folded):
        if m.group() == "," and re.match(r"\d", folded[m.end():m.end() + 1]) and m.start() and folded[m.start() - 1].isdigit():
            continue
        if m.start() > begin:
            out.append((begin, m.start()))
        begin = m.end()
    if begin < len(folded):
        out.append((begin, len(folded)))
    return out


def _quoted(folded: str, pos: int) -> bool:
    before = folded[:pos]
    return before.count("「") > before.count("」")


def _relative(folded: str, d: DateMention) -> bool:
    """`自 110 年 5 月起` starts a span and `較 110 年度` compares: neither dates a figure."""
    return bool(re.match(r"\s*起", folded[d.end:]) or re.search(r"(?:較|比|相較於?|與)\s*$", folded[:d.start]))


def _in_parens(folded: str, pos: int) -> bool:
    before = folded[:pos]
    return before.count("(") > before.count(")")


def _excluded(folded: str, start: int, end: int, dates: list[DateMention], money) -> bool:
    if ORDINAL_BEFORE.search(folded, 0, start):
        return True
    if any(s < end and start < e for s, e in money):
        return True
    if any(d.start < end and start < d.end for d in dates):
        return True
    if re.match(r"\s*[%％]", folded[end:]):
        return True
    if _in_parens(folded, start) and not re.search(r"[(（]\s*(?:其中|含)[^()（）]*$", folded[:start]):
        return True
    return _quoted(folded, start)


def _year_in_reach(dates: list[DateMention], pos: int, folded: str = "") -> DateMention | None:
    """The latest date before the figure; a day-precise date or a span does not date a statistic."""
    before = [d for d in dates if d.end <= pos]
    if not before:
        return None
    d = before[-1]
    if d.others:
        return None
    if d.kind == "range":
        # `101 年 1-6 月`: months of one year date the count to the end of the span.
        if d.end_value is None or d.end_value.year != d.value.year or d.end_value.day is not None:
            return None
        return DateMention(d.start, d.end, d.end_value)
    if d.value.day is not None and d.kind != "as_of" and not _period_end(d, folded):
        return None
    return d


def _period_end(d: DateMention, folded: str) -> bool:
    """`截至 111 年 12 月 31 日止`, `至 111 年 10 月 13 日邊境解封止`: a day that closes the count."""
    if re.search(r"止\s*$", folded[d.start:d.end]) or re.match(r"[^，,。；;:：]{0,15}?止", folded[d.end:]):
        return True
    # `截至 111 年 10 月 13 日國境全面解封，…`: a cut-off; `至 111 年 1 月 16 日因疫情…暫停營運止`:
    # a longer closing clause after a plain 至.
    before = folded[max(0, d.start - 3):d.start]
    return bool(re.search(r"截至\s*$", before) or (re.search(r"至\s*$", before) and re.match(r"[^，,。；;:：]{0,30}?止", folded[d.end:])))


def _subject(text: str, start: int, end: int) -> str:
    phrase = text[start:end]
    phrase = re.sub(r"^[\s，,、；：:）)]+", "", phrase)
    phrase = LEAD.sub("", phrase, count=1)
    phrase = TRAIL.sub("", phrase)
    phrase = re.sub(r"\s+", "", phrase).strip("，,、：:（(")
    return phrase if len(re.findall(r"[\u4e00-\u9fff]", phrase)) >= 2 else ""


def _label_or_previous(text: str, clauses, c_start: int) -> str:
    """`便民行動服務：106年計464場`: what is counted is the label, or the short clause before."""
    label = LABEL.search(text[:c_start])
    if label:
        return _subject(label.group(1), 0, len(label.group(1)))
    previous = [(s, e) for s, e in clauses if e <= c_start]
    if previous:
        s, e = previous[-1]
        if e - s <= 25 and not re.search(r"\d", text[s:e]):
            return _subject(text, s, e)
    return ""
