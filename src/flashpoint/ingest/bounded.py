"""Streams that stop at a cap: gzip inflated a piece at a time, never a whole bomb in memory."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from flashpoint.errors import InputTooLarge, MalformedInput
from flashpoint.ingest import limits

GZIP_MAGIC = b"\x1f\x8b"


class _CountingReader(io.RawIOBase):
    """The compressed bytes as read, counted (for the ratio)."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        self.count += len(data)
        buffer[: len(data)] = data
        return len(data)


class BoundedGunzip(io.RawIOBase):
    """A .gz stream, inflated as it is read; raises InputTooLarge past the size or ratio cap.

    Concatenated gzip members (as WARC.gz writes one per record) are read one after another. A
    stream cut off mid-member gives what it holds and then ends, as a truncated file does, so
    that the reader above names the truncation (zlib, not gzip.GzipFile, which would raise and
    drop the part that arrived).
    """

    def __init__(self, raw: BinaryIO, source: str):
        self.source = source
        self.compressed = _CountingReader(raw)
        self.inflater = zlib.decompressobj(wbits=31)
        self.pending = b""  # compressed bytes not yet given to the inflater
        self.inflated = 0
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self._inflate(len(buffer))
        self.inflated += len(data)
        self._check()
        buffer[: len(data)] = data
        return len(data)

    def _inflate(self, size: int) -> bytes:
        while not self.ended:
            if self.inflater.unconsumed_tail:
                chunk, self.pending = self.inflater.unconsumed_tail, b""
            else:
                chunk = self.pending or self.compressed.raw.read(64 * 1024)
                self.compressed.count += len(chunk) if not self.pending else 0
                self.pending = b""
            if not chunk:
                self.ended = True  # a member cut off mid-stream: what arrived is all there is
                break
            try:
                data = self.inflater.decompress(chunk, size)
            except zlib.error as err:
                raise MalformedInput(self.source, f"bad gzip data after {self.inflated:,} bytes: {err}") from err
            if self.inflater.eof:
                rest = self.inflater.unused_data
                self.inflater = zlib.decompressobj(wbits=31)
                self.pending = rest
                if not rest:
                    peek = self.compressed.raw.read(64 * 1024)
                    self.compressed.count += len(peek)
                    self.pending = peek
                    if not peek:
                        self.ended = True
            if data:
                return data
        return b""

    def _check(self) -> None:
        bound = limits.current()
        if self.inflated > bound.max_decompressed_bytes:
            raise InputTooLarge(self.source, f"decompresses to more than {bound.max_decompressed_bytes:,} bytes (--max-decompressed-mb): reading stopped")
        if self.inflated > bound.ratio_after_bytes and self.inflated > bound.max_ratio * max(self.compressed.count, 1):
            raise InputTooLarge(
                self.source,
                f"decompression ratio over {bound.max_ratio}:1 ({self.inflated:,} bytes from {self.compressed.count:,}; "
                "a compression bomb? --max-ratio): reading stopped",
            )


def open_maybe_gzip(raw: BinaryIO, source: str) -> BinaryIO:
    """The stream itself, or a bounded inflating reader when it starts with the gzip magic."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return io.BufferedReader(BoundedGunzip(buffered, source), 64 * 1024)  # type: ignore[return-value]
    return buffered  # type: ignore[return-value]


def gunzip_bytes(data: bytes, source: str) -> bytes:
    """Inflate gzip bytes within the caps; bytes without the gzip magic come back as they are."""
    if data[:2] != GZIP_MAGIC:
        return data
    reader = BoundedGunzip(io.BytesIO(data), source)
    out = io.BytesIO()
    while chunk := reader.read(64 * 1024):
        out.write(chunk)
    return out.getvalue()


def read_capped(stream: BinaryIO, cap: int) -> tuple[bytes, bool]:
    """At most `cap` bytes of a stream, and whether there was more."""
    data = stream.read(cap + 1)
    return data[:cap], len(data) > cap
