"""Program budgets: amounts set aside for a program, and how much of a budget was spent.

The reports state budgets in a few recurring shapes:

* an item heading with this year's allocation: `興建「...工程」1 處（本年編列 170,816仟元）`
* a year-by-year allocation under a program: `102年編列 5,520萬元`, `103 年度暫編列 80,500 仟元`,
  `98-100 年編列 581 萬 9,755 元` (a span of years: a period, no single fiscal year)
* a list of yearly amounts: `分年經費：102 年度：33,444 仟元103 年度：35,000 仟元合計：148,444 仟元`
* a program's total cost, with its period when the same passage states it:
  `總工程經費...2 億 3,739 萬6,755 元`, `本計畫期程為 102 年至 103年，總經費為 1 億 8,542 萬 2,000元`
* budget execution: `106年度歲出資本門預算數...計2億2,987萬3千元，實支數2億255萬8千元...達成率為88.36%`,
  `111 年歲入預算數 22 億 3,781 萬元，決算數 15 億 9,146 萬 8,102元，執行率 71.12%`

An execution line inside a work-plan table (`工作計畫 實施概況 實施成果`, each row opening with
the plan's name, `入出國及移民管理業務...`) is named by both: `入出國及移民管理業務（歲出資本門）`;
one under a fund's heading (`( 二 ) 新住民發展基金決算`) by the fund and the line:
`新住民發展基金（基金來源）`.

`本年` is only a year when the document names its own fiscal year (`103年度施政目標與重點`,
`中華民國 102 年度`); otherwise the fiscal year stays unknown. The program is the quoted name
in the item heading, else the heading itself, else the program heading the item sits under;
for execution it is the budget line named before `預算數` (`歲出資本門`, `歲入`).
Amounts in parentheses are asides (`含動支第二預備金...`) and never the budget.
"""

from __future__ import annotations

import os
import re

from extract.context import DocContext, Sentence
from extract.extractors import extractor
from extract.facts import ProgramBudget
from extract.normalize.dates import find_dates, roc_to_gregorian
from extract.normalize.numbers import find_money, find_percents
from extract.normalize.text import fold

NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*、|[(（]\s*[一二三四五六七八九十]+\s*[)）]|\d+\s*[.、])\s*")
# A program heading is a bare line naming a plan; the genre's labels before it are not its name.
PROGRAM_HEADING = re.compile(r"^[^，。；：:,;（()）]{4,40}(?:計畫|方案|工程|事宜|專案)$")
HEADING_LABEL = re.compile(r"^(?:年度)?(?:重要)?施政(?:計畫|目標)")
THIS_YEAR = re.compile(r"[（(]\s*本年(?:度)?\s*(?:暫)?編列\s*([^()（）]*?(?:千元|仟元|萬元|億元|元))\s*[)）]")
QUOTED = re.compile(r"「([^「」]{2,60})」")
# `102年編列`, `98-100 年編列`, `103 年度暫編列`: a year (or span) right before 編列.
YEAR_ALLOCATION = re.compile(
    r"(?<!\d)(?<!\d[,.])(\d{2,3})(?:\s*[-~至]\s*(\d{2,3}))?\s*年(?:度)?\s*(?:暫|預計|共|計)?\s*編列(?:經費)?\s*(?:新臺幣|新台幣)?\s*"
)
# `102 年度：33,444 仟元` in a list of yearly amounts, and the list's `合計：`.
YEAR_LIST_ITEM = re.compile(r"(?<!\d)(?<!\d[,.])(\d{2,3})\s*年(?:度)?\s*[：:]\s*(?=\d)")
LIST_TOTAL = re.compile(r"(?:合計|總計)\s*[：:]\s*(?=\d)")
TOTAL_COST = re.compile(r"(?:總(?:工程)?經費|所需經費|計畫總經費|總預算)")
PERIOD = re.compile(r"(?:期程|期間)\s*(?:為|自)?\s*(\d{2,3})\s*年(?:度)?\s*(?:起)?\s*(?:至|到|-|~)\s*(\d{2,3})\s*年")
# Execution: `<year> 年(度) <line> 預算數`, then what was spent and the rate.
BUDGET_LINE = re.compile(r"(?<!\d)(?<!\d[,.])(\d{2,3})\s*年(?:度)?\s*([\u4e00-\u9fff]{2,12}?)\s*預算數")


def _spaced(*words: str) -> str:
    """Justified table cells space out characters (`決 算 數`); match words either way."""
    return "|".join(r"\s*".join(w) for w in words)


