"""`kg viz`: the offline graph browser, checked in a real headless Chromium.

The page must find nodes by name, show each fact's evidence sentence, filter by
year and type, keep its state in the URL, load nothing from the network, and
never run markup that a report happens to contain.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.test_viz_support import chromium, hostile_store, new_page, wait_drawn  # noqa: F401
from viz.graph_data import find, load, parse_years, restrict
from viz.page import json_for_script, script_text

PALAU = "https://w3id.org/nia-kg/id/country/PW"
PALAU_SENTENCE = "106年3月17日已與帛琉共和國簽署"
FILE_ONLY = ("file://", "data:", "blob:")


def viz(store, out, *args):
    result = CliRunner().invoke(app, ["viz", "--store", str(store), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def graph_page(built_store, tmp_path_factory):
    return viz(built_store, tmp_path_factory.mktemp("viz") / "graph.html")


@pytest.fixture()
def opened(graph_page, new_page):
    def open_(fragment: str = ""):
        w = new_page()
        w.page.goto(graph_page.as_uri() + fragment)
        wait_drawn(w.page)
        return w

    return open_


def mou_nodes(page, year: int) -> list[str]:
    return page.evaluate(
        """(y) => JSON.parse(document.getElementById('kg-data').textContent).nodes
             .filter(n => n.type === 'MouSigning' && n.year === y).map(n => n.id)""", year)


def hidden(page, ids) -> list[bool]:
    return page.evaluate("(ids) => ids.map(id => !window.kgView.isVisible(id))", ids)


# -- data and escaping (no browser) -------------------------------------------------------------
def test_json_in_a_script_element_cannot_close_it():
    text = json_for_script({"x": "</script><script>alert(1)</script> & \u2028\u2029 <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text)["x"].startswith("</script>")


def test_inlined_library_code_cannot_close_its_script_element():
    assert "</script" not in script_text('var a = "</script>"; var b = "<!--";').lower()


def test_graph_has_entities_facts_and_evidence(built_store):
    from kg.store import KGStore

    data = load(KGStore(built_store, read_only=True))
    by_id = data.index()
    types = {n["type"] for n in data.nodes}
    assert {"Agency", "Country", "Law", "Program", "MouSigning", "LawEvent", "Visit", "ProgramBudget"} <= types
    palau_mou = [n for n in data.nodes if n["type"] == "MouSigning" and n["year"] == 2017
                 and any(e["to"] == PALAU for e in data.edges if e["from"] == n["id"])]
    assert palau_mou and any(PALAU_SENTENCE in ev["quote"] for ev in palau_mou[0]["evidence"])
    assert all(ev["doc"].endswith(".txt") for n in data.nodes if n["fact"] for ev in n["evidence"])
    assert by_id[PALAU]["label"] == "帛琉" and by_id[PALAU]["en"] == "Palau"
    assert find(data, "Palau")[0] == PALAU == find(data, "帛琉")[0]


def test_focus_hops_and_years_narrow_the_graph(built_store):
    from kg.store import KGStore

    data = load(KGStore(built_store, read_only=True))
    near = restrict(data, focus="帛琉", hops=1)
    assert PALAU in {n["id"] for n in near.nodes} and len(near.nodes) < 10
    assert all(n["fact"] for n in near.nodes if n["id"] != PALAU)
    y2017 = restrict(data, years=parse_years("2017"))
    assert {n["year"] for n in y2017.nodes if n["fact"]} == {2017}
    with pytest.raises(LookupError):
        restrict(data, focus="Narnia")
    with pytest.raises(ValueError):
        parse_years("2019-2016")


def test_kg_viz_writes_one_self_contained_file(graph_page, built_store, tmp_path):
    html = graph_page.read_text(encoding="utf-8")
    assert "vis.Network" in html and 'type="application/json" id="kg-data"' in html
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)  # the page without inline code
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:|//)", markup), "the page refers to the network"
    assert not re.search(r"<script\b[^>]*\bsrc=", html) and "<link rel=\"stylesheet\"" not in html
    small = viz(built_store, tmp_path / "palau.html", "--focus", "Palau", "--hops", "1", "--years", "2017")
    data = json.loads(small.read_text(encoding="utf-8").split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert {n["label"] for n in data["nodes"]} == {"帛琉", "MOU 帛琉 2017"}
    bad = CliRunner().invoke(app, ["viz", "--store", str(built_store), "-o", str(tmp_path / "x.html"), "--focus", "Narnia"])
    assert bad.exit_code == 2 and "Narnia" in bad.output


# -- in the browser -------------------------------------------------------------------------
def test_search_finds_palau_and_the_panel_shows_its_mou_sentence(opened):
    w = opened()
    page = w.page
    page.fill("#search", "帛琉")
    page.press("#search", "Enter")
    page.wait_for_selector("#panel-body h2")
    assert page.text_content("#panel-body h2") == "帛琉"
    panel = page.text_content("#panel-body")
    assert PALAU_SENTENCE in panel and "帛琉" in panel
    assert "002_f489dd2fd4beed60.txt" in panel  # the source report
    assert page.evaluate("window.kgView.state.focus") == PALAU
    # English names find the same node.
    page.fill("#search", "palau")
    page.press("#search", "Enter")
    assert page.evaluate("window.kgView.state.focus") == PALAU
    assert not w.errors and not w.dialogs


def test_year_slider_hides_later_facts(opened):
    page = opened().page
    later, earlier = mou_nodes(page, 2017), mou_nodes(page, 2016)
    assert later and earlier
    assert not any(hidden(page, later + earlier))
    page.eval_on_selector("#year", "(e) => { e.value = '2016'; e.dispatchEvent(new Event('input', {bubbles: true})); }")
    assert all(hidden(page, later))
    assert not any(hidden(page, earlier))
    assert "year=2016" in page.evaluate("location.hash")
    # The SPARQL of the view says the same.
    assert "?year <= 2016" in page.text_content("#sparql-text")


def test_legend_filters_types_and_collapse_hides_neighbours(opened):
    page = opened().page
    visits = page.evaluate("JSON.parse(document.getElementById('kg-data').textContent).nodes"
                           ".filter(n => n.type === 'Visit').map(n => n.id)")
    page.click("#legend button[data-type=Visit]")
    assert all(hidden(page, visits))
    assert page.get_attribute("#legend button[data-type=Visit]", "aria-pressed") == "false"
    page.click("#legend button[data-type=Visit]")
    assert not any(hidden(page, visits))

    page.evaluate(f"window.kgView.focus({json.dumps(PALAU)})")
    palau_2017 = [i for i in mou_nodes(page, 2017) if "/PW/" in i]
    page.click("text=Collapse neighbours")
    assert all(hidden(page, palau_2017)) and not any(hidden(page, [PALAU]))
    page.click("text=Expand neighbours")
    assert not any(hidden(page, palau_2017))


def test_a_deep_link_restores_focus_year_and_filters(opened):
    fragment = "#" + "&".join([f"focus={quote(PALAU, safe='')}", "year=2016", "off=Visit"])
    page = opened(fragment).page
    assert page.evaluate("window.kgView.state.focus") == PALAU
    assert page.input_value("#year") == "2016"
    assert page.get_attribute("#legend button[data-type=Visit]", "aria-pressed") == "false"
    assert page.text_content("#panel-body h2") == "帛琉"
    assert all(hidden(page, mou_nodes(page, 2017)))
    # Changing the view rewrites the link.
    page.click("#legend button[data-type=Visit]")
    assert "off=Visit" not in page.evaluate("location.hash")


def test_png_and_json_export(opened):
    page = opened().page
    with page.expect_download() as png:
        page.click("#export-png")
    assert png.value.suggested_filename.endswith(".png")
    assert open(png.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as js:
        page.click("#export-json")
    data = json.loads(open(js.value.path(), encoding="utf-8").read())
    assert len(data["nodes"]) > 100 and all("x" in n for n in data["nodes"])


def test_the_page_makes_no_request_outside_the_file(opened):
    w = opened()
    w.page.fill("#search", "入出國及移民法")
    w.page.press("#search", "Enter")
    w.page.hover("#graph")
    assert w.requests and not w.outside(FILE_ONLY), w.outside(FILE_ONLY)
    assert not w.errors
    assert not [c for c in w.console if "Content Security Policy" in c]


def test_markup_in_a_report_runs_no_script(hostile_store, new_page, tmp_path):
    from kg.store import KGStore

    data = load(KGStore(hostile_store, read_only=True))
    texts = json.dumps(data.to_json(), ensure_ascii=False)
    for payload in ("onerror=alert(1)", "</script><script>", "<b onmouseover", "<script>window.__pwned=4"):
        assert payload in texts, f"the extractors dropped {payload!r}: the test would prove nothing"
    page_file = viz(hostile_store, tmp_path / "hostile.html")
    w = new_page()
    page = w.page
    page.goto(page_file.as_uri())
    wait_drawn(page)
    # Open every node's panel and tooltip: labels, evidence, titles, details all reach the DOM.
    ids = page.evaluate("JSON.parse(document.getElementById('kg-data').textContent).nodes.map(n => n.id)")
    for node_id in ids:
        page.evaluate("(id) => window.kgView.focus(id)", node_id)
        pos = page.evaluate("(id) => window.kgView.network.canvasToDOM(window.kgView.network.getPosition(id))", node_id)
        box = page.query_selector("#graph").bounding_box()
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.wait_for_timeout(300)
        page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.fill("#search", "梅健華")
    page.press("#search", "Enter")
    assert "<b onmouseover=window.__pwned=5>梅健華</b>" in page.text_content("#panel-body h2")
    page.click("#sparql summary")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert w.dialogs == []
    assert not w.outside(FILE_ONLY), w.outside(FILE_ONLY)
    assert page.evaluate("document.querySelectorAll('img, svg, b[onmouseover]').length") == 0
