"""Trafficking-report tiers, visits, grants and events: genre-shaped sentences and the bundled reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


from tests.conftest import facts_of, report_facts

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
GOLD = ROOT / "tests" / "gold"
KINDS = {"tip_tier", "tip_streak", "visit", "grant", "event"}


def report(prefix: str):
    return report_facts(prefix, KINDS)


def of_kind(prefix: str, kind: str):
    return [f for f in report(prefix) if f.kind == kind]


# --- trafficking-report tier and streak -------------------------------------------------

def test_year_then_listing_gives_the_tier():
    text = "１、108 年臺灣列名第一級國家，受防制人口販運評定國家總數為 188國，其中第一級國家 36國。"
    [tier] = facts_of(text, "tip_tier")
    assert (tier.year, tier.tier) == (2019, 1)
    assert tier.evidence.quote == "108 年臺灣列名第一級國家"


def test_report_date_dates_the_rating_and_the_streak():
    text = "美國國務院於 109 年 6月 25 日人口販運問題報告，將臺灣評列為「第一級」國家（已連續 11年獲評為第一級國家）。"
    [tier] = facts_of(text, "tip_tier")
    [streak] = facts_of(text, "tip_streak")
    assert (tier.year, tier.tier) == (2020, 1)
    assert (streak.as_of, streak.consecutive_years) == (2020, 11)
    assert streak.evidence.quote == "已連續 11年獲評為第一級國家"


def test_listed_years_of_a_streak_each_get_a_tier():
    text = "我國防制人口販運已連續 2 年（2018 及 2019 年）獲得美國國務院評等為第 2 級國家。"
    assert sorted((f.year, f.tier) for f in facts_of(text, "tip_tier")) == [(2018, 2), (2019, 2)]
    [streak] = facts_of(text, "tip_streak")
    assert (streak.as_of, streak.consecutive_years) == (2019, 2)


def test_quoted_report_title_and_chinese_numerals():
    text = "美國國務院公布「2021 年人口販運問題報告」，我國防制績效連續十二年經評列為第 1 級國家。"
    [streak] = facts_of(text, "tip_streak")
    assert (streak.as_of, streak.consecutive_years) == (2021, 12)


@pytest.mark.parametrize("text", [
    "我國連續兩年成為防制人口販運第一級國家，並獲讚譽為亞洲國家之楷模。",  # no year
    "關鍵績效指標 103 年度 104 年度 105 年度衡量標準我國經美國防制人口販運報告評為第一級國家。",  # a target
    "亞洲第一級國家除臺灣外，另有韓國及菲律賓等，比 104 年時多了一個國家。",  # other countries
])
def test_no_tier_without_a_stated_year_or_for_others(text):
    assert facts_of(text, "tip_tier") == []
    assert facts_of(text, "tip_streak") == []


def _gold(kind: str):
    rows = [json.loads(line) for line in (GOLD / "002.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["kind"] == kind]


def test_002_tiers_equal_gold():
    got = sorted((f.year, f.tier) for f in of_kind("002", "tip_tier"))
    assert got == sorted((r["year"], r["tier"]) for r in _gold("tip_tier"))


def test_002_streak_equals_gold():
    got = [(f.as_of, f.consecutive_years) for f in of_kind("002", "tip_streak")]
    assert got == [(r["as_of"], r["consecutive_years"]) for r in _gold("tip_streak")]


def test_001_and_003_tiers():
    assert sorted((f.year, f.tier) for f in of_kind("001", "tip_tier")) == [(2010, 1), (2011, 1), (2012, 1)]
    assert [(f.year, f.tier) for f in of_kind("003", "tip_tier")] == [(2022, 1)]
    assert [(f.as_of, f.consecutive_years) for f in of_kind("003", "tip_streak")] == [(2022, 13)]
    assert of_kind("004", "tip_tier") == []


# --- visits --------------------------------------------------------------------------------

def test_visitor_first_with_title_and_topic():
    [v] = facts_of("c.日本法務省入國管理局局長 Taro Yamada 於 108 年 3月 5 日拜會本署，就移民事務合作交換意見。", "visit")
    assert (v.visitor_zh, v.org_zh, v.country_iso2, v.date, v.topic_zh) == (
        "Taro Yamada", "日本法務省入國管理局", "JP", "2019-03-05", "移民事務合作")


def test_date_first_and_chinese_name_around_the_title():
    [v] = facts_of("2. 112 年 4 月 7 日菲律賓馬尼拉經濟文化辦事處黃代表志明至本署拜會，雙方就移工事務進行意見交流。", "visit")
    assert (v.visitor_zh, v.org_zh, v.country_iso2, v.date) == ("黃代表志明", "菲律賓馬尼拉經濟文化辦事處", "PH", "2023-04-07")


def test_calls_we_pay_are_not_visits():
    assert facts_of("受理立法委員請託案件及主動拜會立法委員國會辦公室，每日約 70 次。", "visit") == []


def test_002_visits_a_to_e():
    got = {(f.visitor_zh, f.date) for f in of_kind("002", "visit")}
    assert {
        ("Dina Siegel", "2017-04-13"),
        ("Ms. Adeline Trouillet", "2017-05-16"),
        ("美國國會助理訪問團", "2017-06-02"),
        ("Diane Haylock", "2017-06-15"),
        ("Diane Haylock", "2017-08-17"),
        ("Donald Wayne De Lucca", "2017-07-04"),
    } <= got
    siegel = next(f for f in of_kind("002", "visit") if f.visitor_zh == "Dina Siegel")
    assert (siegel.org_zh, siegel.country_iso2) == ("荷蘭烏得勒支大學", "NL")
    assert len(got) == 13


def test_003_visits_fold_their_captions():
    visits = of_kind("003", "visit")
    assert len(visits) == 5
    assert all(v.date and v.date.startswith("2022-") for v in visits)
    jenny = next(v for v in visits if v.visitor_zh == "Jenny Bloomfield")
    assert (jenny.date, jenny.country_iso2, jenny.org_zh) == ("2022-09-21", "AU", "澳洲辦事處")
    assert len(jenny.also) == 1  # the photo caption


# --- grants --------------------------------------------------------------------------------

def test_grant_with_quoted_project_and_amount():
    [g] = facts_of("１、108 年 3 月 8 日核定補助社團法人台灣國際勞工協會辦理「移工權益宣導計畫」新臺幣 25 萬元。", "grant")
    assert (g.grantee_zh, g.date, g.project_zh, g.amount_twd) == ("社團法人台灣國際勞工協會", "2019-03-08", "移工權益宣導計畫", 250000)


def test_subsidies_to_local_governments_name_no_grantee():
    assert facts_of("111 年補助全國 22 個直轄市、縣（市）政府辦理「新住民生活適應輔導」共 139 萬 6,000 元。", "grant") == []


def test_002_grants():
    got = [(g.grantee_zh, g.date) for g in of_kind("002", "grant")]
    assert got == [
        ("財團法人天主教善牧福利基金會", "2017-06-30"),
        ("台灣展翅協會", "2017-07-06"),
        ("財團法人天主教善牧福利基金會", "2017-10-23"),
        ("宜蘭縣漁工職業工會", "2017-10-23"),
        ("財團法人勵馨社會福利事業基金會", "2017-11-02"),
    ]
    first = of_kind("002", "grant")[0]
    assert first.project_zh == "2017 年臺泰人口販運防制跨國合作推展計畫"
    assert first.amount_twd is None


# --- events --------------------------------------------------------------------------------

def test_numbered_bilateral_meeting_abroad():
    [e] = facts_of("（１）108 年 3月 16 日假泰國曼谷舉行第 4次臺泰移民事務會議。", "event")
    assert (e.name_zh, e.event_type, e.start, e.location_zh, e.partner_countries_iso2) == (
        "第4次臺泰移民事務會議", "meeting", "2019-03-16", "泰國曼谷", ("TH",))


def test_workshop_mentions_merge_into_one():
    text = ("本署與外交部、勞動部於 108 年 7月 23 日至 24 日舉辦「2019 年防制人口販運國際工作坊」，"
            "計有 18個國家政府及專家學者約 300 人共同與會。"
            "四、辦理國際工作坊：108年7月23日及24日舉辦「2019防制人口販運國際工作坊」，副總統出席開幕式。")
    [e] = facts_of(text, "event")
    assert (e.name_zh, e.event_type, e.start, e.end) == ("2019防制人口販運國際工作坊", "workshop", "2019-07-23", "2019-07-24")
    assert (e.countries_count, e.participants_count, e.organizer_zh) == (18, 300, "移民署、外交部、勞動部")
    assert len(e.also) == 1


def test_launch_and_establishment_keep_the_texts_precision():
    launch = facts_of("本署自 110 年 3 月起，於各機場正式啟用「自動查驗通關系統」。", "event")
    assert [(e.name_zh, e.event_type, e.start) for e in launch] == [("自動查驗通關系統", "launch", "2021-03")]
    body = facts_of("行政院於 98 年成立「防制人口販運協調會報」，負責整合各部會資源。", "event")
    assert [(e.event_type, e.start, e.organizer_zh) for e in body] == [("establishment", "2009", "行政院")]


@pytest.mark.parametrize("text", [
    "106 年 7月 6日核定補助台灣展翅協會，辦理網路兒少性剝削犯罪執法人員研習。",  # the date is the grant's
    "106 年度辦理防制人口販運教育訓練4場次，人數共589人。",  # a yearly tally
    "並於 10 月份辦理防制人口販運國際工作坊。",  # no year in reach
])
def test_no_event_without_its_own_date(text):
    assert facts_of(text, "event") == []


def test_002_workshop_and_meetings():
    # One sentence says about 370 took part, another about 350: both statements stay visible.
    workshops = [e for e in of_kind("002", "event") if "工作坊" in e.name_zh]
    assert {e.name_zh for e in workshops} == {"2017防制人口販運國際工作坊"}
    assert sorted(e.participants_count for e in workshops) == [350, 370]
    ws = next(e for e in workshops if e.participants_count == 370)
    assert (ws.start, ws.end, ws.countries_count) == ("2017-07-25", "2017-07-26", 20)
    assert {"US", "CA", "AU"} <= set(ws.partner_countries_iso2)
    assert ws.organizer_zh.startswith("移民署、外交部")
    events = {e.name_zh: e for e in of_kind("002", "event")}
    viet = events["第3次臺越移民事務會議"]
    assert (viet.start, viet.location_zh, viet.partner_countries_iso2) == ("2017-03-16", "越南河內", ("VN",))
    assert events["第5次臺印移民事務會議"].location_zh == "印尼雅加達"
    assert events["第7屆臺日境管會議"].start == "2017-12-20"
    training = events["防制人口販運諮詢網絡訓練"]
    assert (training.start, training.end, training.participants_count) == ("2017-05-03", "2017-05-04", 85)


def test_003_events():
    events = {e.name_zh: e for e in of_kind("003", "event")}
    ws = events["2022防制人口販運國際工作坊"]
    assert (ws.start, ws.end, ws.participants_count) == ("2022-08-23", "2022-08-24", 300)
    forum = events["新南向與新住民政策論壇"]
    assert (forum.start, forum.location_zh, forum.organizer_zh) == (
        "2022-07-07", "集思台大會議中心", "移民署、財團法人臺灣亞洲交流基金會")
    assert events["偽變造護照辨識比對系統"].event_type == "launch"
    assert events["偽變造護照辨識比對系統"].start == "2016-01-04"
