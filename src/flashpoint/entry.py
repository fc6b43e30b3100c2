"""The `flashpoint` command.

Loading the command line takes about half a second (typer, trafilatura, DuckDB). When the command
will extract in worker processes, the server they fork from is started first, so that it imports
spaCy and the extraction code in the meantime: the workers start that much sooner.
"""

from __future__ import annotations

import sys

EXTRACTING_COMMANDS = {"extract", "ingest"}


def main() -> None:
    if _safely_guessed(sys.argv[1:]):
        from flashpoint.parallel import start_worker_server

        start_worker_server()
    from flashpoint.cli import app

    app(prog_name="flashpoint")


def _safely_guessed(args: list[str]) -> bool:
    try:
        return will_extract_in_workers(args)
    except (OSError, ValueError):  # an odd argument ("File name too long"): typer will say what is wrong
        return False


def will_extract_in_workers(args: list[str]) -> bool:
    """A guess from the raw arguments (typer parses them later): a wrong guess costs only an idle
    server or a later start, never a different result."""
    command = next((a for a in args if not a.startswith("-")), None)
    if command not in EXTRACTING_COMMANDS or "--no-extract" in args or "--help" in args:
        return False
    if _workers_given(args) == "1":
        return False
    from flashpoint.parallel import available_cores, worth_starting_early

    targets = [a for a in args if not a.startswith("-")][1:]
    return available_cores() > 1 and worth_starting_early(targets)


def _workers_given(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg in ("--workers", "-w") and i + 1 < len(args):
            return args[i + 1].strip()
        if arg.startswith("--workers="):
            return arg.partition("=")[2].strip()
    return None
