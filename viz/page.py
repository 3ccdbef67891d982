"""One self-contained HTML file for the graph browser: library, code, style and data inline.

The file opens from disk with no network: vis-network is the vendored copy,
there are no fonts or CDNs. Data travels as JSON inside
`<script type="application/json">`, with `<`, `>`, `&`, U+2028 and U+2029
escaped, so no string from a report can close the element or start markup; the
script then puts text into the page only through textContent. A
Content-Security-Policy with a per-page nonce is belt and braces: even an
injected `<script>` or `onerror=` would not run.
"""

from __future__ import annotations

import html
import json
import re
import secrets
from pathlib import Path

# Beside this module (not importlib.resources: an editable install made before viz/ had an
# __init__.py sees viz as a namespace package, which resources cannot read).
STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(obj) -> str:
    """JSON that is safe as the text of a `<script type="application/json">` element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def script_text(js: str) -> str:
    """Library code made safe to inline: nothing in it may end the script element early."""
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.M)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)
    return js.replace("<!--", "<\\!--")


def csp(nonce: str, served: bool) -> str:
    """Scripts only with this page's nonce; no network for a file, the own origin when served."""
    connect = "'self'" if served else "'none'"
    policy = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
        f"img-src data: blob:; connect-src {connect}; base-uri 'none'; form-action 'none'"
    )
    # A <meta> policy (the file) may not set frame-ancestors; the server's header does.
    return policy + "; frame-ancestors 'none'" if served else policy


def render(data, *, title: str = "nia-kg graph browser", query_page: str | None = None,
           note: str = "", nonce: str | None = None) -> str:
    """The page as text. `query_page` (the server's `/query`) turns on the link to run a view's SPARQL."""
    nonce = nonce or secrets.token_urlsafe(18)
    served = query_page is not None
    config = {"queryPage": query_page, "title": title, "note": note}
    vis_js = script_text((VENDOR / "vis-network.min.js").read_text(encoding="utf-8"))
    app_js = script_text((STATIC / "graph.js").read_text(encoding="utf-8"))
    css = (STATIC / "graph.css").read_text(encoding="utf-8").replace("</", "<\\/")
    policy = csp(nonce, served)
    head_csp = "" if served else f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">\n'
    t = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
{head_csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{t}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header>
  <h1>{t}</h1>
  <form id="search-form" role="search">
    <input id="search" type="search" list="names" placeholder="帛琉, Palau, 入出國及移民法…" aria-label="Search by name" autocomplete="off">
    <datalist id="names"></datalist>
    <button type="submit">Find</button>
  </form>
  <label>Year <input id="year" type="range" step="1" aria-label="Hide facts after this year"> <output id="year-out"></output></label>
  <button id="export-png" type="button">PNG</button>
  <button id="export-json" type="button">JSON</button>
  <button id="reset" type="button">Reset</button>
  <span id="status" role="status"></span>
</header>
<nav id="legend" aria-label="Node types (click to show or hide)"></nav>
<main id="graph"></main>
<aside id="panel">
  <div id="panel-body"></div>
  <details id="sparql">
    <summary>SPARQL for this view</summary>
    <pre id="sparql-text"></pre>
    <button id="sparql-copy" type="button">Copy</button>
    <a id="sparql-link" hidden>Run it in the query page</a>
  </details>
</aside>
<script type="application/json" id="kg-config">{json_for_script(config)}</script>
<script type="application/json" id="kg-data">{json_for_script(data.to_json())}</script>
<script nonce="{nonce}">{vis_js}</script>
<script nonce="{nonce}">{app_js}</script>
</body>
</html>
"""


def title_for(focus: str | None, hops: int, years: str | None) -> str:
    parts = ["nia-kg graph browser"]
    if focus:
        parts.append(f"{focus} ({hops} hops)")
    if years:
        parts.append(years.strip())
    return " · ".join(parts)
