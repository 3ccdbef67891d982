"""Key performance indicators (關鍵績效指標): target, actual value and achievement per year.

PDF extraction flattens the KPI tables; two layouts survive in recognisable form:

* a year-column table (performance reports):
  `關鍵績效指標：加強防制人口販運項目 103 年度 104 年度 ... 衡量標準 ... 原訂目標值 1 級 1 級
  ... 實際值 1 級 ... 達成度 100% 100% ...` -> one KPI per year column, as long as a row has
  exactly one value per column;
* one indicator per numbered row, each followed by its analysis (budget explanations):
  `四、與外國政府洽談...完 成 洽談 達 60次以上` / `一、衡量標準：...` / `三、年度目標值及達成度：`
  `(一)年度目標值：完成洽談達 60 次以上。` `(二)達成度：84 次，達成率 140%` -> the row heading
  is the indicator; the year is the one the section heading names (`前(100)年度施政績效`).

Values stay strings as written, with runs of spaces collapsed and full-width `％` folded.
A target that the text spreads over several lines (`年度目標值：` then `1.28 座。2.300 萬。`)
is not one value, so that row gives no KPI.
"""

from __future__ import annotations

import re

from extract.context import DocContext
from extract.extractors import extractor
from extract.facts import Kpi
from extract.normalize.dates import roc_to_gregorian
from extract.normalize.text import fold

# --- year-column tables
TABLE_HEAD = re.compile(
    r"關鍵績效指標\s*[：:]\s*(?P<name>[^：:\n。]{2,40}?)\s*項目\s*(?P<years>(?:\d{2,3}\s*年度?\s*){1,8})"
)
YEAR_CELL = re.compile(r"(\d{2,3})\s*年")
ROW_LABELS = {"target": r"原[訂定]目標值", "actual": r"實際值", "achievement": r"達成度"}
ROW_END = re.compile(r"原[訂定]目標值|實際值|達成度|初核結果|複核結果|衡量標準|關鍵績效指標|\n")
CELL = re.compile(r"\d[\d,.]*\s*(?:%|[\u4e00-\u9fff]{1,2})?")
TABLE_REACH = 4000

# --- numbered rows with their analysis
ROW_ANCHOR = re.compile(r"[一1]\s*[、.]\s*衡量(?:標準|指標)\s*[：:]")
ROW_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、\s*")
SECTION_YEAR = re.compile(r"[(（]\s*(\d{2,3})\s*[)）]\s*年度")
TARGET = re.compile(r"[)）]\s*年度目標值\s*[：:][ \t]*([^。\n]{1,60}?)\s*(?:。|\n|$)")
ACHIEVED = re.compile(r"[)）]\s*達成(?:度|情形)\s*[：:][ \t]*([^。\n]{1,80}?)\s*(?:。|\n|$)")
RATE = re.compile(r"達成率\s*(\d[\d,.]*\s*%)")
# Column captions a flattened table repeats on every page.
CAPTIONS = re.compile(
    r"年度績效目標|衡量指標|原定目標值|績效衡量暨達成情形分析|關鍵策略目標|關鍵績效指標|評估體制|評估方式"
)
TRAILING_VALUE = re.compile(r"\s*\d[\d,.]*\s*(?:%|[\u4e00-\u9fff]{1,3})?\s*$")


def tidy(value: str) -> str:
    """One space where the text has a run of spaces; `％` as `%`; table bullets dropped."""
    value = value.replace("％", "%")
    return re.sub(r"\s+", " ", value).strip(" ，,")


def _squeeze(text: str) -> str:
    """Undo justified spacing between Chinese characters (`完 成 洽談` -> `完成洽談`)."""
    return re.sub(r"(?<=[\u4e00-\u9fff（）()「」、，])\s+(?=[\u4e00-\u9fff（）()「」、，])", "", text)


@extractor("kpi")
def extract_kpis(ctx: DocContext):
    yield from _year_tables(ctx)
    yield from _numbered_rows(ctx)


