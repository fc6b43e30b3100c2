"""`flashpoint serve`: the web page and REST API over a store, in uvicorn."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from flashpoint.web.app import create_app


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve until interrupted (Ctrl-C). Uploads are enabled only with a token."""
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="info")
