"""Program budgets and KPIs in the genre's layouts: short texts written like the reports."""

from __future__ import annotations

from tests.conftest import facts_of

# --- KPIs: a one-year target table (budget explanations) ---------------------------------

TARGET_TABLE = (
    "(二)年度關鍵績效指標關鍵策略目標關鍵績效指標評估體制評估方式衡量標準104 年度目標值\n"
    "一、 提 升 國 境 管 理 效 能。\n"
    "旅客自動通關使用人次透過宣導，提高自動通關使用率 500 萬人次\n"
    "二、 強 化 新 住 民 照 顧 輔 導措施推動新住民家庭服務\n"
    "1.初入境訪談服務(50%)。\n"
    "2.行動服務(50%)。\n"
    "100%\n"
    "三、 擴大國際合作洽簽合作備忘錄與外國政府洽談達 50次以上，有案可稽者。\n"
    "完 成 洽 談 達50 次以上\n"
    "四、 加強查緝非法打工提升查處人數(【104 年查處人數-103 年查處人數】/103 年查處人數)*100％3%五 、 整 合 轄 區 資源簽訂策略聯盟\n"
    "(1)簽訂大專院校所數。\n"
    "(2)活動辦理場次。\n"
    "(1)10 所。\n"
    "(2)15 場次。\n"
    "六、 落實人權保護加強防制人口販運美國公佈年度全球\n"
    "1.預防宣導：透過多元管道，加強預防宣導。\n"
    "三、以前年度實施狀況及成果概述\n"
)


def test_target_table_rows_end_with_their_target():
    kpis = {k.target: k for k in facts_of(TARGET_TABLE, "kpi")}
    assert set(kpis) == {"500 萬人次", "100%", "完成洽談達50 次以上", "3%", "(1)10 所。(2)15 場次。"}
    assert {k.year for k in kpis.values()} == {2015}
    assert "旅客自動通關使用人次" in kpis["500 萬人次"].indicator_zh
    assert kpis["100%"].indicator_zh == "強化新住民照顧輔導措施推動新住民家庭服務"  # the measure's items are not the name


def test_a_formula_is_not_part_of_the_indicator_and_a_row_number_may_sit_mid_line():
    kpis = {k.target: k for k in facts_of(TARGET_TABLE, "kpi")}
    assert kpis["3%"].indicator_zh == "加強查緝非法打工提升查處人數"
    assert kpis["(1)10 所。(2)15 場次。"].indicator_zh == "整合轄區資源簽訂策略聯盟"


def test_a_row_that_ends_in_prose_has_no_target():
    assert not [k for k in facts_of(TARGET_TABLE, "kpi") if "人口販運" in k.indicator_zh]


def test_a_multi_year_caption_is_not_a_one_year_table():
    text = "衡量標準103 年度目標值104 年度目標值\n一、 提升效能旅客人次 500 萬人次\n"
    assert facts_of(text, "kpi") == []


# --- KPIs: numbered rows with their analysis ----------------------------------------------

ANALYSIS = (
    "(二)上(103)年度已過期間施政績效及達成情形：\n"
    "一、提升國家形象建置自動查驗通關設備\n"
    "一、衡量標準：\n"
    "(一)建置設備數量。\n"
    "(二)使用通關人次。\n"
    "三、年度目標值及達成度：\n"
    "(一)年度目標值：\n"
    "1.30 座。\n"
    "2.400 萬。\n"
    "(二)達成度：\n"
    "1.50％。\n"
    "2.60％。\n"
    "二、加強防制人口販運加強防制人口販運\n"
    "一、衡量指標：總人次成長率。\n"
    "二、年度目標值及達成情形：\n"
    "(一)年度目標值：103(1─6 月)年度預防宣導、安置保護服務被害人、查緝及鑑別人口販運嫌疑人及被害人總人次，應較 102 年度提升 2%。\n"
    "(二)達成情形：\n"
)


def test_targets_listed_on_the_next_lines_are_kept_as_written():
    kpis = {k.indicator_zh: k for k in facts_of(ANALYSIS, "kpi")}
    k = kpis["提升國家形象建置自動查驗通關設備"]
    assert (k.year, k.target, k.achievement) == (2014, "1.30 座。2.400 萬。", "1.50%。2.60%。")


def test_a_long_target_sentence_is_one_target():
    [k] = [k for k in facts_of(ANALYSIS, "kpi") if "人口販運" in k.indicator_zh]
    assert k.target.endswith("應較 102 年度提升 2%") and k.achievement is None


# --- program budgets: execution lines named by what they belong to ------------------------


def test_execution_in_a_work_plan_table_is_named_by_plan_and_budget_line():
    text = ("參、年度工作計畫實施成果:\n"
            "工作計畫 實施概況 實施成果移民事務管理業務推動行動服務，協助新住民融入社會。\n"
            "一、行動服務：108年計400場。\n"
            "移民事務管理業務衡酌計畫執行能力，妥適配置預算資源，強化資本支出預算執行。\n"
            "108年度歲出資本門預算數計1億2,345萬6千元，實支數1億1,000萬元，達成率為89.1%。\n")
    [b] = facts_of(text, "program_budget")
    assert (b.program_zh, b.fiscal_year, b.budget_twd, b.executed_twd) == (
        "移民事務管理業務（歲出資本門）", 2019, 123456000, 110000000)


def test_a_funds_budget_lines_are_named_by_the_fund():
    text = ("二、主計業務( 一 ) 公務決算\n"
            "1. 歲入部分112 年歲入預算數 20 億元，決算數 18 億元，執行率 90.00%。\n"
            "( 二 ) 新住民發展基金決算\n"
            "1. 基金來源112 年基金來源預算數 5 億元，實收數 5 億 100 萬元，達成率 100.20％。\n"
            "2. 基金用途112 年基金用途預算數 3 億元，實現數 2 億 9,000 萬元， 執 行 率 96.67 ％。\n"
            "三、秘書業務\n"
            "1. 歲出部分112 年歲出預算數 40 億元，決算數 39 億元，執行率 97.50%。\n")
    names = {b.program_zh: b.budget_twd for b in facts_of(text, "program_budget")}
    assert names == {"歲入": 2000000000, "新住民發展基金（基金來源）": 500000000,
                     "新住民發展基金（基金用途）": 300000000, "歲出": 4000000000}


# --- KPIs: year-column tables ---------------------------------------------------------------


def test_year_column_cells_with_longer_units_and_in_words():
    text = ("關鍵績效指標：推廣自動查驗通關項目 107 年度 108 年度衡量標準使用人次"
            "原訂目標值 500 萬人次 600 萬人次實際值 520 萬人次 610 萬人次達成度 100% 100%初核結果 ★ ★\n"
            "關鍵績效指標：加強防制人口販運項目 107 年度 108 年度衡量標準評等"
            "原訂目標值 第一級 第一級實際值 第一級 第一級達成度 100% 100%\n")
    kpis = {(k.indicator_zh, k.year): (k.target, k.actual) for k in facts_of(text, "kpi")}
    assert kpis == {("推廣自動查驗通關", 2018): ("500 萬人次", "520 萬人次"),
                    ("推廣自動查驗通關", 2019): ("600 萬人次", "610 萬人次"),
                    ("加強防制人口販運", 2018): ("第一級", "第一級"),
                    ("加強防制人口販運", 2019): ("第一級", "第一級")}
