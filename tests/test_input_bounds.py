"""Every reader keeps to its bounds: a bomb, an overlong article, a deep or bloated page ends as a
stored article or a named error, and the batch goes on with memory kept small."""

from __future__ import annotations

import gzip
import logging
import tracemalloc
import zlib
from pathlib import Path

import pytest

from flashpoint.errors import BinaryInput, InputTooLarge, MalformedInput
from flashpoint.ingest import limits
from flashpoint.ingest.html import read_html
from flashpoint.ingest.sources import Input, iter_articles
from flashpoint.ingest.text import decode_bytes
from flashpoint.pipeline import ingest
from flashpoint.store import open_store

STORY = (
    "Militia fighters shelled a market in the northern town of Valmora on Sunday, killing four "
    "traders, the regional governor said. Residents fled towards the river crossing.\n"
)
OTHER_STORY = (
    "Talks in Corvel\n\nDelegates from the two parties met in Corvel on Friday and agreed to reopen the "
    "border crossing, a spokesman for the mediators said, adding that prisoners would be exchanged.\n"
)
PAGE = f"<html><head><title>Shelling in Valmora</title></head><body><article><p>{STORY}</p><p>{STORY}</p></article></body></html>"


@pytest.fixture(autouse=True)
def default_limits():
    previous = limits.configure()
    yield
    limits.restore(previous)


