"""Program budgets, KPIs, organisation units and history, statistics: genre-shaped texts and the bundled reports."""

from __future__ import annotations

from pathlib import Path


from tests.conftest import facts_of, report_facts

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
KINDS = {"program_budget", "kpi", "org_unit", "org_history", "statistic"}


def report(prefix: str):
    return report_facts(prefix, KINDS)


def of_kind(prefix: str, kind: str):
    return [f for f in report(prefix) if f.kind == kind]


# --- program budgets ---------------------------------------------------------------------

PLAN = (
    "內政部移民署 105年度施政目標與重點\n"
    "一、興建「北部服務站新建工程」1 處（本年編列 52,300仟元）：\n"
    "（一）預算編列：本案總工程經費新臺幣 1 億 2,000 萬元。\n"
    "預算逐年編列情形如下：102-104 年編列 678 萬 5,000 元。\n"
    "105年編列 5,230萬元。\n"
)


def test_this_years_allocation_takes_the_documents_fiscal_year():
    budgets = facts_of(PLAN, "program_budget")
    this_year = [b for b in budgets if b.fiscal_year == 2016]
    assert [(b.program_zh, b.budget_twd) for b in this_year] == [("北部服務站新建工程", 52300000)]


def test_without_a_stated_fiscal_year_this_year_stays_unknown():
    [b] = facts_of("一、辦理外來人口查驗系統汰換（本年編列 24,110 仟元）：\n", "program_budget")
    assert (b.program_zh, b.fiscal_year, b.budget_twd) == ("辦理外來人口查驗系統汰換", None, 24110000)


def test_a_span_of_years_is_a_period_not_a_fiscal_year():
    budgets = facts_of(PLAN, "program_budget")
    [span] = [b for b in budgets if b.period == "2013/2015"]
    assert (span.fiscal_year, span.budget_twd) == (None, 6785000)
    [total] = [b for b in budgets if b.budget_twd == 120000000]
    assert total.period is None and total.fiscal_year is None


def test_execution_sentence_gives_budget_spent_and_rate():
    text = "108年度歲出資本門預算數（含以前年度保留數）計1億2,345萬6千元，實支數1億1,000萬元，達成率為89.1%。"
    [b] = facts_of(text, "program_budget")
    assert (b.program_zh, b.fiscal_year, b.budget_twd, b.executed_twd, b.execution_rate) == (
        "歲出資本門", 2019, 123456000, 110000000, 89.1)


def test_an_aside_in_parentheses_is_not_the_budget():
    text = "2. 歲出部分110 年歲出預算數 40 億元 ( 含動支第二預備金1 億元 )，決 算 數 39 億元，執 行 率97.5%。"
    [b] = facts_of(text, "program_budget")
    assert (b.budget_twd, b.executed_twd, b.execution_rate) == (4000000000, 3900000000, 97.5)


def test_004_program_budgets():
    budgets = {(b.program_zh, b.fiscal_year, b.period): b.budget_twd for b in of_kind("004", "program_budget")}
    assert budgets[("南部收容所及被害人庇護安置處所興建工程", 2014, None)] == 170816000
    assert budgets[("南部收容所及被害人庇護安置處所興建工程", None, "2009/2011")] == 5819755
    assert budgets[("南部收容所及被害人庇護安置處所興建工程", 2013, None)] == 55200000
    assert budgets[("推動新住民資訊素養教育計畫", 2015, None)] == 80000000
    assert budgets[("個人生物特徵識別資料蒐集管理及運用建置計畫", None, "2013/2014")] == 185422000


def test_002_capital_budget_execution():
    [b] = of_kind("002", "program_budget")
    assert (b.fiscal_year, b.budget_twd, b.executed_twd, b.execution_rate) == (2017, 229873000, 202558000, 88.36)
    assert "達成率為88.36%" in b.evidence.quote


def test_003_revenue_and_expenditure_execution():
    budgets = {b.program_zh: b for b in of_kind("003", "program_budget")}
    assert (budgets["歲入"].budget_twd, budgets["歲入"].executed_twd, budgets["歲入"].execution_rate) == (
        2237810000, 1591468102, 71.12)
    assert budgets["歲出"].budget_twd == 4732252000


# --- KPIs ---------------------------------------------------------------------------------

def test_year_column_table_gives_one_kpi_per_year():
    text = ("關鍵績效指標：提升查驗通關效率項目 106 年度 107 年度 108 年度衡量標準旅客通關等候時間"
            "原訂目標值 15 分鐘 15 分鐘 12 分鐘實際值 14 分鐘 13 分鐘 12 分鐘達成度 100% 100% 100%初核結果 ★ ★ ★\n")
    kpis = sorted(facts_of(text, "kpi"), key=lambda k: k.year)
    assert [(k.indicator_zh, k.year, k.target, k.actual, k.achievement) for k in kpis] == [
        ("提升查驗通關效率", 2017, "15 分鐘", "14 分鐘", "100%"),
        ("提升查驗通關效率", 2018, "15 分鐘", "13 分鐘", "100%"),
        ("提升查驗通關效率", 2019, "12 分鐘", "12 分鐘", "100%"),
    ]


