"""From a folder of reports to answers: `kg build`, `kg query`, `kg export`, `kg eval`, `kg stats`."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import REPORTS, gold_records, rows_of
from tests.pdf_fixture import write_pdf

CONTRACT_COLUMNS = {
    "mou_signings": "country_iso2, country_label, year, date, title, doc, evidence",
    "mou_counts": "as_of, count, doc, evidence",
    "law_events": "law, event, date, year, articles, effect, doc, evidence",
    "events": "name, event_type, start, end, participants_count, countries_count, doc, evidence",
    "visits": "visitor, org, country_iso2, date, doc, evidence",
    "program_budgets": "program, fiscal_year, budget_twd, executed_twd, execution_rate, doc, evidence",
    "kpis": "program, indicator, year, target, actual, achievement, doc, evidence",
    "tip_tiers": "year, tier, doc, evidence",
    "grants": "grantee, date, project, doc, evidence",
    "org_units": "unit, parent, doc, evidence",
    "statistics": "subject, value, unit, as_of, doc, evidence",
}
REPORT_2017 = "002_f489dd2fd4beed60.txt"


def cli(*args):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("name, columns", CONTRACT_COLUMNS.items())
def test_bundled_queries_start_with_the_contract_columns(kg, name, columns):
    result = kg("query", name, "--format", "csv")
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    expected = [c.strip() for c in columns.split(",")]
    assert header[: len(expected)] == expected


def test_every_mou_of_the_2017_report_is_listed_with_its_year(kg):
    rows = rows_of(kg("query", "mou_signings", "--format", "csv").stdout)
    listed = {(r["country_iso2"], int(r["year"])) for r in rows if r["doc"] == REPORT_2017}
    gold = {(g["country_iso2"], g["year"]) for g in gold_records("002.jsonl", "mou")}
    assert len(gold) == 19
    assert gold <= listed


def test_a_dated_mou_carries_date_title_and_its_sentence(kg):
    rows = rows_of(kg("query", "mou_signings", "--format", "csv", "--param", "country_iso2=PW").stdout)
    palau = [r for r in rows if r["doc"] == REPORT_2017]
    assert len(palau) == 1
    row = palau[0]
    assert row["date"] == "2017-03-17" and row["year"] == "2017"
    assert row["title"] == "中華民國內政部與帛琉共和國國務部間有關移民事務與防制人口販運合作協定"
    assert "106年3月17日已與帛琉共和國簽署" in row["evidence"]


def test_the_cumulative_mou_count(kg):
    rows = rows_of(kg("query", "mou_counts", "--format", "csv").stdout)
    assert {"as_of": "2017", "count": "19", "doc": REPORT_2017} in [
        {k: r[k] for k in ("as_of", "count", "doc")} for r in rows
    ]


def test_the_amendment_history_of_the_immigration_act(kg):
    rows = rows_of(kg("query", "law_events", "--format", "csv", "--param", "law=入出國及移民法").stdout)
    history = {(r["event"], r["date"]) for r in rows}
    assert ("effective", "2009-07-01") in history  # 98 年 7 月 1 日修正施行
    assert ("amended", "2022-01-12") in history  # 111 年 1 月 12 日總統令修正公布
    assert ("effective", "2022-01-28") in history  # 行政院令定自 111 年 1 月 28 日施行
    assert ("passed_third_reading", "2023-05-30") in history
    amended = next(r for r in rows if r["event"] == "amended" and r["date"] == "2022-01-12")
    assert amended["articles"].startswith("4-8,13-15,17-22")
    assert "修正公布" in amended["evidence"]


def test_eval_against_the_gold_scores_every_kind(built_store):
    result = cli("eval", "--gold", str(REPORTS.parent.parent / "tests/gold/002.jsonl"), "--store", str(built_store), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {(r["kind"], r["doc"]): r for r in json.loads(result.stdout)}
    for kind in ("mou", "mou_count", "tip_tier", "tip_streak"):
        assert float(rows[(kind, "ALL")]["f1"]) >= 0.95, rows[(kind, "ALL")]


def test_every_kind_reaches_the_bar_on_every_report_against_all_gold(built_store):
    """The shared gold and our own hand-checked files together, as `kg eval --gold tests/gold` scores them."""
    gold = REPORTS.parent.parent / "tests" / "gold"
    result = cli("eval", "--gold", str(gold), "--store", str(built_store), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    kinds = {r["kind"] for r in rows}
    assert {"event", "visit", "program_budget", "kpi", "law_event", "statistic", "grant", "org_unit"} <= kinds
    for r in rows:
        assert float(r["f1"]) >= 0.95, r
        assert float(r["precision"]) >= float(r["recall"]), r


def test_rebuilding_unchanged_reports_changes_nothing(tmp_path):
    store = tmp_path / "kg"
    assert cli("build", str(REPORTS), "--store", str(store)).exit_code == 0
    first = cli("export", "--format", "nquads", "--store", str(store)).stdout
    again = cli("build", str(REPORTS), "--store", str(store))
    assert "4 unchanged" in again.output
    forced = cli("build", str(REPORTS), "--store", str(store), "--force")
    assert forced.exit_code == 0
    second = cli("export", "--format", "nquads", "--store", str(store)).stdout
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    assert len(first.splitlines()) > 1000


def test_bad_files_are_named_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORTS / REPORT_2017, folder)
    store = tmp_path / "kg"
    assert cli("build", str(folder), "--store", str(store)).exit_code == 0
    before = cli("query", "mou_signings", "--format", "csv", "--store", str(store)).stdout

    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    pdf = write_pdf("我國於 106 年與帛琉簽署備忘錄。", tmp_path / "whole.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    shutil.copy(REPORTS / "004_764bd6a883dd8fa5.txt", folder)

    result = cli("build", str(folder), "--store", str(store))
    assert result.exit_code == 1
    messages = [line for line in result.stderr.splitlines() if line.startswith("kg build:")]
    assert len(messages) == 3
    assert any("empty.txt" in m and "empty file" in m for m in messages)
    assert any("binary.txt" in m and "binary" in m for m in messages)
    assert any("truncated.pdf" in m and "PDF" in m for m in messages)

    after = cli("query", "mou_signings", "--format", "csv", "--store", str(store)).stdout
    assert after == before  # what was stored is intact
    laws = rows_of(cli("query", "law_events", "--format", "csv", "--store", str(store)).stdout)
    assert any(r["doc"] == "004_764bd6a883dd8fa5.txt" for r in laws)  # the good new file was built


def _rows_without_doc(store, query):
    rows = rows_of(cli("query", query, "--format", "csv", "--store", str(store)).stdout)
    return sorted(tuple(v for k, v in r.items() if k != "doc") for r in rows)


def test_big5_and_pdf_copies_give_the_same_rows_as_the_utf8_text(tmp_path):
    text = (REPORTS / REPORT_2017).read_text(encoding="utf-8")
    stores = {}
    for label, make in {
        "utf8": lambda p: p.with_suffix(".txt").write_text(text, encoding="utf-8"),
        "big5": lambda p: p.with_suffix(".txt").write_bytes(text.encode("cp950")),
        "pdf": lambda p: write_pdf(text, p.with_suffix(".pdf")),
    }.items():
        folder = tmp_path / label
        folder.mkdir()
        make(folder / "report")
        stores[label] = tmp_path / f"store-{label}"
        assert cli("build", str(folder), "--store", str(stores[label])).exit_code == 0
    for query in ("mou_signings", "mou_counts", "tip_tiers"):
        utf8 = _rows_without_doc(stores["utf8"], query)
        assert utf8, query
        assert _rows_without_doc(stores["big5"], query) == utf8
        assert _rows_without_doc(stores["pdf"], query) == utf8


def test_exports_in_every_format(built_store, tmp_path):
    import rdflib

    for fmt, parse_as in (("turtle", "turtle"), ("jsonld", "json-ld"), ("trig", "trig"), ("nquads", "nquads")):
        out = tmp_path / f"graph.{fmt}"
        assert cli("export", "--format", fmt, "-o", str(out), "--store", str(built_store)).exit_code == 0
        g = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
        g.parse(out, format=parse_as)
        assert len(g) > 0 or sum(1 for _ in g.quads()) > 1000
    named = rdflib.Dataset()
    named.parse(tmp_path / "graph.trig", format="trig")
    graphs = {str(c.identifier) for c in named.graphs()}
    assert any(g.endswith("002_f489dd2fd4beed60.txt") for g in graphs)


def test_stats_count_documents_and_facts(kg):
    rows = json.loads(kg("stats", "--format", "json").stdout)
    by = {(r["what"], r["name"]): int(r["count"]) for r in rows}
    assert by[("documents", "")] == 4
    assert by[("facts", "mou")] >= 19
    assert by[("entities", "Country")] >= 19


def test_the_graph_conforms_to_its_shapes(kg):
    result = kg("validate")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["build", "query", "export", "eval", "stats", "validate", "queries"])
def test_every_command_has_help(command):
    result = cli(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_the_timeline_of_a_year_gathers_every_kind_dated_in_it(kg):
    rows = rows_of(kg("query", "timeline", "--format", "csv", "--param", "year=2017").stdout)
    assert rows and all(r["date"].startswith("2017") for r in rows)
    kinds = {r["kind"] for r in rows}
    assert {"mou", "event", "visit", "grant", "tip_tier"} <= kinds
    assert any(r["kind"] == "mou" and r["date"] == "2017-03-17" and "帛琉" in r["evidence"] for r in rows)
    # The parameter is declared in every branch of the query, and each takes the value.
    other = rows_of(kg("query", "timeline", "--format", "csv", "--param", "year=2022").stdout)
    assert other and all(r["date"].startswith("2022") for r in other)


def test_a_country_profile_lists_what_the_reports_say_about_it(kg):
    rows = rows_of(kg("query", "country_profile", "--format", "csv", "--param", "country_iso2=PW").stdout)
    assert any(r["kind"] == "mou" and r["year"] == "2017" for r in rows)
    assert all("帛琉" in r["evidence"] or "Palau" in r["evidence"] for r in rows)
