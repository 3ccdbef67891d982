"""Shared by the browser tests (test_viz*.py, test_serve*.py): Debian's Chromium via Playwright,
a page wrapper that records every request, dialog and script error, and a hostile report.

Holds no tests itself. Chromium is never downloaded (`playwright install` is not used):
the tests drive /usr/bin/chromium and are skipped when it is missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# Markup that would run if any of it reached the page as HTML: each sets window.__pwned or
# opens a dialog. The extractors take them into labels, titles, evidence sentences and
# report titles (the test checks that they did).
HOSTILE_REPORT = (
    "<img src=x onerror=window.__pwned=1>工作坊年度報告\n\n"
    "一、「<img src=x onerror=alert(1)>工作坊管理辦法」於 98 年 1 月 23 日制定公布，並於同年 6 月 1 日施行。\n"
    "二、「<img/src=x/onerror=window.__pwned=7>工作坊條例」於 99 年 2 月 3 日制定公布。\n"
    "「</script><script>window.__pwned=2</script>工作坊規則」於 99 年 5 月 3 日制定公布。\n"
    "三、106年3月17日已與帛琉共和國簽署「中華民國與帛琉<img src=x onerror=window.__pwned=3>合作協定」。\n"
    "四、106 年 6 月 30 日核定補助財團法人天主教善牧福利基金會辦理"
    "「<script>window.__pwned=4</script>計畫\u2028第二段\u2029」。\n"
    "五、美國在臺協會處長<b onmouseover=window.__pwned=5>梅健華</b>於 106 年 11 月 21 日拜會本署，"
    "就 \"><img src=x onerror=window.__pwned=6> 議題進行意見交流。\n"
)


@dataclass
class Watched:
    """A page plus what it did: requested URLs, dialogs opened, uncaught errors, console errors."""

    page: object
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def outside(self, allowed_prefixes: tuple[str, ...]) -> list[str]:
        return [u for u in self.requests if not u.startswith(allowed_prefixes)]


def watch(page) -> Watched:
    w = Watched(page)
    page.on("request", lambda r: w.requests.append(r.url))
    page.on("pageerror", lambda e: w.errors.append(str(e)))
    page.on("console", lambda m: w.console.append(m.text) if m.type == "error" else None)

    def on_dialog(d):
        w.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return w


# Module scope, not session: each test module imports this fixture, which makes it a fixture of
# its own per module, and two Playwright drivers may not run at once in one thread.
@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def new_page(chromium):
    """Open watched pages in a fresh context (no shared storage); closed after the test."""
    contexts = []

    def make(width: int = 1400, height: int = 900) -> Watched:
        ctx = chromium.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        contexts.append(ctx)
        return watch(ctx.new_page())

    yield make
    for ctx in contexts:
        ctx.close()


def build_store(reports_dir: Path, store: Path) -> Path:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["build", str(reports_dir), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    reports = folder / "reports"
    reports.mkdir()
    (reports / "hostile_report.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    return build_store(reports, folder / "store")


def wait_drawn(page, timeout: float = 30_000) -> None:
    page.wait_for_selector("html[data-drawn]", state="attached", timeout=timeout)
