"""The value formats of the genre, as properties: any ROC date, amount or count written the
way the reports write it comes back as the value it states."""

from __future__ import annotations

import calendar

from hypothesis import given, strategies as st

from extract.normalize.dates import PartialDate, find_dates, parse_date, roc_to_gregorian
from extract.normalize.numbers import parse_count, parse_money, parse_percent

spaces = st.sampled_from(["", " ", "  "])


@st.composite
def roc_dates(draw):
    year = draw(st.integers(min_value=1950, max_value=2060))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    s = [draw(spaces) for _ in range(5)]
    roc = year - 1911
    prefix = draw(st.sampled_from(["", "中華民國", "於 ", "已於"]))
    text = f"{prefix}{roc}{s[0]}年{s[1]}{month}{s[2]}月{s[3]}{day}{s[4]}日"
    return text, PartialDate(year, month, day)


@given(roc_dates())
def test_roc_dates_in_any_spacing(case):
    text, expected = case
    assert parse_date(text) == expected


@given(roc_dates(), st.integers(min_value=1, max_value=3))
def test_day_ranges_keep_both_ends(case, length):
    text, start = case
    end_day = start.day + length
    if end_day > calendar.monthrange(start.year, start.month)[1]:
        return
    found = find_dates(f"{text[:-1]}至{end_day}日")
    assert found[0].value == start
    assert found[0].end_value == PartialDate(start.year, start.month, end_day)


def test_the_shapes_the_reports_use():
    assert parse_date("106 年 3月 17 日").iso() == "2017-03-17"
    two_days = find_dates("113年8月28日及29日")[0]
    assert (two_days.value.iso(), two_days.end_value.iso()) == ("2024-08-28", "2024-08-29")
    years = find_dates("110年至112年")[0]
    assert (years.value.iso(), years.end_value.iso(), years.kind) == ("2021", "2023", "range")
    as_of = find_dates("截至113年底")[0]
    assert (as_of.value.iso(), as_of.kind) == ("2024", "as_of")
    assert parse_date("2017年").iso() == "2017"
    months = find_dates("執行期程為 102年 5月-103年 8月")[0]
    assert (months.value.iso(), months.end_value.iso()) == ("2013-05", "2014-08")
    assert find_dates("106 年度歲出資本門")[0].kind == "fiscal_year"


def test_a_date_without_year_takes_the_sentences_year():
    found = find_dates("我國於 106 年 3月 17 日與帛琉共和國、4月 21日與聖文森簽署")
    assert [d.value.iso() for d in found] == ["2017-03-17", "2017-04-21"]
    same_year = find_dates("於 98年 1 月 23 日制定公布，並於同年 6 月 1 日施行")
    assert [d.value.iso() for d in same_year] == ["2009-01-23", "2009-06-01"]


def test_durations_and_relative_years_are_not_dates():
    assert find_dates("已連續 8年獲評為第一級國家") == []
    assert find_dates("迄今約 14 年") == []
    assert find_dates("且於本年 8 月 17 日與蒙古簽訂備忘錄") == []


@given(st.integers(min_value=0, max_value=10**12))
def test_money_in_yi_wan_and_commas(amount):
    yi, rest = divmod(amount, 10**8)
    wan, ones = divmod(rest, 10**4)
    parts = []
    if yi:
        parts.append(f"{yi:,} 億")
    if wan:
        parts.append(f"{wan:,} 萬")
    if ones or not parts:
        parts.append(f"{ones:,}")
    assert parse_money(" ".join(parts) + " 元") == amount


@given(st.integers(min_value=1, max_value=10**9))
def test_money_in_thousands(thousands):
    for unit in ("千元", "仟元"):
        assert parse_money(f"本年編列 {thousands:,}{unit}") == thousands * 1000


def test_money_as_the_reports_write_it():
    assert parse_money("178,533千元") == 178_533_000
    assert parse_money("1 億 8,542 萬 2,000 元") == 185_422_000
    assert parse_money("計2億2,987萬3千元") == 229_873_000
    assert parse_money("102年編列 5,520萬元。") == 55_200_000


@given(st.integers(min_value=0, max_value=10**8))
def test_counts_with_wan(n):
    wan, ones = divmod(n, 10**4)
    text = f"{wan} 萬 {ones:,}" if wan else f"{ones:,}"
    assert parse_count(text) == n


def test_percentages_are_plain_numbers():
    assert parse_percent("達成率為88.36%") == 88.36
    assert parse_percent("約占 16.6％") == 16.6


def test_roc_years():
    assert roc_to_gregorian(106) == 2017
    assert roc_to_gregorian(2017) == 2017


def test_segmenting_finds_sentences_and_on_request_normalised_entities():
    from extract.nlp import segment

    text = "106年3月17日已與帛琉共和國簽署協定，預算178,533千元。「入出國及移民法」於同年施行！"
    plain = segment(text)
    assert [s.text for s in plain.sents] == [text[: text.index("。") + 1], text[text.index("。") + 1 :]]
    assert not plain.ents
    doc = segment(text, entities=True)
    found = {e.label_: e._.value for e in doc.ents}
    assert found["DATE"].value.iso() == "2017-03-17"
    assert found["GPE"] == "PW"
    assert found["MONEY"] == 178_533_000
    assert found["LAW"] == "入出國及移民法"