def test_a_row_with_the_wrong_number_of_cells_gives_nothing():
    text = "關鍵績效指標：提升查驗通關效率項目 106 年度 107 年度衡量標準原訂目標值 15 分鐘實際值 14 分鐘\n"
    assert facts_of(text, "kpi") == []


def test_numbered_row_with_target_and_achievement():
    text = ("(一)前(104)年度施政績效及達成情形分析：\n"
            "一、推動外籍人士居留線上申辦線上申辦件數3,000件 一、衡量標準：線上申辦件數。\n"
            "二、辦理情形：累計 3,450 件。\n"
            "三、年度目標值及達成度：\n"
            "(一)年度目標值：3,000 件。\n"
            "(二)達成度：3,450 件，達成率 115％，符合並超越年度目標值。\n")
    [k] = facts_of(text, "kpi")
    assert (k.indicator_zh, k.year, k.target, k.actual, k.achievement) == (
        "推動外籍人士居留線上申辦線上申辦件數", 2015, "3,000 件", "3,450 件", "115%")


def test_002_kpi_table_yields_four_years():
    kpis = sorted(of_kind("002", "kpi"), key=lambda k: k.year)
    assert [k.year for k in kpis] == [2014, 2015, 2016, 2017]
    assert {(k.indicator_zh, k.target, k.actual, k.achievement) for k in kpis} == {("加強防制人口販運", "1 級", "1 級", "100%")}


def test_001_kpi_rows():
    kpis = {(k.year, k.target): k for k in of_kind("001", "kpi")}
    assert kpis[(2011, "完成洽談達 60 次以上")].achievement == "100%"
    assert kpis[(2012, "160 件")].achievement == "103%"
    assert all(k.target and "\n" not in k.target for k in kpis.values())


# --- organisation -------------------------------------------------------------------------

def test_listed_units_with_parent_and_mandate():
    text = ("2.移民署設下列各組、室:\n"
            "(1)入出國事務組－掌理入出國政策之擬訂及其他入出國事項。\n"
            "(2)人事室－辦理人事管理事項。\n")
    units = facts_of(text, "org_unit")
    assert [(u.unit_zh, u.parent_zh, u.mandate_zh) for u in units] == [
        ("入出國事務組", "移民署", "掌理入出國政策之擬訂及其他入出國事項"),
        ("人事室", "移民署", "辦理人事管理事項"),
    ]


def test_001_units():
    units = {u.unit_zh: u for u in of_kind("001", "org_unit")}
    assert units["入出國事務組"].mandate_zh.startswith("掌理入出國政策之擬訂")
    assert units["移民事務組"].mandate_zh.startswith("掌理移民政策之擬訂")
    assert units["移民事務組"].parent_zh == "入出國及移民署"
    assert len(units) == 13


def test_establishment_and_renaming():
    text = "嗣於 96 年成立「行政院防制人口販運協調會報」，該會報於 109 年 5 月 8 日更名為「行政院防制人口販運及消除種族歧視協調會報」。"
    history = {(h.event, h.date): h.subject_zh for h in facts_of(text, "org_history")}
    assert history == {("established", "2007"): "行政院防制人口販運協調會報",
                       ("renamed", "2020-05-08"): "行政院防制人口販運協調會報"}


def test_a_fund_is_not_an_organisation():
    assert facts_of("並於 94 年設置「外籍配偶照顧輔導基金」，嗣於 105 年更名為「新住民發展基金」。", "org_history") == []


def test_001_agency_established():
    [h] = of_kind("001", "org_history")
    assert (h.subject_zh, h.event, h.date) == ("內政部入出國及移民署", "established", "2007-01-02")


# --- statistics ---------------------------------------------------------------------------

def test_counted_figure_with_year():
    [s] = facts_of("108年賡續推動專案工作，共查獲失聯移工18,000人。", "statistic")
    assert (s.subject_zh, s.value, s.unit_zh, s.as_of) == ("查獲失聯移工", 18000, "人", "2019")


def test_as_of_year_end_and_wan_chain():
    [s] = facts_of("截至 110 年底，成功註冊計 9 萬 5,862 人。", "statistic")
    assert (s.value, s.as_of) == (95862, "2021")


def test_no_year_no_statistic_and_no_money_or_percent():
    assert facts_of("每月平均客流量約 51萬人次。", "statistic") == []
    assert facts_of("111 年補助金額共 3 億元，達成率 95%。", "statistic") == []


def test_figures_of_a_dated_event_are_left_to_events():
    assert facts_of("本署於 106 年 5月 3日舉行訓練，共計 85人參與。", "statistic") == []


def test_002_headline_statistics():
    stats = {(s.value, s.as_of): s for s in of_kind("002", "statistic")}
    assert stats[(21846, "2017")].subject_zh == "查獲失聯移工"
    assert stats[(196896, "2017")].unit_zh == "人"
    assert (370, "2017") not in stats  # workshop participants: an event's figure


def test_003_statistics():
    stats = {(s.value, s.as_of) for s in of_kind("003", "statistic")}
    assert (95862, "2022") in stats
    assert (100870584, "2022") in stats
