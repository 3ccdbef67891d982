/* The graph browser. Data and settings come from <script type="application/json"> blocks;
 * every text from the data reaches the page through textContent or a text node, never
 * through HTML parsing, so a report that contains markup shows it as text. */
(function () {
  "use strict";
  var T0 = performance.now();
  var $ = function (id) { return document.getElementById(id); };
  var DATA = JSON.parse($("kg-data").textContent);
  var CONFIG = JSON.parse($("kg-config").textContent);
  var NIA = "https://w3id.org/nia-kg/ontology#";

  var PALETTE = {
    Agency: "#c0392b", Country: "#1f5fa8", Law: "#6a3d9a", Program: "#1b7837", Organization: "#8c510a",
    OrgUnit: "#01665e", MouSigning: "#5aa9e6", Visit: "#9ecae1", LawEvent: "#b9a7d9", ProgramBudget: "#8fd19e",
    Kpi: "#c7e9c0", Grant: "#e6c27a", TipTier: "#f4a582", TipStreak: "#fbcfb3", MouCount: "#bcd7f0",
    Event: "#fdd66b", Statistic: "#d9d9d9", OrgHistory: "#a6dbd3", OrgUnitFact: "#80cdc1"
  };
  function colour(type) {
    if (PALETTE[type]) return PALETTE[type];
    var h = 0;
    for (var i = 0; i < type.length; i++) h = (h * 31 + type.charCodeAt(i)) % 360;
    return "hsl(" + h + ",55%,70%)";
  }

  /* el("div", {className: "x"}, "text", child): properties are set as DOM properties and
   * strings become text nodes. */
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) { node[k] = props[k]; });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  // -- the data ----------------------------------------------------------------------------
  var byId = new Map();
  var adj = new Map();
  var edgeLabel = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); adj.set(n.id, []); });
  DATA.edges.forEach(function (e) {
    if (!byId.has(e.from) || !byId.has(e.to)) return;
    adj.get(e.from).push(e.to);
    adj.get(e.to).push(e.from);
    edgeLabel.set(e.from + "\u0000" + e.to, e.label);
    edgeLabel.set(e.to + "\u0000" + e.from, e.label);
  });
  var years = DATA.nodes.filter(function (n) { return n.fact && n.year !== null && n.year !== undefined; })
    .map(function (n) { return n.year; });
  var minYear = years.length ? Math.min.apply(null, years) : 0;
  var maxYear = years.length ? Math.max.apply(null, years) : 0;
  var types = new Map();
  DATA.nodes.forEach(function (n) {
    var t = types.get(n.type) || { type: n.type, fact: n.fact, count: 0 };
    t.count++;
    types.set(n.type, t);
  });

  var state = { year: maxYear, off: new Set(), collapsed: new Set(), expanded: new Set(), focus: null, hood: 0 };

  // -- drawing -----------------------------------------------------------------------------
  function tooltip(n) {
    var meta = n.type + (n.year !== null && n.year !== undefined ? " · " + n.year : "");
    var quote = n.evidence && n.evidence.length ? short(n.evidence[0].quote, 160) : null;
    return el("div", null,
      el("div", { className: "tip-title" }, n.label),
      n.en ? el("div", null, n.en) : null,
      el("div", { className: "tip-meta" }, meta),
      quote ? el("div", { className: "tip-quote" }, "「" + quote + "」") : null);
  }
  /* On the canvas a fact sits next to the entity it names, so its label drops that name:
   * "入出國及移民法 amended 2023-06-28" beside the law reads "amended 2023-06-28". */
  function canvasLabel(n) {
    if (!n.fact) return short(n.label, 30);
    var text = n.label;
    adj.get(n.id).forEach(function (m) {
      var e = byId.get(m);
      if (!e.fact && e.label.length > 1) text = text.split(e.label).join(" ");
    });
    text = text.replace(/\s+/g, " ").trim();
    return short(text.length >= 2 ? text : n.label, 16);
  }
  var big = DATA.nodes.length > 3000;
  var visNodes = DATA.nodes.map(function (n) {
    var deg = adj.get(n.id).length;
    var c = colour(n.type);
    return {
      id: n.id, x: n.x || 0, y: n.y || 0,
      label: big && n.fact ? undefined : canvasLabel(n),  // thousands of small labels cost more than they tell
      title: big ? undefined : tooltip(n),
      size: n.fact ? 6 : Math.min(32, 10 + Math.sqrt(deg) * 2.5),
      color: { background: c, border: "#445", highlight: { background: c, border: "#000" }, hover: { background: c, border: "#000" } },
      font: n.fact ? { size: 9, color: "#444" } : { size: 15, color: "#111", strokeWidth: 3, strokeColor: "#fff" },
      hidden: false
    };
  });
  var visEdges = DATA.edges.map(function (e, i) { return { id: i, from: e.from, to: e.to }; });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = $("graph");
  var T1 = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false,
    layout: { improvedLayout: false },
    nodes: { shape: "dot", borderWidth: 1 },
    edges: { smooth: false, width: 0.7, color: { color: "#b9bfc9", highlight: "#333", hover: "#555" }, selectionWidth: 1.5 },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  });
  window.__kgTimings = { start: T0, network: T1 };
  network.once("afterDrawing", function () {
    window.__kgTimings.firstDraw = performance.now();
    document.documentElement.setAttribute("data-drawn", "1");
  });
  if (big) {  // build a node's tooltip only when the pointer first rests on it
    network.on("hoverNode", function (p) {
      var v = nodes.get(p.node);
      if (v && !v.title) nodes.update({ id: p.node, title: tooltip(byId.get(p.node)) });
    });
  }

  // -- what is visible ---------------------------------------------------------------------
  function neighbourhood(start, hops) {
    var seen = new Map([[start, 0]]);
    var queue = [start];
    while (queue.length) {
      var cur = queue.shift();
      if (seen.get(cur) >= hops) continue;
      adj.get(cur).forEach(function (m) { if (!seen.has(m)) { seen.set(m, seen.get(cur) + 1); queue.push(m); } });
    }
    return new Set(seen.keys());
  }
  function shownSet() {
    if (!state.focus || !state.hood || !byId.has(state.focus)) return null;
    var set = neighbourhood(state.focus, state.hood);
    state.expanded.forEach(function (id) {
      if (!byId.has(id)) return;
      set.add(id);
      adj.get(id).forEach(function (m) { set.add(m); });
    });
    return set;
  }
  function visibleIn(n, shown) {
    if (state.off.has(n.type)) return false;
    if (n.fact && n.year !== null && n.year !== undefined && n.year > state.year) return false;
    if (shown && !shown.has(n.id)) return false;
    if (!state.collapsed.has(n.id) && n.id !== state.focus) {
      var nb = adj.get(n.id);
      for (var i = 0; i < nb.length; i++) if (state.collapsed.has(nb[i])) return false;
    }
    return true;
  }
  var hiddenNow = new Set();
  function apply() {
    var shown = shownSet();
    var changes = [];
    var count = 0;
    DATA.nodes.forEach(function (n) {
      var hide = !visibleIn(n, shown);
      if (!hide) count++;
      if (hide !== hiddenNow.has(n.id)) {
        changes.push({ id: n.id, hidden: hide });
        if (hide) hiddenNow.add(n.id); else hiddenNow.delete(n.id);
      }
    });
    if (changes.length) nodes.update(changes);
    $("status").textContent = count + " / " + DATA.nodes.length + " nodes shown";
    writeHash();
    renderSparql();
    if (changes.length && state.focus && !restoring && byId.has(state.focus)) showNode(state.focus);
  }
  function isVisible(id) { return byId.has(id) && !hiddenNow.has(id); }

  // -- toolbar: search, year, legend, exports ---------------------------------------------
  var list = $("names");
  var optionCount = 0;
  DATA.nodes.slice().sort(function (a, b) { return (a.fact - b.fact) || a.label.localeCompare(b.label); })
    .forEach(function (n) {
      if (optionCount > 4000) return;
      [n.label, n.en].forEach(function (name) {
        if (name) { list.appendChild(el("option", { value: name })); optionCount++; }
      });
    });

  function search(text) {
    var needle = text.trim().toLocaleLowerCase();
    if (!needle) return null;
    function names(n) { return [n.label, n.en || ""].concat(n.alt || []); }
    function rank(n) { return [n.fact ? 1 : 0, n.label.length]; }
    var exact = [], part = [];
    DATA.nodes.forEach(function (n) {
      var ns = names(n).map(function (x) { return x.toLocaleLowerCase(); });
      if (n.id === text.trim() || ns.indexOf(needle) >= 0) exact.push(n);
      else if (ns.some(function (x) { return x.indexOf(needle) >= 0; })) part.push(n);
    });
    var pool = exact.length ? exact : part;
    pool.sort(function (a, b) { var ra = rank(a), rb = rank(b); return (ra[0] - rb[0]) || (ra[1] - rb[1]); });
    return pool.length ? pool[0] : null;
  }
  $("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var hit = search($("search").value);
    if (!hit) { $("status").textContent = "nothing named “" + $("search").value + "”"; return; }
    reveal(hit.id);
    focusNode(hit.id, true);
  });

  /* Make a node visible again when a search or a link asks for it. */
  function reveal(id) {
    var n = byId.get(id);
    state.off.delete(n.type);
    if (n.fact && n.year !== null && n.year !== undefined && n.year > state.year) setYear(n.year, false);
    adj.get(id).forEach(function (m) { state.collapsed.delete(m); });
    var shown = shownSet();
    if (shown && !shown.has(id)) state.hood = 0;
    syncLegend();
  }

  var slider = $("year");
  slider.min = String(minYear);
  slider.max = String(maxYear);
  slider.value = String(maxYear);
  if (!years.length) slider.disabled = true;
  function setYear(y, redraw) {
    state.year = Math.max(minYear, Math.min(maxYear, y));
    slider.value = String(state.year);
    $("year-out").textContent = state.year >= maxYear ? "all (≤ " + maxYear + ")" : "≤ " + state.year;
    if (redraw !== false) apply();
  }
  slider.addEventListener("input", function () { setYear(parseInt(slider.value, 10)); });

  var legend = $("legend");
  var legendButtons = new Map();
  Array.from(types.values()).sort(function (a, b) { return (a.fact - b.fact) || a.type.localeCompare(b.type); })
    .forEach(function (t) {
      var swatch = el("span", { className: "swatch" });
      swatch.style.background = colour(t.type);
      var b = el("button", { type: "button", title: "show or hide " + t.type }, swatch, t.type + " " + t.count);
      b.setAttribute("aria-pressed", "true");
      b.dataset.type = t.type;
      b.addEventListener("click", function () {
        if (state.off.has(t.type)) state.off.delete(t.type); else state.off.add(t.type);
        syncLegend();
        apply();
      });
      legendButtons.set(t.type, b);
      legend.appendChild(b);
    });
  function syncLegend() {
    legendButtons.forEach(function (b, t) { b.setAttribute("aria-pressed", state.off.has(t) ? "false" : "true"); });
  }

  function download(url, name) {
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  $("export-png").addEventListener("click", function () {
    var src = container.querySelector("canvas");
    var c = el("canvas", { width: src.width, height: src.height });
    var ctx = c.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(src, 0, 0);
    download(c.toDataURL("image/png"), "nia-kg-graph.png");
  });
  function visibleJson() {
    var pos = network.getPositions();
    var keep = DATA.nodes.filter(function (n) { return isVisible(n.id); }).map(function (n) {
      var copy = Object.assign({}, n);
      if (pos[n.id]) { copy.x = Math.round(pos[n.id].x); copy.y = Math.round(pos[n.id].y); }
      return copy;
    });
    var ids = new Set(keep.map(function (n) { return n.id; }));
    return { nodes: keep, edges: DATA.edges.filter(function (e) { return ids.has(e.from) && ids.has(e.to); }) };
  }
  $("export-json").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(visibleJson(), null, 1)], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    download(url, "nia-kg-graph.json");
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
  });
  $("reset").addEventListener("click", function () {
    state.off.clear(); state.collapsed.clear(); state.expanded.clear(); state.hood = 0; state.focus = null;
    syncLegend();
    setYear(maxYear, false);
    network.unselectAll();
    showIntro();
    apply();
    network.fit({ animation: false });
  });

  // -- side panel --------------------------------------------------------------------------
  var panel = $("panel-body");
  function showIntro() {
    clear(panel);
    panel.appendChild(el("p", { className: "hint" },
      "Search a country, law or program, or click a node: its facts, the sentence each comes from and the report are listed here. Double-click a node to collapse or expand its neighbours."));
  }
  function evidenceList(n) {
    var ul = el("ul");
    (n.evidence || []).forEach(function (ev) {
      ul.appendChild(el("li", null,
        el("blockquote", null, ev.quote),
        el("div", { className: "source" }, "source: " + ev.doc + (ev.title ? " — " + ev.title : ""))));
    });
    return ul;
  }
  function nodeButton(id, text) {
    var b = el("button", { type: "button", className: "link" }, text);
    b.addEventListener("click", function () { reveal(id); focusNode(id, true); });
    return b;
  }
  function factItem(f, via) {
    var head = f.label + (f.year !== null && f.year !== undefined ? " (" + f.year + ")" : "");
    var shown = isVisible(f.id);
    return el("li", { className: shown ? "fact" : "fact filtered" },
      nodeButton(f.id, head),
      el("div", { className: "source" }, f.type + (via ? " · " + via : "") + (shown ? "" : " · hidden by the filters")),
      evidenceList(f));
  }
  function showNode(id) {
    var n = byId.get(id);
    clear(panel);
    panel.appendChild(el("h2", null, n.label));
    if (n.en && n.en !== n.label) panel.appendChild(el("div", null, n.en));
    panel.appendChild(el("div", { className: "meta" },
      n.type + (n.year !== null && n.year !== undefined ? " · " + n.year : "") + " · ", el("code", null, n.id)));
    var actions = el("div", { className: "actions" });
    var collapsed = state.collapsed.has(id);
    var toggle = el("button", { type: "button" }, collapsed ? "Expand neighbours" : "Collapse neighbours");
    toggle.addEventListener("click", function () { toggleNeighbours(id); });
    var only = el("button", { type: "button" }, "Only this neighbourhood");
    only.addEventListener("click", function () { state.focus = id; state.hood = 2; state.expanded.clear(); apply(); showNode(id); });
    actions.appendChild(toggle);
    actions.appendChild(only);
    if (state.hood) {
      var all = el("button", { type: "button" }, "Show all");
      all.addEventListener("click", function () { state.hood = 0; state.expanded.clear(); apply(); showNode(id); });
      actions.appendChild(all);
    }
    panel.appendChild(actions);
    if (n.fact) {
      if (n.details && n.details.length) {
        var dl = el("dl");
        n.details.forEach(function (kv) { dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1])); });
        panel.appendChild(el("h3", null, "Stated values"));
        panel.appendChild(dl);
      }
      panel.appendChild(el("h3", null, "Evidence"));
      panel.appendChild(evidenceList(n));
      var named = el("ul");
      adj.get(id).forEach(function (m) {
        var e = byId.get(m);
        named.appendChild(el("li", { className: "entity" }, nodeButton(m, e.label), " · " + (edgeLabel.get(id + "\u0000" + m) || "") + " · " + e.type));
      });
      panel.appendChild(el("h3", null, "Names"));
      panel.appendChild(named);
    } else {
      var facts = adj.get(id).map(function (m) { return byId.get(m); }).filter(function (m) { return m.fact; });
      facts.sort(function (a, b) { return ((a.year || 0) - (b.year || 0)) || a.label.localeCompare(b.label); });
      var others = adj.get(id).map(function (m) { return byId.get(m); }).filter(function (m) { return !m.fact; });
      panel.appendChild(el("h3", null, "Facts (" + facts.length + ")"));
      var ul = el("ul");
      facts.forEach(function (f) { ul.appendChild(factItem(f, edgeLabel.get(f.id + "\u0000" + id))); });
      panel.appendChild(ul);
      if (others.length) {
        var ol = el("ul");
        others.forEach(function (o) { ol.appendChild(el("li", { className: "entity" }, nodeButton(o.id, o.label), " · " + o.type)); });
        panel.appendChild(el("h3", null, "Linked"));
        panel.appendChild(ol);
      }
    }
  }
  function toggleNeighbours(id) {
    if (state.collapsed.has(id)) {
      state.collapsed.delete(id);
      if (state.hood) state.expanded.add(id);
    } else {
      state.collapsed.add(id);
      state.expanded.delete(id);
    }
    apply();
    if (state.focus === id) showNode(id);
  }
  function focusNode(id, move) {
    state.focus = id;
    apply();
    network.selectNodes([id]);
    if (move) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  network.on("click", function (p) {
    if (p.nodes.length) focusNode(p.nodes[0], false);
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length) { state.focus = p.nodes[0]; toggleNeighbours(p.nodes[0]); }
  });

  // -- deep links: #focus=IRI&year=2016&off=Visit&collapsed=IRI&expanded=IRI&hood=2 ----------
  var restoring = false;
  function writeHash() {
    if (restoring) return;
    var p = new URLSearchParams();
    if (state.focus) p.set("focus", state.focus);
    if (years.length && state.year < maxYear) p.set("year", String(state.year));
    Array.from(state.off).sort().forEach(function (t) { p.append("off", t); });
    state.collapsed.forEach(function (id) { p.append("collapsed", id); });
    state.expanded.forEach(function (id) { p.append("expanded", id); });
    if (state.hood) p.set("hood", String(state.hood));
    var hash = p.toString();
    if (hash !== location.hash.replace(/^#/, "")) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    restoring = true;
    state.off = new Set(p.getAll("off").filter(function (t) { return types.has(t); }));
    state.collapsed = new Set(p.getAll("collapsed").filter(function (id) { return byId.has(id); }));
    state.expanded = new Set(p.getAll("expanded").filter(function (id) { return byId.has(id); }));
    state.hood = Math.max(0, Math.min(6, parseInt(p.get("hood") || "0", 10) || 0));
    var focus = p.get("focus");
    state.focus = focus && byId.has(focus) ? focus : null;
    setYear(p.has("year") ? parseInt(p.get("year"), 10) || maxYear : maxYear, false);
    syncLegend();
    apply();
    restoring = false;
    if (state.focus) {
      network.selectNodes([state.focus]);
      network.focus(state.focus, { scale: 1.0, animation: false });
      showNode(state.focus);
    } else {
      showIntro();
    }
    writeHash();
  }
  window.addEventListener("hashchange", readHash);

  // -- the SPARQL behind the view ----------------------------------------------------------
  function iriRef(iri) {
    return "<" + iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, function (c) {
      return "%" + ("0" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-2);
    }) + ">";
  }
  function viewQuery() {
    var lines = [
      "PREFIX nia: <" + NIA + ">",
      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
      "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>",
      "# The facts of this view of the graph browser, with their evidence sentences and reports."
    ];
    var focus = state.focus ? byId.get(state.focus) : null;
    lines.push("SELECT DISTINCT ?fact ?type ?label ?year ?evidence ?doc WHERE {");
    if (focus && focus.fact) lines.push("  VALUES ?fact { " + iriRef(focus.id) + " }");
    else if (focus) lines.push("  { ?fact ?link " + iriRef(focus.id) + " } UNION { " + iriRef(focus.id) + " ?link ?fact }");
    lines.push("  ?fact nia:factKind ?kind ; a ?type ; rdfs:label ?label .");
    lines.push("  FILTER(STRSTARTS(STR(?type), STR(nia:)))");
    var off = Array.from(state.off).sort();
    if (off.length) lines.push("  FILTER NOT EXISTS { ?fact a ?hidden . VALUES ?hidden { " + off.map(function (t) { return "nia:" + t.replace(/[^A-Za-z0-9_]/g, ""); }).join(" ") + " } }");
    lines.push("  OPTIONAL { ?fact nia:year ?y }");
    lines.push("  OPTIONAL { ?fact nia:date ?d }");
    lines.push("  OPTIONAL { ?fact nia:fiscalYear ?fy }");
    lines.push("  OPTIONAL { ?fact nia:asOf ?asOf }");
    lines.push("  BIND(COALESCE(?y, xsd:integer(SUBSTR(STR(?d), 1, 4)), ?fy, xsd:integer(SUBSTR(STR(?asOf), 1, 4))) AS ?year)");
    if (years.length && state.year < maxYear) lines.push("  FILTER(!BOUND(?year) || ?year <= " + state.year + ")");
    lines.push("  OPTIONAL { ?fact nia:primaryEvidence ?m . ?m nia:quote ?evidence ; nia:document ?dn . ?dn nia:fileName ?doc }");
    lines.push("}");
    lines.push("ORDER BY ?year ?label");
    return lines.join("\n");
  }
  function renderSparql() {
    var q = viewQuery();
    $("sparql-text").textContent = q;
    var a = $("sparql-link");
    if (CONFIG.queryPage) {
      a.href = CONFIG.queryPage + "?query=" + encodeURIComponent(q);
      a.hidden = false;
    } else {
      a.hidden = true;
    }
  }
  $("sparql-copy").addEventListener("click", function () {
    var text = $("sparql-text").textContent;
    if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});
  });

  // -- start -------------------------------------------------------------------------------
  window.kgView = { network: network, nodes: nodes, state: state, isVisible: isVisible, viewQuery: viewQuery,
    setYear: setYear, focus: function (id) { reveal(id); focusNode(id, true); } };
  readHash();
})();
