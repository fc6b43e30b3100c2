// Thin client of the Flashpoint JSON API (/api/...).

export class ApiError extends Error {}

export async function getJSON(path, { signal } = {}) {
  const response = await fetch(path, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = "";
    try { detail = (await response.json()).detail; } catch { /* not JSON */ }
    throw new ApiError(`${path}: HTTP ${response.status}${detail ? ` (${typeof detail === "string" ? detail : JSON.stringify(detail)})` : ""}`);
  }
  return response.json();
}

// Every page of /api/events for a query, up to `max` events (for the map).
export async function allEvents(query, { signal, max = 5000, pageSize = 500 } = {}) {
  const events = [];
  let cursor = null;
  let total = 0;
  do {
    const params = new URLSearchParams(query);
    params.set("limit", String(pageSize));
    if (cursor) params.set("cursor", cursor);
    const page = await getJSON(`/api/events?${params}`, { signal });
    events.push(...page.events);
    total = page.total;
    cursor = page.next_cursor;
  } while (cursor && events.length < max);
  return { events, total };
}
