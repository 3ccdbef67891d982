"""The `kg` command: build, query, export, evaluate and inspect the knowledge graph.

Tables and progress bars go to people (stderr for progress, so stdout stays
clean for pipes); `--format csv|json|tsv` gives scripts plain data.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.store import KGStore, StoreError, default_location

app = typer.Typer(
    help="nia-kg: a knowledge graph of Taiwan's immigration programs, laws, partners and events, "
    "built from the National Immigration Agency's reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", help="Store folder or SPARQL endpoint URL [default: $KG_STORE or ./kg-store].")


def _open(store: Optional[str], read_only: bool = False) -> KGStore:
    try:
        return KGStore(store or default_location(), read_only=read_only)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    tsv = "tsv"


def emit(names: list[str], rows: list[list[str]], format: "QueryFormat", *, lines: bool = False, bold_all: bool = False) -> None:
    """Rows as a Rich table for people, or CSV/TSV/JSON on stdout for scripts."""
    from kg.query import to_csv, to_json

    if format is QueryFormat.table:
        table = Table(*names, show_lines=lines)
        for r in rows:
            table.add_row(*r, style="bold" if bold_all and "ALL" in r else None)
        out.print(table)
    elif format is QueryFormat.json:
        sys.stdout.write(to_json(names, rows) + "\n")
    else:
        sys.stdout.write(to_csv(names, rows, "\t" if format is QueryFormat.tsv else ","))


class ExportFormat(str, Enum):
    turtle = "turtle"
    jsonld = "jsonld"
    trig = "trig"
    nquads = "nquads"


@app.command()
def build(
    paths: list[Path] = typer.Argument(..., help="Report files (.txt, .pdf) or folders of them."),
    store: Optional[str] = StoreOpt,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract this many documents in parallel."),
    force: bool = typer.Option(False, "--force", help="Rebuild documents even when unchanged."),
) -> None:
    """Extract facts from reports and store one named graph per document.

    Unchanged documents are skipped; a changed one replaces only its own graph.
    A file that cannot be read is named on stderr with the reason; the others
    are still built, and the exit code is 1.
    """
    from kg.build import build as run_build

    kg = _open(store)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("building", total=None)

        def tick(name: str, state: str) -> None:
            progress.update(task, advance=1, description=f"{state}: {name}")

        try:
            report = run_build(paths, kg, jobs=jobs, force=force, on_progress=tick)
        finally:
            kg.close()
    for e in report.errors:  # one plain line per bad file, never wrapped
        print(f"kg build: {e.path}: {e.reason}", file=sys.stderr)
    print(
        f"built {len(report.built)} document(s), {report.triples} triples; "
        f"{len(report.skipped)} unchanged; {len(report.errors)} error(s)",
        file=sys.stderr,
    )
    if report.errors:
        raise typer.Exit(1)


@app.command()
def query(
    query: str = typer.Argument(..., help="A bundled query's name (see `kg queries`), a .rq file, or SPARQL text."),
    store: Optional[str] = StoreOpt,
    format: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="Output format."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE: bind ?NAME to VALUE."),
) -> None:
    """Run a SPARQL query against the graph."""
    from kg.query import QueryError, run, to_csv, to_json

    params = {}
    for p in param:
        if "=" not in p:
            err.print(f"[red]error:[/] --param takes NAME=VALUE, got {p!r}")
            raise typer.Exit(2)
        k, v = p.split("=", 1)
        params[k.lstrip("?")] = v
    with _open(store, read_only=True) as kg:
        try:
            names, rows, result = run(kg, query, params)
        except QueryError as exc:
            err.print(f"kg query: {exc}", markup=False, highlight=False)
            raise typer.Exit(2)
    if result.type == "ASK":
        sys.stdout.write(("true" if result.askAnswer else "false") + "\n")
        return
    if result.type == "CONSTRUCT":
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return
    if format is QueryFormat.csv:
        sys.stdout.write(to_csv(names, rows))
    elif format is QueryFormat.tsv:
        sys.stdout.write(to_csv(names, rows, "\t"))
    elif format is QueryFormat.json:
        sys.stdout.write(to_json(names, rows) + "\n")
    else:
        table = Table(*names, show_lines=False)
        for r in rows:
            table.add_row(*[v if len(v) <= 60 else v[:57] + "…" for v in r])
        out.print(table)
        err.print(f"{len(rows)} row(s)")


@app.command("queries")
def list_queries() -> None:
    """List the bundled competency queries and the question each answers."""
    from queries import bundled

    table = Table("name", "question")
    for name, text in sorted(bundled().items()):
        question = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
        table.add_row(name, question)
    out.print(table)


@app.command()
def export(
    store: Optional[str] = StoreOpt,
    format: ExportFormat = typer.Option(..., "--format", "-f", help="turtle, jsonld (merged graph) or trig, nquads (named graphs kept)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write [default: stdout]."),
) -> None:
    """Export the whole graph."""
    with _open(store, read_only=True) as kg:
        if output:
            with output.open("wb") as fh:
                kg.dump(format.value, fh)
            err.print(f"wrote {output}")
        else:
            kg.dump(format.value, sys.stdout.buffer)
            sys.stdout.flush()


@app.command("eval")
def evaluate(
    gold: Path = typer.Option(..., "--gold", exists=True, help="Gold facts: a JSON Lines file, or a directory of them."),
    store: Optional[str] = StoreOpt,
    format: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv, json or tsv."),
) -> None:
    """Precision, recall and F1 per fact kind against a gold file."""
    from kg.evaluate import evaluate as run_eval, load_gold

    try:
        records = load_gold(gold)
    except ValueError as exc:
        err.print(f"kg eval: {exc}", markup=False)
        raise typer.Exit(2)
    with _open(store, read_only=True) as kg:
        scores = run_eval(kg, records)
    names = ["kind", "doc", "gold", "predicted", "matched", "precision", "recall", "f1"]
    rows = [[s.kind, s.doc, str(s.gold), str(s.predicted), str(s.matched), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"] for s in scores]
    emit(names, rows, format, bold_all=True)


@app.command()
def stats(
    store: Optional[str] = StoreOpt,
    format: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv, json or tsv."),
) -> None:
    """Counts of documents, triples, entities per class and facts per kind."""
    from kg.stats import collect

    with _open(store, read_only=True) as kg:
        rows = collect(kg)
    emit(["what", "name", "count"], [[str(v) for v in r] for r in rows], format)


@app.command()
def validate(store: Optional[str] = StoreOpt) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; exit 1 on violations."""
    from kg.validate import validate as run_validate

    with _open(store, read_only=True) as kg:
        conforms, text = run_validate(kg)
    if conforms:
        err.print("the graph conforms to the SHACL shapes")
    else:
        out.print(text, markup=False, highlight=False)
        raise typer.Exit(1)


