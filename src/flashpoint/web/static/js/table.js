// The event table: newest first, a page at a time; a row (click or Enter) opens its evidence.
import { typeColor } from "./colors.js";
import { el } from "./highlight.js";

export class EventTable {
  constructor(table, moreButton, countLabel, { onEvent, onMore }) {
    this.tbody = table.querySelector("tbody");
    this.more = moreButton;
    this.countLabel = countLabel;
    this.onEvent = onEvent;
    this.more.addEventListener("click", () => onMore());
    this.tbody.addEventListener("click", (e) => {
      const tr = e.target.closest("tr[data-id]");
      if (tr && !e.target.closest("a")) this.onEvent(Number(tr.dataset.id));
    });
    this.tbody.addEventListener("keydown", (e) => {
      const tr = e.target.closest("tr[data-id]");
      if (!tr) return;
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); this.onEvent(Number(tr.dataset.id)); }
      else if (e.key === "ArrowDown") { e.preventDefault(); tr.nextElementSibling?.focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); tr.previousElementSibling?.focus(); }
    });
  }

  set(page, { append = false } = {}) {
    if (!append) this.tbody.replaceChildren();
    for (const e of page.events) this.tbody.append(row(e));
    if (!this.tbody.children.length) {
      this.tbody.append(el("tr", { class: "empty" }, el("td", { colspan: 8 }, "No events match these filters.")));
    }
    const shown = this.tbody.querySelectorAll("tr[data-id]").length;
    this.countLabel.textContent = `${page.total.toLocaleString("en")} event${page.total === 1 ? "" : "s"}${shown < page.total ? `, ${shown} shown` : ""}`;
    this.more.hidden = !page.next_cursor;
  }

  select(id) {
    for (const tr of this.tbody.querySelectorAll("tr.selected")) tr.classList.remove("selected");
    if (id !== null && id !== undefined) this.tbody.querySelector(`tr[data-id="${id}"]`)?.classList.add("selected");
  }
}

function actorCell(a) {
  if (!a) return el("span", { class: "muted" }, "—");
  return el("span", { title: [a.id, a.country, a.sector].filter(Boolean).join(" · ") }, a.name || a.text || a.id);
}

// A fused event's reports: independent sources and articles, and a toll the sources dispute.
function reportsCell(e) {
  if (e.num_sources === undefined) return el("span", { class: "muted" }, "—");
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return el("span", { class: "reports", title: `${plural(e.num_mentions, "mention")}; ${e.corroboration.replace("_", " ")}` },
    `${plural(e.num_sources, "source")} · ${plural(e.num_articles, "article")}`,
    e.fatalities_contradicted ? el("span", { class: "toll-contradicted" }, " · toll contradicted") : null);
}

function row(e) {
  const s = e.sentence || {};
  const t = e.trigger || {};
  const sentence = el("span", { class: "sentence" });
  const text = s.text || "";
  const a = Number.isInteger(t.start) && Number.isInteger(s.start) ? t.start - s.start : -1;
  const b = Number.isInteger(t.end) && Number.isInteger(s.start) ? t.end - s.start : -1;
  if (a >= 0 && b > a && b <= text.length) sentence.append(text.slice(0, a), el("b", {}, text.slice(a, b)), text.slice(b));
  else sentence.append(text);
  const place = e.place ? [e.place.name || e.place.text, e.place.country].filter(Boolean).join(", ") : null;
  const label = `${e.type} event${e.date ? " on " + e.date.value : ""}: ${text.slice(0, 80)}`;
  return el("tr", { dataset: { id: e.id }, tabindex: 0, "aria-label": `${label}. Press Enter for its evidence` },
    el("td", { class: "c-date" }, e.date ? e.date.value : el("span", { class: "muted", title: "no date in the text; article published" }, e.article?.published ? `(${e.article.published})` : "—")),
    el("td", { class: "c-type" }, el("span", { class: "type-chip", style: `--c:${typeColor(e.type)}` }, e.type), e.mode ? el("span", { class: "mode" }, e.mode) : null),
    el("td", { class: "c-status" }, el("span", { class: `status status-${e.status}` }, e.status)),
    el("td", { class: "c-source" }, actorCell(e.source)),
    el("td", { class: "c-target" }, actorCell(e.target)),
    el("td", { class: "c-place" }, place || el("span", { class: "muted" }, "—")),
    el("td", { class: "c-reports" }, reportsCell(e)),
    el("td", { class: "c-sentence" }, sentence, e.article ? el("span", { class: "source-line" }, [e.article.outlet, e.article.title].filter(Boolean).join(" · ")) : null),
  );
}
