"""URL inputs are fetched only from public addresses, bounded in time and size: tried against a
real HTTP server on loopback (the only address these tests ever send to)."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flashpoint.errors import FetchFailed, InputTooLarge, URLRefused
from flashpoint.ingest import fetch as fetching
from flashpoint.ingest import limits
from flashpoint.ingest.sources import Input, iter_articles

from conftest import run_cli

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valmora Herald</title>
<item><title>Market shelled in Valmora</title><link>https://herald.example/valmora</link>
<pubDate>Sun, 02 Mar 2025 10:00:00 GMT</pubDate>
<description>Militia fighters shelled a market in Valmora on Sunday, killing four traders, the governor said.</description></item>
</channel></rss>"""
PAGE = (b"<html><head><title>Talks in Corvel</title></head><body><article><p>Delegates from the two parties met in "
        b"Corvel on Friday and agreed to reopen the border crossing, a spokesman for the mediators said.</p></article></body></html>")


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        Handler.hits.append(self.path)
        port = self.server.server_address[1]
        routes = {
            "/feed.xml": (200, "application/rss+xml", FEED),
            "/page.html": (200, "text/html; charset=utf-8", PAGE),
            "/big": (200, "application/rss+xml", b"<rss>" + b" " * (3 * 1024 * 1024)),
        }
        if self.path in routes:
            status, kind, body = routes[self.path]
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/stream-big":  # no Content-Length: the cap must stop the reading
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            for _ in range(400):
                self.wfile.write(b" " * 8192)
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
            self.end_headers()
        elif self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{left - 1}" if left > 0 else "/feed.xml")
        elif self.path == "/to-ipv6-loopback":
            self._redirect(f"http://[::1]:{port}/feed.xml")
        elif self.path == "/to-other-loopback":
            self._redirect(f"http://127.0.0.2:{port}/feed.xml")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        else:
            self.send_response(404)
            self.end_headers()

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def default_limits(monkeypatch):
    monkeypatch.delenv(fetching.ALLOW_PRIVATE_ENV, raising=False)
    previous = limits.configure()
    yield
    limits.restore(previous)


@pytest.fixture
def only_127_0_0_1_public(monkeypatch):
    """This test's server stands in for a public site: 127.0.0.1 passes the check, every other
    loopback, private or link-local address is still refused."""
    real = fetching.address_problem
    monkeypatch.setattr(fetching, "address_problem", lambda a: None if str(a) == "127.0.0.1" else real(a))


def test_loopback_is_refused_without_the_flag_and_nothing_is_sent(server):
    Handler.hits.clear()
    with pytest.raises(URLRefused, match=r"127\.0\.0\.1 is a loopback address.*--allow-private"):
        fetching.fetch(f"{server}/feed.xml")
    assert Handler.hits == []


def test_a_name_is_checked_after_resolution(server):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(URLRefused, match="localhost resolves to .*, a loopback address"):
        fetching.fetch(f"http://localhost:{port}/feed.xml")


def test_read_with_the_flag_or_the_environment(server, monkeypatch):
    assert b"Valmora" in fetching.fetch(f"{server}/feed.xml", allow_private=True).data
    monkeypatch.setenv(fetching.ALLOW_PRIVATE_ENV, "1")
    assert b"Valmora" in fetching.fetch(f"{server}/feed.xml").data


def test_a_redirect_to_a_private_address_is_refused(server, only_127_0_0_1_public):
    assert b"Valmora" in fetching.fetch(f"{server}/hop/2").data  # redirects among allowed addresses are followed
    Handler.hits.clear()
    for path in ("/to-other-loopback", "/to-ipv6-loopback"):
        with pytest.raises(URLRefused, match="loopback address"):
            fetching.fetch(server + path)
    with pytest.raises(URLRefused, match="scheme 'file'"):
        fetching.fetch(server + "/to-file")
    assert Handler.hits == ["/to-other-loopback", "/to-ipv6-loopback", "/to-file"]  # never the redirects' targets


def test_at_most_five_redirects(server):
    assert b"Valmora" in fetching.fetch(f"{server}/hop/4", allow_private=True).data  # 5 redirects
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        fetching.fetch(f"{server}/hop/5", allow_private=True)


def test_size_cap_and_read_timeout(server):
    limits.configure(max_fetch_bytes=1024 * 1024, read_timeout_s=0.5)
    with pytest.raises(InputTooLarge, match="announced"):
        fetching.fetch(f"{server}/big", allow_private=True)
    with pytest.raises(InputTooLarge, match="reading stopped"):
        fetching.fetch(f"{server}/stream-big", allow_private=True)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out"):
        fetching.fetch(f"{server}/slow", allow_private=True)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://herald.example/feed.xml", "gopher://x/", "http:///nohost"])
def test_other_schemes_are_refused(url):
    with pytest.raises(URLRefused):
        fetching.fetch(url)


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.9", "private"), ("192.168.1.20", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.251", "multicast"), ("0.0.0.0", "unspecified"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fd00::5", "private"), ("::ffff:127.0.0.1", "loopback"),
    ("100.64.0.1", "not a public"),
])
def test_every_inner_address_kind_is_refused(address, kind):
    assert kind in fetching.address_problem(ipaddress.ip_address(address))


def test_public_addresses_pass():
    assert fetching.address_problem(ipaddress.ip_address("93.184.215.14")) is None
    assert fetching.address_problem(ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c")) is None


def test_a_page_url_is_read_as_a_page(server):
    limits.configure(allow_private=True)
    (article,) = list(iter_articles(Input(f"{server}/page.html")))
    assert "Corvel" in article.text and article.url == f"{server}/page.html"


def test_the_cli_reports_a_refused_url_and_goes_on(server, tmp_path):
    good = tmp_path / "story.txt"
    good.write_text("Talks in Corvel\n\nDelegates met in Corvel on Friday and agreed to reopen the crossing, mediators said.\n")
    db = str(tmp_path / "s.duckdb")
    result = run_cli("ingest", f"{server}/feed.xml", str(good), "--db", db, "--no-extract")
    assert result.returncode == 0, result.stderr
    assert f"failed: {server}/feed.xml: refused: 127.0.0.1 is a loopback address" in result.stdout
    assert "1 new" in result.stdout
    allowed = run_cli("ingest", f"{server}/feed.xml", "--db", db, "--no-extract", "--allow-private")
    assert allowed.returncode == 0 and "1 new" in allowed.stdout, allowed.stdout + allowed.stderr
