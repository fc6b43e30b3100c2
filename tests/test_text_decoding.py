"""Bytes to text: encodings are detected, binary and garbage are refused with a reason."""

from __future__ import annotations

import pytest

from flashpoint.errors import BinaryInput, EmptyInput, EncodingUnreadable
from flashpoint.ingest.text import decode_bytes

STORY = "“We will not leave Kidal,” the commander said — a day after the convoy was hit. Café owners fled."


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "cp1252"],
)
def test_common_encodings_decode_with_curly_quotes_intact(encoding):
    data = STORY.encode(encoding)
    assert decode_bytes(data, "story.txt") == STORY


def test_cp1252_is_detected_not_decoded_as_broken_utf8():
    text = decode_bytes(STORY.encode("cp1252"), "story.txt")
    assert "“" in text and "—" in text and "\ufffd" not in text


def test_binary_is_refused():
    with pytest.raises(BinaryInput, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.txt")


@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n"])
def test_empty_is_refused(data):
    with pytest.raises(EmptyInput):
        decode_bytes(data, "empty.txt")


def test_control_character_garbage_is_refused():
    garbage = bytes([0x01, 0x02, 0x03, 0x1B, 0x7F, 0x05, 0x06, 0x0E, 0x0F, 0x10]) * 40
    with pytest.raises(EncodingUnreadable, match="empty.txt|control"):
        decode_bytes(garbage, "empty.txt")
