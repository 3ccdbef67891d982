"""Foreign officials and delegations calling on the agency (or its ministry).

The reports list such calls in a few recurring shapes:

* visitor first: `荷蘭烏得勒支大學犯罪學教授 Dina Siegel於 106年 4月13 日拜會本署，
  就人口販運相關議題進行意見交流與討論`
* date first: `111 年 9 月 21 日澳洲辦事處代表 Jenny Bloomfield 一行至本署拜會，
  就移民事務相關事宜進行意見交流`
* several dates for one visitor: `...大使 Diane Haylock 分別於 106年 6 月 15 日 8 月 17 日...拜會本署`
* Chinese names around the title: `印度台北協會崔副會長柏尚至本署拜會`
* several people, the head first: `...臺北辦事處處長梅健華（Kin Moy）、副處長傅德恩（Robert Forden）於...`
* other verbs of calling: `...次長山田太郎率團蒞署拜會`, `...局長 X 於 DATE 來署拜會`
* a photo caption repeating a listed call without its date.

The actor before the verb splits at the last title into the organisation and
the person (`法國警察局` / `Ms. Adeline Trouillet`); a delegation (`訪問團`)
is its own visitor. Calls the agency pays to others (`主動拜會立法委員`) have
no host of ours after the verb and are not visits.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import Visit
from extract.normalize.countries import find_countries
from extract.normalize.dates import find_dates
from extract.normalize.text import fold

HOST = r"(?:本署|本部|內政部|移民署)"
CALL = re.compile(
    rf"(?:拜會|拜訪|參訪|訪問){HOST}|(?:至|到|來){HOST}(?:拜會|拜訪|參訪|訪問)|來訪"
    rf"|(?:蒞臨?|來|至|到)(?:署|{HOST})(?:拜會|拜訪|參訪|訪問)"
)
TITLES = sorted(
    """特命全權大使 駐華大使 駐臺大使 大使 公使 參事 秘書 督察長 教授 副教授 會長 副會長 理事長 主任 副主任 科長 副科長
    議員 署長 副署長 處長 副處長 代表 副代表 局長 副局長 部長 副部長 次長 司長 副司長 主席 秘書長
    執行長 董事長 總監 總局長 副總局長 廳長 副廳長 顧問 組長 副組長 所長 院長 副院長 檢察官 法官 官員 專員 領事 總領事""".split(),
    key=len,
    reverse=True,
)
TITLE = re.compile("|".join(TITLES))
ORG_END = "處會部局署院館團組中心學科所司室"
DELEGATION = re.compile(r"^([^（(]{2,30}?(?:訪問團|代表團|考察團|參訪團))")
# What trails a name without being part of it.
TRAILER = re.compile(r"\s*(?:夫婦|一行(?:\s*\d+\s*[人位])?|等\s*\d*\s*[人位]?)?\s*(?:率(?:領)?(?:團|[\u4e00-\u9fff]{0,4}?(?:代表團|訪問團|考察團|參訪團)))?\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[(（]?\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\s*[)）、.．]\s*)+")
TOPIC = re.compile(r"^[，,]?\s*(?:雙方|兩國)?\s*(?:就|針對|瞭解|了解)\s*([^。；]{2,120}?)\s*(?:等)?\s*(?:進行|交換意見|交流|[，。；]|$)")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])")
TAIWAN = {"TW"}


def _squeeze(text: str) -> str:
    """Drop the spaces PDF extraction puts between Chinese characters (`馬 來 西 亞`)."""
    text = CJK_GAP.sub("", text)
    text = re.sub(r"\s+(?=[（(])", "", text)
    return text.strip()


def _mask_parens(text: str) -> str:
    return re.sub(r"[（(][^（）()]*[）)]", lambda m: " " * len(m.group(0)), text)


def _head_person(actor: str) -> str:
    """The first of several people named (`A（x）、副處長B（y）` -> `A（x）`)."""
    masked = _mask_parens(actor)
    cut = masked.find("、")
    return actor[:cut] if cut > 0 else actor


def split_actor(actor: str) -> tuple[str, str | None] | None:
    """`法國警察局督察長 Ms. X` -> (`Ms. X`, `法國警察局`); None if no one is named."""
    actor = _squeeze(TRAILER.sub("", actor))
    delegation = DELEGATION.match(actor)
    if delegation:
        return delegation.group(1), None
    person = _head_person(actor)
    titles = list(TITLE.finditer(_mask_parens(person)))
    if not titles:
        return None
    title = titles[-1]
    name = TRAILER.sub("", person[title.end():]).strip()
    # A professor's discipline sits between the university and the title.
    org = re.sub(r"(大學|學院)[\u4e00-\u9fff]{1,8}?學系?$", r"\1", person[: title.start()].strip())
    # Chinese style puts the surname before the title: `辦事處曾代表德榮`.
    if len(org) >= 2 and org[-2] in ORG_END and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", name or ""):
        return org[-1] + person[title.start():].strip(), org[:-1] or None
    if not name or len(name) < 2:
        return None
    return name, org or None


def _actor_and_dates(sent: Sentence, verb: re.Match, context_year: int | None):
    """The text naming the visitor before the verb, and the dates of the call."""
    text = sent.text
    begin = max(text.rfind(p, 0, verb.start()) for p in "，；。：") + 1
    pre = text[begin : verb.start()]
    dates = [d for d in find_dates(fold(pre), context_year) if d.value.day or d.value.month]
    lead = LIST_MARKER.match(pre)
    pre_start = lead.end() if lead else 0
    if dates and dates[0].start <= pre_start + 1:
        actor = pre[dates[-1].end:]
    elif dates:
        actor = re.sub(r"\s*(?:分別)?(?:於|在)\s*$", "", pre[pre_start : dates[0].start])
    else:
        actor = pre[pre_start:]
    values = []
    for d in dates:
        values.append(d.value.iso())
        values.extend(o.iso() for o in d.others)
    return begin + pre_start, actor, values


def _topic(text: str) -> str | None:
    m = TOPIC.match(text)
    if not m:
        return None
    topic = re.sub(r"^(?:有關|關於)", "", m.group(1).strip())
    return re.sub(r"等$", "", topic) or None


def _country(org: str | None, visitor: str) -> str | None:
    for where in (org, visitor):
        if where:
            found = [c for c in find_countries(_squeeze(where)) if c.iso2 not in TAIWAN]
            if found:
                return found[0].iso2
    return None


@extractor("visit")
def extract_visits(ctx: DocContext):
    found: list[Visit] = []
    for sent in ctx.sentences:
        for verb in CALL.finditer(sent.text):
            begin, actor, dates = _actor_and_dates(sent, verb, None)
            split = split_actor(actor)
            if split is None:
                continue
            visitor, org = split
            topic = _topic(sent.text[verb.end():])
            ev = ctx.evidence(sent.start + begin, sent.end if topic else sent.start + verb.end())
            for date in dates or [None]:
                found.append(Visit(ev, visitor_zh=visitor, date=date, org_zh=org,
                                   country_iso2=_country(org, visitor), topic_zh=topic))
    yield from _fold_captions(found)


def _fold_captions(visits: list[Visit]) -> list[Visit]:
    """An undated repeat of a dated call (a photo caption) is more evidence, not another visit."""
    out = [v for v in visits if v.date is not None]
    for v in visits:
        if v.date is not None:
            continue
        k = next((k for k, d in enumerate(out) if d.visitor_zh == v.visitor_zh), None)
        if k is None:
            out.append(v)
        else:
            out[k] = replace(out[k], also=out[k].also + (v.evidence,))
    return out
