"""Shared fixtures: the bundled corpus built once per test session, and a CLI runner."""

from __future__ import annotations

import json
import os
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
