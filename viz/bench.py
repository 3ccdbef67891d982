"""Time the graph browser's first draw in headless Chromium: the bundled graph, 2,000 and 10,000 nodes.

First draw is the time from navigation start to vis-network's first
`afterDrawing` event, as the page records it (`window.__kgTimings`): parsing
the inline library and data, building the network, drawing once. Layout time
in Python is reported beside it. Not a test: numbers depend on the machine.

    python -m viz.bench            # prints `name: value` lines
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from viz.layout import layout
from viz.page import render
from viz.synthetic import synthetic

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _bundled_graph(tmp: Path):
    from kg.build import build
    from kg.store import KGStore
    from viz.graph_data import load

    store = KGStore(tmp / "store")
    build([REPORTS], store)
    store.close()
    return load(KGStore(tmp / "store", read_only=True))


def _first_draw_ms(browser, page_file: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_selector("html[data-drawn]", state="attached", timeout=120_000)
        times.append(page.evaluate("window.__kgTimings.firstDraw"))
        ctx.close()
    return statistics.median(times)


def run(runs: int = 3) -> dict[str, float]:
    """name -> value: `<graph>_nodes`, `<graph>_layout_s`, `<graph>_html_mb`, `<graph>_first_draw_ms`."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        tmp = Path(d)
        graphs = {"bundled": _bundled_graph(tmp), "synthetic_2000": synthetic(2000), "synthetic_10000": synthetic(10_000)}
        layout(synthetic(50))  # warm up: networkx compiles its decorators on first use
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, data in graphs.items():
                t = time.perf_counter()
                layout(data)
                out[f"{name}_layout_s"] = round(time.perf_counter() - t, 3)
                page_file = tmp / f"{name}.html"
                page_file.write_text(render(data), encoding="utf-8")
                out[f"{name}_nodes"] = float(len(data.nodes))
                out[f"{name}_html_mb"] = round(page_file.stat().st_size / 1e6, 2)
                out[f"{name}_first_draw_ms"] = round(_first_draw_ms(browser, page_file, runs), 1)
        finally:
            browser.close()
    return out


def main() -> None:
    for name, value in run().items():
        print(f"{name}: {value:g}")


if __name__ == "__main__":
    main()
