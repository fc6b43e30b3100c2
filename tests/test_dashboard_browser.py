"""The web dashboard in a real browser: `flashpoint serve` over the example corpus, driven by
playwright through Debian's chromium (scripts/ensure_chromium.sh installs it).

Every test saves what the user saw to test-artifacts/dashboard-NAME-1280x800.png and
...-390x844.png (the same state at phone width)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright import sync_api as playwright_sync  # a pinned test dependency


ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


# ---- the server and the browser -------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str):
        self.base = base

    def get(self, path: str, **params) -> dict:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None}, doseq=True)
        with urllib.request.urlopen(f"{self.base}{path}{'?' + query if query else ''}", timeout=30) as response:
            return json.load(response)

    def shown(self, path: str, **params) -> dict:
        """`get` within the dashboard's default view (a page opened without filters keeps it)."""
        return self.get(path, **{"status": "asserted", "background": "false", **params})

    def all_events(self, everything: bool = False, **filters) -> list[dict]:
        """Every event the API lists for `filters`; unless `everything`, within the dashboard's
        default view (asserted events, no background), which a page without filters opens on."""
        if not everything:
            filters = {"status": "asserted", "background": "false", **filters}
        events, cursor = [], None
        while True:
            page = self.get("/api/events", limit=500, cursor=cursor, **filters)
            events += page["events"]
            cursor = page["next_cursor"]
            if not cursor:
                return events


