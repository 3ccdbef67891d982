"""Grants the agency approves for non-governmental organisations.

The reports list them as dated approvals in a few recurring shapes:

* with a quoted project: `106 年 6 月 30 日核定補助財團法人天主教善牧福利基金會辦理
  「2017 年臺泰人口販運防制跨國合作推展計畫」`
* with a described project: `106 年 7月 6日核定補助台灣展翅協會，辦理網路兒少性剝削犯罪執法人員研習`
* with the project right after the grantee: `核定補助財團法人...基金會 2017年守護人權人人有責，
  打擊人口販運-防制人口販運與兒少性剝削宣導海報製作活動`
* with an amount: `補助社團法人...協會辦理「...」新臺幣 50 萬元`

A grantee is a named organisation of civil society (a foundation, association
or union); subsidies spread over local governments or counted in totals
(`補助全國 22 個直轄市、縣（市）政府`, `計補助 220 件`) name no grantee and are
left to the statistics.
"""

from __future__ import annotations

import re

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import Grant
from extract.normalize.dates import find_dates
from extract.normalize.numbers import find_money
from extract.normalize.text import fold

GRANT_VERB = re.compile(r"(?:核定|核准|同意)?(?:補助|捐助|獎助)")
GRANTEE = re.compile(
    r"\s*((?:財團法人|社團法人)?[\u4e00-\u9fffA-Za-z（）()]{2,40}?"
    r"(?:基金會|協會|工會|學會|促進會|聯盟|總會|公會|教會|聯合會|服務中心|關懷中心|發展中心))"
)
JOINED = re.compile(r"\s*(?:及|、|與|和|暨)\s*")
# `...協會等 5 個民間團體`: the others are counted, not named.
GROUP = re.compile(r"\s*等\s*(?:\d+|[一二三四五六七八九十]+)?\s*(?:個|家|所)?\s*(?:民間)?(?:團體|單位|機構|組織|非政府組織)")
PROJECT_VERB = re.compile(r"[，,]?\s*(?:辦理|舉辦|舉行|參加|參與|執行|推動)?\s*")
QUOTED = re.compile(r"「([^「」]{2,80})」")
# Words that close the name of a project described without quotes.
PROJECT_END = re.compile(r"計畫|活動|研習|會議|訓練|工作坊|研討會|論壇|營隊|營|課程|方案|講座")


def _project(text: str, pos: int) -> tuple[str | None, int]:
    """The project funded, starting right after the grantee; and where it ends."""
    m = PROJECT_VERB.match(text, pos)
    start = m.end()
    quoted = QUOTED.match(text, start)
    if quoted:
        return quoted.group(1).strip(), quoted.end()
    stop = re.search(r"[。；;]", text[start:])
    limit = start + (stop.start() if stop else len(text) - start)
    end = PROJECT_END.search(text, start, min(limit, start + 80))
    if end:
        return text[start : end.end()].strip() or None, end.end()
    clause = re.search(r"[，,。；;]", text[start:])
    stop_at = start + clause.start() if clause else len(text)
    project = text[start:stop_at].strip()
    return (project or None), stop_at


def _date_before(sent: Sentence, pos: int) -> str | None:
    """The date stated in the clause before the approval (`106 年 6 月 30 日核定補助`)."""
    text = fold(sent.text[:pos])
    cut = max(text.rfind(p, 0, pos) for p in "。;；")
    dates = find_dates(text[cut + 1 :])
    return dates[-1].value.iso() if dates and dates[-1].kind in {"date", "fiscal_year"} else None


def _amount(text: str, start: int) -> int | None:
    """An amount stated after the project, in the same clause run, when there is exactly one."""
    stop = re.search(r"[。；;]", text[start:])
    rest = text[start : start + stop.start()] if stop else text[start:]
    money = find_money(rest)
    return int(money[0].value) if len(money) == 1 else None


@extractor("grant")
def extract_grants(ctx: DocContext):
    for sent in ctx.sentences:
        text = sent.text
        for verb in GRANT_VERB.finditer(text):
            grantee = GRANTEE.match(text, verb.end())
            if not grantee:
                continue
            # `A 基金會及 B 協會辦理...`: one grant to each; `A 協會等 5 個民間團體`: A is named, the rest not.
            grantees = [grantee]
            while joined := JOINED.match(text, grantees[-1].end()):
                more = GRANTEE.match(text, joined.end())
                if not more:
                    break
                grantees.append(more)
            end = grantees[-1].end()
            group = GROUP.match(text, end)
            if group:
                end = group.end()
            project, p_end = _project(text, end)
            clause_start = max(text.rfind(p, 0, verb.start()) for p in "。；;") + 1
            amount = _amount(text, end) if len(grantees) == 1 and not group else None
            for g in grantees:
                yield Grant(
                    ctx.evidence(sent.start + _skip_marker(text, clause_start), sent.start + p_end),
                    grantee_zh=re.sub(r"\s+", "", g.group(1)),
                    date=_date_before(sent, verb.start()),
                    project_zh=project,
                    amount_twd=amount,
                )



def _skip_marker(text: str, pos: int) -> int:
    m = re.match(r"\s*(?:[(（]?\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3}|[０-９]{1,2})\s*[)）、.．]\s*)+", text[pos:])
    return pos + m.end() if m else pos
