"""The REST API and the web page: thin HTTP over flashpoint.query and flashpoint.api.

Endpoints parse parameters into the library's types and return what it returns; every rule
(filters, sorting, pagination, spans, exports) lives in the library, shared with the CLI.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, File, Header, HTTPException, Path as PathParam, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from flashpoint import api, query
from flashpoint.errors import FlashpointError, InputError, StoreError
from flashpoint.query import BadParameter, EventFilter
from flashpoint.query.params import Sort
from flashpoint.store import DuckDBStore, open_store
from flashpoint.web import openapi as exact_openapi
from flashpoint.web.security import ServerSettings, reject_unknown_parameters, secure

STATIC = Path(__file__).resolve().parent / "static"
INGEST_DISABLED = "ingest is disabled: start the server with --token"


def _iso_date(value: Any) -> Any:
    """json.dumps' fallback: dates as ISO text; anything else is a bug in the library's answer."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


class Answer(JSONResponse):
    """What the library returns (dicts, lists, strings, numbers; dates as ISO text), written as
    JSON directly: FastAPI's generic encoder, run on a returned dict, walks every value of a
    page of events again and took longer than the query (BENCHMARKS.md)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_iso_date).encode("utf-8")


class StoreAccess:
    """One DuckDB database per app. DuckDB lets one process hold a file for writing, so the app
    keeps one connection: each request reads through a cursor of its own (DuckDB's way of
    using a database from several threads, each seeing a consistent snapshot), and uploads,
    the only writes, take turns through a lock."""

    def __init__(self, db: str | Path):
        self.db = Path(db)
        self._store: DuckDBStore | None = None
        self._readers: duckdb.DuckDBPyConnection | None = None  # cursors are made from this one
        self._open_lock = threading.Lock()
        self.write_lock = threading.Lock()

    def store(self) -> DuckDBStore:
        """The store, opened (and migrated to this Flashpoint's schema) on first use."""
        with self._open_lock:
            if self._store is None:
                self._store = open_store(self.db)
                self._store.fuse()  # a store from before fusion, or one ingested and not yet fused
                self._readers = self._store.connection.cursor()
            return self._store

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.store()
        with self._open_lock:
            assert self._readers is not None
            cursor = self._readers.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def close(self) -> None:
        with self._open_lock:
            if self._store is not None:
                assert self._readers is not None
                self._readers.close()
                self._store.close()
                self._store = self._readers = None


def _validation_message(error: RequestValidationError) -> str:
    """FastAPI's list of problems as one line naming each parameter."""
    parts = []
    for problem in error.errors():
        location = [str(p) for p in problem.get("loc", ()) if p not in ("query", "path", "body", "header")]
        parts.append(f"{'.'.join(location) or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    """Every error is JSON {"detail": "..."}: 422 for a bad parameter, never a bare 500."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(error)}, status_code=422)

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, error: BadParameter) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": error.message}, status_code=503)

    @app.exception_handler(FlashpointError)
    async def flashpoint_error(request: Request, error: FlashpointError) -> JSONResponse:
        return JSONResponse({"detail": error.message}, status_code=500)


# The event filters, shared by every list endpoint (one definition, so /docs shows them the same).
# /api/actors takes all but q (its own q is about actors), so q is a dependency of its own.
def filters_but_q(
    actor: Annotated[str | None, Query(description="Actor id (e.g. ISIS, IRQ_MIL); matches the source or the target.")] = None,
    source: Annotated[str | None, Query(description="Actor id of the event's source (who acts).")] = None,
    target: Annotated[str | None, Query(description="Actor id of the event's target (who is acted on).")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type (ASSAULT, AGREE...); repeat or comma-separate for several.")] = None,  # noqa: A002
    status: Annotated[list[str] | None, Query(description="asserted, hypothetical or negated; repeat or comma-separate for several.")] = None,
    country: Annotated[list[str] | None, Query(description="Country of the event's place: ISO 3166-1 alpha-3 as stored (SYR); alpha-2 or a name is converted. Repeat or comma-separate.")] = None,
    admin1: Annotated[str | None, Query(description="First-level area of the event's place: its name as stored (Diyala; case and accents ignored) or an ISO 3166-2 code (IQ-DI).")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat in degrees; events whose place lies inside. minlon > maxlon crosses the antimeridian.")] = None,
    start: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive: on the event's date (a month or year counts as its first day), else the article's publication date.")] = None,
    end: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive; same date as start.")] = None,
    outlet: Annotated[list[str] | None, Query(description="Outlet name of the article (case-insensitive); repeat for several. A fused event matches when any of its mentions does.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Lowest confidence (0-1): the calibrated probability that the event is right; a fused event has its best mention's.")] = None,
    background: Annotated[bool | None, Query(description="false: leave out background events (dated over a year before their article: history it recalls); true: only those.")] = None,
) -> EventFilter:
    return EventFilter.parse(
        actor=actor, source=source, target=target, type=type, status=status, country=country,
        admin1=admin1, bbox=bbox, start=start, end=end, outlet=outlet, min_confidence=min_confidence,
        background=background,
    )


def event_filters(
    filters: Annotated[EventFilter, Depends(filters_but_q)],
    q: Annotated[str | None, Query(description="Free text, case-insensitive, searched in the evidence sentence.")] = None,
) -> EventFilter:
    return replace(filters, q=EventFilter.parse(q=q).q)


Filters = Annotated[EventFilter, Depends(event_filters)]
ActorFilters = Annotated[EventFilter, Depends(filters_but_q)]
NOT_FOUND = {404: {"description": "No such record: {\"detail\": \"...\"}"}}
BAD_PARAMETER = {422: {"description": "A bad parameter: {\"detail\": \"PARAMETER: what is wrong\"}"}}


def create_app(db: str | Path, token: str | None = None, settings: ServerSettings | None = None) -> FastAPI:
    """The web page and the REST API over the DuckDB store at `db`. Uploads (POST /api/ingest)
    need `token` in the request; without a token they are disabled. `settings`: CORS origins,
    page-size, upload and request-rate limits (flashpoint.web.security)."""
    access = StoreAccess(db)
    token = token or None
    settings = settings or ServerSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(
        title="Flashpoint",
        version="0.1.0",
        description="PLOVER event data extracted from conflict news, with the sentence that proves each event. "
        "Every list endpoint takes the same event filters. Errors are JSON {\"detail\": \"...\"}.",
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.access = access
    secure(app, settings)
    exact_openapi.install(app, settings.max_page_size)
    _install_error_handlers(app)
    _add_event_routes(app, access)
    _add_aggregate_routes(app, access)
    _add_article_routes(app, access)
    _add_ingest_route(app, access, token)
    _add_page(app)
    return app


def _add_event_routes(app: FastAPI, access: StoreAccess) -> None:
    @app.get("/api/events", tags=["events"], responses=BAD_PARAMETER)
    def events(
        filters: Filters,
        sort: Annotated[str, Query(description=f"Order: {', '.join(query.SORTS)} ('-' is descending; ties by id).")] = "-date",
        limit: Annotated[int, Query(ge=1, le=500, description="Events a page (1-500).")] = 100,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page, unchanged.")] = None,
        format: Annotated[str, Query(description="json (a page), or csv, jsonl, geojson: a download of ALL matching events.")] = "json",  # noqa: A002
        level: Annotated[str, Query(description="event: fused events, one a real-world event with its mentions; mention: one a sentence of one article.")] = "event",
    ) -> Any:
        """Events matching the filters: {"events", "total", "next_cursor"}; or every match as a
        download. Fused events carry num_mentions, num_articles, num_sources, first_reported,
        last_reported, corroboration, fatalities_range and their mentions."""
        fmt = query.check_choice(format, ("json", *query.EXPORT_FORMATS), "json", "format")
        level = query.check_choice(level, query.LEVELS, "event", "level")
        if fmt != "json":
            return _download(access, filters, sort, fmt, level)
        with access.reader() as conn:
            return Answer(query.search_events(conn, filters, sort, limit, cursor, level))

    @app.get("/api/events/{event_id}", tags=["events"], responses=NOT_FOUND)
    def event(
        event_id: Annotated[int, PathParam(description="The event's id (the `id` of a listed event).")],
        level: Annotated[str, Query(description="event (a fused event's id) or mention (a mention's id).")] = "event",
    ) -> Any:
        """A fused event with `evidence`: every mention side by side (sentence, outlet, date,
        `sentence_spans`, the `factors` that joined it). With level=mention: one mention with its
        `sentence_spans`, `fused_id` and `other_mentions` (the other reports of its event)."""
        level = query.check_choice(level, query.LEVELS, "event", "level")
        with access.reader() as conn:
            found = query.event_detail(conn, event_id, level)
        if found is None:
            raise HTTPException(404, f"no {'event' if level == 'event' else 'mention'} {event_id}")
        return Answer(found)


def _download(access: StoreAccess, filters: EventFilter, sort: str, fmt: str, level: str = "event") -> StreamingResponse:
    """Every matching event, streamed through a cursor of its own (it outlives the request's
    handler). The sort is checked first, so that a bad one is a 422, not a broken download."""
    Sort.parse(sort)
    media_type, suffix = query.EXPORT_FORMATS[fmt]

    def body() -> Iterator[str]:
        with access.reader() as conn:
            # A CSV has no column for a fused event's mentions: they are not fetched for one.
            yield from query.export_lines(fmt, query.iter_events(conn, filters, sort, level, mentions=fmt != "csv"))

    return StreamingResponse(
        body(), media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="flashpoint-events.{suffix}"'},
    )


def _add_aggregate_routes(app: FastAPI, access: StoreAccess) -> None:
    @app.get("/api/actors", tags=["aggregates"], responses=BAD_PARAMETER)
    def actors(
        filters: ActorFilters,
        q: Annotated[str | None, Query(description="Part of the actor's id or name (case-insensitive). Note: this q is about actors, not sentences.")] = None,
        limit: Annotated[int, Query(ge=1, le=1000, description="Actors to return (1-1000).")] = 50,
        generic: Annotated[bool, Query(description="true: include generic actors (soldiers, villagers: a kind of actor, not a named one), which are left out by default.")] = False,
    ) -> Any:
        """Actors of the matching events, most events first, with how often each is source and target."""
        # `q` here names actors, so the filters have no sentence search (actor_filters).
        with access.reader() as conn:
            return Answer(query.list_actors(conn, filters, q, limit, generic))

    @app.get("/api/places", tags=["aggregates"], responses=BAD_PARAMETER)
    def places(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=10000, description="Places to return (1-10000).")] = 500,
    ) -> Any:
        """Places of the matching events with coordinates and event counts, most events first."""
        with access.reader() as conn:
            return Answer(query.list_places(conn, filters, limit))

    @app.get("/api/timeline", tags=["aggregates"], responses=BAD_PARAMETER)
    def timeline(
        filters: Filters,
        interval: Annotated[str, Query(description="day, week (starting Monday) or month.")] = "month",
        split: Annotated[str, Query(description="Count per type or per status.")] = "type",
    ) -> Any:
        """Matching events per period: series of {"period" (first day), "counts" {KEY: n}}, sorted;
        periods without events are left out; `undated` counts events with no date at all."""
        with access.reader() as conn:
            return Answer(query.timeline(conn, filters, interval, split))

    @app.get("/api/network", tags=["aggregates"], responses=BAD_PARAMETER)
    def network(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=1000, description="Edges to return, heaviest first (1-1000).")] = 100,
        generic: Annotated[bool, Query(description="true: include generic actors (soldiers, villagers: a kind of actor, not a named one), which are left out by default.")] = False,
    ) -> Any:
        """Who acts on whom among matching events naming both actors: directed edges with
        cooperation and conflict counts (data/lexicon/plover_quadclass.tsv)."""
        with access.reader() as conn:
            return Answer(query.network(conn, filters, limit, generic))

    @app.get("/api/meta", tags=["aggregates"])
    def meta() -> Any:
        """Values for filter controls (types, statuses, countries, outlets, dates) and the store's counts."""
        with access.reader() as conn:
            return Answer(query.meta(conn))