@pytest.fixture(scope="module")
def server(corpus_db, tmp_path_factory):
    """`flashpoint serve` as a user starts it, on a copy of the corpus store (the server holds
    its database file for writing; the session's fixture stays free for other tests)."""
    folder = tmp_path_factory.mktemp("dashboard")
    db = folder / "dashboard.duckdb"
    shutil.copyfile(corpus_db, db)
    wal = Path(str(corpus_db) + ".wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(db) + ".wal"))
    port = _free_port()
    log = (folder / "serve.log").open("w")
    env = {**os.environ}
    env.pop("FLASHPOINT_DB", None)
    env.pop("FLASHPOINT_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "flashpoint", "serve", "--db", str(db), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            log.close()
            pytest.fail(f"flashpoint serve exited with {process.returncode}:\n{(folder / 'serve.log').read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/api/meta", timeout=2) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"flashpoint serve did not answer within 60 s:\n{(folder / 'serve.log').read_text()}")
        time.sleep(0.2)
    yield Server(base)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the system chromium is not installed: run scripts/ensure_chromium.sh (it apt-get installs chromium and chromium-driver)")
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"], headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server, request):
    """A fresh tab at 1280x800 that records JS errors and any request leaving the server
    (the page must work offline); at the end it saves the screen at desktop and phone width."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.errors = []
    page.outside = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith((server.base, "data:", "blob:")) else None)
    yield page
    name = request.node.name.removeprefix("test_")
    ARTIFACTS.mkdir(exist_ok=True)
    if not page.is_closed():
        page.set_viewport_size(DESKTOP)
        page.wait_for_timeout(150)
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}-1280x800.png"))
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}-390x844.png"))
    context.close()
    assert not page.errors, f"errors in the page: {page.errors}"
    assert not page.outside, f"the page fetched from outside the server: {page.outside}"


def open_dashboard(page, server, query: str = ""):
    page.goto(f"{server.base}/{query}")
    page.wait_for_selector("body[data-ready]:not(.loading)")
    page.wait_for_selector("#events-table tbody tr")


def refreshes(page) -> int:
    return int(page.get_attribute("body", "data-refreshes") or 0)


def wait_refreshed(page, before: int):
    """Wait until every view has been redrawn after an action taken when refreshes() was `before`."""
    page.wait_for_function(
        "n => Number(document.body.dataset.refreshes || 0) > n && !document.body.classList.contains('loading')", arg=before,
    )


def url_params(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def table_rows(page):
    return page.locator("#events-table tbody tr[data-id]")


def table_total(page) -> int:
    text = page.inner_text("#table-count")
    match = re.match(r"([\d,]+) events?", text)
    assert match, f"the table does not say how many events match: {text!r}"
    return int(match.group(1).replace(",", ""))


def cluster_and_point_count(page) -> int:
    """Events the map shows: the numbers on the clusters plus the single points."""
    clusters = [int(t) for t in page.locator("#map .event-cluster span").all_inner_texts()]
    points = page.locator("#map path.event-point").count()
    return sum(clusters) + points


def pick_actor(server) -> dict:
    """The actor with the most events that still leaves other events out: a filter that shows."""
    total = server.get("/api/events", limit=1)["total"]
    named = [a for a in server.get("/api/actors", limit=50)["actors"] if a["name"] and a["events"] < total]
    assert named, "the corpus has no actor to filter by"
    return named[0]


# ---- the tests ------------------------------------------------------------------------------

def test_every_view_shows_the_events(page, server):
    open_dashboard(page, server)
    # A first visit shows what happened: asserted events, not the background an article recalls.
    assert "status=asserted" in page.url and "background=false" in page.url
    default = {"status": "asserted", "background": "false"}
    everything = server.all_events()
    stored = len(server.all_events(everything=True))
    total = len(everything)
    assert 0 < total < stored
    assert table_total(page) == total
    assert table_rows(page).count() == min(100, total)
    # The summary line counts the shown events among the store's.
    assert f"{total} of {stored} events" in page.inner_text("#summary")

    # Map: every event with coordinates is a point or inside a cluster; countries are shaded.
    located = [e for e in everything if e["place"] and e["place"]["lat"] is not None]
    page.wait_for_selector("#map .event-cluster, #map path.event-point")
    assert cluster_and_point_count(page) == len(located)
    top_country = max({e["place"]["country"] for e in located if e["place"]["country"]},
                      key=lambda c: sum(1 for e in located if e["place"]["country"] == c))
    shaded = page.locator(f'#map path[data-country="{top_country}"]').first
    assert shaded.get_attribute("fill") not in (None, "#f4f1ea"), f"{top_country} is not shaded on the map"
    assert "country-has-events" in (shaded.get_attribute("class") or "")
    assert page.locator("#map-legend .legend-item").count() >= 2

    # Timeline: bars add up to the dated events the API counts.
    bars = page.locator("#timeline rect.bar")
    assert bars.count() > 0
    titles = page.locator("#timeline rect.bar title").all_text_contents()
    assert sum(int(t.rsplit(" ", 1)[1]) for t in titles) == sum(
        sum(s["counts"].values()) for s in server.get("/api/timeline", interval="month", **default)["series"])
    assert page.locator("#type-legend button").count() >= 2

    # Network: actors as nodes, edges coloured by kind.
    assert page.locator("#network g.node").count() > 3
    kinds = {c for e in page.locator("#network line.edge").all() for c in (e.get_attribute("class") or "").split()}
    assert "edge-conflict" in kinds

    # Table rows are keyboard-reachable and show the trigger in bold within the sentence.
    first = table_rows(page).first
    assert first.get_attribute("tabindex") == "0"
    assert first.locator(".c-sentence b").count() == 1

    # Every control has a label.
    for control in page.locator("#filters input, #filters select").all():
        control_id = control.get_attribute("id")
        assert page.locator(f'label[for="{control_id}"]').count() == 1 or control.get_attribute("aria-label"), control_id


def test_actor_filter_control_and_reload(page, server):
    actor = pick_actor(server)
    open_dashboard(page, server)
    before = refreshes(page)
    page.fill("#f-actor", actor["name"])  # the name as typed; the page resolves it to the id
    page.press("#f-actor", "Enter")
    wait_refreshed(page, before)

    assert url_params(page).get("actor") == [actor["id"]]
    expected = server.shown("/api/events", actor=actor["id"], limit=1)["total"]
    assert table_total(page) == expected < server.shown("/api/events", limit=1)["total"]
    rows = table_rows(page)
    assert rows.count() == min(100, expected)
    for row in rows.all():
        who = row.locator(".c-source").inner_text() + " | " + row.locator(".c-target").inner_text()
        assert actor["name"] in who, f"a row without {actor['name']}: {who}"
    assert actor["name"] in page.inner_text("#chips")
    assert page.locator(f'#network g.node.selected[data-id="{actor["id"]}"]').count() == 1

    # The URL restores the view.
    page.reload()
    page.wait_for_selector("body[data-ready]:not(.loading)")
    assert page.input_value("#f-actor") == actor["id"]
    assert table_total(page) == expected
    assert actor["name"] in page.inner_text("#chips")

    # Removing the filter's chip shows everything again.
    before = refreshes(page)
    page.click('#chips li[data-key="actor"] button')
    wait_refreshed(page, before)
    assert "actor" not in url_params(page)
    assert table_total(page) == server.shown("/api/events", limit=1)["total"]


def test_clicking_a_network_node_filters_the_table(page, server):
    open_dashboard(page, server)
    nodes = server.get("/api/network", limit=300)["nodes"]
    node = max(nodes, key=lambda n: n["events"])
    before = refreshes(page)
    page.click(f'#network g.node[data-id="{node["id"]}"] circle')
    wait_refreshed(page, before)
    assert url_params(page).get("actor") == [node["id"]]
    expected = server.shown("/api/events", actor=node["id"], limit=1)["total"]
    assert table_total(page) == expected
    for row in table_rows(page).all():
        who = row.locator(".c-source").inner_text() + " | " + row.locator(".c-target").inner_text()
        assert node["name"] in who
    assert page.input_value("#f-actor") == node["id"]


def test_evidence_panel_and_article_view(page, server):
    open_dashboard(page, server)
    row = table_rows(page).nth(2)
    event_id = int(row.get_attribute("data-id"))
    event = server.get(f"/api/events/{event_id}")
    row.click()
    panel = page.locator("#evidence")
    panel.wait_for(state="visible")
    page.wait_for_function("id => document.querySelector('#evidence-title').textContent.includes('#' + id)", arg=event_id)
    assert f"#event={event_id}" in page.url

    sentence = page.locator("#evidence-sentence")
    assert sentence.inner_text().strip() == event["sentence"]["text"].strip()
    for span in event["sentence_spans"]:
        marked = "".join(sentence.locator(f"mark.hl-{span['kind']}").all_text_contents())
        assert event["sentence"]["text"][span["start"]:span["end"]] in marked, f"{span['kind']} is not highlighted"
    assert "".join(sentence.locator("mark.hl-trigger").all_text_contents()) == event["trigger"]["text"]
    # Each kind has its own colour, and the legend names them.
    colours = {k: page.locator(f"#evidence .span-legend mark.hl-{k}").evaluate("m => getComputedStyle(m).backgroundColor")
               for k in ("trigger", "source", "target", "place", "date")}
    assert len(set(colours.values())) == 5, colours
    fields = page.inner_text("#evidence .fields")
    assert event["type"] in fields and event["status"] in fields
    if event["source"]:
        assert event["source"]["name"] in fields

    link = page.locator("#article-link")
    assert link.get_attribute("href") == f"#article={event['article_id']}&event={event['lead_mention_id']}"
    link.click()
    page.locator("#article-view").wait_for(state="visible")
    page.wait_for_selector("#article-text mark")
    article = server.get(f"/api/articles/{event['article_id']}")
    assert page.inner_text("#article-title") == article["title"]
    text = page.locator("#article-text")
    assert text.text_content() == article["text"], "marking the spans changed the article's text"
    for kind in {s["kind"] for s in article["spans"]}:
        assert text.locator(f"mark.k-{kind}").count() > 0, f"no {kind} span is marked"
    current = "".join(text.locator("mark.current").all_text_contents())
    assert current == event["trigger"]["text"], "the event's own trigger is not singled out"
    assert page.locator("#dashboard").is_hidden()

    # A trigger in the article opens its own evidence.
    other = text.locator("mark.k-trigger[data-event-id]:not(.current)").first
    other_id = server.get(f"/api/events/{int(other.get_attribute('data-event-id'))}")["id"]  # its fused event
    other.click()
    page.locator("#dashboard").wait_for(state="visible")
    page.wait_for_function("id => document.querySelector('#evidence-title').textContent.includes('#' + id)", arg=other_id)

    # Back in history returns to the article, then to the first evidence.
    page.go_back()
    page.locator("#article-view").wait_for(state="visible")
    page.go_back()
    page.wait_for_function("id => document.querySelector('#evidence-title').textContent.includes('#' + id) && !document.querySelector('#evidence').hidden", arg=event_id)


def test_keyboard_opens_and_closes_evidence(page, server):
    open_dashboard(page, server)
    first = table_rows(page).first
    first.focus()
    page.keyboard.press("ArrowDown")
    second_id = table_rows(page).nth(1).get_attribute("data-id")
    assert page.evaluate("document.activeElement.dataset.id") == second_id
    page.keyboard.press("Enter")
    page.locator("#evidence").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator("#evidence").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.id") == second_id
    assert "#event" not in page.url


def test_filters_live_in_the_url(page, server):
    located = [e for e in server.all_events() if e["place"] and e["place"]["country"]]
    country = max({e["place"]["country"] for e in located}, key=lambda c: sum(1 for e in located if e["place"]["country"] == c))
    query = {"type": "ASSAULT", "status": "asserted", "country": country, "start": "2024-01-01", "end": "2025-12-31"}
    open_dashboard(page, server, "?" + urllib.parse.urlencode(query))
    expected = server.get("/api/events", limit=1, **query)["total"]
    assert 0 < expected
    assert table_total(page) == expected
    assert page.input_value("#f-type") == "ASSAULT"
    assert page.input_value("#f-status") == "asserted"
    assert page.input_value("#f-country") == country
    assert page.input_value("#f-start") == "2024-01-01"
    assert page.input_value("#f-end") == "2025-12-31"
    for row in table_rows(page).all():
        assert row.locator(".c-type .type-chip").inner_text() == "ASSAULT"
        assert row.locator(".c-status").inner_text() == "asserted"
        assert row.locator(".c-place").inner_text().endswith(country)
    assert page.locator(f'#map path.country-selected[data-country="{country}"]').count() == 1

    # Changing a control rewrites the URL; a reload (the shared link) restores the same view.
    before = refreshes(page)
    page.select_option("#f-status", "hypothetical")
    wait_refreshed(page, before)
    params = url_params(page)
    assert params["status"] == ["hypothetical"] and params["country"] == [country]
    hypothetical = server.get("/api/events", limit=1, **{**query, "status": "hypothetical"})["total"]
    assert table_total(page) == hypothetical
    page.reload()
    page.wait_for_selector("body[data-ready]:not(.loading)")
    assert page.input_value("#f-status") == "hypothetical"
    assert table_total(page) == hypothetical

    # The download links carry the same filters.
    csv_href = page.get_attribute("#dl-csv", "href")
    assert "format=csv" in csv_href and f"country={country}" in csv_href and "status=hypothetical" in csv_href
    response = page.request.get(server.base + csv_href)
    assert response.ok
    assert len([line for line in response.text().splitlines() if line.strip()]) >= hypothetical + 1

    # Reset clears everything.
    before = refreshes(page)
    page.click("#reset")
    wait_refreshed(page, before)
    assert urllib.parse.urlparse(page.url).query == ""
    assert table_total(page) == server.get("/api/events", limit=1)["total"]
    assert page.input_value("#f-type") == ""


def test_timeline_brush_sets_the_date_range(page, server):
    open_dashboard(page, server)
    box = page.locator("#timeline svg .brush .overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    # Drag across the right-hand quarter of the timeline (the recent, busy months).
    page.mouse.move(box["x"] + box["width"] * 0.75, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
    before = refreshes(page)
    page.mouse.up()
    wait_refreshed(page, before)
    params = url_params(page)
    assert "start" in params and "end" in params, page.url
    start, end = params["start"][0], params["end"][0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", start) and start <= end
    expected = server.shown("/api/events", limit=1, start=start, end=end)["total"]
    assert table_total(page) == expected < server.shown("/api/events", limit=1)["total"]
    assert page.input_value("#f-start") == start and page.input_value("#f-end") == end
    # The reloaded page draws the brush where it was.
    page.reload()
    page.wait_for_selector("body[data-ready]:not(.loading)")
    selection = page.locator("#timeline .brush .selection")
    assert float(selection.get_attribute("width") or 0) > 5
    assert table_total(page) == expected


def test_map_country_click_and_map_view_filter(page, server):
    open_dashboard(page, server)
    located = [e for e in server.all_events() if e["place"] and e["place"]["country"]]
    country = max({e["place"]["country"] for e in located}, key=lambda c: sum(1 for e in located if e["place"]["country"] == c))
    before = refreshes(page)
    page.locator(f'#map path[data-country="{country}"]').first.dispatch_event("click")
    wait_refreshed(page, before)
    assert url_params(page).get("country") == [country]
    assert table_total(page) == server.shown("/api/events", limit=1, country=country)["total"]
    assert page.input_value("#f-country") == country

    # Zoom into the country, then filter to what the map shows.
    page.click("#reset")
    page.wait_for_function("() => !location.search")
    page.wait_for_selector("body:not(.loading)")
    page.evaluate("""c => {
        const el = document.querySelector(`#map path[data-country="${c}"]`);
        el.dispatchEvent(new MouseEvent('dblclick', {bubbles: true, clientX: el.getBoundingClientRect().x + el.getBoundingClientRect().width / 2,
                                                       clientY: el.getBoundingClientRect().y + el.getBoundingClientRect().height / 2}));
    }""", country)
    page.wait_for_timeout(600)
    page.click("#map-filter")
    page.wait_for_function("() => new URLSearchParams(location.search).has('bbox')")
    page.wait_for_selector("body:not(.loading)")
    bbox = url_params(page)["bbox"][0]
    west, south, east, north = map(float, bbox.split(","))
    assert west < east and south < north
    expected = server.get("/api/events", limit=1, bbox=bbox)["total"]  # after Reset: no default filters
    page.wait_for_function("n => document.querySelector('#table-count').textContent.startsWith(n + ' event')", arg=f"{expected:,}")
    assert 0 < expected < server.get("/api/events", limit=1)["total"]
    for row in table_rows(page).all():
        event = server.get(f"/api/events/{row.get_attribute('data-id')}")
        assert west <= event["place"]["lon"] <= east and south <= event["place"]["lat"] <= north
    assert "map area" in page.inner_text("#chips")


def test_phone_width_stacks_without_horizontal_scroll(browser, server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        open_dashboard(page, server)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-phone-top-390x844.png"))
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways at phone width: {widths}"
        # Stacked: each view below the previous one, all as wide as the screen allows.
        boxes = {name: page.locator(f".panel-{name}").bounding_box() for name in ("map", "timeline", "network", "table")}
        order = ["map", "timeline", "network", "table"]
        for upper, lower in zip(order, order[1:]):
            assert boxes[lower]["y"] >= boxes[upper]["y"] + boxes[upper]["height"] - 1, f"{lower} is not below {upper}"
        for name, box in boxes.items():
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, f"{name} overflows: {box}"
            assert box["width"] > PHONE["width"] * 0.85, f"{name} is not full width: {box}"
        # No element sticks out of the screen.
        wide = page.evaluate("""w => [...document.querySelectorAll('body *')]
            .filter(e => e.offsetParent !== null && !e.closest('.leaflet-pane, .leaflet-control-container'))
            .filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)""", PHONE["width"])
        assert not wide, f"elements wider than the phone: {wide}"
        page.locator(".panel-table").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "dashboard-phone-table-390x844.png"))
        table_rows(page).first.tap()
        page.locator("#evidence").wait_for(state="visible")
        box = page.locator("#evidence").bounding_box()
        assert box["width"] <= PHONE["width"] + 0.5
        page.screenshot(path=str(ARTIFACTS / "dashboard-phone-evidence-390x844.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    assert not errors, errors


def test_evidence_lists_every_mention_and_a_contradicted_toll(page, server):
    events = server.all_events(type="ASSAULT")
    event = max(events, key=lambda e: (e["num_sources"], e["num_mentions"]))
    assert event["num_sources"] >= 3
    open_dashboard(page, server, f"#event={event['id']}")
    page.locator("#evidence").wait_for(state="visible")
    items = page.locator("#evidence-mentions li")
    items.first.wait_for()
    assert items.count() == event["num_mentions"]
    listed = page.inner_text("#evidence-mentions")
    for mention in event["mentions"]:
        assert (mention["outlet"] or "unknown outlet") in listed
    fields = page.inner_text("#evidence .fields")
    assert f"{event['num_sources']} independent sources" in fields and f"{event['num_articles']} articles" in fields
    contradicted = page.locator("#toll-contradicted")
    assert (contradicted.count() == 1) == event["fatalities_contradicted"]
    if event["fatalities_range"] and event["fatalities_range"][0] != event["fatalities_range"][1]:
        assert "{}–{}".format(*event["fatalities_range"]) in fields
    # The table shows each event's sources and articles.
    cell = page.locator(f'#events-table tr[data-id="{event["id"]}"] td.c-reports')
    if cell.count():
        assert f"{event['num_sources']} sources" in cell.inner_text()
    disputed = [e for e in events if e["fatalities_contradicted"]]
    if disputed:
        open_dashboard(page, server, f"#event={disputed[0]['id']}")
        page.locator("#toll-contradicted").wait_for()
        assert "contradicted" in page.inner_text("#toll-contradicted")
