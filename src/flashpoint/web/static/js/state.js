// The filter state, kept in the URL's query string so that a view can be shared and restored.

export const FILTER_KEYS = ["actor", "type", "status", "country", "outlet", "start", "end", "q", "min_confidence", "background", "bbox"];

// A first visit (no filters in the URL) shows what happened: asserted events, not the history
// an article recalls (background events).
export const DEFAULT_FILTERS = { status: "asserted", background: "false" };

export function readFilters(search = window.location.search) {
  const params = new URLSearchParams(search);
  if (![...params.keys()].some((k) => FILTER_KEYS.includes(k))) return { ...DEFAULT_FILTERS };
  const f = {};
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key).flatMap((v) => (key === "type" ? v.split(",") : [v])).map((v) => v.trim()).filter(Boolean);
    if (values.length) f[key] = key === "type" ? values.join(",") : values[0];
  }
  return f;
}

// Query string for the API (and for the page URL): only non-empty filters, minus `omit`.
export function toQuery(filters, omit = [], extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (omit.includes(key)) continue;
    const v = filters[key];
    if (v !== undefined && v !== null && v !== "") params.set(key, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== "") params.set(k, v);
  return params.toString();
}

export function writeUrl(filters, { replace = false } = {}) {
  const qs = toQuery(filters);
  const url = `${window.location.pathname}${qs ? "?" + qs : ""}${window.location.hash}`;
  if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}

export function sameFilters(a, b) {
  return FILTER_KEYS.every((k) => (a[k] || "") === (b[k] || ""));
}
