"""The `flashpoint` command: parse options, call the library (flashpoint.api), format output."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flashpoint import api
from flashpoint.errors import FlashpointError, InputError
from flashpoint.evaluate import per_type_rows as scoring_rows
from flashpoint.output import OutputFormat, write_rows

app = typer.Typer(help="Turn conflict news into PLOVER event data with sentence evidence.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", envvar="FLASHPOINT_DB", help="DuckDB file of the store (default ./flashpoint.duckdb)."),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many rows.")]
WorkersOption = Annotated[
    Optional[int],
    typer.Option("--workers", "-w", min=1, help="Extraction processes, each loading the model once (default: one per core)."),
]


def _fail(error: FlashpointError) -> None:
    err.print(f"[red]error[/red] {error}")
    raise typer.Exit(1)


def _existing_store(db: Path | None) -> Path:
    """The store a reading command names; one that does not exist is an error (only `ingest` creates one)."""
    from flashpoint.store import default_db

    path = Path(db or default_db())
    if str(path) != ":memory:" and not path.is_file():
        err.print(f"[red]error[/red] no store at {path}: run `flashpoint ingest PATH... --db {path}` first, or name another with --db")
        raise typer.Exit(1)
    return path


class _WarningsToStderr(logging.Handler):
    """The readers' warnings (an article truncated, ...) as `warning: FILE: what` lines."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]warning[/yellow] {record.getMessage()}", markup=True, highlight=False)


def _show_warnings() -> None:
    logger = logging.getLogger("flashpoint.ingest")
    if not any(isinstance(h, _WarningsToStderr) for h in logger.handlers):
        logger.addHandler(_WarningsToStderr())
        logger.setLevel(logging.WARNING)
        logger.propagate = False


MB = 1024 * 1024


@app.command()
def ingest(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, folders (recursive), feed or page URLs.")] = None,
    db: DbOption = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Extract events while ingesting.")] = True,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any input failed.")] = False,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    workers: WorkersOption = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="First extract again the stored articles whose extraction failed.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", envvar="FLASHPOINT_ALLOW_PRIVATE", help="Fetch URLs on loopback, private and link-local addresses too.")] = False,
    max_file_mb: Annotated[Optional[float], typer.Option(min=0.001, help="Largest one-article file (.txt, .html) in MB (default 10).")] = None,
    max_container_mb: Annotated[Optional[float], typer.Option(min=0.001, help="Largest .json/.jsonl/feed file in MB (default 1024).")] = None,
    max_decompressed_mb: Annotated[Optional[float], typer.Option(min=0.001, help="Most a .gz may inflate to, and largest WARC, in MB (default 4096).")] = None,
    max_ratio: Annotated[Optional[int], typer.Option(min=2, help="Highest decompression ratio before a .gz is taken for a bomb (default 100).")] = None,
    max_record_mb: Annotated[Optional[float], typer.Option(min=0.001, help="Largest WARC record payload in MB (default 10).")] = None,
    max_article_chars: Annotated[Optional[int], typer.Option(min=1000, help="Longer article text is truncated, with a warning (default 1000000).")] = None,
    max_html_depth: Annotated[Optional[int], typer.Option(min=8, help="Deepest HTML element nesting read (default 256).")] = None,
    max_attribute_chars: Annotated[Optional[int], typer.Option(min=64, help="Longer HTML attribute values are dropped (default 65536).")] = None,
    extract_timeout: Annotated[Optional[float], typer.Option(min=0, help="Seconds one article's extraction may take; 0: no limit (default 120).")] = None,
    max_fetch_mb: Annotated[Optional[float], typer.Option(min=0.001, help="Largest body fetched from a URL in MB (default 50).")] = None,
    fetch_timeout: Annotated[Optional[float], typer.Option(min=0.1, help="Seconds to connect, and between bytes, when fetching (default 10 and 30).")] = None,
) -> None:
    """Read articles into the store, skipping content already stored."""
    from flashpoint.ingest import limits

    def mb(value: float | None) -> int | None:
        return int(value * MB) if value is not None else None

    if not paths and not retry_failed:
        err.print("[red]error[/red] name files, folders or URLs to ingest (or give --retry-failed)")
        raise typer.Exit(2)
    limits.configure(
        max_file_bytes=mb(max_file_mb), max_container_bytes=mb(max_container_mb),
        max_decompressed_bytes=mb(max_decompressed_mb), max_ratio=max_ratio, max_record_bytes=mb(max_record_mb),
        max_article_chars=max_article_chars, max_html_depth=max_html_depth, max_attribute_chars=max_attribute_chars,
        extract_timeout_s=extract_timeout, max_fetch_bytes=mb(max_fetch_mb),
        connect_timeout_s=fetch_timeout, read_timeout_s=fetch_timeout, allow_private=allow_private or None,
    )
    _show_warnings()
    progress = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"), console=err,
    )
    with progress:
        task = progress.add_task("ingest", total=None, name="")
        try:
            report = api.ingest(
                paths or [], db, extract=extract, published=published, workers=workers, retry_failed=retry_failed,
                on_total=lambda n: progress.update(task, total=n),
                on_input=lambda item: progress.update(task, advance=1, name=Path(item.name).name),
            )
        except FlashpointError as error:
            _fail(error)
    for error in report.failed:
        typer.echo(f"failed: {error.source}: {error.reason}")
    for failure in report.extraction_failed:
        typer.echo(f"extraction failed: {failure.source}: {failure.reason} (stored; --retry-failed extracts it again)")
    for source, why in report.skipped:
        typer.echo(f"not extracted: {source}: {why}")
    if report.fusion is not None:
        typer.echo(report.fusion.summary())
    typer.echo(report.summary())
    if strict and (report.failed or report.extraction_failed):
        raise typer.Exit(1)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files (txt, html, json, jsonl, feed, warc).")],
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) when the file has none.")] = None,
    doc_id: Annotated[Optional[str], typer.Option("--doc-id", help="doc_id of the output (default: the file's name).")] = None,
    workers: WorkersOption = None,
) -> None:
    """Print the extraction contract, one JSON document a line; nothing is stored."""
    if doc_id and len(files) > 1:
        err.print("[red]error[/red] --doc-id names one document: give one file")
        raise typer.Exit(2)
    failed = 0
    try:
        for result in api.extract_json_lines(files, published, doc_id, workers):
            if isinstance(result, InputError):
                failed += 1
                err.print(f"[red]failed[/red] {result.source}: {result.reason}")
                continue
            sys.stdout.write(result + "\n")
            sys.stdout.flush()
    except FlashpointError as error:
        _fail(error)
    if failed:
        raise typer.Exit(1)


