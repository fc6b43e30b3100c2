"""What the server lets in: security headers, CORS, request-rate, upload and page-size limits,
and the refusal of query parameters a call does not take.

Kept apart from the endpoints (flashpoint.web.app), which only install it (`secure`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The page's own scripts only: index.html has no inline script, and the map, charts and network
# are drawn from files the server holds (no tile server, no CDN). Inline *styles* are allowed:
# Leaflet and d3 position every marker and label with a style attribute.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's API documentation pages load Swagger UI / ReDoc from a CDN with an inline script:
# they keep every header but the script policy (they show no store data by themselves).
DOCS_PATHS = ("/docs", "/redoc")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(frozen=True)
class ServerSettings:
    """The server's limits; `flashpoint serve` flags set them."""

    cors_origins: tuple[str, ...] = ()  # origins allowed to read the API from a browser; none by default
    max_page_size: int = 500  # most rows one page (`limit`) may ask for
    max_upload_bytes: int = 50 * 1024 * 1024  # one POST /api/ingest body
    rate_per_minute: int = 1200  # requests a client address may make a minute; 0: no limit
    rate_burst: int = 300  # requests a client may make at once before the rate applies
    trusted: tuple[str, ...] = field(default=())  # addresses never rate-limited (none by default)


class RateLimiter:
    """A token bucket per client address: `burst` at once, refilled at `per_minute`."""

    def __init__(self, per_minute: int, burst: int):
        self.rate = per_minute / 60.0
        self.burst = max(burst, 1)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def wait_for(self, client: str) -> float:
        """0 when the request may go now (and it is counted), else the seconds to wait."""
        now = time.monotonic()
        with self.lock:
            tokens, then = self.buckets.get(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens >= 1:
                self.buckets[client] = (tokens - 1, now)
                if len(self.buckets) > 10_000:  # forget the idle: memory bounded by active clients
                    self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < 600}
                return 0.0
            self.buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate


class _UploadLimit:
    """ASGI middleware: a request body over the limit ends in 413 before it is all read."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        announced = headers.get(b"content-length", b"")
        if announced.isdigit() and int(announced) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        received = 0
        over = False
        started = False

        async def counted() -> Message:
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    over = True  # the app sees the client go; the answer is ours
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # whatever the app makes of a cut-off body is replaced by the 413
            started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _too_large(self.limit)(scope, receive, send)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(
        {"detail": f"file: larger than the upload limit of {limit:,} bytes"}, status_code=413,
        headers={**SECURITY_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )


def declared_query_names(request: Request) -> set[str] | None:
    """The query parameters the matched route takes (its dependencies' too), or None if unknown."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not getattr(route, "include_in_schema", True):
        return None  # the page (/), which takes its state in the URL's fragment
    cache = request.app.state.__dict__.setdefault("_query_names", {})
    names = cache.get(id(route))
    if names is None:
        names = set()
        pending = [dependant]
        while pending:  # the route's own parameters and its dependencies'
            current = pending.pop()
            names.update(param.alias for param in current.query_params)
            pending.extend(current.dependencies)
        cache[id(route)] = names
    return names


def reject_unknown_parameters(request: Request) -> None:
    """422 naming every query parameter the call does not take (a typo must not pass unseen)."""
    names = declared_query_names(request)
    if names is None:
        return
    unknown = sorted({key for key in request.query_params.keys() if key not in names})
    if unknown:
        takes = ", ".join(sorted(names)) or "no query parameters"
        plural = "s" if len(unknown) > 1 else ""
        raise HTTPException(422, f"{', '.join(unknown)}: unknown query parameter{plural} (this call takes {takes})")


def check_page_size(request: Request, settings: ServerSettings) -> None:
    """A `limit` above the server's page-size limit is a 422 naming it."""
    value = request.query_params.get("limit")
    if value is not None and value.isdigit() and int(value) > settings.max_page_size and request.url.path in _PAGED:
        raise HTTPException(422, f"limit: at most {settings.max_page_size} on this server, got {value}")


_PAGED = ("/api/events", "/api/articles")


def secure(app: FastAPI, settings: ServerSettings) -> None:
    """Install headers, CORS, rate, upload and page-size limits on the app."""
    limiter = RateLimiter(settings.rate_per_minute, settings.rate_burst) if settings.rate_per_minute > 0 else None

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Any]]) -> Any:
        client = request.client.host if request.client else "?"
        if limiter and client not in settings.trusted:
            wait = limiter.wait_for(client)
            if wait > 0:
                response = JSONResponse(
                    {"detail": f"too many requests: at most {settings.rate_per_minute} a minute from one address"},
                    status_code=429, headers={"Retry-After": str(math.ceil(wait))},
                )
                _add_headers(request, response)
                return response
        try:
            check_page_size(request, settings)
        except HTTPException as error:
            response = JSONResponse({"detail": error.detail}, status_code=error.status_code)
        else:
            response = await call_next(request)
        _add_headers(request, response)
        return response

    app.add_middleware(_UploadLimit, limit=settings.max_upload_bytes)
    if settings.cors_origins:
        # Only the named origins may read the API from a browser; no cookies are used.
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-Flashpoint-Token", "Content-Type"], allow_credentials=False,
        )


def _add_headers(request: Request, response: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith(DOCS_PATHS):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    else:
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