def _add_article_routes(app: FastAPI, access: StoreAccess) -> None:
    @app.get("/api/articles", tags=["articles"], responses=BAD_PARAMETER)
    def articles(
        q: Annotated[str | None, Query(description="Part of the title or text (case-insensitive).")] = None,
        outlet: Annotated[str | None, Query(description="Outlet name (case-insensitive).")] = None,
        limit: Annotated[int, Query(ge=1, le=500, description="Articles a page (1-500).")] = 50,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page, unchanged.")] = None,
    ) -> Any:
        """Stored articles, newest first: {"articles", "total", "next_cursor"}."""
        with access.reader() as conn:
            return Answer(query.list_articles(conn, q, outlet, limit, cursor))

    @app.get("/api/articles/{article_id}", tags=["articles"], responses=NOT_FOUND)
    def article(article_id: Annotated[str, PathParam(description="The article's id (the `id` of a listed article, an event's `article_id`).")]) -> Any:
        """One article with its `text` and `spans`: every actor, place, trigger, date, quote and
        quantity found in it, as offsets into text."""
        with access.reader() as conn:
            found = query.article_detail(conn, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return Answer(found)


def _add_ingest_route(app: FastAPI, access: StoreAccess, token: str | None) -> None:
    def require_token(
        authorization: Annotated[str | None, Header(description="Bearer TOKEN (the server's --token).")] = None,
        x_flashpoint_token: Annotated[str | None, Header(description="TOKEN, instead of Authorization.")] = None,
    ) -> None:
        if token is None:
            raise HTTPException(403, INGEST_DISABLED)
        given = x_flashpoint_token
        if authorization and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        # Compared in constant time: the answer's timing says nothing about the token.
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer TOKEN", headers={"WWW-Authenticate": "Bearer"})

    @app.post(
        "/api/ingest", tags=["ingest"], dependencies=[Depends(require_token)],
        responses={401: {"description": "Missing or wrong token"}, 403: {"description": INGEST_DISABLED},
                   413: {"description": "File over the upload limit"}, 422: {"description": "The file holds no readable article"}},
    )
    def ingest(file: Annotated[UploadFile, File(description="An article: .txt, .html, .json (also .jsonl, feeds, WARC).")]) -> Any:
        """Extract and store an uploaded article through the same pipeline as `flashpoint ingest`:
        {"article_id", "status" (new, near-duplicate, duplicate), "document" (the extraction contract)}."""
        data = file.file.read(api.MAX_UPLOAD_BYTES + 1)
        if len(data) > api.MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"file: larger than the upload limit of {api.MAX_UPLOAD_BYTES:,} bytes")
        try:
            with access.write_lock:
                result = api.ingest_upload(access.store(), file.filename, data)
        except InputError as error:
            raise HTTPException(422, f"file: {error.reason}") from error
        return {
            "article_id": result.article_id, "status": result.status, "extraction": result.extraction,
            "document": result.document, "articles": result.articles, "failed": result.failed,
        }


def _add_page(app: FastAPI) -> None:
    """The web page (static files written apart from the API) at / and /static/."""
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        page = STATIC / "index.html"
        if not page.is_file():
            raise HTTPException(404, "the web page is not installed (flashpoint/web/static/index.html is missing); the API is at /api and /docs")
        return FileResponse(page)