@app.command()
def articles(db: DbOption = None, fmt: FormatOption = OutputFormat.table, limit: LimitOption = None) -> None:
    """List stored articles."""
    db = _existing_store(db)
    try:
        rows = api.list_articles(db, limit)
    except FlashpointError as error:
        _fail(error)
    columns = ["id", "published", "outlet", "title", "language", "duplicate_of", "extraction"]
    write_rows(rows, fmt, columns, title="articles")


def _json_cells(row: dict) -> dict:
    """Lists of a row (mentions, fatalities_range) as JSON text, for CSV cells."""
    return {k: json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, list) else v for k, v in row.items()}


@app.command()
def events(
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    limit: LimitOption = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="List mentions (one a sentence of one article) instead of fused events.")] = False,
    actor: Annotated[Optional[str], typer.Option(help="Actor id, as source or target.")] = None,
    type_: Annotated[Optional[list[str]], typer.Option("--type", help="PLOVER type; repeat or comma-separate.")] = None,
    status: Annotated[Optional[list[str]], typer.Option(help="asserted, hypothetical or negated; repeat or comma-separate.")] = None,
    country: Annotated[Optional[list[str]], typer.Option(help="Country of the place (ISO alpha-3, alpha-2 or name).")] = None,
    admin1: Annotated[Optional[str], typer.Option(help="First-level area: name or ISO 3166-2 code.")] = None,
    start: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD, inclusive.")] = None,
    end: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD, inclusive.")] = None,
    outlet: Annotated[Optional[list[str]], typer.Option(help="Outlet name; repeat for several.")] = None,
    q: Annotated[Optional[str], typer.Option("--q", help="Text in the evidence sentence.")] = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", help="Lowest confidence (0-1): the calibrated probability that the event is right.")] = None,
    background: Annotated[Optional[bool], typer.Option("--background/--no-background", help="Only background events (dated over a year before their article), or none of them.")] = None,
    sort: Annotated[str, typer.Option(help="date, -date, type, -type, fatalities, -fatalities, id, -id.")] = "-date",
) -> None:
    """List fused events (one row a real-world event), or with --mentions every mention; the
    filters are those of /api/events."""
    from flashpoint.query import EventFilter

    db = _existing_store(db)
    try:
        filters = EventFilter.parse(
            actor=actor, type=type_, status=status, country=country, admin1=admin1, start=start, end=end,
            outlet=outlet, q=q, min_confidence=min_confidence, background=background,
        )
        rows = api.list_events(db, limit, filters, sort, "mention" if mentions else "event")
    except FlashpointError as error:
        _fail(error)
    if mentions:
        columns = ["id", "date.value", "type", "status", "source.name", "target.name", "place.name", "fatalities", "trigger.text"]
    else:
        columns = ["id", "day", "type", "status", "source.name", "target.name", "place.name", "fatalities",
                   "num_sources", "num_articles", "num_mentions", "corroboration"]
    if fmt is OutputFormat.csv:
        rows = [_json_cells(row) for row in rows]
    write_rows(rows, fmt, columns, title="mentions" if mentions else "events")


