"""Bytes to text: binary detection and encoding detection (never a blind UTF-8 guess)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from flashpoint.errors import BinaryInput, EmptyInput, EncodingUnreadable

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Share of characters that may be control characters before a "text" is judged garbage.
_MAX_CONTROL_SHARE = 0.01
# Unicode's control characters (category Cc) other than the tab, line feed, form feed and return
# that plain text uses.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 text mean a binary file (image, archive, executable)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in data[:8192]


def decode_bytes(data: bytes, source: str) -> str:
    """Decode with the BOM when there is one, else UTF-8 when valid, else a detected charset."""
    if not data.strip():
        raise EmptyInput(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), source)
            except UnicodeDecodeError as err:
                raise EncodingUnreadable(source, f"declares {encoding} by its byte-order mark but does not decode: {err.reason}") from err
    if looks_binary(data):
        raise BinaryInput(source, "binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise EncodingUnreadable(source, "no text encoding fits its bytes")
    return _checked(str(best), source)


def _checked(text: str, source: str) -> str:
    """Reject decodings that are mostly control characters: they are garbage, not text."""
    if not text.strip():
        raise EmptyInput(source, "no text (only white space)")
    controls = len(_CONTROLS.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise EncodingUnreadable(source, f"decodes to control characters ({controls} of {len(text)}): not text in any known encoding")
    return text


def normalise_text(text: str) -> str:
    """Line ends unified as Python's text mode does; nothing else, so offsets match the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
