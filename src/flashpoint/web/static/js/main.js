// The Flashpoint dashboard: wires the filter bar, the map, the timeline, the actor network, the
// event table, the evidence panel and the article view to the JSON API and to the URL.
import { getJSON, allEvents } from "./api.js";
import { readFilters, toQuery, writeUrl } from "./state.js";
import { sortTypes, typeColor } from "./colors.js";
import { el } from "./highlight.js";
import { EventMap } from "./map.js";
import { Timeline, autoInterval } from "./timeline.js";
import { Network } from "./network.js";
import { EventTable } from "./table.js";
import { renderEvidence, renderArticle } from "./evidence.js";

const $ = (sel) => document.querySelector(sel);
const LABELS = { actor: "actor", type: "type", status: "status", country: "country", outlet: "outlet", start: "from", end: "to", q: "text", min_confidence: "confidence at least", background: "background", bbox: "map area" };

const app = {
  filters: readFilters(),
  meta: null,
  countries: {},
  actors: new Map(),
  controller: null,
  tableCursor: null,
  openEventId: null,
};

function showError(err) {
  if (err && err.name === "AbortError") return;
  console.error(err);
  const box = $("#error");
  box.textContent = `Something went wrong: ${err && err.message ? err.message : err}`;
  box.hidden = false;
}

function countryName(a3) {
  return app.countries[a3]?.name || a3;
}

function actorName(id) {
  return app.actors.get(id)?.name || id;
}

// ---- filters <-> controls -------------------------------------------------------------------

function fillSelect(select, values, label = (v) => v) {
  const first = select.options[0];
  select.replaceChildren(first, ...values.map((v) => el("option", { value: v }, label(v))));
}

function syncControls() {
  const f = app.filters;
  $("#f-actor").value = f.actor || "";
  for (const key of ["type", "status", "country", "outlet", "min_confidence"]) {
    const select = $(`#f-${key}`);
    const v = f[key] || "";
    if (v && ![...select.options].some((o) => o.value === v)) select.append(el("option", { value: v }, key === "country" ? countryName(v) : v));
    select.value = v;
  }
  $("#f-start").value = f.start || "";
  $("#f-end").value = f.end || "";
  $("#f-q").value = f.q || "";
}

async function resolveActor(text) {
  const t = text.trim();
  if (!t) return "";
  if (app.actors.has(t)) return t;
  const lower = t.toLowerCase();
  for (const a of app.actors.values()) if ((a.name || "").toLowerCase() === lower || a.id.toLowerCase() === lower) return a.id;
  const found = await getJSON(`/api/actors?${new URLSearchParams({ q: t, limit: "1" })}`);
  if (found.actors.length) {
    const a = found.actors[0];
    app.actors.set(a.id, a);
    return a.id;
  }
  return t; // unknown: filter by it anyway, the table will say nothing matches
}

async function readControls() {
  const f = {};
  f.actor = await resolveActor($("#f-actor").value);
  for (const key of ["type", "status", "country", "outlet", "min_confidence", "start", "end", "q"]) f[key] = $(`#f-${key}`).value.trim();
  f.bbox = app.filters.bbox || "";
  f.background = app.filters.background || "";  // no control of its own: its chip removes it
  for (const k of Object.keys(f)) if (!f[k]) delete f[k];
  return f;
}

function setFilters(next) {
  app.filters = next;
  writeUrl(next);
  syncControls();
  refreshAll();
}

function patchFilters(patch) {
  const next = { ...app.filters, ...patch };
  for (const k of Object.keys(next)) if (!next[k]) delete next[k];
  setFilters(next);
}

// ---- the views -----------------------------------------------------------------------------

let map, timeline, network, table;

function renderChips() {
  const f = app.filters;
  const chips = Object.keys(LABELS).filter((k) => f[k]).map((k) => {
    const value = k === "actor" ? actorName(f[k]) : k === "country" ? countryName(f[k]) : f[k];
    return el("li", { class: "chip", dataset: { key: k } },
      el("span", {}, `${LABELS[k]}: `, el("b", {}, value)),
      el("button", { type: "button", "aria-label": `Remove the ${LABELS[k]} filter (${value})`, onclick: () => patchFilters({ [k]: "" }) }, "×"));
  });
  $("#chips").replaceChildren(...(chips.length ? chips : [el("li", { class: "muted" }, "No filters: all events.")]));
}

function renderDownloads() {
  for (const format of ["csv", "jsonl", "geojson"]) {
    const a = $(`#dl-${format}`);
    a.href = `/api/events?${toQuery(app.filters, [], { format })}`;
    a.setAttribute("download", `flashpoint-events.${format === "geojson" ? "geojson" : format}`);
  }
}