@app.command()
def check(
    store: Optional[str] = StoreOpt,
    format: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv, json or tsv."),
) -> None:
    """Find where the reports contradict themselves or each other, citing both passages."""
    from dataclasses import asdict

    from kg.check import run_checks

    with _open(store, read_only=True) as kg:
        findings = run_checks(kg)
    names = ["check", "subject", "detail", "doc_a", "evidence_a", "doc_b", "evidence_b"]
    rows = [[str(v) for v in asdict(f).values()] for f in findings]
    emit(names, rows, format, lines=True)
    err.print(f"{len(rows)} finding(s)")


@app.command()
def viz(
    store: Optional[str] = StoreOpt,
    output: Path = typer.Option(Path("graph.html"), "-o", "--output", help="HTML file to write."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Only the neighbourhood of this node (name in zh or en, ISO code or IRI)."),
    hops: int = typer.Option(2, "--hops", min=0, max=10, help="How far from --focus to go."),
    years: Optional[str] = typer.Option(None, "--years", help="Only facts of these years: 2016-2018, 2017 or 2016-."),
) -> None:
    """Write the graph as one offline HTML page: search, type legend, year slider, facts with their evidence."""
    from viz.graph_data import build as build_graph, parse_years
    from viz.page import render, title_for

    try:
        span = parse_years(years)
    except ValueError as exc:
        err.print(f"kg viz: {exc}", markup=False, highlight=False)
        raise typer.Exit(2)
    kg = _open(store, read_only=True)
    try:
        data = build_graph(kg, focus=focus, hops=hops, years=span)
    except LookupError as exc:
        err.print(f"kg viz: {exc.args[0]}", markup=False, highlight=False)
        raise typer.Exit(2)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(data, title=title_for(focus, hops, years)), encoding="utf-8")
    err.print(f"wrote {output} ({len(data.nodes)} nodes, {len(data.edges)} edges)", markup=False, highlight=False)


@app.command()
def serve(
    store: Optional[str] = StoreOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port (0: any free one)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Stop a query after this many seconds."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Return at most this many rows or triples."),
    workers: int = typer.Option(2, "--workers", min=1, help="Queries run at once, each in its own process."),
) -> None:
    """Serve the graph read-only: SPARQL endpoint /sparql, query page /query, graph browser /."""
    from kg.store import is_remote
    from viz.server import make_server, url_of

    location = store or default_location()
    if is_remote(location):
        err.print("kg serve: needs a local store folder, not an endpoint URL", markup=False)
        raise typer.Exit(2)
    _open(location, read_only=True).close()
    server = make_server(location, host, port, timeout=timeout, max_rows=max_rows, workers=workers)
    base = url_of(server)
    err.print(f"graph browser {base}/\nquery page    {base}/query\nSPARQL        {base}/sparql\n(Ctrl-C stops)",
              markup=False, highlight=False)

    def stop(signum, frame):  # SIGTERM (service managers, `kill`) stops as cleanly as Ctrl-C
        raise KeyboardInterrupt

    import signal

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.app.close()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
