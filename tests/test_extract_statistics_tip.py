"""Headline statistics in the genre's phrasing: dated counts, continued list items, totals."""

from __future__ import annotations

from tests.conftest import facts_of


def stats(text: str) -> dict[int, str | None]:
    return {f.value: f.as_of for f in facts_of(text, "statistic")}


def test_a_clause_split_off_at_a_semicolon_keeps_the_year_of_its_item():
    text = "110 年核發居留許可計 30 件，延長居留效期計 12 件；\n核發工作許可計 7 人。"
    assert stats(text) == {30: "2021", 12: "2021", 7: "2021"}


def test_a_count_after_a_comma_is_read():
    text = "112 年查獲被害人計 15 人，3 人交由社政單位安置。"
    assert stats(text) == {15: "2023", 3: "2023"}


def test_a_total_after_a_list_of_counts():
    found = {f.value: f.subject_zh for f in facts_of("109 年攔獲通緝對象計 120 人，攔獲禁止出國對象計 30 人，合計共 150 人。", "statistic")}
    assert set(found) == {120, 30, 150}
    assert found[150].endswith("合計")


def test_a_day_that_closes_the_count_dates_it():
    assert stats("至 110 年 6 月 30 日止，共計拒入 420 人。") == {420: "2021-06-30"}


def test_a_day_dated_event_is_not_a_statistic():
    assert stats("本署於 110 年 6 月 30 日舉辦研討會，共計 85 人參與。") == {}


def test_a_breakdown_in_parentheses_counts_but_a_comparison_does_not():
    found = stats("司法警察機關至 108 年 11 月底共計查獲人口販運案件 120 件（其中移民署 18 件），起訴案件 90 件（107 年 80 件）。")
    assert found == {120: "2019-11", 18: "2019-11", 90: "2019-11"}


def test_a_year_starting_a_span_does_not_pass_on_to_the_next_sentence():
    text = "111 年核發證件計 40 張；\n於 110 年 5 月起，推動培訓計畫，辦理課程共計 8 場次。"
    assert stats(text) == {40: "2022"}


def test_the_make_up_of_a_plan_is_not_a_statistic():
    assert stats("111 年訂定行動計畫，本計畫包含 25 項方案及 76 項具體策略。") == {}


def test_tip_streak_with_listed_years_gives_tiers_and_streak():
    text = "我國防制人口販運已連續 3 年（2016、2017 及 2018 年）獲得美國國務院評等為第 1 級國家。"
    tiers = {f.year: f.tier for f in facts_of(text, "tip_tier")}
    streaks = {(f.as_of, f.consecutive_years) for f in facts_of(text, "tip_streak")}
    assert tiers == {2016: 1, 2017: 1, 2018: 1}
    assert streaks == {(2018, 3)}
