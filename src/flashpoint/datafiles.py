"""Reading the package's knowledge files: tab-separated, a header line, '#' comments.

Every file an analyst may edit (actors, lexicons, gazetteer aliases) is read here, so a bad line
always gets the same kind of error: the file, the line number and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from flashpoint.errors import DataFileError


def read_table(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with a header line; '#' lines and blank lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), 0, f"cannot read the file: {err.strerror}") from err
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            if header != columns:
                raise DataFileError(str(path), number, f"header must be {' | '.join(columns)} (tab-separated), got {' | '.join(header)}")
            continue
        if len(cells) > len(columns):
            raise DataFileError(str(path), number, f"expected {len(columns)} tab-separated columns, got {len(cells)}")
        cells += [""] * (len(columns) - len(cells))
        rows.append((number, dict(zip(columns, cells))))
    if header is None:
        raise DataFileError(str(path), 0, "the file has no header line")
    return rows
