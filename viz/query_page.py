"""The query page: YASGUI (vendored) on the server's `/sparql`, one tab per bundled query.

YASGUI's remote helpers are off (class and property completion call the LOV
API; prefix.cc is not asked), and it keeps no tabs in localStorage, so the
page shows the bundled queries each time and loads nothing from elsewhere.
`/query?query=...` opens an extra tab with that query and runs it: that is
where the graph browser's "SPARQL for this view" link lands.
"""

from __future__ import annotations

import html

from viz.page import json_for_script

INIT = r"""
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("kg-queries").textContent);
  var endpoint = location.origin + "/sparql";
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["prefixes", "variables"], prefixCcApi: null, persistenceId: null, createShortLink: undefined }
  });
  var asked = new URLSearchParams(location.search).get("query");
  var first = null;
  if (asked) first = yasgui.addTab(true, { name: "from the graph", yasqe: { value: asked }, requestConfig: { endpoint: endpoint } });
  queries.forEach(function (q, i) {
    var tab = yasgui.addTab(!asked && i === 0, { name: q.name, yasqe: { value: q.text }, requestConfig: { endpoint: endpoint } });
    if (!first) first = tab;
  });
  window.kgYasgui = yasgui;
  if (asked && first) setTimeout(function () { first.getYasqe().query(); }, 0);
})();
"""


def csp(nonce: str) -> str:
    return (
        f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def render(queries: dict[str, str], nonce: str) -> str:
    items = [{"name": name, "text": text} for name, text in sorted(queries.items())]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>nia-kg SPARQL query</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/vendor/yasgui.min.css">
<style>
body {{ margin: 0; font: 14px/1.4 system-ui, "Noto Sans CJK TC", sans-serif; }}
header {{ display: flex; gap: 1rem; align-items: baseline; padding: .5rem .8rem; background: #f6f7f9; border-bottom: 1px solid #d8dce3; }}
header h1 {{ font-size: 1rem; margin: 0; }}
#yasgui {{ padding: 0 .5rem; }}
</style>
</head>
<body>
<header><h1>nia-kg SPARQL</h1><span>endpoint <code>/sparql</code> (read-only)</span><a href="/">graph browser</a></header>
<div id="yasgui"></div>
<script type="application/json" id="kg-queries">{json_for_script(items)}</script>
<script nonce="{html.escape(nonce)}" src="/static/vendor/yasgui.min.js"></script>
<script nonce="{html.escape(nonce)}">{INIT}</script>
</body>
</html>
"""
