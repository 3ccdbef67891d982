"""Regenerate the README's screenshots of the graph browser and the query page.

Builds the bundled reports into a temporary store, serves it on a free port and
photographs both pages with headless Chromium into `docs/screenshots/`.

    python -m viz.screenshots [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

from viz.bench import ARGS, CHROMIUM, REPORTS, ROOT


def take(out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from kg.build import build
    from kg.store import KGStore
    from viz.server import make_server, url_of

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        store = KGStore(Path(d) / "store")
        build([REPORTS], store)
        store.close()
        server = make_server(str(Path(d) / "store"), "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = url_of(server)
        shots = [out_dir / "graph-browser.png", out_dir / "query-page.png"]
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(base + "/")
                page.wait_for_selector("html[data-drawn]", state="attached")
                page.fill("#search", "帛琉")
                page.press("#search", "Enter")
                page.evaluate("""() => {  // frame Palau together with the agency it signed with
                  const net = window.kgView.network;
                  const a = net.getPosition('https://w3id.org/nia-kg/id/country/PW');
                  const b = net.getPosition('https://w3id.org/nia-kg/id/org/nia');
                  net.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, scale: 0.85});
                }""")
                page.wait_for_timeout(400)
                page.screenshot(path=str(shots[0]))
                page.goto(base + "/query")
                page.wait_for_selector(".tabsList .tab")
                page.click(".tabsList a:has-text('mou_signings')")
                page.locator(".tabPanel.active .yasqe_queryButton").click()
                page.wait_for_selector(".tabPanel.active .yasr table.dataTable td")
                page.wait_for_timeout(400)
                page.screenshot(path=str(shots[1]))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
            server.app.close()
    return shots


if __name__ == "__main__":
    for shot in take(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"):
        print(shot)