SPENT = re.compile(rf"(?:{_spaced('決算數', '實支數', '實收數', '實現數', '執行數', '支用數')})\s*(?:為|計|共)?\s*")
RATE = re.compile(rf"(?:{_spaced('執行率', '達成率')})\s*(?:為|達)?\s*")
# A fund's own budget heading (`( 二 ) 新住民發展基金決算`) and any heading that closes its scope.
FUND_HEADING = re.compile(r"[(]\s*[一二三四五六七八九十]+\s*[)]\s*([\u4e00-\u9fff]{2,20}?基金)\s*(?:決算|預算)")
ANY_HEADING = re.compile(r"[(]\s*[一二三四五六七八九十]+\s*[)]|^[ \t]*[一二三四五六七八九十]+\s*、", re.M)
# A work-plan table: its caption, and the endings of the genre's work-plan names.
PLAN_TABLE = re.compile(r"工作計畫\s*實施概況\s*實施成果")
PLAN_NAME_END = re.compile(r".*(?:業務|計畫|行政|設備)")
PLAN_REACH = 600
# A comma group broken by a stray space (`6,00 0元`) is one number.
BROKEN_GROUP = re.compile(r"(,\d{1,2})\s+(\d{1,2})(?=\s*[元萬億千仟])")


def _repair(text: str) -> str:
    """Rejoin digit groups split by PDF extraction, only where the pieces make three digits."""
    return BROKEN_GROUP.sub(lambda m: m.group(1) + m.group(2) if len(m.group(1)) - 1 + len(m.group(2)) == 3 else m.group(0), text)


def _money_at(text: str, pos: int, reach: int = 30, asides: bool = False):
    """The amount that starts within ``reach`` characters of ``pos`` and outside parentheses."""
    for amount in find_money(text[pos:]):
        if amount.start > reach:
            return None
        if asides or not _in_parens(text, pos + amount.start):
            return amount.value, pos + amount.end
    return None


def _in_parens(text: str, pos: int) -> bool:
    before = fold(text[:pos])
    return before.rfind("(") > before.rfind(")")


def document_year(ctx: DocContext) -> int | None:
    """The fiscal year a document names in its title, which `本年` refers to."""
    for sent in ctx.sentences[:3]:
        found = [d for d in find_dates(sent.text) if d.kind == "fiscal_year"]
        if found and len(sent.text) <= 80:
            return found[0].year
    return None


def _program_heading(text: str) -> str | None:
    name = NUMBERING.sub("", text).strip()
    name = HEADING_LABEL.sub("", name).strip()
    if PROGRAM_HEADING.match(name) and not re.search(r"\d", name):
        return name
    return None


def _item_name(text: str, paren_start: int) -> str:
    """The quoted name in an item heading, else the heading up to its allocation."""
    head = text[:paren_start]
    quoted = QUOTED.findall(head)
    if quoted:
        return quoted[0].strip()
    name = NUMBERING.sub("", head).strip()
    return re.sub(r"\s*\d+\s*(?:處|項|案|座)$", "", name).strip()


@extractor("program_budget")
def extract_program_budgets(ctx: DocContext):
    fiscal = document_year(ctx)
    plans = work_plans(ctx.text)
    program: str | None = None  # the plan a passage belongs to
    item: str | None = None  # the budgeted item heading under it
    sents = ctx.sentences
    for k, sent in enumerate(sents):
        text = _repair(sent.text)
        heading = _program_heading(sent.text)
        if heading:
            program, item = heading, None
            continue
        m = THIS_YEAR.search(fold(text))
        if m:
            item = _item_name(text, m.start())
            value = _money_at(text, m.start(1), 0, asides=True)
            if value:
                yield ProgramBudget(ctx.evidence(sent.start, sent.end), program_zh=item,
                                    fiscal_year=fiscal, budget_twd=int(value[0]))
            continue
        name = item or program
        yield from _execution(ctx, sent, text, plans)
        if name is None:
            continue
        yield from _allocations(ctx, sent, text, name)
        yield from _year_list(ctx, sent, text, name)
        yield from _total(ctx, sent, text, name, sents[k + 1].text if k + 1 < len(sents) else "")


def _allocations(ctx: DocContext, sent: Sentence, text: str, name: str):
    folded = fold(text)
    for m in YEAR_ALLOCATION.finditer(folded):
        value = _money_at(text, m.end(), 2)
        if not value:
            continue
        first = roc_to_gregorian(int(m.group(1)))
        last = roc_to_gregorian(int(m.group(2))) if m.group(2) else None
        if last is not None and last <= first:
            continue
        yield ProgramBudget(
            ctx.evidence(sent.start, sent.end),
            program_zh=name,
            fiscal_year=None if last else first,
            budget_twd=int(value[0]),
            period=f"{first}/{last}" if last else None,
        )


