"""Key performance indicators (關鍵績效指標): target, actual value and achievement per year.

PDF extraction flattens the KPI tables; two layouts survive in recognisable form:

* a year-column table (performance reports):
  `關鍵績效指標：加強防制人口販運項目 103 年度 104 年度 ... 衡量標準 ... 原訂目標值 1 級 1 級
  ... 實際值 1 級 ... 達成度 100% 100% ...` -> one KPI per year column, as long as a row has
  exactly one value per column;
* a one-year target table (budget explanations): the header ends `衡量標準 102 年度目標值`, then
  numbered rows `一、` `二、` ... (a row number may sit mid-line: `...5％十 、 加強財務審核...`),
  each ending with its target: a value at the end of the row (`...以提高核卡件數 160 件`), a value
  on its own last line (`100%`, `完 成 洽 談 達90 次以上`) or a run of numbered values
  (`(1)12 所。` `(2)20 場次。`); a row that ends in prose gives no KPI;
* one indicator per numbered row, each followed by its analysis (budget explanations):
  `四、與外國政府洽談...完 成 洽談 達 60次以上` / `一、衡量標準：...` / `三、年度目標值及達成度：`
  `(一)年度目標值：完成洽談達 60 次以上。` `(二)達成度：84 次，達成率 140%` -> the row heading
  is the indicator; the year is the one the section heading names (`前(100)年度施政績效`).

Values stay strings as written, with runs of spaces collapsed and full-width `％` folded.
A target that the text lists on the following lines (`年度目標值：` then `1.28 座。` `2.300 萬。`)
is kept as written, the lines joined (`1.28 座。2.300 萬。`).
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
CELL = re.compile(r"\d[\d,.]*\s*(?:%|[\u4e00-\u9fff]{1,3})?")
TABLE_REACH = 4000

# --- one-year target tables: `...衡量標準 102 年度目標值` then numbered rows, target last
TARGET_HEAD = re.compile(r"衡量標準\s*(\d{2,3})\s*年度目標值")
CN_DIGITS = "一二三四五六七八九"
ANY_ROW_LINE = re.compile(r"^[ \t]*[一二三四五六七八九十]{1,3}\s*、", re.M)
# Column captions a page break repeats inside a row.
HEADER_RUN = re.compile(r"(?:關鍵績效指標|關鍵策略目標|評估體制|評估方式|衡量標準|\d{2,3}\s*年度目標值){3,}")
LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.、]|[(]\s*\d{1,2}\s*[)])\s*")
# A value alone on a line: a number with its unit, after at most a short verb (`完成洽談達90次以上`).
VALUE_LINE = re.compile(r"^[^\d:：,，()（）]{0,8}\d[\d,.]*\s*(?:%|[\u4e00-\u9fff]{1,4})?\s*。?$")
END_VALUE = re.compile(r"(?<![\d,.])(\d[\d,.]*\s*(?:%|[\u4e00-\u9fff]{1,3}))\s*。?\s*$")
ROW_REACH = 3000
# The measure's formula that follows the indicator in the same cell: `...人數(【102 年...】/101 年...)*100%`.
FORMULA = re.compile(r"\s*\d*\s*[(（](?=[^)）]*(?:\d\s*年|[÷×*/]|【)).*$")

# --- numbered rows with their analysis
ROW_ANCHOR = re.compile(r"[一1]\s*[、.]\s*衡量(?:標準|指標)\s*[：:]")
ROW_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、\s*")
SECTION_YEAR = re.compile(r"[(（]\s*(\d{2,3})\s*[)）]\s*年度")
TARGET = re.compile(r"[)）]\s*年度目標值\s*[：:][ \t]*([^。\n]{1,150}?)\s*(?:。|\n|$)")
# `(一)年度目標值：` with the values listed on the next lines: `1.28 座。` `2.300 萬。`
TARGET_LIST = re.compile(r"[)）]\s*年度目標值\s*[：:][ \t]*\n((?:[ \t]*\d{1,2}\s*[.、][^\n]{1,30}(?:\n|$)){2,})")
ACHIEVED_LIST = re.compile(r"[)）]\s*達成(?:度|情形)\s*[：:][ \t]*\n((?:[ \t]*\d{1,2}\s*[.、][^\n]{1,30}(?:\n|$)){2,})")
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
    yield from _target_tables(ctx)
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
        # Cells in words (`第一級 第一級 第一級`): one per column when the spaces say so.
        cells = body[m.end():cells_end].split()
        words = all(len(c) <= 12 and not c[0].isdigit() and re.search(r"[\u4e00-\u9fff]", c) for c in cells)
        if len(cells) != n or not words:
            return None
    return cells, cells_end


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (row numbers of the genre's tables)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


def _row_number(text: str, n: int, pos: int):
    """Where row ``n`` (`十一、`, spaced `十 、`) starts after ``pos``; not inside a larger numeral."""
    return re.compile(rf"(?<![一二三四五六七八九十]){chinese_numeral(n)}\s*、").search(text, pos)


def _target_tables(ctx: DocContext):
    text = fold(ctx.text)
    done = 0
    for head in TARGET_HEAD.finditer(text):
        if head.start() < done:
            continue  # the caption repeated on a later page of the same table
        year = roc_to_gregorian(int(head.group(1)))
        first = _row_number(text, 1, head.end())
        if not first or text[head.end():first.start()].strip():
            continue
        n, start = 1, first
        while start:
            nxt = _row_number(text, n + 1, start.end())
            other = ANY_ROW_LINE.search(text, start.end())
            end = nxt.start() if nxt else len(text)
            if other and other.start() < end:
                end, nxt = other.start(), None  # a heading of another numbering: the table ends
            if end - start.end() > ROW_REACH:
                break
            kpi = _target_row(ctx, text, start.end(), end, year)
            if kpi:
                yield kpi
            done = end
            n, start = n + 1, nxt


def _target_row(ctx: DocContext, text: str, begin: int, end: int, year: int | None) -> Kpi | None:
    """One row of a one-year target table: the target is what the row ends with."""
    # Match on the folded text, keep the original's characters (same offsets, line by line).
    keep = [m.span() for m in re.finditer(r"[^\n]+", HEADER_RUN.sub(lambda m: "\n" * len(m.group()), text[begin:end]))]
    spans = [(a + len(t) - len(t.lstrip()), b - len(t) + len(t.rstrip()))
             for a, b in keep for t in [text[begin + a: begin + b]] if t.strip()]
    lines = [text[begin + a: begin + b] for a, b in spans]
    originals = [ctx.text[begin + a: begin + b] for a, b in spans]
    k = len(lines)
    while k > 0 and VALUE_LINE.match(_squeeze(LIST_MARK.sub("", lines[k - 1]))):
        k -= 1
    if 0 < k < len(lines):
        target, body = "".join(originals[k:]), originals[:k]
    else:
        m = END_VALUE.search(lines[-1]) if lines else None
        if not m or not lines[-1][: m.start()].strip():
            return None
        target, body = originals[-1][m.start(1): m.end(1)], [*originals[:-1], originals[-1][: m.start()]]
    heading = []
    for line, folded in zip(body, lines):
        if LIST_MARK.match(folded):
            break  # the measure's numbered items, not the indicator's name
        heading.append(line)
    indicator = FORMULA.sub("", _squeeze(tidy("".join(heading)))).strip(" 。，,")
    if not indicator:
        return None
    return Kpi(ctx.evidence(begin, end), program_zh=None, indicator_zh=indicator, year=year,
               target=_squeeze(tidy(target)))


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
        found = TARGET.search(block) or TARGET_LIST.search(block)
        if not found or not found.group(1).strip():
            continue
        target = _joined(ctx.text[anchor.start() + found.start(1): anchor.start() + found.end(1)])
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


def _joined(value: str) -> str:
    """Values listed on several lines, as written on one: `1.28 座。` `2.300 萬。` -> `1.28 座。2.300 萬。`."""
    return "".join(line.strip() for line in value.split("\n"))


def _achievement(block: str) -> tuple[str | None, str | None]:
    """`603,349 人，達成率 100.55％` -> actual `603,349 人`, achievement `100.55%`; a bare `116％` is the achievement."""
    m = ACHIEVED.search(fold(block))
    if not m:
        listed = ACHIEVED_LIST.search(fold(block))
        return (None, tidy(_joined(block[listed.start(1):listed.end(1)]))) if listed else (None, None)
    said = block[m.start(1):m.end(1)]
    first = re.split(r"[，；]", said)[0].strip()
    if re.fullmatch(r"\d[\d,.]*\s*[%％]", first):
        return None, tidy(first)
    rate = RATE.search(fold(said))
    return tidy(first) or None, tidy(rate.group(1)) if rate else None
