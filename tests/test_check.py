"""`kg check`: contradictions inside and across reports, each citing both passages."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app


def findings(store) -> list[dict]:
    result = CliRunner().invoke(app, ["check", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_2017_report_gives_two_attendances_for_one_workshop(built_store):
    conflicts = [f for f in findings(built_store) if f["check"] == "value_conflict" and "participantsCount" in f["detail"]]
    assert conflicts, "the 2017 report states the workshop's attendance twice, differently"
    f = conflicts[0]
    assert "工作坊" in f["subject"]
    assert {"370", "350"} <= set(f["detail"].replace(":", " ").split())
    assert "370" in f["evidence_a"] + f["evidence_b"] and "350" in f["evidence_a"] + f["evidence_b"]


def _build(tmp_path, text: str):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "kg"
    assert CliRunner().invoke(app, ["build", str(folder), "--store", str(store)]).exit_code == 0
    return store


def test_a_count_that_disagrees_with_the_signings_listed(tmp_path):
    store = _build(tmp_path, (
        "本署與外國簽訂之移民事務與防制人口販運合作瞭解備忘錄係分別於 100 年之蒙古、101 年印尼、甘比亞。\n"
        "至 101 年底止，我國已與各國簽署合作備忘錄，共有 5 國。\n"
    ))
    found = [f for f in findings(store) if f["check"] == "count_vs_list"]
    assert len(found) == 1
    assert "states 5" in found[0]["detail"] and "lists 3" in found[0]["detail"]
    assert "共有 5 國" in found[0]["evidence_a"]


def test_a_streak_that_disagrees_with_a_yearly_tier(tmp_path):
    store = _build(tmp_path, (
        "１、104 年臺灣列名第二級國家，受防制人口販運評定國家總數為 187 國。\n"
        "２、106 年臺灣列名第一級國家，受防制人口販運評定國家總數為 187 國。\n"
        "美國國務院於 106 年 6月 27 日人口販運問題報告，將臺灣評列為「第一級」國家（已連續 8年獲評為第一級國家）。\n"
    ))
    found = [f for f in findings(store) if f["check"] == "streak_vs_tier"]
    assert any("2015" in f["detail"] or "2017" in f["detail"] for f in found), found