def _year_list(ctx: DocContext, sent: Sentence, text: str, name: str):
    """`102 年度：33,444 仟元103 年度：...合計：148,444 仟元`: one budget per year, the total over them."""
    folded = fold(text)
    years = []
    for m in YEAR_LIST_ITEM.finditer(folded):
        value = _money_at(text, m.end(), 0)
        if not value:
            continue
        year = roc_to_gregorian(int(m.group(1)))
        years.append(year)
        yield ProgramBudget(ctx.evidence(sent.start, sent.end), program_zh=name, fiscal_year=year,
                            budget_twd=int(value[0]))
    total = LIST_TOTAL.search(folded)
    if len(years) >= 2 and total:
        value = _money_at(text, total.end(), 0)
        if value:
            yield ProgramBudget(ctx.evidence(sent.start, sent.end), program_zh=name,
                                budget_twd=int(value[0]), period=f"{min(years)}/{max(years)}")


def _total(ctx: DocContext, sent: Sentence, text: str, name: str, following: str):
    """A program's whole cost; its period only when this passage or the next states one."""
    folded = fold(text)
    m = TOTAL_COST.search(folded)
    if not m:
        return
    value = _money_at(text, m.end(), 30)
    if not value and len(find_money(folded[m.end():])) == 1:
        # `所需經費資源包括...預估約計新臺幣26 億...`: the passage's only amount is the cost.
        value = _money_at(text, m.end(), len(text))
    if not value:
        return
    period = PERIOD.search(folded) or PERIOD.search(fold(following)[:40])
    span = None
    if period:
        first, last = roc_to_gregorian(int(period.group(1))), roc_to_gregorian(int(period.group(2)))
        span = f"{first}/{last}" if last > first else None
    yield ProgramBudget(ctx.evidence(sent.start, sent.end), program_zh=name, budget_twd=int(value[0]), period=span)


def _fund_at(ctx: DocContext, pos: int) -> str | None:
    """The fund whose heading is the last heading before ``pos``."""
    text = fold(ctx.text)
    last = None
    for h in ANY_HEADING.finditer(text, 0, pos):
        last = h
    if last is None:
        return None
    m = FUND_HEADING.match(text, last.start())
    return m.group(1) if m else None


def work_plans(text: str) -> list[tuple[int, str]]:
    """Rows of a work-plan table and the plan each opens with: the name rows share, cut at its ending."""
    caption = PLAN_TABLE.search(text)
    if not caption:
        return []
    rows = [(caption.end() + m.start(), m.group()) for m in re.finditer(r"(?m)^[^\n]+", text[caption.end():])]
    found = []
    for i, (pos, line) in enumerate(rows):
        best = ""
        for j, (_, other) in enumerate(rows):
            if i != j:
                named = PLAN_NAME_END.match(os.path.commonprefix([line, other]))
                if named and len(named.group()) > len(best):
                    best = named.group()
        if len(best) >= 4 and not re.search(r"[\d、.．]", best):
            found.append((pos, best))
    return found


def _plan_at(plans: list[tuple[int, str]], pos: int) -> str | None:
    """The work plan of the table row that ``pos`` reports on."""
    before = [(p, name) for p, name in plans if p <= pos]
    if before and pos - before[-1][0] <= PLAN_REACH:
        return before[-1][1]
    return None


def _execution(ctx: DocContext, sent: Sentence, text: str, plans: list[tuple[int, str]]):
    """A budget line with what was spent of it and the execution rate, all in one sentence."""
    folded = fold(text)
    for m in BUDGET_LINE.finditer(folded):
        budget = _money_at(text, m.end(), 40)
        if not budget:
            continue
        rest = folded[budget[1]:]
        nxt = BUDGET_LINE.search(rest)
        rest = rest[: nxt.start()] if nxt else rest
        spent = SPENT.search(rest)
        executed = _money_at(text, budget[1] + spent.end(), 0) if spent else None
        rate = RATE.search(rest)
        percent = find_percents(rest[rate.end(): rate.end() + 12]) if rate else []
        if executed is None and not percent:
            continue
        line = m.group(2)
        owner = _fund_at(ctx, sent.start + m.start()) or _plan_at(plans, sent.start + m.start())
        yield ProgramBudget(
            ctx.evidence(sent.start, sent.end),
            program_zh=f"{owner}（{line}）" if owner and not line.startswith(owner) else line,
            fiscal_year=roc_to_gregorian(int(m.group(1))),
            budget_twd=int(budget[0]),
            executed_twd=int(executed[0]) if executed else None,
            execution_rate=float(percent[0].value) if percent and percent[0].start == 0 else None,
        )
