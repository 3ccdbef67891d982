"""Law events, organisation units and history, grants: sentences written like the reports,
and the hand-checked gold of the bundled reports (tests/gold/checked)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, facts_of, report_facts

KINDS = {"law_event", "org_unit", "org_history", "grant"}


def events(text: str) -> set[tuple]:
    return {(f.law_zh, f.event, f.date) for f in facts_of(text, "law_event")}


# --- law events: prose ------------------------------------------------------------------------

def test_enacted_then_in_force():
    got = events("「人口販運防制法」於 98年 1 月 23 日制定公布，並於同年 6 月 1 日施行。")
    assert got == {("人口販運防制法", "enacted", "2009-01-23"), ("人口販運防制法", "effective", "2009-06-01")}


def test_bare_promulgation_is_not_enactment():
    got = events("我國「人口販運防制法」於 98年1 月 23日公布，同年 6月 1日施行，主要工作如下：")
    assert ("人口販運防制法", "promulgated", "2009-01-23") in got


def test_amended_provisions_in_force_is_one_effective_event():
    assert events("入出國及移民法自 98 年 7 月 1 日修正施行，並訂有一年宣導期。") == {
        ("入出國及移民法", "effective", "2009-07-01")}


def test_third_reading_of_an_amendment_bill_names_the_law():
    got = events("「國籍法部分條文修正草案」業經立法院於 113 年 4 月 2 日三讀通過，目前刻正辦理後續法制作業程序。")
    assert got == {("國籍法", "passed_third_reading", "2024-04-02")}


def test_a_bare_organic_act_takes_the_agency_quoted_before_it():
    got = events("成立「內政部入出國及移民署」，組織法於 94 年 11 月 8 日經立法院三讀通過，並於同年11 月 30 日經  總統公布。")
    assert got == {("內政部入出國及移民署組織法", "passed_third_reading", "2005-11-08"),
                   ("內政部入出國及移民署組織法", "promulgated", "2005-11-30")}


def test_effect_is_read_only_when_the_sentence_states_it():
    [f] = facts_of("另配合「國籍法」於 113 年 3 月 1 日修正施行，放寬外籍人才歸化要件，簡化申請之程序，修正相關辦法。", "law_event")
    assert f.effect_zh == "放寬外籍人才歸化要件，簡化申請之程序"
    [g] = facts_of("「國籍法」於 113 年 3 月 1 日修正施行。", "law_event")
    assert g.effect_zh is None


def test_a_less_precise_restatement_is_the_same_event():
    text = ("「人口販運防制法」於 98年 1 月 23 日制定公布，並於同年 6 月 1 日施行。"
            "我國於 98 年 6 月施行「人口販運防制法」迄今約 14 年。")
    assert ("人口販運防制法", "effective", "2009-06") not in events(text)
    assert ("人口販運防制法", "effective", "2009-06-01") in events(text)


def test_a_report_published_on_a_date_is_not_a_law_event():
    assert events("美國國務院於 111 年 7 月 19 日公布「2022 年人口販運問題報告」，我國連續 13 年評列第 1 級。") == set()


def test_a_verb_with_an_object_of_its_own_is_not_the_law_s_event():
    assert events("依「入出國及移民法」規定辦理。本署於 111 年 3 月 1 日發布新聞稿說明。") == set()
    assert events("依「入出國及移民法」第 91 條規定，本署自 111 年 1 月 11 日起實施落地採檢措施。") == set()
    assert events("本署依「個人資料保護法」於 111 年 5 月 1 日公布隱私權政策。") == set()


def test_in_force_the_same_day():
    assert events("「外國人停留居留及永久居留辦法」相關規定已於 111 年 6 月 13 日修正發布，並自同日施行。") == {
        ("外國人停留居留及永久居留辦法", "amended", "2022-06-13"), ("外國人停留居留及永久居留辦法", "effective", "2022-06-13")}


def test_a_drafted_amendment_has_no_date():
    [f] = facts_of("2. 為優化外籍人才生活環境，擬具「入出國及移民法」部分條文修正草案，鬆綁外籍人才眷屬居留規定。", "law_event")
    assert (f.law_zh, f.event, f.date) == ("入出國及移民法", "draft", None)


def test_a_bill_approved_by_the_cabinet_is_a_dated_draft():
    text = ("擬具「入出國及移民法」部分條文修正草案，鬆綁外籍人才眷屬居留規定。"
            "「入出國及移民法」部分條文修正草案，業經行政院於 112 年 3 月 2 日院會通過，並函送立法院審議。")
    assert events(text) == {("入出國及移民法", "draft", "2023-03-02")}  # the undated mention is the same draft
    assert events("本署於 112 年 3 月 1 日將「新住民照顧服務措施」陳報行政院核定。") == set()


# --- law events: the gazette listing ---------------------------------------------------------

GAZETTE = """(1) 法律入出國及移民法中華民國 113 年 3 月 5 日總統華總一義字第 11300012345 號令修正公布 第 2、5 ～ 7 條條文；施行日期，由行政院定之。
中華民國 113 年 4 月 1 日行政院院臺法字第 1130001111 號令發布定自113 年 5 月 1 日施行。
(2) 法規命令外國人停留居留及永久居留辦法中華民國 113 年 6 月 3 日內政部台內移字第 11300200001 號令修正發布第 9、22-1 條條文；並自 113 年 7 月 1 日施行。
大陸地區人民進入臺灣地區許可辦法中華民國 113 年 7 月 8 日內政部台內移字第 11300200002 號令訂定發布全文 12 條；並自發布日施行。
(3) 行政規則新住民發展基金補助作業要點中華民國 113 年 2 月 20 日內政部台內移字第 11300200003 號令修正發布第 3 點及第 10 點；並自即日生效。
"""


def test_gazette_listing():
    by_key = {(f.law_zh, f.event, f.date): f for f in facts_of(GAZETTE, "law_event")}
    assert set(by_key) == {
        ("入出國及移民法", "amended", "2024-03-05"),
        ("入出國及移民法", "effective", "2024-05-01"),  # the cabinet's order fixes the date
        ("外國人停留居留及永久居留辦法", "amended", "2024-06-03"),
        ("外國人停留居留及永久居留辦法", "effective", "2024-07-01"),
        ("大陸地區人民進入臺灣地區許可辦法", "issued", "2024-07-08"),
        ("大陸地區人民進入臺灣地區許可辦法", "effective", "2024-07-08"),
        ("新住民發展基金補助作業要點", "amended", "2024-02-20"),
        ("新住民發展基金補助作業要點", "effective", "2024-02-20"),
    }
    assert by_key[("入出國及移民法", "amended", "2024-03-05")].articles == "2,5-7"
    assert by_key[("新住民發展基金補助作業要點", "amended", "2024-02-20")].articles == "3,10"


def test_a_month_typed_as_year_in_a_dated_order():
    got = events("新住民發展基金補助作業要點中華民國 113 年 5 年 18 日內政部台內移字第 11300200004 號令修正發布第 2 點；並自即日生效。")
    assert got == {("新住民發展基金補助作業要點", "amended", "2024-05-18"),
                   ("新住民發展基金補助作業要點", "effective", "2024-05-18")}


# --- organisation -----------------------------------------------------------------------------

def test_numbered_units_under_their_parent():
    text = ("2.移民署設下列各組、室、大隊:\n(1)移民事務組－掌理移民政策之擬訂、移民輔導事項。\n"
            "(2)人事室－辦理人事管理事項。\n")
    units = {u.unit_zh: u for u in facts_of(text, "org_unit")}
    assert set(units) == {"移民事務組", "人事室"}
    assert units["人事室"].parent_zh == "移民署"
    assert units["人事室"].mandate_zh == "辦理人事管理事項"


def test_units_described_in_one_run():
    text = "本署行政業務分人事、主計等二室及訓練中心；人事室職掌編制任免工作，主計室職掌歲計、會計及統計工作，訓練中心負責移民特考錄取人員專業訓練。"
    assert {u.unit_zh for u in facts_of(text, "org_unit")} == {"人事室", "主計室", "訓練中心"}


def test_history_established_and_renamed():
    text = "嗣於 96 年成立「行政院防制人口販運協調會報」，該會報於 109 年 5 月 8 日更名為「行政院防制人口販運及消除種族歧視協調會報」。"
    got = {(h.subject_zh, h.event, h.date) for h in facts_of(text, "org_history")}
    assert got == {("行政院防制人口販運協調會報", "established", "2007"),
                   ("行政院防制人口販運協調會報", "renamed", "2020-05-08")}


def test_history_of_a_body_named_bare():
    got = {(h.subject_zh, h.event, h.date) for h in facts_of(
        "內政部入出國及移民署於 104 年 1 月 2 日更名為內政部移民署。96 年 1 月 2 日內政部入出國及移民署正式成立。", "org_history")}
    assert got == {("內政部入出國及移民署", "renamed", "2015-01-02"), ("內政部入出國及移民署", "established", "2007-01-02")}
    assert facts_of("本署自 104 年 1 月 2 日起改制為「內政部移民署」。", "org_history") == []  # `本署` names no body


def test_units_numbered_plainly_under_a_heading():
    text = "移民署設下列各組、室:\n1.入出國事務組：掌理入出國政策之擬訂事項。\n2.人事室：辦理人事管理事項。\n"
    assert {(u.unit_zh, u.parent_zh) for u in facts_of(text, "org_unit")} == {("入出國事務組", "移民署"), ("人事室", "移民署")}
    assert facts_of("1.人事室：辦理人事管理事項。\n", "org_unit") == []  # no heading: a numbered line of any list


def test_history_of_a_unit_named_after_the_verb():
    got = {(h.subject_zh, h.event, h.date) for h in facts_of("本署於 104 年 9 月進行整修工程，105 年 1 月1 日成立訓練中心。", "org_history")}
    assert got == {("訓練中心", "established", "2016-01-01")}


# --- grants -----------------------------------------------------------------------------------

def test_grant_with_the_project_described_after_a_comma():
    [g] = facts_of("２、112 年 5月 2日核定補助台灣展翅協會，辦理兒少性剝削防制研習，加強執法單位之敏銳程度。", "grant")
    assert (g.grantee_zh, g.date, g.project_zh) == ("台灣展翅協會", "2023-05-02", "兒少性剝削防制研習")


def test_one_grant_per_named_grantee():
    got = {(g.grantee_zh, g.project_zh) for g in facts_of(
        "112 年 6 月 30 日核定補助財團法人天主教善牧福利基金會及台灣展翅協會辦理「防制兒少性剝削宣導計畫」。", "grant")}
    assert got == {("財團法人天主教善牧福利基金會", "防制兒少性剝削宣導計畫"), ("台灣展翅協會", "防制兒少性剝削宣導計畫")}
    [g] = facts_of("112 年核定補助社團法人台灣國際勞工協會等 5 個民間團體辦理防制人口販運宣導活動。", "grant")
    assert (g.grantee_zh, g.project_zh) == ("社團法人台灣國際勞工協會", "防制人口販運宣導活動")


# --- the bundled reports against the hand-checked gold ---------------------------------------

def _gold(kind: str) -> list[dict]:
    path = GOLD / "checked" / f"{kind}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_bundled_reports_match_the_checked_gold(kind):
    from kg.evaluate import MATCHERS

    gold = _gold(kind)
    for prefix in ("001", "002", "003", "004"):
        g_doc = [g for g in gold if g["doc"].startswith(prefix)]
        if not g_doc:
            continue
        preds = [{**f.values(), "doc": g_doc[0]["doc"]} for f in report_facts(prefix, KINDS) if f.kind == kind]
        used: set[int] = set()
        for g in g_doc:
            hit = next((i for i, p in enumerate(preds) if i not in used and MATCHERS[kind](g, p)), None)
            assert hit is not None, f"{kind} missed in {prefix}: {g['evidence']}"
            used.add(hit)
        assert len(used) == len(preds), f"{kind} in {prefix}: {len(preds) - len(used)} predictions not in gold"


# --- the bundled queries for these kinds ------------------------------------------------------

def test_law_queries_keep_undated_drafts_and_profile_one_law(kg):
    from tests.conftest import rows_of

    rows = rows_of(kg("query", "law_events", "--format", "csv", "--param", "law=入出國及移民法").stdout)
    assert any(r["event"] == "draft" and r["date"] == "" for r in rows)  # `擬具...修正草案` states no date
    profile = rows_of(kg("query", "law_profile", "--format", "csv", "--param", "law_name=入出國及移民法").stdout)
    assert {(r["event"], r["date"]) for r in profile} >= {("effective", "2009-07-01"), ("amended", "2022-01-12"),
                                                         ("passed_third_reading", "2023-05-30")}


def test_org_history_query(kg):
    from tests.conftest import rows_of

    rows = rows_of(kg("query", "org_history", "--format", "csv").stdout)
    assert {"subject": "行政院防制人口販運協調會報", "event": "renamed", "date": "2020-05-08"} in [
        {k: r[k] for k in ("subject", "event", "date")} for r in rows]
