"""`flashpoint serve`: the web page and REST API over a store, in uvicorn."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from flashpoint.web.app import create_app
from flashpoint.web.security import ServerSettings


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
    settings: ServerSettings | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C). Read-only unless a token is given: uploads need it.
    Only loopback is listened on by default; `settings` holds CORS and the limits."""
    uvicorn.run(
        create_app(db, token, settings), host=host, port=port, log_level="info",
        server_header=False, proxy_headers=False, limit_concurrency=256, timeout_keep_alive=5,
    )
