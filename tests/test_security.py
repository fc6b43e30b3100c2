"""The server lets in only what it means to: tried as an attacker and a careless client would."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.web import create_app
from flashpoint.web.security import ServerSettings

from conftest import run_cli

TOKEN = "s3cret-token"
INJECTIONS = [
    "' OR '1'='1",
    "x'); DROP TABLE events; --",
    '" OR ""="',
    "%' UNION SELECT id, text FROM articles --",
    "1; DELETE FROM articles",
    "\\'; SELECT 1; --",
    "ASSAULT' OR type IS NOT NULL --",
]
# Filters whose values are matched as text: an injection must match nothing and break nothing.
TEXT_FILTERS = ["actor", "source", "target", "admin1", "outlet", "q"]
# Filters whose values are checked: an injection is a 422 naming the parameter.
CHECKED_FILTERS = ["type", "status", "country", "bbox", "start", "end", "sort", "cursor", "format"]
LIST_CALLS = ["/api/events", "/api/places", "/api/timeline", "/api/network", "/api/actors"]


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db, settings=ServerSettings(rate_per_minute=0))) as test_client:
        yield test_client


def _counts(client: TestClient) -> dict[str, int]:
    response = client.get("/api/meta")
    assert response.status_code == 200
    return response.json()["counts"]


def test_unknown_query_parameters_are_refused_by_name(client):
    response = client.get("/api/events", params={"fatalities_min": 10, "type": "ASSAULT"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("fatalities_min: unknown query parameter")
    two = client.get("/api/timeline", params={"intervall": "week", "splt": "type"}).json()["detail"]
    assert two.startswith("intervall, splt: unknown query parameters")
    assert client.get("/api/meta", params={"verbose": 1}).status_code == 422
    assert client.get("/api/events/1", params={"with": "x"}).status_code == 422
    # Every declared parameter still passes, including those of shared dependencies.
    assert client.get("/api/actors", params={"q": "a", "country": "IRQ", "limit": 5}).status_code == 200


@pytest.mark.parametrize("path", LIST_CALLS)
def test_injection_attempts_on_every_filter_match_nothing_and_change_nothing(client, path):
    before = _counts(client)
    for payload in INJECTIONS:
        for name in TEXT_FILTERS:
            if path == "/api/actors" and name == "q":
                continue  # /api/actors' own q (about actors) is tried below
            response = client.get(path, params={name: payload})
            assert response.status_code == 200, (name, payload, response.text)
            body = response.json()
            if path == "/api/events":
                assert body["total"] == 0, (name, payload)
            if path == "/api/places":
                assert body["places"] == [], (name, payload)
        for name in CHECKED_FILTERS:
            if name in ("sort", "cursor", "format") and path != "/api/events":
                continue
            response = client.get(path, params={name: payload})
            assert response.status_code == 422, (name, payload, response.text)
            assert response.json()["detail"].startswith(f"{name}:"), response.text
    assert client.get("/api/actors", params={"q": INJECTIONS[0]}).json()["actors"] == []
    for name in ("interval", "split"):
        assert client.get("/api/timeline", params={name: INJECTIONS[1]}).status_code == 422
    assert client.get("/api/articles", params={"q": INJECTIONS[3], "outlet": INJECTIONS[0]}).json()["total"] == 0
    assert client.get("/api/articles/" + INJECTIONS[0]).status_code == 404
    assert _counts(client) == before


def test_security_headers_on_the_page_and_the_api(client):
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    scripts = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert scripts.strip() == "script-src 'self'" and "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    for response in (page, client.get("/api/meta"), client.get("/static/js/main.js"), client.get("/api/events/0")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
    assert "<script>" not in page.text and "onclick" not in page.text.lower()  # the CSP holds for the page as shipped


def test_cors_is_closed_by_default(client):
    response = client.get("/api/meta", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/ingest", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_opens_to_named_origins_only(tmp_path):
    app = create_app(tmp_path / "empty.duckdb", settings=ServerSettings(cors_origins=("https://team.example",), rate_per_minute=0))
    with TestClient(app) as client:
        ok = client.get("/api/meta", headers={"Origin": "https://team.example"})
        assert ok.headers["access-control-allow-origin"] == "https://team.example"
        other = client.get("/api/meta", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_request_rate_is_limited_per_client(tmp_path):
    app = create_app(tmp_path / "empty.duckdb", settings=ServerSettings(rate_per_minute=60, rate_burst=5))
    with TestClient(app) as client:
        statuses = [client.get("/api/meta").status_code for _ in range(7)]
        assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
        refused = client.get("/api/meta")
        assert int(refused.headers["retry-after"]) >= 1 and "too many requests" in refused.json()["detail"]


def test_page_size_limit_is_configurable(tmp_path):
    app = create_app(tmp_path / "empty.duckdb", settings=ServerSettings(max_page_size=50, rate_per_minute=0))
    with TestClient(app) as client:
        assert client.get("/api/events", params={"limit": 50}).status_code == 200
        refused = client.get("/api/events", params={"limit": 51})
        assert refused.status_code == 422 and refused.json()["detail"] == "limit: at most 50 on this server, got 51"
        schema = client.get("/openapi.json").json()
        (limit,) = [p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit"]
        assert limit["schema"]["maximum"] == 50


def test_uploads_need_the_token_and_keep_to_the_size_limit(tmp_path):
    story = b"Talks in Corvel\n\nDelegates met in Corvel on Friday and agreed to reopen the crossing, mediators said.\n"
    with TestClient(create_app(tmp_path / "ro.duckdb", settings=ServerSettings(rate_per_minute=0))) as read_only:
        assert read_only.post("/api/ingest", files={"file": ("a.txt", story)}).status_code == 403
    app = create_app(tmp_path / "rw.duckdb", token=TOKEN, settings=ServerSettings(max_upload_bytes=2000, rate_per_minute=0))
    with TestClient(app) as client:
        assert client.post("/api/ingest", files={"file": ("a.txt", story)}).status_code == 401
        wrong = client.post("/api/ingest", files={"file": ("a.txt", story)}, headers={"Authorization": "Bearer s3cret-tokem"})
        assert wrong.status_code == 401
        big = client.post("/api/ingest", files={"file": ("a.txt", story * 100)}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert big.status_code == 413 and "upload limit of 2,000 bytes" in big.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
            for _ in range(50):
                yield story
            yield b"\r\n--b--\r\n"

        streamed = client.post("/api/ingest", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "multipart/form-data; boundary=b"})
        assert streamed.status_code == 413
        malformed = client.post("/api/ingest", content=b"not multipart", headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "multipart/form-data; boundary=b"})
        assert malformed.status_code in (400, 422) and "detail" in malformed.json()
        assert client.post("/api/ingest", files={"file": ("a.txt", story)}, headers={"X-Flashpoint-Token": TOKEN}).status_code == 200


def test_the_server_binds_loopback_by_default():
    from flashpoint import cli
    from flashpoint.web import server

    assert inspect.signature(server.serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(cli.serve).parameters["host"].default == "127.0.0.1"


@pytest.mark.parametrize("command", [["events"], ["articles"], ["serve", "--port", "1"]])
def test_a_command_on_a_missing_store_says_so_and_creates_nothing(tmp_path, command):
    typo = tmp_path / "typo.duckdb"
    result = run_cli(*command, "--db", str(typo))
    assert result.returncode == 1
    assert f"no store at {typo}" in " ".join(result.stderr.split())
    assert not typo.exists()


def test_a_cors_wildcard_is_refused(tmp_path):
    db = tmp_path / "s.duckdb"
    run_cli("ingest", "--no-extract", "--db", str(db), str(Path(__file__).parent / "fixtures" / "bad" / "non_english.txt"))
    result = run_cli("serve", "--db", str(db), "--cors-origin", "*")
    assert result.returncode == 2 and "no wildcard" in result.stderr
