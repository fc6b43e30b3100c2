"""The OpenAPI schema says exactly what the API takes and answers, so that a client generated
from it sends only what the server accepts: enums, formats and patterns for the filters, and
the one error body ({"detail": "..."}) for every error status.

FastAPI derives the schema from the endpoints' type hints, which are plain strings (the
library checks the values); the exact shapes are declared here, once, from the same lists the
library checks against (flashpoint.query.params).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from flashpoint.query import EXPORT_FORMATS
from flashpoint.query.params import INTERVALS, LEVELS, SORTS, SPLITS, STATUSES
from flashpoint.query.quadclass import known_types

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What is wrong; for a parameter, it starts with the parameter's name."}},
    "required": ["detail"],
}
# Statuses any call may answer, besides its own.
COMMON_ERRORS = {
    "422": "A bad or unknown parameter: {\"detail\": \"PARAMETER: what is wrong\"}",
    "429": "Too many requests from this address (see Retry-After)",
    "503": "The store cannot be opened",
}


# A longitude (-180 to 180) and a latitude (-90 to 90) in decimal degrees, as bbox takes them.
_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|\d{1,2})(?:\.\d+)?)"
_LAT = r"-?(?:90(?:\.0+)?|\d(?:\.\d+)?|[1-8]\d(?:\.\d+)?)"


def parameter_schemas() -> dict[str, dict[str, Any]]:
    """The schema of each query parameter, by name (the same name means the same thing everywhere)."""
    day = {"type": "string", "format": "date"}
    text = {"type": "string", "maxLength": 500}
    return {
        "actor": text, "source": text, "target": text, "admin1": text, "q": text,
        "type": {"type": "array", "items": {"type": "string", "enum": list(known_types())}},
        "status": {"type": "array", "items": {"type": "string", "enum": list(STATUSES)}},
        "country": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{3}$"}},
        "outlet": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 500}},
        "bbox": {"type": "string", "pattern": f"^{_LON},{_LAT},{_LON},{_LAT}$"},
        "start": day, "end": day,
        "sort": {"type": "string", "enum": list(SORTS), "default": "-date"},
        "format": {"type": "string", "enum": ["json", *EXPORT_FORMATS], "default": "json"},
        "interval": {"type": "string", "enum": list(INTERVALS), "default": "month"},
        "split": {"type": "string", "enum": list(SPLITS), "default": "type"},
        "cursor": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
        "level": {"type": "string", "enum": list(LEVELS), "default": "event"},
        "background": {"type": "boolean"},
        "generic": {"type": "boolean", "default": False},
        "min_confidence": {"type": "number", "minimum": 0, "maximum": 1},
    }


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def exact_schema(app: FastAPI, max_page_size: int) -> dict[str, Any]:
    """The app's OpenAPI schema with exact parameter shapes and the error body declared."""
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    shapes = parameter_schemas()
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    # FastAPI's own validation-error shape is not what this API answers: {"detail": "..."} is.
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                if parameter.get("in") == "query" and name in shapes:
                    parameter["schema"] = dict(shapes[name])
                    if parameter["schema"]["type"] == "array":
                        parameter.update(style="form", explode=True)
                if parameter.get("in") == "query" and name == "limit" and path in ("/api/events", "/api/articles"):
                    parameter["schema"]["maximum"] = min(parameter["schema"].get("maximum", max_page_size), max_page_size)
                if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"].update(minimum=1, maximum=2**63 - 1)
            responses = operation.setdefault("responses", {})
            if path == "/api/events" and "200" in responses:
                # format=csv|jsonl|geojson answers with a download of that type.
                content = responses["200"].setdefault("content", {})
                for media_type, _suffix in EXPORT_FORMATS.values():
                    content.setdefault(media_type.split(";")[0], {"schema": {"type": "string"} if "json" not in media_type or "ndjson" in media_type else {"type": "object"}})
            for status, response in list(responses.items()):
                if status[0] in "45":
                    responses[status] = _error_response(response.get("description", ""))
            for status, description in COMMON_ERRORS.items():
                responses.setdefault(status, _error_response(description))
            if "requestBody" in operation:
                responses.setdefault("400", _error_response("A malformed body (not multipart/form-data with a `file` field)"))
                responses.setdefault("413", _error_response("A body over the upload limit"))
    return schema


def install(app: FastAPI, max_page_size: int) -> None:
    """Serve the exact schema at /openapi.json (made once, on first request)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = exact_schema(app, max_page_size)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
