// The evidence panel (one event: its sentence with trigger, actors, place and date marked, its
// fields, a link to the article) and the article view (the whole text, every span marked).
import { typeColor } from "./colors.js";
import { el, renderMarked } from "./highlight.js";

const EVIDENCE_KINDS = [
  ["trigger", "trigger (what happened)"], ["source", "source actor"], ["target", "target actor"],
  ["place", "place"], ["date", "date"],
];
const ARTICLE_KINDS = [
  ["trigger", "event trigger"], ["actor", "actor"], ["place", "place"], ["date", "date"],
  ["quantity", "quantity"], ["quote", "quote"],
];

function legend(kinds, prefix) {
  return kinds.map(([k, text]) => el("li", {}, el("mark", { class: `span ${prefix}${k}` }, k), " ", text));
}

// The toll: the figure, its range across reports, and whether independent sources contradict it.
function tollField(e) {
  if (e.fatalities === null || e.fatalities === undefined) return null;
  const range = e.fatalities_range && e.fatalities_range[0] !== e.fatalities_range[1] ? ` (reports: ${e.fatalities_range[0]}–${e.fatalities_range[1]})` : "";
  return el("span", {}, `${e.fatalities}${range}`,
    e.fatalities_contradicted ? el("span", { class: "toll-contradicted", id: "toll-contradicted" }, " · contradicted by the sources") : null);
}

// Every report of the event side by side: outlet, date, its sentence with the trigger in bold.
function mentionList(e) {
  return el("ol", { class: "mentions", id: "evidence-mentions" }, ...e.mentions.map((m) => {
    const text = m.sentence || "";
    const at = m.trigger ? text.indexOf(m.trigger) : -1;
    const sentence = at >= 0 ? [text.slice(0, at), el("b", {}, m.trigger), text.slice(at + m.trigger.length)] : [text];
    return el("li", { class: m.near_duplicate_of ? "copy" : "", dataset: { mentionId: m.id } },
      el("span", { class: "mention-meta" }, [m.outlet || "unknown outlet", m.published, m.status, m.fatalities !== null && m.fatalities !== undefined ? `${m.fatalities} dead` : null,
        m.near_duplicate_of ? "syndicated copy" : null].filter(Boolean).join(" · "),
        m.url ? el("span", {}, " · ", el("a", { href: m.url, target: "_blank", rel: "noopener noreferrer" }, "original")) : null),
      ...sentence);
  }));
}

export function renderEvidence(body, title, e, { articleHref, onActor }) {
  title.textContent = `${e.type} event #${e.id}`;
  const sentence = el("blockquote", { class: "evidence-sentence", id: "evidence-sentence" });
  renderMarked(sentence, e.sentence?.text || "", e.sentence_spans || [], {
    classFor: (s) => [`hl-${s.kind}`],
    titleFor: (s) => `${s.kind}${s.label ? ": " + s.label : ""}`,
  });
  const actor = (a, role) => {
    if (!a) return null;
    return el("span", {},
      `${a.name || a.text || a.id}`,
      el("span", { class: "muted" }, ` ${[a.id, a.country, a.sector].filter(Boolean).join(" · ")}`),
      " ",
      el("button", { type: "button", class: "btn tiny", onclick: () => onActor(a.id), "aria-label": `Filter by ${role} ${a.name || a.id}` }, "filter"));
  };
  const p = e.place;
  const fields = [
    ["Type", el("span", {}, el("span", { class: "type-chip", style: `--c:${typeColor(e.type)}` }, e.type), e.cameo ? ` CAMEO ${e.cameo}` : "", e.mode ? ` · mode ${e.mode}` : "")],
    ["Status", el("span", { class: `status status-${e.status}` }, e.status)],
    ["Source", actor(e.source, "source")],
    ["Target", actor(e.target, "target")],
    ["Place", p ? `${p.name || p.text}${p.admin1 ? ", " + p.admin1 : ""}${p.country ? " (" + p.country + ")" : ""}${p.lat !== null && p.lat !== undefined ? ` · ${(+p.lat).toFixed(3)}, ${(+p.lon).toFixed(3)}` : ""}${p.geonameid ? ` · GeoNames ${p.geonameid}` : ""}` : null],
    ["Date", e.date ? `${e.date.value}${e.date.text ? ` (“${e.date.text}”)` : ""}` : null],
    ["Fatalities", tollField(e)],
    ["Reports", e.num_sources !== undefined ? `${e.num_sources} independent source${e.num_sources === 1 ? "" : "s"} · ${e.num_articles} article${e.num_articles === 1 ? "" : "s"} · ${e.num_mentions} mention${e.num_mentions === 1 ? "" : "s"} · ${e.corroboration.replace("_", " ")}` : null],
    ["Confidence", e.confidence !== null && e.confidence !== undefined ? (+e.confidence).toFixed(2) : null],
    ["Article", e.article ? el("span", {}, [e.article.title, e.article.outlet, e.article.published].filter(Boolean).join(" · "),
      e.article.url ? el("span", {}, " · ", el("a", { href: e.article.url, target: "_blank", rel: "noopener noreferrer" }, "original")) : null) : null],
  ];
  const dl = el("dl", { class: "fields" }, ...fields.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  body.replaceChildren(...[
    sentence,
    el("ul", { class: "legend span-legend", "aria-label": "Highlight colours" }, ...legend(EVIDENCE_KINDS, "hl-")),
    dl,
    el("p", {}, el("a", { class: "btn primary wrap", id: "article-link", href: articleHref }, "Open the article with every extracted span marked →")),
    e.mentions ? el("h3", {}, `Mentions (${e.mentions.length})`) : null,
    e.mentions ? mentionList(e) : null,
    (e.other_mentions && e.other_mentions.length)
      ? el("p", { class: "muted" }, `Also reported ${e.other_mentions.length} more time${e.other_mentions.length === 1 ? "" : "s"}.`) : null,
  ].filter(Boolean));
}

export function renderArticle(view, a, { currentEvent, onEvent }) {
  view.querySelector("#article-title").textContent = a.title || `Article ${a.id}`;
  const meta = view.querySelector("#article-meta");
  meta.replaceChildren(...[a.outlet, a.published, a.language, a.doc_id ? `doc ${a.doc_id}` : null].filter(Boolean).join(" · "),
    a.url ? el("span", {}, " · ", el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer" }, "original")) : "");
  view.querySelector("#article-legend").replaceChildren(...legend(ARTICLE_KINDS, "k-"));
  const text = view.querySelector("#article-text");
  renderMarked(text, a.text || "", a.spans || [], {
    classFor: (s) => [`k-${s.kind}`, ...(s.event_id !== undefined && s.event_id !== null && String(s.event_id) === String(currentEvent) ? ["current"] : [])],
    titleFor: (s) => `${s.kind}${s.label ? ": " + s.label : ""}${s.event_id !== undefined && s.event_id !== null ? ` (event #${s.event_id})` : ""}`,
    attrsFor: (s) => (s.event_id !== undefined && s.event_id !== null && s.kind === "trigger" ? { "data-event-id": s.event_id, tabindex: "0", role: "button" } : null),
  });
  text.onclick = (e) => { const m = e.target.closest("mark[data-event-id]"); if (m) onEvent(Number(m.dataset.eventId)); };
  text.onkeydown = (e) => {
    const m = e.target.closest("mark[data-event-id]");
    if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); onEvent(Number(m.dataset.eventId)); }
  };
  const current = text.querySelector("mark.current");
  if (current) current.scrollIntoView({ block: "center" });
}
