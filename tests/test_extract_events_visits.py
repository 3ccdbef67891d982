"""Events and visits: more shapes of the genre, and the hand-checked gold of the bundled reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import facts_of, report_facts

CHECKED = Path(__file__).resolve().parent / "gold" / "checked"


def _checked(kind: str, prefix: str) -> list[dict]:
    rows = [json.loads(line) for line in (CHECKED / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["doc"].startswith(prefix)]


# --- events ----------------------------------------------------------------------------

def test_a_clause_after_a_semicolon_keeps_the_year_of_the_one_before():
    text = ("本署於 2019 年 6 月 16 日召開「跨境共同打擊人口販運研討會」；"
            "並於 10 月份辦理防制人口販運國際工作坊，邀請各國政府官員與會。")
    got = sorted((e.start, e.name_zh) for e in facts_of(text, "event"))
    assert got == [("2019-06-16", "跨境共同打擊人口販運研討會"), ("2019-10", "防制人口販運國際工作坊")]


def test_a_year_does_not_carry_across_a_full_stop():
    text = "本署於 2019 年 6 月 16 日召開「跨境共同打擊人口販運研討會」。並於 10 月份辦理防制人口販運國際工作坊。"
    assert [e.name_zh for e in facts_of(text, "event")] == ["跨境共同打擊人口販運研討會"]


def test_counts_given_per_group_state_no_total():
    text = ("本署於 112 年 10 月 3 日辦理防制人口販運國際工作坊，邀請各國政府官員（共 5 國 12 位）"
            "及駐華各國辦事處代表（共 10 國 20 位）與會。")
    [e] = facts_of(text, "event")
    assert (e.start, e.countries_count, e.participants_count) == ("2023-10-03", None, None)


def test_a_training_named_only_by_its_kind_needs_a_head_count():
    [e] = facts_of("本署於 112 年 3 月 7 日假臺中市政府舉行教育訓練，計有 120 人參訓。", "event")
    assert (e.name_zh, e.event_type, e.start, e.participants_count) == ("教育訓練", "training", "2023-03-07", 120)
    assert facts_of("本署於 112 年 3 月 7 日舉行教育訓練，強化同仁專業知能。", "event") == []


def test_a_launch_dated_between_its_name_and_the_verb():
    [site] = facts_of("「移民業務線上服務網」（網址：www.example.tw）自 108 年起上線運作，提供多語資訊。", "event")
    assert (site.name_zh, site.event_type, site.start) == ("移民業務線上服務網", "launch", "2019")
    [trial] = facts_of("本署 112 年度編列 5,000 仟元建置「旅客臉部辨識系統」，業於 112年 9月 5日在桃園機場建置測試營運。", "event")
    assert (trial.name_zh, trial.start) == ("旅客臉部辨識系統", "2023-09-05")


def test_works_begun_and_a_quoted_occasion():
    [works] = facts_of("本署於 110 年 3 月進行整修工程，預計 111 年完工。", "event")
    assert (works.name_zh, works.event_type, works.start) == ("整修工程", "construction", "2021-03")
    text = "為慶祝 112 年移民節，本署於 12 月 16 日假「臺北市政府親子劇場」舉辦「多元共融，移民同歡」慶祝活動。"
    [party] = facts_of(text, "event")
    assert (party.name_zh, party.event_type, party.start, party.location_zh) == (
        "多元共融，移民同歡", "other", "2023-12-16", "臺北市政府親子劇場")


def test_a_standing_bodys_sitting_counts_only_when_other_countries_meet():
    internal = "本署於 112 年 11 月 20 日召開「廉政會報」，由署長召集副署長及一級主管與會。"
    assert facts_of(internal, "event") == []
    abroad = "本署於 112 年 5 月 3 日舉辦防制簽證詐欺工作會報，與美國、英國及日本等國之移民官員交換意見。"
    [e] = facts_of(abroad, "event")
    assert (e.name_zh, e.start, set(e.partner_countries_iso2)) == ("防制簽證詐欺工作會報", "2023-05-03", {"US", "GB", "JP"})


@pytest.mark.parametrize("text", [
    "本署派員參加於 112 年 5 月 8 日在越南河內舉行之第 5 屆湄公河區域移民會議。",
    "本署署長於 112 年 6 月 12 日出席於泰國曼谷舉行之「第 16 屆峇里進程資深官員會議」。",
])
def test_events_we_only_attend_are_left_alone(text):
    assert facts_of(text, "event") == []


def test_invited_guests_do_not_make_our_event_theirs():
    [e] = facts_of("本署於 112 年 12 月 17 日舉辦「112 年移民節」慶祝活動，邀請越南、印尼等國駐臺代表參加。", "event")
    assert (e.name_zh, e.start, e.partner_countries_iso2) == ("112年移民節", "2023-12-17", ("VN", "ID"))


def test_a_numbered_course_is_a_training_and_countries_count_with_people():
    text = "本署於 112 年 3 月 20 日至 24 日辦理第 7 屆外國移民官標竿學習課程，共計 8 國 15 人參訓。"
    [e] = facts_of(text, "event")
    assert (e.event_type, e.start, e.end, e.countries_count, e.participants_count) == (
        "training", "2023-03-20", "2023-03-24", 8, 15)


def test_quoted_works_dated_before_the_milestone():
    [e] = facts_of("新建「北區收容所」工程於 111 年 10 月 5 日動工，預計 113 年完工。", "event")
    assert (e.name_zh, e.event_type, e.start) == ("北區收容所", "construction", "2022-10-05")


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_events_match_the_checked_gold(prefix):
    got = {(e.start, e.name_zh) for e in report_facts(prefix, {"event"}) if e.kind == "event"}
    gold = _checked("event", prefix)
    from kg.evaluate import close

    for g in gold:
        assert any(start == g["start"] and close(g["name_zh"], name) for start, name in got), g["name_zh"]
    assert len(got) == len(gold)


# --- visits ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("112 年 3 月 2 日日本出入國在留管理廳次長山田太郎率團蒞署拜會，雙方就移民事務合作進行意見交流。",
     ("山田太郎", "日本出入國在留管理廳", "JP", "2023-03-02", "移民事務合作")),
    ("菲律賓移民局局長 Norman Tansingco 於 112 年 5 月 9 日來署拜會，就打擊人口販運交換意見。",
     ("Norman Tansingco", "菲律賓移民局", "PH", "2023-05-09", "打擊人口販運")),
    ("史瓦帝尼王國駐華大使 Promise Msibi 於 112 年 10 月 5 日至本部拜會，就移民事務交換意見。",
     ("Promise Msibi", "史瓦帝尼王國", "SZ", "2023-10-05", "移民事務")),
])
def test_more_ways_of_calling_on_the_agency(text, expected):
    [v] = facts_of(text, "visit")
    assert (v.visitor_zh, v.org_zh, v.country_iso2, v.date, v.topic_zh) == expected


@pytest.mark.parametrize("text", [
    "本署署長於 112 年 4 月 10 日拜會泰國移民局，就移民事務合作交換意見。",  # we call on them
    "112 年 2 月 1 日內政部林部長右昌蒞署視察，聽取業務簡報。",  # an inspection, not a call
])
def test_not_a_visit_to_the_agency(text):
    assert facts_of(text, "visit") == []


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_visits_match_the_checked_gold(prefix):
    from kg.evaluate import close

    got = [(v.date, v.visitor_zh) for v in report_facts(prefix, {"visit"}) if v.kind == "visit"]
    gold = _checked("visit", prefix)
    for g in gold:
        assert any(date == g["date"] and close(g["visitor_zh"], who) for date, who in got), g["visitor_zh"]
    assert len(got) == len(gold)
