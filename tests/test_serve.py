"""`kg serve`: the SPARQL 1.1 Protocol endpoint, the YASGUI query page and the served graph browser.

The server runs in this process on a free port; its queries run in worker
processes. Read-only is checked from the outside: every way of sending an
update is refused and the store still answers the same afterwards.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.test_viz_support import chromium, hostile_store, new_page, wait_drawn  # noqa: F401
from viz.server import make_server, url_of
from viz.sparql_pool import is_update

PALAU_SENTENCE = "106年3月17日已與帛琉共和國簽署"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LOCAL = ("http://127.0.0.1", "data:", "blob:")


def start(store, **options):
    server = make_server(str(store), "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def stop(server):
    server.shutdown()
    server.server_close()
    server.app.close()


@pytest.fixture(scope="module")
def base(built_store):
    server = start(built_store, timeout=3.0, max_rows=500)
    yield url_of(server)
    stop(server)


def call(url, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, content type, body text) without raising on HTTP errors."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8"), dict(e.headers)


def get(base, query, accept=None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return call(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


def post_form(base, accept=None, **fields):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return call(f"{base}/sparql", urllib.parse.urlencode(fields).encode(), headers)


def count(base) -> int:
    status, _, body, _ = get(base, COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# -- the protocol ---------------------------------------------------------------------------
def test_get_answers_sparql_json(base):
    from queries import bundled

    status, ctype, body, headers = get(base, bundled()["mou_signings"])
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert "country_iso2" in data["head"]["vars"]
    rows = data["results"]["bindings"]
    palau = [r for r in rows if r["country_iso2"]["value"] == "PW" and PALAU_SENTENCE in r["evidence"]["value"]]
    assert palau and palau[0]["year"]["datatype"].endswith("#integer")
    assert headers.get("X-Content-Type-Options") == "nosniff"


def test_post_form_answers_csv(base):
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "SELECT ?iso ?label WHERE { ?c skos:notation ?iso ; rdfs:label ?label FILTER(lang(?label) = 'en') } ORDER BY ?iso")
    status, ctype, body, _ = post_form(base, accept="text/csv", query=query)
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {"iso": "PW", "label": "Palau"} in rows


def test_post_sparql_query_body_and_other_formats(base):
    query = "ASK { <https://w3id.org/nia-kg/id/country/PW> ?p ?o }"
    status, ctype, body, _ = call(f"{base}/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    select = "SELECT ?l WHERE { <https://w3id.org/nia-kg/id/country/PW> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    status, ctype, body, _ = get(base, select, "text/tab-separated-values")
    assert status == 200 and ctype.startswith("text/tab-separated-values") and body.startswith("?l\n") and '"帛琉"@zh' in body
    status, ctype, body, _ = get(base, select, "application/sparql-results+xml")
    assert status == 200 and ctype.startswith("application/sparql-results+xml") and "<literal xml:lang=" in body
    status, ctype, body, _ = get(base, select, format="csv")
    assert status == 200 and ctype.startswith("text/csv")
    construct = "CONSTRUCT WHERE { <https://w3id.org/nia-kg/id/country/PW> ?p ?o }"
    status, ctype, body, _ = get(base, construct)
    assert status == 200 and ctype.startswith("text/turtle") and "帛琉" in body
    status, _, body, _ = get(base, select, "image/png")
    assert status == 406


def test_updates_are_refused_and_change_nothing(base):
    before = count(base)
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    delete = "DELETE WHERE { ?s ?p ?o }"
    refused = [
        post_form(base, update=insert),
        post_form(base, update=delete),
        post_form(base, query=insert),
        get(base, delete),
        call(f"{base}/sparql", delete.encode(), {"Content-Type": "application/sparql-update"}),
        call(f"{base}/sparql", b"# comment\nPREFIX x: <urn:x:>\nCLEAR ALL", {"Content-Type": "application/sparql-query"}),
        call(f"{base}/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"})),
        call(f"{base}/sparql", b"", method="PUT"),
    ]
    for status, _, body, _ in refused:
        assert status in (400, 403, 405), (status, body)
        assert "read-only" in body
    assert count(base) == before


def test_update_words_inside_strings_iris_and_names_are_not_updates():
    assert not is_update('SELECT ?s WHERE { ?s ?p "INSERT DATA" } # DROP ALL')
    assert not is_update("SELECT ?delete WHERE { ?delete <urn:x:CLEAR> ?x . ?x ex:add ?y }")
    assert is_update("PREFIX x: <urn:x>\ninsert data { x:a x:b x:c }")
    assert is_update("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_bad_queries_get_a_message(base):
    status, ctype, body, _ = get(base, "SELECT * WHERE { ?s ?p")
    assert status == 400 and ctype.startswith("text/plain") and "syntax" in body.lower()
    status, _, body, _ = post_form(base)
    assert status == 400


def test_result_cap_and_time_limit(base):
    status, _, body, headers = get(base, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 500
    assert "500" in headers.get("X-KG-Truncated", "")
    status, _, body, _ = get(base, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 503 and "time limit" in body
    assert count(base) > 0  # a fresh worker took over


# -- pages ----------------------------------------------------------------------------------
def test_query_page_runs_a_bundled_query_offline(base, new_page):
    w = new_page()
    page = w.page
    page.goto(base + "/query")
    page.wait_for_selector(".tabsList .tab", timeout=30_000)
    page.click(".tabsList a:has-text('mou_signings')")
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.wait_for_selector(".tabPanel.active .yasr table.dataTable td", timeout=30_000)
    assert "帛琉" in page.text_content(".tabPanel.active .yasr")
    assert not w.outside(LOCAL), w.outside(LOCAL)
    assert not w.errors


def test_served_browser_links_each_view_to_its_sparql(base, new_page):
    w = new_page()
    page = w.page
    page.goto(base + "/")
    wait_drawn(page)
    page.fill("#search", "帛琉")
    page.press("#search", "Enter")
    assert PALAU_SENTENCE in page.text_content("#panel-body")
    href = page.get_attribute("#sparql-link", "href")
    assert href.startswith("/query?query=")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["query"][0]
    status, _, body, _ = get(base, query)
    assert status == 200 and PALAU_SENTENCE in body
    page.goto(base + href)
    page.wait_for_selector(".tabPanel.active .yasr table.dataTable td", timeout=30_000)
    assert "帛琉" in page.text_content(".tabPanel.active .yasr")
    assert not w.outside(LOCAL), w.outside(LOCAL)
    assert not w.errors


def test_served_pages_send_a_content_security_policy(base):
    for path in ("/", "/query"):
        status, ctype, body, headers = call(base + path)
        assert status == 200 and ctype.startswith("text/html")
        policy = headers.get("Content-Security-Policy", "")
        assert "script-src" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    status, _, body, _ = call(base + "/?focus=Narnia")
    assert status == 400 and "Narnia" in body
    status, _, _, _ = call(base + "/static/vendor/../../page.py")
    assert status == 404


def test_hostile_data_runs_no_script_in_served_pages(hostile_store, new_page):
    server = start(hostile_store, timeout=5.0)
    try:
        base = url_of(server)
        w = new_page()
        page = w.page
        page.goto(base + "/")
        wait_drawn(page)
        page.fill("#search", "梅健華")
        page.press("#search", "Enter")
        # The query page shows the same strings in its result table.
        query = ("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label>|<https://w3id.org/nia-kg/ontology#quote> ?label "
                 "FILTER(CONTAINS(?label, '<')) }")
        page.goto(base + "/query?" + urllib.parse.urlencode({"query": query}))
        page.wait_for_selector(".tabPanel.active .yasr table.dataTable td", timeout=30_000)
        page.wait_for_timeout(500)
        assert "onerror" in page.text_content(".tabPanel.active .yasr")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert w.dialogs == []
        assert not w.outside(LOCAL), w.outside(LOCAL)
    finally:
        stop(server)