def _warc_record(uri: str, length: int) -> bytes:
    """One WARC response record's header; the payload is streamed by the caller."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {length}\r\n\r\n".encode()
    block = len(http) + length
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        f"WARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {block}\r\n\r\n"
    ).encode()
    return head + http


def write_warc_gz(path: Path, records: list[tuple[str, bytes, int]]) -> None:
    """A WARC.gz, one gzip member a record (uri, piece, repeat): the payload is piece * repeat,
    compressed as it is written, so that a bomb never sits in memory here either."""
    with path.open("wb") as out:
        for uri, piece, repeat in records:
            squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
            out.write(squeeze.compress(_warc_record(uri, len(piece) * repeat)))
            for _ in range(repeat):
                out.write(squeeze.compress(piece))
            out.write(squeeze.compress(b"\r\n\r\n"))
            out.write(squeeze.flush())


def test_a_gzip_bomb_beside_a_good_article_is_a_named_error_and_memory_stays_small(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "good.txt").write_text(OTHER_STORY, encoding="utf-8")
    # 512 MiB of spaces inflating from about half a megabyte, after one good record.
    write_warc_gz(folder / "bomb.warc.gz", [
        ("https://news.example/valmora", PAGE.encode(), 1),
        ("https://news.example/bomb", b" " * (1024 * 1024), 512),
    ])
    assert (folder / "bomb.warc.gz").stat().st_size < 2 * 1024 * 1024
    warm = open_store(tmp_path / "warm.duckdb")  # the readers' imports are not the bomb's memory
    ingest([str(folder / "good.txt")], warm, extractor=None)
    warm.close()
    store = open_store(tmp_path / "s.duckdb")
    tracemalloc.start()
    try:
        report = ingest([str(folder)], store, extractor=None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    sources = {row["source"] for row in store.articles()}
    store.close()
    assert report.new == 2, report.summary()  # good.txt and the good record before the bomb
    assert any(s.endswith("good.txt") for s in sources)
    assert any(s.endswith("#https://news.example/valmora") for s in sources)
    (bomb,) = report.failed
    assert isinstance(bomb, InputTooLarge) and "bomb" in bomb.source
    assert "compression bomb" in bomb.reason or "larger than" in bomb.reason
    assert peak < 40 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_decompressed_size_cap(tmp_path):
    limits.configure(max_decompressed_bytes=2 * 1024 * 1024, max_record_bytes=50 * 1024 * 1024)
    path = tmp_path / "big.warc.gz"
    write_warc_gz(path, [("https://news.example/a", bytes(range(32, 127)) * 1000, 40)])  # about 3.8 MB, not a bomb
    (error,) = list(iter_articles(Input(str(path), path)))
    assert isinstance(error, InputTooLarge) and "decompresses to more than 2,097,152 bytes" in error.reason


def test_a_warc_record_over_the_cap_is_skipped_and_the_next_is_read(tmp_path):
    limits.configure(max_record_bytes=64 * 1024)
    path = tmp_path / "two.warc.gz"
    write_warc_gz(path, [("https://news.example/huge", b"<p>" + b"x" * 1000 + b"</p>", 100), ("https://news.example/valmora", PAGE.encode(), 1)])
    results = list(iter_articles(Input(str(path), path)))
    assert isinstance(results[0], InputTooLarge) and "huge" in results[0].source and "WARC record larger" in results[0].reason
    assert results[1].url == "https://news.example/valmora" and "Valmora" in results[1].text


def test_a_nul_byte_and_a_few_control_characters_are_stripped_not_a_binary_verdict():
    data = ("Shelling in Valmora\n\n" + STORY).encode() + b"\x00" + b"More\x07 text\x1b here.\x0b\n"
    text = decode_bytes(data, "story.txt")
    assert "\x00" not in text and "\x07" not in text and "\x1b" not in text and "\x0b" not in text
    assert "More text here." in text and "Valmora" in text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,  # an image, by its signature
    bytes(range(256)) * 40,  # no signature, NUL bytes all through
    b"PK\x03\x04" + b"word " * 400,  # a zip archive, whatever it holds
])
def test_a_truly_binary_file_is_still_refused(data):
    with pytest.raises(BinaryInput):
        decode_bytes(data, "photo.txt")


def test_an_overlong_article_is_truncated_with_a_warning_naming_the_file(tmp_path, caplog):
    limits.configure(max_article_chars=2000)
    path = tmp_path / "long.txt"
    path.write_text("Shelling in Valmora\n\n" + STORY * 200, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="flashpoint.ingest"):
        (article,) = list(iter_articles(Input(str(path), path)))
    assert 1000 < len(article.text) <= 2000 and article.text.endswith("crossing.")
    assert any("long.txt" in r.getMessage() and "truncated to 2,000 characters" in r.getMessage() for r in caplog.records)


def test_a_file_over_the_size_limit_is_named_with_the_flag(tmp_path):
    limits.configure(max_file_bytes=1000)
    path = tmp_path / "big.txt"
    path.write_text(STORY * 20, encoding="utf-8")
    (error,) = list(iter_articles(Input(str(path), path)))
    assert isinstance(error, InputTooLarge) and "limit 1,000" in error.reason and "--max-file-mb" in error.reason


def test_html_nested_deeper_than_the_limit_is_a_named_error():
    page = "<html><body>" + "<div>" * 5000 + STORY + "</div>" * 5000 + "</body></html>"
    with pytest.raises(MalformedInput, match="nested deeper than 256"):
        read_html(page, "deep.html")


def test_unclosed_paragraphs_are_not_nesting():
    page = "<html><body><article>" + "<p>" + "<p>".join([STORY] * 400) + "</article></body></html>"
    assert "Valmora" in read_html(page, "many_paragraphs.html").text


def test_a_huge_attribute_is_dropped_and_the_article_read():
    page = PAGE.replace("<article>", f'<article data-blob="{"A" * 3_000_000}">')
    article = read_html(page, "bloated.html")
    assert "Valmora" in article.text and "AAAA" not in article.text


def test_json_fields_of_the_wrong_type_are_not_stored_as_text(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text('[{"text": "%s", "title": {"a": 1}, "url": ["x"], "published": {"y": 2}, "outlet": true},'
                    ' {"text": 5}, "just a string", {"text": "Fighting\\u0000 near Valmora\\u0007 left five dead, officials said on Monday."}]'
                    % STORY.strip(), encoding="utf-8")
    results = list(iter_articles(Input(str(path), path)))
    assert results[0].title is None and results[0].url is None and results[0].outlet is None and results[0].published is None
    assert isinstance(results[1], MalformedInput) and "no `text` field" in results[1].reason
    assert isinstance(results[2], MalformedInput) and "expected a JSON object" in results[2].reason
    assert results[3].text == "Fighting near Valmora left five dead, officials said on Monday."


def test_a_gzip_feed_file_is_not_mistaken(tmp_path):
    # A .gz that is not a WARC is refused by its suffix; a .warc.gz that is plain gzip of text is a broken WARC.
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(gzip.compress(b"not a web archive at all\n" * 100))
    (error,) = list(iter_articles(Input(str(path), path)))
    assert isinstance(error, MalformedInput)


def test_the_cli_warns_of_a_truncation_and_takes_the_limit_flags(tmp_path):
    from conftest import run_cli

    path = tmp_path / "long_story.txt"
    path.write_text("Shelling in Valmora\n\n" + STORY * 100, encoding="utf-8")
    result = run_cli("ingest", str(path), "--db", str(tmp_path / "s.duckdb"), "--no-extract", "--max-article-chars", "5000")
    assert result.returncode == 0, result.stderr
    assert "long_story.txt: article truncated to 5,000 characters" in " ".join(result.stderr.split())
    assert "1 new" in result.stdout
    missing = run_cli("ingest", "--db", str(tmp_path / "s.duckdb"))
    assert missing.returncode == 2 and "--retry-failed" in missing.stderr
