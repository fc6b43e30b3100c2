"""The CLI's table writers: CSV a spreadsheet can open safely."""

from __future__ import annotations

import csv
import io

from flashpoint.output import OutputFormat, write_rows


def test_csv_cells_that_look_like_formulas_are_neutralised_and_numbers_keep_their_sign():
    out = io.StringIO()
    rows = [{"title": "=HYPERLINK(\"http://x\")", "place": {"lon": -3.5, "name": "@home"}, "note": None}]
    write_rows(rows, OutputFormat.csv, stream=out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["title"] == "'=HYPERLINK(\"http://x\")"
    assert row["place.name"] == "'@home"
    assert row["place.lon"] == "-3.5"
    assert row["note"] == ""
