"""Shared fixtures: the bundled corpus built once per test session, and a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def reports() -> Path:
    return REPORTS


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """A store built from the bundled reports with the real CLI."""
    from kg.cli import app

    store = tmp_path_factory.mktemp("store") / "kg"
    result = CliRunner().invoke(app, ["build", str(REPORTS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture()
def kg(built_store):
    """Run `kg ...` against the bundled store; returns the CliRunner result."""
    from kg.cli import app

    def run(*args: str):
        return CliRunner().invoke(app, [*args, "--store", str(built_store)])

    return run


def rows_of(csv_text: str) -> list[dict]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(csv_text)))


def gold_records(name: str, kind: str | None = None) -> list[dict]:
    path = GOLD / name
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if kind is None or r["kind"] == kind]


def facts_of(text: str, kind: str):
    """Facts of one kind that extraction finds in a snippet written like a report."""
    from extract.pipeline import extract_source
    from extract.read import SourceDocument

    source = SourceDocument("t.txt", "t.txt", text, "0" * 64, "utf-8", "text/plain")
    return [f for f in extract_source(source, only={kind}).facts if f.kind == kind]


_EXTRACTED: dict[tuple[str, frozenset], list] = {}


def report_facts(prefix: str, kinds: set[str]):
    """Facts of the given kinds in the bundled report whose name starts with ``prefix`` (cached)."""
    from extract.pipeline import extract_file

    key = (prefix, frozenset(kinds))
    if key not in _EXTRACTED:
        path = next(REPORTS.glob(f"{prefix}_*.txt"))
        _EXTRACTED[key] = extract_file(path, only=set(kinds)).facts
    return _EXTRACTED[key]
