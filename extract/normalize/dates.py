"""ROC (Minguo) and Gregorian dates as the reports write them.

The reports count years from 1912 (`106 年` is 2017), break dates across lines
and spaces (`106 年 3月 17 日`), give ranges in many shapes (`7月25日至26日`,
`113年8月28日及29日`, `102年 5月-103年 8月`, `110年至112年`, `98-100 年`) and leave
the year out when the sentence already gave it (`4月 21日與聖文森`, `同年 6 月 1 日`).

A date is only as precise as the text: `PartialDate(2017)` prints `2017`,
`PartialDate(2024, 4)` prints `2024-04`. Nothing is guessed: a month without a
year in reach is dropped, and so are relative years (`本年`, `去年`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from extract.normalize.text import fold

ROC_OFFSET = 1911
# Years the genre can plausibly mention: the Republic's early decades are never
# dated in these reports, and small numbers before 年 are durations (`連續 8年`).
_ROC_MIN, _ROC_MAX = 38, 200
_GREG_MIN, _GREG_MAX = 1949, 2100


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.iso()


@dataclass(frozen=True)
class DateMention:
    """A date or date range stated in the text, with its span in that text.

    ``kind`` is ``date`` (one point at some precision), ``range`` (``end`` set),
    ``as_of`` (`截至113年底`, `至 106 年底止`) or ``fiscal_year`` (`106 年度`).
    ``others`` holds further dates of a list that is not a range (`4 月 18 及 26 日`).
    """

    start: int
    end: int
    value: PartialDate
    end_value: PartialDate | None = None
    kind: str = "date"
    others: tuple[PartialDate, ...] = field(default=())

    @property
    def year(self) -> int:
        return self.value.year


def roc_to_gregorian(year: int) -> int:
    """`106` -> `2017`; four-digit years are taken as Gregorian already."""
    return year + ROC_OFFSET if year < 1000 else year


def _plausible_year(raw: int) -> int | None:
    if raw >= 1000:
        return raw if _GREG_MIN <= raw <= _GREG_MAX else None
    return raw + ROC_OFFSET if _ROC_MIN <= raw <= _ROC_MAX else None


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year, month)[1]


_SP = r"[ \t\u00a0]*"
# One regex of atoms; the scanner below assembles them into dates and ranges.
# It opens with the set of characters any atom can start with: Python's regex
# engine otherwise tries every branch (with its look-behinds) at every position
# of the text, which took three times as long.
_ATOMS = re.compile(
    rf"""
    (?=[\d截迄至中同到~\-及、和止 \t\u00a0])
    (?:
    (?P<asof>截至|截止|迄至|迄|至){_SP}(?=(?:中華民國{_SP})?\d{{2,4}}{_SP}年{_SP}(?:底|止|\d{{1,2}}{_SP}月{_SP}底))
  | (?P<year>(?:中華民國{_SP})?(?<!\d)(?<!\d[.,])(?P<y>\d{{2,4}}){_SP}年(?!{_SP}(?:級|次|期|屆|名|人|位|件|內))(?P<ysuf>度|底|初)?)
  | (?P<same>同{_SP}年|同年度)
  | (?P<byear>(?<!\d)(?<!\d[.,])(?P<by>\d{{2,4}})(?={_SP}(?:至|到|-|~){_SP}\d{{2,4}}{_SP}年))
  | (?P<month>(?<!\d)(?<!\d[.,])(?P<m>\d{{1,2}}){_SP}月(?:份)?(?P<msuf>底)?)
  | (?P<bmonth>(?<!\d)(?<!\d[.,])(?P<bm>\d{{1,2}})(?={_SP}(?:至|到|-|~){_SP}\d{{1,2}}{_SP}月))
  | (?P<day>(?<!\d)(?<!\d[.,])(?P<d>\d{{1,2}}){_SP}[日號])
  | (?P<bday>(?<!\d)(?<!\d[.,])(?P<bd>\d{{1,2}})(?={_SP}(?:至|到|-|~|及|、|和){_SP}\d{{1,2}}{_SP}[日號]))
  | (?P<conn>{_SP}(?:至|到|~|-|及|、|和){_SP})
  | (?P<stop>{_SP}止)
    )
  """,
    re.VERBOSE,
)
_DURATION_BEFORE = re.compile(r"(?:連續|約|近|逾|滿|為期|歷時|長達|超過|多達|已達|計|共)\s*$")


def _duration_before(text: str, pos: int) -> bool:
    """Whether a duration word ends right before ``pos``: only a short window is searched,
    since a search from the start of the text would make every year quadratic in it."""
    return _DURATION_BEFORE.search(text, max(0, pos - 24), pos) is not None


@dataclass
class _Atom:
    kind: str
    start: int
    end: int
    num: int | None = None
    suffix: str | None = None


# Every date has a number right before 年, 月, 日 or 號, or says 同年: text with none of
# them is skipped before the (much slower) atom scanner runs over it.
_HINT = re.compile(rf"\d{_SP}[年月日號]|同{_SP}年")


def _atoms(text: str) -> list[_Atom]:
    out: list[_Atom] = []
    if not _HINT.search(text):
        return out
    for m in _ATOMS.finditer(text):
        kind = m.lastgroup if m.lastgroup in {"asof", "same", "conn", "stop"} else None
        if m.group("asof") is not None:
            out.append(_Atom("asof", m.start(), m.end()))
        elif m.group("year") is not None:
            if _duration_before(text, m.start()):
                continue
            out.append(_Atom("year", m.start(), m.end(), int(m.group("y")), m.group("ysuf")))
        elif m.group("same") is not None:
            out.append(_Atom("same", m.start(), m.end(), suffix="度" if m.group("same").endswith("度") else None))
        elif m.group("byear") is not None:
            out.append(_Atom("year", m.start(), m.end(), int(m.group("by"))))
        elif m.group("month") is not None:
            out.append(_Atom("month", m.start(), m.end(), int(m.group("m")), m.group("msuf")))
        elif m.group("bmonth") is not None:
            out.append(_Atom("month", m.start(), m.end(), int(m.group("bm"))))
        elif m.group("day") is not None:
            out.append(_Atom("day", m.start(), m.end(), int(m.group("d"))))
        elif m.group("bday") is not None:
            out.append(_Atom("day", m.start(), m.end(), int(m.group("bd"))))
        elif kind == "conn":
            out.append(_Atom("conn", m.start(), m.end(), suffix=m.group("conn").strip()))
        elif kind == "stop":
            out.append(_Atom("stop", m.start(), m.end()))
    return out


@dataclass
class _Expr:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    ysuf: str | None
    explicit_year: bool
    asof: bool = False
    lone_day: bool = False


def _group(text: str, atoms: list[_Atom], context_year: int | None) -> Iterator[tuple[_Expr, int]]:
    """Join adjacent year/month/day atoms into expressions; yields (expr, next index)."""
    i = 0
    last_year = context_year
    while i < len(atoms):
        a = atoms[i]
        asof = False
        if a.kind == "asof":
            asof = True
            i += 1
            if i >= len(atoms):
                break
            a = atoms[i]
            start = atoms[i - 1].start
        else:
            start = a.start
        if a.kind not in {"year", "same", "month", "day"}:
            i += 1
            continue
        year = month = day = None
        ysuf = None
        explicit = False
        end = a.end
        j = i
        if atoms[j].kind in {"year", "same"}:
            at = atoms[j]
            if at.kind == "year":
                year = _plausible_year(at.num or 0)
                explicit = year is not None
            else:
                year = last_year
            ysuf = at.suffix
            end = at.end
            j += 1
        if j < len(atoms) and atoms[j].kind == "month" and (j == i or _adjacent(text, end, atoms[j].start)):
            month = atoms[j].num
            if atoms[j].suffix == "底":
                ysuf = ysuf or None
            end = atoms[j].end
            j += 1
            if j < len(atoms) and atoms[j].kind == "day" and _adjacent(text, end, atoms[j].start):
                day = atoms[j].num
                end = atoms[j].end
                j += 1
        if j == i and atoms[j].kind == "day":
            # A lone day only means something as the end of a range (`25 至 26 日`).
            yield _Expr(start, atoms[j].end, None, None, atoms[j].num, None, False, lone_day=True), j + 1
            i = j + 1
            continue
        if j == i:
            i += 1
            continue
        if year is None and (explicit or atoms[i].kind in {"year", "same"}):
            i = j
            continue
        if year is None:
            year = last_year
        if j < len(atoms) and atoms[j].kind == "stop" and _adjacent(text, end, atoms[j].start):
            end = atoms[j].end
            j += 1
        if year is not None:
            last_year = year
        yield _Expr(start, end, year, month, day, ysuf, explicit, asof), j
        i = j


def _adjacent(text: str, left: int, right: int) -> bool:
    return text[left:right].strip() == ""


def find_dates(text: str, context_year: int | None = None) -> list[DateMention]:
    """Every date, range and as-of date stated in ``text``; see :func:`_find_dates`.

    Several extractors read the same sentence, so results are memoised: the
    mentions are frozen, and each caller gets its own list.
    """
    return list(_find_dates_cached(text, context_year))


def cache_clear() -> None:
    _find_dates_cached.cache_clear()


@lru_cache(maxsize=16384)
def _find_dates_cached(text: str, context_year: int | None) -> tuple[DateMention, ...]:
    return tuple(_find_dates(text, context_year))


def _find_dates(text: str, context_year: int | None = None) -> list[DateMention]:
    """Every date, range and as-of date stated in ``text``, in order.

    ``context_year`` is the Gregorian year a sentence inherits from what came
    before it (for `4月21日` after `106年3月17日`); each explicit year found
    becomes the context for the dates after it.
    """
    folded = fold(text)
    atoms = _atoms(folded)
    exprs = list(_group(folded, atoms, context_year))
    out: list[DateMention] = []
    k = 0
    while k < len(exprs):
        e, nxt = exprs[k]
        if e.lone_day or e.year is None or not _valid(e.year, e.month, e.day):
            k += 1
            continue
        value = PartialDate(e.year, e.month, e.day)
        kind = "as_of" if e.asof or e.ysuf == "底" else ("fiscal_year" if e.ysuf == "度" and e.month is None else "date")
        mention = DateMention(e.start, e.end, value, kind=kind)
        # A connector and a second expression make a range or a list.
        if k + 1 < len(exprs) and nxt < len(atoms) and atoms[nxt].kind == "conn":
            conn = atoms[nxt]
            e2, _ = exprs[k + 1]
            if conn.start == e.end and e2.start == conn.end and not e2.asof:
                second = _complete(e, e2)
                if second is not None and _valid(second.year, second.month, second.day) and second >= value:
                    if conn.suffix in {"至", "到", "-", "~"} or _consecutive(value, second):
                        mention = DateMention(e.start, e2.end, value, second, "range")
                    else:
                        mention = DateMention(e.start, e2.end, value, kind=kind, others=(second,))
                    k += 1
        out.append(mention)
        k += 1
    return out


def _complete(first: _Expr, second: _Expr) -> PartialDate | None:
    """Fill what the second half of a range leaves out from the first half."""
    if second.explicit_year:
        year = second.year
        month, day = second.month, second.day
    else:
        year = first.year
        if second.month is not None:
            month, day = second.month, second.day
        elif second.day is not None:
            month, day = first.month, second.day
        else:
            return None
    if year is None:
        return None
    # Precision of both ends must agree: `7月25日至8月` is not a range we can state.
    if (first.day is None) != (day is None) or (first.month is None) != (month is None):
        return None
    return PartialDate(year, month, day)


def _consecutive(a: PartialDate, b: PartialDate) -> bool:
    if a.day is None or b.day is None or a.month != b.month or a.year != b.year:
        return False
    return b.day == a.day + 1


def parse_date(text: str) -> PartialDate | None:
    """The first date stated in ``text``, or None."""
    found = find_dates(text)
    return found[0].value if found else None


def years_in(text: str) -> list[tuple[int, int, int]]:
    """Every explicit year with its span, Gregorian: ``[(year, start, end)]``."""
    out = []
    for m in re.finditer(rf"(?<!\d)(?<!\d[.,])(\d{{2,4}}){_SP}年", fold(text)):
        year = _plausible_year(int(m.group(1)))
        if year is not None and not _duration_before(text, m.start()):
            out.append((year, m.start(), m.end()))
    return out
