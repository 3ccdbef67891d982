"""SPARQL queries run in worker processes, so a query over its time limit can be stopped.

Oxigraph has no query timeout and a thread cannot be killed: a cross product
typed into the query page would keep a core busy for hours. Each worker is a
separate process with the store opened read-only; the server waits for its
answer up to the time limit, then kills the worker and starts a fresh one.
Workers are started with `spawn`, never `fork`, so no lock or open store of
the server's threads is copied into them.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import queue
import re
from dataclasses import dataclass

UPDATE_WORDS = re.compile(r"(?<![\w:?$])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)(?![\w:-])", re.I)
# What may hide a keyword: long and short strings, IRIs, comments.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*",
    re.S,
)


def is_update(sparql: str) -> bool:
    """True when the text uses an update operation keyword outside strings, IRIs and comments."""
    return bool(UPDATE_WORDS.search(_NOT_CODE.sub(" ", sparql)))


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def _error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def execute(store, sparql: str, accept: str | None, fmt: str | None, max_rows: int,
            default_graphs: list[str], named_graphs: list[str], prefixes: dict[str, str]) -> Reply:
    """Run one query on an open pyoxigraph store and serialize the answer (in the worker)."""
    import pyoxigraph as ox

    from viz import sparql_results as sr

    kwargs: dict = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(sparql, **kwargs)
    except SyntaxError as exc:
        return _error(400, f"SPARQL syntax error: {exc}")
    except (ValueError, TypeError) as exc:
        return _error(400, f"bad request: {exc}")
    if isinstance(result, ox.QueryTriples):
        name = fmt if fmt in sr.GRAPH_TYPES else sr.negotiate(accept, sr.GRAPH_TYPES, "turtle")
        if name is None:
            return _error(406, "CONSTRUCT and DESCRIBE answer in " + ", ".join(sr.GRAPH_TYPES.values()))
        triples = list(itertools.islice(result, max_rows + 1))
        cut = len(triples) > max_rows
        return Reply(200, sr.GRAPH_TYPES[name] + "; charset=utf-8", sr.graph(triples[:max_rows], name, prefixes), cut)
    name = fmt if fmt in sr.RESULT_TYPES else sr.negotiate(accept, sr.RESULT_TYPES, "json")
    if name is None:
        return _error(406, "SELECT and ASK answer in " + ", ".join(sr.RESULT_TYPES.values()))
    ctype = sr.RESULT_TYPES[name] + "; charset=utf-8"
    if isinstance(result, ox.QueryBoolean):
        return Reply(200, ctype, sr.boolean(bool(result), name))
    variables = [v.value for v in result.variables]
    rows = []
    for solution in itertools.islice(result, max_rows + 1):
        rows.append([solution[i] for i in range(len(variables))])
    cut = len(rows) > max_rows
    return Reply(200, ctype, sr.select(variables, rows[:max_rows], name), cut)


def worker_main(conn, location: str, prefixes: dict[str, str]) -> None:  # pragma: no cover - child process
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(location)
    except OSError as exc:
        conn.send(_error(500, f"cannot open store {location}: {exc}"))
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            reply = execute(store, *job, prefixes=prefixes)
        except Exception as exc:  # the engine's message is what the user needs
            reply = _error(500, f"query failed: {type(exc).__name__}: {exc}")
        conn.send(reply)


class QueryPool:
    """A few worker processes; `run` answers within `timeout` seconds or stops the query."""

    def __init__(self, location: str, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 prefixes: dict[str, str] | None = None):
        self.location, self.timeout, self.max_rows = location, timeout, max_rows
        self.prefixes = prefixes or {}
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue = queue.Queue()
        self._all: list = []
        for _ in range(workers):
            self._idle.put(self._spawn())

    def _spawn(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=worker_main, args=(child, self.location, self.prefixes),
                                 daemon=True, name="kg-sparql-worker")
        proc.start()
        child.close()
        worker = [proc, parent, False]  # process, connection, ready
        self._all.append(worker)
        return worker

    def _retire(self, worker) -> None:
        proc, conn, _ = worker
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
        conn.close()
        if worker in self._all:
            self._all.remove(worker)

    def run(self, sparql: str, *, accept: str | None = None, fmt: str | None = None,
            default_graphs: list[str] = (), named_graphs: list[str] = ()) -> Reply:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _error(503, "all query workers are busy; try again later")
        proc, conn, ready = worker
        try:
            if not ready:  # first use: wait for the store to open (not counted in the query's time)
                if not conn.poll(60):
                    raise EOFError
                hello = conn.recv()
                if hello != "ready":
                    self._retire(worker)
                    self._idle.put(self._spawn())
                    return hello
                worker[2] = True
            conn.send((sparql, accept, fmt, self.max_rows, list(default_graphs), list(named_graphs)))
            if conn.poll(self.timeout):
                reply = conn.recv()
                self._idle.put(worker)
                return reply
            self._retire(worker)
            self._idle.put(self._spawn())
            return _error(503, f"the query ran longer than the time limit of {self.timeout:g} s and was stopped")
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            self._idle.put(self._spawn())
            return _error(500, "the query worker stopped unexpectedly")

    def close(self) -> None:
        for worker in list(self._all):
            try:
                worker[1].send(None)
            except (OSError, BrokenPipeError):
                pass
        for worker in list(self._all):
            worker[0].join(timeout=2)
            self._retire(worker)
