"""Schemathesis against the API's own OpenAPI schema: requests generated from it get no 500, every
answer matches what the schema declares (status, content type, body), and what the schema calls
valid is accepted, bar the rules no OpenAPI parameter can state (see README, SECURITY).

Bounded: FLASHPOINT_SCHEMA_EXAMPLES requests an operation (default 25); `make fuzz` runs more.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi import checks as openapi_checks  # noqa: E402

from flashpoint.web import create_app  # noqa: E402
from flashpoint.web.security import ServerSettings  # noqa: E402

EXAMPLES = int(os.environ.get("FLASHPOINT_SCHEMA_EXAMPLES", "25"))
TOKEN = "schema-test-token"
# 422s no schema can foresee: a cursor the server did not give, start after end, a box whose
# south edge is north of its north edge, an uploaded file that holds no readable article.
CROSS_FIELD = ("cursor: ", "start: start ", "bbox: minlat is above maxlat", "file: ")


def positive_data_accepted(ctx, response, case):  # noqa: ANN001, ANN201 - a schemathesis check
    """Schemathesis' positive_data_acceptance, except for the rules a schema cannot state."""
    if response.status_code == 422 and response.json().get("detail", "").startswith(CROSS_FIELD):
        return True
    return openapi_checks.positive_data_acceptance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
    positive_data_accepted,
]


@pytest.fixture(scope="module")
def schema(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    # A copy of the corpus store: uploads write to it.
    db = tmp_path_factory.mktemp("schema") / "store.duckdb"
    shutil.copy(corpus_db, db)
    app = create_app(db, token=TOKEN, settings=ServerSettings(rate_per_minute=0, max_upload_bytes=256 * 1024))
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    yield loaded
    app.state.access.close()


OPERATIONS = [
    ("GET", "/api/events"), ("GET", "/api/events/{event_id}"), ("GET", "/api/actors"), ("GET", "/api/places"),
    ("GET", "/api/timeline"), ("GET", "/api/network"), ("GET", "/api/meta"), ("GET", "/api/articles"),
    ("GET", "/api/articles/{article_id}"), ("POST", "/api/ingest"),
]


def test_every_operation_is_covered(schema):
    found = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_generated_requests_get_what_the_schema_declares(schema, method, path):
    operation = schema[path][method]
    examples = EXAMPLES if method == "GET" else max(3, EXAMPLES // 5)  # uploads run the extractor
    statuses: list[int] = []

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):  # noqa: ANN001
        if method == "POST" and len(statuses) % 2 == 0:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
        response = case.call()
        statuses.append(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()
    assert statuses and not any(status >= 500 for status in statuses)
    if path in ("/api/events", "/api/actors", "/api/timeline", "/api/meta"):
        assert 200 in statuses, statuses  # generated requests are mostly ones the server takes
