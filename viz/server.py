"""`kg serve`: a read-only SPARQL 1.1 endpoint, the YASGUI query page and the graph browser.

Standard library only (ThreadingHTTPServer): the endpoint is meant for one
person or a small team on a trusted network, bound to 127.0.0.1 by default.
Read-only three times over: update requests are refused before they reach
the engine, the query parser rejects update syntax, and the store itself is
opened read-only. Queries run in worker processes with a time limit and a
cap on rows (`viz.sparql_pool`).

Routes: `/` graph browser (`?focus=&hops=&years=` as in `kg viz`),
`/graph.json` its data, `/sparql` the endpoint, `/query` YASGUI,
`/static/vendor/*` the vendored libraries.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.store import PREFIXES, KGStore
from viz import page, query_page
from viz.graph_data import GraphData, load, parse_years, restrict
from viz.layout import layout
from viz.sparql_pool import QueryPool, Reply, is_update

MAX_BODY = 1 << 20
VENDOR_FILES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "vis-network.min.js": "text/javascript"}
READ_ONLY = "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) are refused"


class App:
    """What the handler needs: the store (for the graph), the query pool, and caches."""

    def __init__(self, location: str, *, timeout: float = 10.0, max_rows: int = 10_000, workers: int = 2):
        self.location = location
        self.store = KGStore(location, read_only=True)
        # Turtle output uses the project's prefixes, except `id:`, whose local names are paths.
        prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
        self.pool = QueryPool(location, workers=workers, timeout=timeout, max_rows=max_rows, prefixes=prefixes)
        self._full: GraphData | None = None
        self._views: OrderedDict[tuple, GraphData] = OrderedDict()
        self._lock = threading.Lock()

    def graph(self, focus: str | None, hops: int, years: str | None) -> GraphData:
        key = (focus or None, hops, years or None)
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
            if self._full is None:
                self._full = load(self.store)
            data = restrict(self._full, focus=focus, hops=hops, years=parse_years(years))
            layout(data)
            self._views[key] = data
            while len(self._views) > 16:
                self._views.popitem(last=False)
            return data

    def close(self) -> None:
        self.pool.close()
        self.store.close()


class Handler(BaseHTTPRequestHandler):
    server_version = "nia-kg"
    protocol_version = "HTTP/1.1"
    app: App  # set on the subclass made by make_server

    # -- plumbing ------------------------------------------------------------------------------
    def log_message(self, fmt, *args):  # quieter than the default: no per-request noise in tests
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)

    def send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def text(self, status: int, message: str) -> None:
        self.send(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))

    def html(self, body: str, nonce: str, policy: str) -> None:
        self.send(200, "text/html; charset=utf-8", body.encode("utf-8"),
                  {"Content-Security-Policy": policy, "Cache-Control": "no-store"})

    # -- routes --------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        route = url.path
        if route == "/sparql":
            if "query" not in params:
                if "update" in params:
                    return self.text(403, READ_ONLY)
                return self.send(303, "text/plain; charset=utf-8", b"see /query\n", {"Location": "/query"})
            return self.sparql(params["query"][-1], params)
        if route in ("/", "/index.html"):
            return self.graph_page(params)
        if route == "/graph.json":
            data = self._graph(params)
            if data is not None:
                self.send(200, "application/json; charset=utf-8", page.json_for_script(data.to_json()).encode("utf-8"))
            return
        if route == "/query":
            nonce = secrets.token_urlsafe(18)
            from queries import bundled

            return self.html(query_page.render(bundled(), nonce), nonce, query_page.csp(nonce))
        if route.startswith("/static/vendor/"):
            name = route.rsplit("/", 1)[-1]
            if name in VENDOR_FILES and route == f"/static/vendor/{name}":
                body = (page.VENDOR / name).read_bytes()
                return self.send(200, VENDOR_FILES[name] + "; charset=utf-8", body, {"Cache-Control": "max-age=3600"})
        if route == "/favicon.ico":
            return self.send(204, "image/x-icon", b"")
        self.text(404, f"not found: {route}")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self.text(405, "POST is only for /sparql")
        try:
            length = int(self.headers.get("Content-Length") or "-1")
        except ValueError:
            length = -1
        if length < 0:
            return self.text(411, "a POST needs a Content-Length")
        if length > MAX_BODY:
            return self.text(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self.text(403, READ_ONLY)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self.text(403, READ_ONLY)
            if "query" not in form:
                return self.text(400, "missing the query parameter")
            for k, v in form.items():
                params.setdefault(k, v)
            return self.sparql(form["query"][-1], params)
        if ctype == "application/sparql-query":
            return self.sparql(body, params)
        self.text(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    def do_PUT(self) -> None:  # noqa: N802
        self.text(405, READ_ONLY)

    do_DELETE = do_PATCH = do_PUT

    # -- the endpoint --------------------------------------------------------------------------
    def sparql(self, text: str, params: dict[str, list[str]]) -> None:
        if not text.strip():
            return self.text(400, "empty query")
        if is_update(text):
            return self.text(403, READ_ONLY)
        fmt = (params.get("format") or [None])[-1]
        reply: Reply = self.app.pool.run(
            text, accept=self.headers.get("Accept"), fmt=fmt,
            default_graphs=params.get("default-graph-uri", []), named_graphs=params.get("named-graph-uri", []),
        )
        headers = {"Cache-Control": "no-store", "Vary": "Accept"}
        if reply.truncated:
            headers["X-KG-Truncated"] = f"results cut at {self.app.pool.max_rows} rows"
        self.send(reply.status, reply.content_type, reply.body, headers)

    # -- the graph browser ---------------------------------------------------------------------
    def _graph(self, params) -> GraphData | None:
        focus = (params.get("focus") or [None])[-1] or None
        years = (params.get("years") or [None])[-1] or None
        try:
            hops = int((params.get("hops") or ["2"])[-1])
            return self.app.graph(focus, max(0, min(hops, 10)), years)
        except (ValueError, LookupError) as exc:
            self.text(400, str(exc.args[0] if exc.args else exc))
            return None

    def graph_page(self, params) -> None:
        data = self._graph(params)
        if data is None:
            return
        nonce = secrets.token_urlsafe(18)
        focus = (params.get("focus") or [None])[-1]
        title = page.title_for(focus, int((params.get("hops") or ["2"])[-1]), (params.get("years") or [None])[-1])
        body = page.render(data, title=title, query_page="/query", nonce=nonce)
        self.html(body, nonce, page.csp(nonce, served=True))


def make_server(location: str, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = 10.0,
                max_rows: int = 10_000, workers: int = 2) -> ThreadingHTTPServer:
    """A server ready for `serve_forever()`; `server.app.close()` stops its workers."""
    app = App(location, timeout=timeout, max_rows=max_rows, workers=workers)
    handler = type("KGHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.app = app
    return server


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"

