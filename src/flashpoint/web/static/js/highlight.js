// Renders a text with (possibly overlapping) spans as <mark> elements: the text is cut at every
// span boundary and each piece is wrapped in one <mark> carrying the classes of all spans that
// cover it, so nested and overlapping spans both stay visible.

export function renderMarked(container, text, spans, { classFor, titleFor, attrsFor } = {}) {
  container.replaceChildren();
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.start >= 0 && s.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      container.append(document.createTextNode(piece));
      continue;
    }
    const mark = document.createElement("mark");
    const classes = new Set(["span"]);
    for (const s of covering) for (const c of (classFor ? classFor(s) : [`k-${s.kind}`])) classes.add(c);
    mark.className = [...classes].join(" ");
    // Where a span was cut into pieces, say so: tests and screen readers see whole spans.
    mark.dataset.kinds = [...new Set(covering.map((s) => s.kind))].join(" ");
    const titles = covering.map((s) => (titleFor ? titleFor(s) : `${s.kind}${s.label ? ": " + s.label : ""}`)).filter(Boolean);
    if (titles.length) mark.title = [...new Set(titles)].join("\n");
    if (attrsFor) for (const s of covering) for (const [k, v] of Object.entries(attrsFor(s) || {})) mark.setAttribute(k, v);
    mark.textContent = piece;
    container.append(mark);
  }
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
