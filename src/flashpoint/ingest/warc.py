"""Web archives (WARC, WARC.gz): every HTML response is an article with its target URI.

A .warc.gz is inflated by a bounded reader (flashpoint.ingest.bounded), so that a compression
bomb stops at the size or ratio cap with a named error; the records read before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from flashpoint.errors import InputError, InputTooLarge, MalformedInput
from flashpoint.ingest import limits
from flashpoint.ingest.bounded import open_maybe_gzip, read_capped
from flashpoint.ingest.html import read_html
from flashpoint.models import Article


def read_warc(stream: BinaryIO, source: str) -> Iterator[Article | InputError]:
    """HTML responses of a WARC; other records are skipped, a broken archive is reported."""
    found = 0
    try:
        for record in ArchiveIterator(open_maybe_gzip(stream, source)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            name = f"{source}#{uri}"
            found += 1
            cap = limits.current().max_record_bytes
            payload, more = read_capped(record.content_stream(), cap)
            if more:
                yield InputTooLarge(name, f"WARC record larger than {cap:,} bytes (--max-record-mb): skipped")
                continue
            announced = record.http_headers.get_header("Content-Length")
            if announced and announced.isdigit() and len(payload) < int(announced):
                # warcio does not raise on a cut-off archive: the payload just comes up short.
                yield MalformedInput(name, f"truncated WARC record: {len(payload)} of {announced} bytes")
                return
            try:
                yield read_html(payload, name, url=uri)
            except InputError as err:
                yield err
    except InputError as err:  # the bounded reader's caps
        yield err
        return
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, UnicodeError, AttributeError, TypeError, LookupError) as err:
        # warcio raises all of these on broken records (an AttributeError on a record without a URI).
        yield MalformedInput(source, f"broken WARC after {found} HTML records: {err}")
        return
    if found == 0:
        yield MalformedInput(source, "WARC holds no HTML responses")