def _year_tables(ctx: DocContext):
    text = fold(ctx.text)
    heads = list(TABLE_HEAD.finditer(text))
    for i, head in enumerate(heads):
        years = [roc_to_gregorian(int(y)) for y in YEAR_CELL.findall(head.group("years"))]
        stop = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body_start = head.end()
        body = text[body_start: min(stop, body_start + TABLE_REACH)]
        rows = {field: _row(body, label, len(years)) for field, label in ROW_LABELS.items()}
        if rows["target"] is None:
            continue
        end = body_start + max(r[1] for r in rows.values() if r)
        indicator = _squeeze(tidy(ctx.text[head.start("name"):head.end("name")]))
        for k, year in enumerate(years):
            yield Kpi(
                ctx.evidence(head.start(), end),
                program_zh=None,
                indicator_zh=indicator,
                year=year,
                target=rows["target"][0][k],
                actual=rows["actual"][0][k] if rows["actual"] else None,
                achievement=rows["achievement"][0][k] if rows["achievement"] else None,
            )


def _row(body: str, label: str, n: int) -> tuple[list[str], int] | None:
    """The ``n`` cells of the row that starts with ``label``, and where the row ends."""
    m = re.search(label, body)
    if not m:
        return None
    nxt = ROW_END.search(body, m.end())
    cells_end = nxt.start() if nxt else len(body)
    cells = [tidy(c) for c in CELL.findall(body[m.end():cells_end])]
    if len(cells) != n:
        return None
    return cells, cells_end


def _numbered_rows(ctx: DocContext):
    text = fold(ctx.text)
    anchors = list(ROW_ANCHOR.finditer(text))
    sections = [(m.start(), roc_to_gregorian(int(m.group(1)))) for m in SECTION_YEAR.finditer(text)]
    for i, anchor in enumerate(anchors):
        heading_start, heading = _heading(text, anchor.start())
        if heading is None:
            continue
        block_end = _block_end(text, anchor, anchors[i + 1] if i + 1 < len(anchors) else None)
        block = text[anchor.start():block_end]
        found = TARGET.search(block)
        if not found or not found.group(1).strip():
            continue
        target = ctx.text[anchor.start() + found.start(1): anchor.start() + found.end(1)]
        year = next((y for pos, y in reversed(sections) if pos < heading_start), None)
        actual, achievement = _achievement(ctx.text[anchor.start():block_end])
        yield Kpi(
            ctx.evidence(heading_start, anchor.start() + found.end()),
            program_zh=None,
            indicator_zh=_indicator(ctx.text[heading_start: heading_start + len(heading)], target),
            year=year,
            target=tidy(target),
            actual=actual,
            achievement=achievement,
        )


def _heading(text: str, anchor: int) -> tuple[int, str | None]:
    """The numbered row heading on the anchor's line, or on the line before it."""
    line_start = text.rfind("\n", 0, anchor) + 1
    if not text[line_start:anchor].strip():
        line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        line = text[line_start:anchor].rstrip("\n")
    else:
        line = text[line_start:anchor]
    if not ROW_NUMBER.match(line):
        return line_start, None
    return line_start, line


def _block_end(text: str, anchor, following) -> int:
    """A row's analysis runs until the next row heading (the line before the next anchor)."""
    if following is None:
        return len(text)
    start, _ = _heading(text, following.start())
    return max(anchor.end(), start)


def _indicator(heading: str, target: str) -> str:
    name = _squeeze(CAPTIONS.sub("", ROW_NUMBER.sub("", heading)))
    name = tidy(name)
    goal = _squeeze(tidy(target)).replace(" ", "")
    flat = name.replace(" ", "")
    if goal and flat.endswith(goal):
        name = flat[: -len(goal)]
    else:
        name = TRAILING_VALUE.sub("", name)
    return name.strip(" ，,")


def _achievement(block: str) -> tuple[str | None, str | None]:
    """`603,349 人，達成率 100.55％` -> actual `603,349 人`, achievement `100.55%`; a bare `116％` is the achievement."""
    m = ACHIEVED.search(fold(block))
    if not m:
        return None, None
    said = block[m.start(1):m.end(1)]
    first = re.split(r"[，；]", said)[0].strip()
    if re.fullmatch(r"\d[\d,.]*\s*[%％]", first):
        return None, tidy(first)
    rate = RATE.search(fold(said))
    return tidy(first) or None, tidy(rate.group(1)) if rate else None