async function refreshTable(signal, { append = false } = {}) {
  const extra = { sort: "-date", limit: 100, cursor: append ? app.tableCursor : null };
  const page = await getJSON(`/api/events?${toQuery(app.filters, [], extra)}`, { signal });
  app.tableCursor = page.next_cursor;
  table.set(page, { append });
  table.select(app.openEventId);
  const counts = app.meta?.counts || {};
  const all = counts.fused_events ?? counts.events ?? null;  // real-world events, however many reports tell each
  $("#summary").textContent = `${page.total.toLocaleString("en")}${all !== null ? ` of ${all.toLocaleString("en")}` : ""} events`
    + `${counts.events !== undefined && counts.fused_events !== undefined ? ` (${counts.events.toLocaleString("en")} mentions)` : ""}`
    + `${counts.articles !== undefined ? ` from ${counts.articles.toLocaleString("en")} articles` : ""}`
    + `${app.meta?.date_min ? ` · ${app.meta.date_min} – ${app.meta.date_max}` : ""}`;
}

async function refreshMap(signal) {
  const pointsQuery = toQuery(app.filters, ["bbox"]);
  const countsQuery = toQuery(app.filters, ["bbox", "country"]);
  const [points, forCounts] = await Promise.all([
    allEvents(pointsQuery, { signal }),
    pointsQuery === countsQuery ? null : allEvents(countsQuery, { signal }),
  ]);
  const counts = new Map();
  for (const e of (forCounts || points).events) {
    const c = e.place?.country;
    if (c) counts.set(c, (counts.get(c) || 0) + 1);
  }
  map.setCounts(counts, app.filters.country);
  map.setEvents(points.events);
  map.showBbox(app.filters.bbox);
}

async function refreshTimeline(signal) {
  const interval = $("#f-interval").value || autoInterval(app.meta?.date_min, app.meta?.date_max);
  const data = await getJSON(`/api/timeline?${toQuery(app.filters, ["start", "end"], { interval, split: "type" })}`, { signal });
  timeline.set(data, { start: app.filters.start, end: app.filters.end });
  $("#type-legend").replaceChildren(...sortTypes(data.keys).map((k) => el("li", {},
    el("button", {
      type: "button", class: `type-toggle${app.filters.type === k ? " on" : ""}`, "aria-pressed": String(app.filters.type === k),
      "aria-label": `Filter by type ${k}`, onclick: () => patchFilters({ type: app.filters.type === k ? "" : k }),
    }, el("span", { class: "swatch", style: `background:${typeColor(k)}` }), k))));
}

async function refreshNetwork(signal) {
  const data = await getJSON(`/api/network?${toQuery(app.filters, ["actor"], { limit: 300 })}`, { signal });
  for (const n of data.nodes) if (!app.actors.has(n.id)) app.actors.set(n.id, { id: n.id, name: n.name, country: n.country, events: n.events });
  network.set(data, app.filters.actor);
}

function refreshAll() {
  if (app.controller) app.controller.abort();
  const controller = new AbortController();
  app.controller = controller;
  $("#error").hidden = true;
  renderChips();
  renderDownloads();
  document.body.classList.add("loading");
  const jobs = [refreshTable, refreshMap, refreshTimeline, refreshNetwork].map((job) => job(controller.signal).catch(showError));
  Promise.all(jobs).then(() => {
    if (app.controller === controller) {
      document.body.classList.remove("loading");
      document.body.dataset.ready = "true";
      // How many times every view has been redrawn: lets a script (or a test) wait for new data.
      document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
      renderChips(); // actor names learned from the network
    }
  });
}

// ---- evidence panel and article view (the URL's #hash) --------------------------------------

