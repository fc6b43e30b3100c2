"""The `flashpoint` command: parse options, call the library (flashpoint.api), format output."""

from __future__ import annotations

import json
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


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or feed URLs.")],
    db: DbOption = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Extract events while ingesting.")] = True,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any input failed.")] = False,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")] = None,
    workers: WorkersOption = None,
) -> None:
    """Read articles into the store, skipping content already stored."""
    progress = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"), console=err,
    )
    with progress:
        task = progress.add_task("ingest", total=None, name="")
        try:
            report = api.ingest(
                paths, db, extract=extract, published=published, workers=workers,
                on_total=lambda n: progress.update(task, total=n),
                on_input=lambda item: progress.update(task, advance=1, name=Path(item.name).name),
            )
        except FlashpointError as error:
            _fail(error)
    for error in report.failed:
        typer.echo(f"failed: {error.source}: {error.reason}")
    for source, why in report.skipped:
        typer.echo(f"not extracted: {source}: {why}")
    typer.echo(report.summary())
    if strict and report.failed:
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
    try:
        rows = api.list_articles(db, limit)
    except FlashpointError as error:
        _fail(error)
    columns = ["id", "published", "outlet", "title", "language", "duplicate_of", "extraction"]
    write_rows(rows, fmt, columns, title="articles")


@app.command()
def events(db: DbOption = None, fmt: FormatOption = OutputFormat.table, limit: LimitOption = None) -> None:
    """List stored events."""
    try:
        rows = api.list_events(db, limit)
    except FlashpointError as error:
        _fail(error)
    columns = ["date.value", "type", "status", "source.name", "target.name", "place.name", "fatalities", "trigger.text"]
    write_rows(rows, fmt, columns, title="events")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="FLASHPOINT_TOKEN", help="Token that uploads (POST /api/ingest) must carry; none: uploads disabled.")] = None,
) -> None:
    """Serve the web page and the REST API over the store until Ctrl-C."""
    from flashpoint.store import default_db, open_store
    from flashpoint.web.server import address
    from flashpoint.web.server import serve as run_server

    path = db or Path(default_db())
    try:
        open_store(path).close()  # fails now, with a clear message, if the store cannot be opened
    except FlashpointError as error:
        _fail(error)
    uploads = "uploads need the token" if token else "uploads disabled (no --token)"
    typer.echo(f"Flashpoint serving {path} at {address(host, port)} (API docs: {address(host, port)}docs; {uploads})")
    run_server(path, host, port, token)


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
