"""Bytes to text: binary detection and encoding detection (never a blind UTF-8 guess)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from flashpoint.errors import BinaryInput, EmptyInput, EncodingUnreadable
from flashpoint.ingest.limits import CONTROLS, strip_controls

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Share of characters that may be control characters before a "text" is judged garbage; fewer
# are stripped (a stray NUL or escape in good text costs nothing but the character).
_MAX_CONTROL_SHARE = 0.05
# Bytes judged: enough to tell, little to scan.
_SNIFF_BYTES = 8192
# NUL bytes in the first bytes above which a file is binary: images, archives and programs are
# full of them, while text that picked up a stray one has one or two. Compressed data has fewer
# NULs but many other control bytes: NULs with more than _MAX_CONTROL_BYTES of those is binary too.
_MAX_NUL_SHARE = 0.01
_MAX_NUL_FEW = 4
_MAX_CONTROL_BYTES = 0.05
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Formats that start with a signature and are never text, whatever follows.
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"%PDF-", b"\x7fELF", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf")


def looks_binary(data: bytes) -> bool:
    """A known binary signature, or many NUL bytes outside a UTF-16/32 text."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    if data.startswith(_MAGIC):
        return True
    head = data[:_SNIFF_BYTES]
    nuls = head.count(b"\x00")
    if nuls > _MAX_NUL_FEW and nuls > _MAX_NUL_SHARE * len(head):
        return True
    return nuls > 0 and len(_CONTROL_BYTES.findall(head)) > _MAX_CONTROL_BYTES * len(head)


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
        raise BinaryInput(source, "binary file (a binary signature or many NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise EncodingUnreadable(source, "no text encoding fits its bytes")
    return _checked(str(best), source)


def _checked(text: str, source: str) -> str:
    """Reject decodings that are mostly control characters (garbage, not text); strip the few
    that good text sometimes carries."""
    if not text.strip():
        raise EmptyInput(source, "no text (only white space)")
    controls = len(CONTROLS.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise EncodingUnreadable(source, f"decodes to control characters ({controls} of {len(text)}): not text in any known encoding")
    text = strip_controls(text) if controls else text
    if not text.strip():
        raise EmptyInput(source, "no text (only white space and control characters)")
    return text


def normalise_text(text: str) -> str:
    """Line ends unified as Python's text mode does; nothing else, so offsets match the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