function hashParams() {
  return new URLSearchParams(window.location.hash.replace(/^#/, ""));
}

function goHash(hash) {
  const url = `${window.location.pathname}${window.location.search}${hash ? "#" + hash : ""}`;
  window.history.pushState(null, "", url);
  route();
}

function openEvent(id) {
  goHash(`event=${id}`);
}

async function route() {
  const h = hashParams();
  const article = h.get("article");
  const eventId = h.get("event");
  const articleView = $("#article-view");
  const dashboardParts = [$("#filters"), $(".active-bar"), $("#dashboard")];
  if (article) {
    $("#evidence").hidden = true;
    for (const p of dashboardParts) p.hidden = true;
    articleView.hidden = false;
    $("#article-back").setAttribute("href", eventId ? `#event=${eventId}` : "#");
    try {
      const a = await getJSON(`/api/articles/${encodeURIComponent(article)}`);
      renderArticle(articleView, a, { currentEvent: eventId, onEvent: (id) => openEvent(id) });
      $("#article-title").focus?.();
    } catch (err) { showError(err); }
    return;
  }
  articleView.hidden = true;
  for (const p of dashboardParts) p.hidden = false;
  map?.invalidate();
  if (eventId) {
    app.openEventId = Number(eventId);
    table?.select(app.openEventId);
    try {
      const e = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
      renderEvidence($("#evidence-body"), $("#evidence-title"), e, {
        articleHref: `#article=${encodeURIComponent(e.article_id || e.article?.id)}&event=${e.lead_mention_id ?? e.id}`,
        onActor: (id) => { closeEvidence(); patchFilters({ actor: id }); },
      });
      $("#evidence").hidden = false;
      $("#evidence-close").focus();
    } catch (err) { showError(err); }
  } else {
    app.openEventId = null;
    table?.select(null);
    $("#evidence").hidden = true;
  }
}

function closeEvidence() {
  const row = app.openEventId !== null ? document.querySelector(`#events-table tr[data-id="${app.openEventId}"]`) : null;
  if (window.location.hash) goHash("");
  row?.focus();
}

// ---- start ----------------------------------------------------------------------------------

async function init() {
  const [meta, countries, actors] = await Promise.all([
    getJSON("/api/meta"),
    getJSON("/static/data/countries.json"),
    getJSON("/api/actors?limit=1000"),
  ]);
  app.meta = meta;
  app.countries = countries;
  for (const a of actors.actors) app.actors.set(a.id, a);

  fillSelect($("#f-type"), sortTypes(meta.types || []));
  fillSelect($("#f-status"), meta.statuses || ["asserted", "hypothetical", "negated"]);
  const countryCodes = [...(meta.countries || [])].map((c) => (typeof c === "string" ? c : c.country || c.code)).filter(Boolean);
  fillSelect($("#f-country"), countryCodes.sort((a, b) => countryName(a).localeCompare(countryName(b))), (c) => `${countryName(c)} (${c})`);
  fillSelect($("#f-outlet"), [...(meta.outlets || [])].map((o) => (typeof o === "string" ? o : o.outlet || o.name)).filter(Boolean));
  $("#actor-options").replaceChildren(...actors.actors.map((a) => el("option", { value: a.id },
    `${a.name || a.id}${a.country ? " · " + a.country : ""}${a.sector ? " " + a.sector : ""} · ${a.events} events`)));

  map = new EventMap($("#map"), $("#map-legend"), {
    countries,
    onCountry: (a3) => patchFilters({ country: app.filters.country === a3 ? "" : a3 }),
    onEvent: (id) => openEvent(id),
  });
  timeline = new Timeline($("#timeline"), { onRange: (start, end) => patchFilters({ start, end }) });
  network = new Network($("#network"), { onActor: (id) => patchFilters({ actor: app.filters.actor === id ? "" : id }) });
  table = new EventTable($("#events-table"), $("#more"), $("#table-count"), {
    onEvent: (id) => openEvent(id),
    onMore: () => refreshTable(app.controller?.signal, { append: true }).catch(showError),
  });

  $("#filters").addEventListener("submit", async (e) => {
    e.preventDefault();
    try { setFilters(await readControls()); } catch (err) { showError(err); }
  });
  for (const id of ["#f-type", "#f-status", "#f-country", "#f-outlet", "#f-min_confidence", "#f-start", "#f-end", "#f-actor", "#f-q"]) {
    $(id).addEventListener("change", async () => {
      try {
        const next = await readControls();
        if (toQuery(next) !== toQuery(app.filters)) setFilters(next);
      } catch (err) { showError(err); }
    });
  }
  $("#reset").addEventListener("click", () => setFilters({}));
  $("#map-filter").addEventListener("click", () => patchFilters({ bbox: map.bounds() }));
  $("#f-interval").addEventListener("change", () => refreshTimeline(app.controller?.signal).catch(showError));
  $("#evidence-close").addEventListener("click", closeEvidence);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("#evidence").hidden) closeEvidence(); });
  window.addEventListener("popstate", () => {
    const f = readFilters();
    if (toQuery(f) !== toQuery(app.filters)) {
      app.filters = f;
      syncControls();
      refreshAll();
    }
    route();
  });

  await map.loadCountries("/static/vendor/world-atlas/countries-50m.json");
  syncControls();
  writeUrl(app.filters, { replace: true });
  refreshAll();
  route();
}

init().catch(showError);
