"""The web page and the REST API (FastAPI): `create_app(db, token)`, `serve(db, host, port, token)`."""

from flashpoint.web.app import create_app
from flashpoint.web.server import serve

__all__ = ["create_app", "serve"]
