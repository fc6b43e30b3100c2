"""Fuzzing every reader and the extractor with hypothesis: whatever the bytes, the result is an
article or a named InputError, never a crash, a hang or a leak of a local file.

Bounded: FLASHPOINT_FUZZ_EXAMPLES examples a property (default 30); `make fuzz` runs many more.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import InputError
from flashpoint.ingest import limits
from flashpoint.ingest.feeds import read_feed
from flashpoint.ingest.html import read_html
from flashpoint.ingest.records import read_json, read_jsonl
from flashpoint.ingest.sources import Input, iter_articles
from flashpoint.ingest.text import decode_bytes
from flashpoint.ingest.warc import read_warc
from flashpoint.models import Article

EXAMPLES = int(os.environ.get("FLASHPOINT_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
SENTENCE = "Rebel fighters attacked a police post near Tarsen on Monday, killing two officers, officials said."
# Characters that trip text handling: zero-width, direction marks and overrides, BOM, NUL and
# other controls, surrogate-free astral characters, combining marks.
TRICKY = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\x00\x07\x1b\x85\u0301\U0001f600\u0627\u05d0"
tricky_text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=300)


def outcome_is_named(results: list[object]) -> None:
    for result in results:
        assert isinstance(result, (Article, InputError)), type(result)
        if isinstance(result, Article):
            assert result.text.strip()
            assert not limits.CONTROLS.search(result.text), "a control character reached the stored text"
        else:
            assert result.source and result.reason


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_decode_or_are_refused_by_name(data):
    try:
        text = decode_bytes(data, "fuzz.txt")
    except InputError as error:
        assert error.source == "fuzz.txt"
    else:
        assert text.strip() and not limits.CONTROLS.search(text)


@FUZZ
@given(st.lists(st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16", "shift_jis", "koi8-r"]), min_size=1, max_size=3), tricky_text)
def test_mixed_encodings_in_one_file(encodings, text):
    data = b"".join((SENTENCE + text).encode(encoding, errors="ignore") for encoding in encodings)
    try:
        decode_bytes(data, "mixed.txt")
    except InputError:
        pass


html_tag = st.sampled_from(["div", "p", "span", "article", "section", "b", "table", "tr", "td", "ul", "li", "script", "style", "a", "svg"])


@st.composite
def html_pages(draw):
    depth = draw(st.integers(0, 400))
    tags = [draw(html_tag) for _ in range(depth)]
    attribute = draw(st.sampled_from(["", ' class="x"', f' data-x="{"A" * draw(st.integers(0, 200_000))}"', " href='javascript:alert(1)'", ' title="<b>'])) 
    body = "".join(f"<{t}{attribute}>" for t in tags) + SENTENCE + draw(tricky_text) + "".join(f"</{t}>" for t in reversed(tags))
    page = f"<html><head><title>{draw(tricky_text)}</title></head><body>{body}</body></html>"
    cut = draw(st.integers(0, len(page)))
    return page[:cut] if draw(st.booleans()) else page


@FUZZ
@given(html_pages(), st.booleans())
def test_any_page_reads_or_is_refused_by_name(page, as_bytes):
    data: str | bytes = page.encode("utf-8", "surrogatepass") if as_bytes else page
    try:
        outcome_is_named([read_html(data, "fuzz.html")])
    except InputError as error:
        assert error.source == "fuzz.html"


@FUZZ
@given(st.binary(max_size=3000))
def test_html_of_random_bytes(data):
    try:
        read_html(b"<html><body><p>" + data, "bytes.html")
    except InputError:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | tricky_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(["text", "title", "url", "published", "outlet", "id", "doc_id", "x"]), children, max_size=6),
    max_leaves=20,
)


@FUZZ
@given(st.lists(json_values, max_size=5))
def test_json_of_wrong_types(records):
    records = [dict(r, text=SENTENCE) if isinstance(r, dict) and r.get("text") is None and len(r) % 2 else r for r in records]
    text = json.dumps(records)
    outcome_is_named(list(read_json(text, "fuzz.json")))
    outcome_is_named(list(read_jsonl("\n".join(json.dumps(r) for r in records) + "\n{broken", "fuzz.jsonl")))


ENTITY_FEEDS = [
    # Exponential entity expansion ("billion laughs"), kept small enough to be harmless if expanded.
    """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
    <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
    <rss version="2.0"><channel><title>&d;</title><item><title>t</title><description>%s &d;</description></item></channel></rss>""",
    # An external entity naming a local file: its content must never reach an article.
    """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss version="2.0"><channel><title>x</title><item><title>&x;</title><description>%s &x;</description></item></channel></rss>""",
    """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY %% p SYSTEM "file:///etc/hostname"> %%p;]>
    <rss version="2.0"><channel><item><description>%s</description></item></channel></rss>""",
]


@pytest.mark.parametrize("template", ENTITY_FEEDS)
def test_feeds_with_entities_neither_explode_nor_leak(template):
    feed = (template % SENTENCE).encode()
    try:
        results = list(read_feed(feed, "entities.xml"))
    except InputError:
        return
    outcome_is_named(results)
    for result in results:
        if isinstance(result, Article):
            assert "root:" not in result.text and "root:" not in (result.title or "")
            assert len(result.text) < 10_000


@FUZZ
@given(st.binary(max_size=2000), st.integers(0, 2000))
def test_broken_feeds(noise, cut):
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>T</title>'
            f"<description>{SENTENCE}</description></item></channel></rss>").encode()
    for data in (feed[:cut], feed[:cut] + noise, noise):
        try:
            outcome_is_named(list(read_feed(data, "broken.xml")))
        except InputError:
            pass


def _warc(records: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for index in range(records):
        page = f"<html><body><article><p>{SENTENCE} Story {index}.</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{index}", "response", payload=io.BytesIO(page), http_headers=headers))
    return out.getvalue()


GOOD_WARC = _warc(3)


@FUZZ
@given(st.integers(0, len(GOOD_WARC)), st.lists(st.tuples(st.integers(0, len(GOOD_WARC) - 1), st.integers(0, 255)), max_size=8), st.booleans())
def test_warc_with_broken_records(cut, flips, compress):
    data = bytearray(GOOD_WARC[:cut])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    raw = gzip.compress(bytes(data)) if compress else bytes(data)
    results = list(read_warc(io.BytesIO(raw), "broken.warc"))
    outcome_is_named(results)
    assert results  # at least the error that says why nothing was read


@FUZZ
@given(st.sampled_from([".txt", ".html", ".json", ".jsonl", ".xml", ".warc", ".warc.gz"]), st.binary(max_size=3000))
def test_every_reader_by_suffix_names_what_it_cannot_read(tmp_path_factory, suffix, data):
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"input{suffix}"
    path.write_bytes(data)
    outcome_is_named(list(iter_articles(Input(str(path), path))))


def test_an_enormous_single_line_is_bounded(tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_text((SENTENCE + " ") * 40_000, encoding="utf-8")  # 4 MB, no line break
    (article,) = list(iter_articles(Input(str(path), path)))
    assert len(article.text) <= limits.current().max_article_chars


extractor_text = st.lists(st.sampled_from([SENTENCE, "The army said 3 soldiers died.", "\u202eRTL override\u202c", "zero\u200bwidth",
                                           "a" * 5000, "\u0627\u0644\u062c\u064a\u0634 \u0647\u0627\u062c\u0645", "12/13/2024", "—", "\n\n"]), min_size=1, max_size=12)


@settings(max_examples=max(5, EXAMPLES // 3), deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(extractor_text)
def test_the_extractor_takes_any_text(extractor, pieces):
    text = " ".join(pieces)
    (document,) = list(extractor.extract_many([(Article(text=text, source="fuzz.txt", language="en"), "fuzz")]))
    for event in document.events:
        assert 0 <= event.sentence.start <= event.sentence.end <= len(text)
