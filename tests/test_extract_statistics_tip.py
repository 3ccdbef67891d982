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


def test_a_results_list_takes_the_year_of_its_section_heading():
    text = ("(一)前(111)年度施政績效及達成情形分析：\n"
            "一、推動行動服務\n一、衡量標準：辦理行動服務 80 場次。\n"
            "二、辦理情形：累計辦理 95 場次。\n三、年度目標值及達成度：\n(一)年度目標值：80 場次。\n"
            "(二)上(112)年度已過期間施政績效及達成情形：\n二、辦理情形：\n(一)1-6 月累計核發 120 件。\n(二)協助新住民 45 人次。\n")
    assert stats(text) == {95: "2022", 120: "2023-06", 45: "2023"}


def test_a_performance_report_dates_its_results_rows_by_its_title():
    text = ("內政部移民署 112 年度施政績效報告\n參、年度工作計畫實施成果:\n"
            "一、新住民接受培訓人數3,210人。\n二、協助新住民取得證照42張。\n")
    assert stats(text) == {3210: "2023", 42: "2023"}


def test_undated_figures_outside_a_results_list_stay_out():
    assert stats("一、衡量標準：新住民接受培訓人數3,210人。\n二、協助新住民取得證照42張。\n") == {}


def test_a_lead_in_dates_every_numbered_item_after_it():
    text = ("112 年重點工作成效如下：\n1.保護面向：安排 120 名被害人返回原籍國(111 年為 95 人)達成率 126%。\n"
            "2.預防宣導：宣導卡片發放 5 萬份，較 111 年 4 萬份達成率 125%、運用廣播媒體宣導 7 家。\n")
    assert stats(text) == {120: "2023", 50000: "2023", 7: "2023"}


def test_months_of_one_year_date_a_count():
    assert stats("二、辦理情形：112 年 1-6 月移送 88 人。") == {88: "2023-06"}


def test_a_level_reached_is_a_count_but_a_change_is_not():
    assert stats("112 年入出境旅客人數驟減為 102 萬 4,034 人次，核發證件增加 300 件。") == {1024034: "2023"}


def test_a_standing_count_under_an_explicit_lead_is_undated():
    text = "經統計本署各縣、市計有 60 處服務據點，目前屬自有者計 12處（佔 20％）。"
    assert stats(text) == {60: None, 12: None}
    assert stats("本署各縣、市計有 60 處服務據點。") == {}


def test_a_cumulative_count_over_a_span_is_dated_to_its_end_and_its_measure_word_names_it():
    found = facts_of("自 111 年 4 月 1 日至 112 年底累計共 40個航班。", "statistic")
    assert [(f.value, f.as_of, f.subject_zh) for f in found] == [(40, "2023", "航班")]


def test_a_part_in_parentheses_is_named_after_its_count_and_one_site_is_not_a_count():
    found = {f.value: f.subject_zh for f in facts_of("112 年度共召開 5 次會議(含 2 次會前會)，設置委辦之臺東 1處庇護處所。", "statistic")}
    assert found == {5: "召開會議", 2: "會前會"}
