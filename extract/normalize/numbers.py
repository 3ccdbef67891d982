"""Amounts of money, counts and percentages as the reports write them.

Money comes in thousands (`178,533千元`, `170,816仟元`), in mixed units with
commas and stray spaces (`1 億 8,542 萬 2,000 元`, `2億2,987萬3千元`) or in plain
dollars; all of it becomes whole New Taiwan dollars. Counts use `萬` the same
way (`67萬人`, `1 萬 6,800 餘次`). Percentages drop their sign (`88.36%` -> 88.36).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.normalize.text import fold

_UNITS = {"億": 10**8, "萬": 10**4, "万": 10**4, "千": 10**3, "仟": 10**3, "百": 100, "佰": 100}
_SP = r"[ \t\u00a0]*"
_NUM = r"\d{1,3}(?:,[ \t]*\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A chain of number+unit parts, largest unit first (`2 億 3,739 萬6,755`).
_CHAIN = rf"(?:(?:{_NUM}){_SP}[億萬万]{_SP})*(?:(?:{_NUM}){_SP}(?:[千仟百佰]{_SP})?)?"

MONEY_RE = re.compile(
    rf"(?<!\d)(?<!\d[.,])(?P<amount>(?:{_NUM}){_SP}(?:[億萬万千仟百佰]{_SP})?{_CHAIN}){_SP}"
    rf"(?P<unit>千元|仟元|萬元|万元|億元|元)"
)
COUNT_RE = re.compile(rf"(?<!\d)(?<!\d[.,])(?P<amount>(?:{_NUM}){_SP}(?:[億萬万]{_SP})?{_CHAIN})")
PERCENT_RE = re.compile(rf"(?<![\d.])(?P<value>\d+(?:\.\d+)?){_SP}%")


@dataclass(frozen=True)
class Amount:
    """A normalised number with the span of text that stated it."""

    start: int
    end: int
    value: int | float
    unit: str = ""


def _decimal(text: str) -> Decimal:
    return Decimal(re.sub(r"[,\s]", "", text))


def parse_chain(text: str) -> Decimal | None:
    """`1 億 8,542 萬 2,000` -> 185422000; `5,520` -> 5520; None if not a number."""
    folded = fold(text)
    total = Decimal(0)
    pos = 0
    seen = False
    for m in re.finditer(rf"({_NUM}){_SP}([億萬万千仟百佰])?", folded):
        if folded[pos : m.start()].strip():
            return None
        try:
            value = _decimal(m.group(1))
        except InvalidOperation:
            return None
        total += value * _UNITS.get(m.group(2) or "", 1)
        pos = m.end()
        seen = True
    if not seen or folded[pos:].strip():
        return None
    return total


def _whole(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def find_money(text: str) -> list[Amount]:
    """Every amount of money in ``text``, in whole NT$."""
    out = []
    folded = fold(text)
    for m in MONEY_RE.finditer(folded):
        chain = parse_chain(m.group("amount"))
        if chain is None:
            continue
        unit = m.group("unit")
        mult = _UNITS.get(unit[0], 1) if unit != "元" else 1
        out.append(Amount(m.start(), m.end(), _whole(chain * mult), "TWD"))
    return out


def parse_money(text: str) -> int | None:
    """The first amount of money in ``text`` in whole NT$ (`178,533千元` -> 178533000)."""
    found = find_money(text)
    return int(found[0].value) if found else None


def parse_count(text: str) -> int | float | None:
    """A count with optional `萬`/`億` (`67萬` -> 670000, `1 萬 6,800` -> 16800)."""
    m = COUNT_RE.fullmatch(fold(text).strip())
    if not m:
        return None
    chain = parse_chain(m.group("amount"))
    return None if chain is None else _whole(chain)


def find_percents(text: str) -> list[Amount]:
    """Every percentage in ``text`` as a plain number (`88.36%` -> 88.36)."""
    return [
        Amount(m.start(), m.end(), _whole(Decimal(m.group("value"))), "%")
        for m in PERCENT_RE.finditer(fold(text))
    ]


def parse_percent(text: str) -> int | float | None:
    found = find_percents(text)
    return found[0].value if found else None