@app.command()
def fuse(
    db: DbOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget every fusion decision and fuse all mentions again.")] = False,
) -> None:
    """Fuse mentions not yet fused into events (ingest does this after every run)."""
    db = _existing_store(db)
    try:
        report = api.fuse(db, rebuild)
    except FlashpointError as error:
        _fail(error)
    typer.echo(report.summary())


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="FLASHPOINT_TOKEN", help="Token that uploads (POST /api/ingest) must carry; none: uploads disabled.")] = None,
    cors_origin: Annotated[Optional[list[str]], typer.Option("--cors-origin", help="An origin (https://team.example) whose pages may call the API; repeat for several. Default: none.")] = None,
    max_page_size: Annotated[int, typer.Option(min=1, max=500, help="Most rows one page may ask for.")] = 500,
    max_upload_mb: Annotated[float, typer.Option(min=0.001, max=50, help="Largest upload in MB.")] = 50,
    rate_limit: Annotated[int, typer.Option(min=0, help="Requests a client address may make a minute (bursts of 300); 0: no limit.")] = 1200,
) -> None:
    """Serve the web page and the REST API over the store until Ctrl-C."""
    from flashpoint.store import open_store
    from flashpoint.web.server import address
    from flashpoint.web.server import serve as run_server

    path = _existing_store(db)
    try:
        open_store(path).close()  # fails now, with a clear message, if the store cannot be opened
    except FlashpointError as error:
        _fail(error)
    from flashpoint.web.security import ServerSettings

    for origin in cors_origin or []:
        if origin == "*" or not origin.startswith(("http://", "https://")):
            err.print(f"[red]error[/red] --cors-origin {origin!r}: name an origin such as https://team.example (no wildcard)")
            raise typer.Exit(2)
    settings = ServerSettings(
        cors_origins=tuple(o.rstrip("/") for o in cors_origin or []), max_page_size=max_page_size,
        max_upload_bytes=int(max_upload_mb * MB), rate_per_minute=rate_limit,
    )
    uploads = "uploads need the token" if token else "read-only: uploads disabled (no --token)"
    typer.echo(f"Flashpoint serving {path} at {address(host, port)} (API docs: {address(host, port)}docs; {uploads})")
    run_server(path, host, port, token, settings)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Annotated sets (JSON Lines, shared/gold format).", exists=True, dir_okay=False)],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and false positive with its sentence.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object a set.")] = False,
) -> None:
    """Score the extractor: event P/R/F1, modality errors, field accuracy, places, quotes, quantities."""
    for path in gold:
        progress = Progress(TextColumn(f"[bold]evaluate {path.name}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
        with progress:
            task = progress.add_task("evaluate", total=None)
            try:
                report = api.evaluate(path, on_total=lambda n: progress.update(task, total=n),
                                      on_document=lambda: progress.update(task, advance=1))
            except FlashpointError as error:
                _fail(error)
        if as_json:
            typer.echo(json.dumps(report.to_dict()))
            continue
        counts = report.to_dict()["counts"]
        figures = report.figures()
        rows = [
            {"figure": "event precision", "value": _percent(figures["event_precision"]), "counts": f"{report.tp} of {report.tp + report.fp}"},
            {"figure": "event recall", "value": _percent(figures["event_recall"]), "counts": f"{report.tp} of {report.gold_events}"},
            {"figure": "event F1", "value": _percent(figures["event_f1"]), "counts": ""},
            {"figure": "modality errors", "value": "n/a" if figures["modality_errors"] is None else str(report.modality_errors), "counts": ""},
        ]
        for name in ("source", "target", "place", "date", "fatalities"):
            rows.append({"figure": f"{name} accuracy", "value": _percent(figures[f"{name}_accuracy"]), "counts": "{} of {}".format(*counts[name])})
        for name, key in (("places Acc@161", "places"), ("quotes found", "quotes"), ("quantities found", "quantities")):
            rows.append({"figure": name, "value": _percent(report.figures()[f"{key}_acc161" if key == "places" else f"{key}_found"]), "counts": "{} of {}".format(*counts[key])})
        rows.append({"figure": "places in a wrong country", "value": _percent(figures["wrong_country_rate"]),
                     "counts": "{} of {}".format(*counts["wrong_country"])})
        per_k = figures["false_places_per_1000_words"]
        rows.append({"figure": "false places per 1,000 words", "value": "n/a" if per_k is None else f"{per_k:.1f}",
                     "counts": "{} in {} words".format(*counts["false_places"])})
        write_rows(rows, OutputFormat.table, ["figure", "value", "counts"], title=f"{path.name}: {report.documents} documents")
        if report.annotated_events:
            type_rows = [{**r, "precision": _percent(r["precision"]), "recall": _percent(r["recall"]), "f1": _percent(r["f1"])} for r in scoring_rows(report)]
            write_rows(type_rows, OutputFormat.table, ["type", "tp", "fp", "fn", "precision", "recall", "f1"], title="per type")
        if errors:
            write_rows(report.errors, OutputFormat.jsonl)


if __name__ == "__main__":
    app()
