// The actor network: actors linked by the events between them (force layout); an edge is blue
// for cooperation, red for conflict, purple where both. Clicking an actor filters by it.
/* global d3 */
import { EDGE_COLORS } from "./colors.js";

const MAX_NODES = 60;

export class Network {
  constructor(container, { onActor }) {
    this.container = container;
    this.onActor = onActor;
    this.data = null;
    this.selected = null;
    this.lastWidth = 0;
    new ResizeObserver(() => {
      if (Math.abs(this.container.clientWidth - this.lastWidth) > 20) this.draw();
    }).observe(container);
  }

  set(data, selected) {
    this.data = data;
    this.selected = selected || null;
    this.draw();
  }

  draw() {
    if (this.sim) this.sim.stop();
    const root = d3.select(this.container);
    root.selectAll("*").remove();
    const data = this.data;
    if (!data) return;
    const width = this.container.clientWidth || 400;
    const height = this.container.clientHeight || 300;
    this.lastWidth = width;
    // Keep the busiest actors (and always the selected one) so the picture stays legible.
    const ranked = [...data.nodes].sort((a, b) => b.events - a.events || a.id.localeCompare(b.id));
    const keep = new Set(ranked.slice(0, MAX_NODES).map((n) => n.id));
    if (this.selected) keep.add(this.selected);
    const nodes = data.nodes.filter((n) => keep.has(n.id)).map((n) => ({ ...n }));
    const links = data.edges.filter((e) => keep.has(e.source) && keep.has(e.target) && e.source !== e.target).map((e) => ({ ...e }));
    const svg = root.append("svg").attr("width", width).attr("height", height)
      .attr("role", "group").attr("aria-label", `Actor network: ${nodes.length} actors, ${links.length} links`);
    if (!nodes.length) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
        .text("No events between two known actors");
      return;
    }
    const r = d3.scaleSqrt([1, d3.max(nodes, (n) => n.events) || 1], [4, 16]);
    const w = d3.scaleLinear([1, d3.max(links, (l) => l.count) || 1], [1.2, 5]);
    const candidates = ranked.filter((n) => keep.has(n.id)).slice(0, 24).map((n) => n.id);
    if (this.selected) candidates.unshift(this.selected);

    const link = svg.append("g").attr("class", "links").selectAll("line").data(links).join("line")
      .attr("class", (d) => `edge edge-${d.kind}`)
      .attr("stroke", (d) => EDGE_COLORS[d.kind] || "#999")
      .attr("stroke-width", (d) => w(d.count))
      .attr("stroke-opacity", (d) => (this.selected && d.source !== this.selected && d.target !== this.selected ? 0.15 : 0.7));
    link.append("title").text((d) => `${d.source} → ${d.target}: ${d.count} event${d.count === 1 ? "" : "s"} (${d.cooperation} cooperation, ${d.conflict} conflict)`);

    const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
      .attr("class", (d) => `node${d.id === this.selected ? " selected" : ""}`)
      .attr("data-id", (d) => d.id)
      .attr("tabindex", 0).attr("role", "button")
      .attr("aria-label", (d) => `${d.name || d.id}${d.country ? " (" + d.country + ")" : ""}: ${d.events} events. Filter by this actor`)
      .on("click", (event, d) => this.onActor(d.id))
      .on("keydown", (event, d) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); this.onActor(d.id); } });
    node.append("circle").attr("r", (d) => r(d.events));
    node.append("title").text((d) => `${d.name || d.id}${d.country ? " · " + d.country : ""} · ${d.events} events`);

    const pad = 18;
    this.sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((d) => d.id).distance(50).strength(0.6))
      .force("charge", d3.forceManyBody().strength(width < 500 ? -70 : -150))
      .force("x", d3.forceX(width / 2).strength(0.07))
      .force("y", d3.forceY(height / 2).strength(0.1))
      .force("collide", d3.forceCollide((d) => r(d.events) + 2))
      .stop();
    // Lay out at once (no animation): the picture is stable and ready to click.
    for (let i = 0; i < 220; i++) this.sim.tick();
    // Fit the laid-out graph into the box (scale, never clip), leaving room for labels.
    const xs = d3.extent(nodes, (d) => d.x);
    const ys = d3.extent(nodes, (d) => d.y);
    const k = Math.min(1.6, (width - 2 * pad) / Math.max(1, xs[1] - xs[0]), (height - 2 * pad) / Math.max(1, ys[1] - ys[0]));
    const ox = (width - k * (xs[1] - xs[0])) / 2;
    const oy = (height - k * (ys[1] - ys[0])) / 2;
    const cx = (d) => ox + k * (d.x - xs[0]);
    const cy = (d) => oy + k * (d.y - ys[0]);
    link.attr("x1", (d) => cx(d.source)).attr("y1", (d) => cy(d.source)).attr("x2", (d) => cx(d.target)).attr("y2", (d) => cy(d.target));
    node.attr("transform", (d) => `translate(${cx(d)},${cy(d)})`);
    // Label the busiest actors (the selected one first) where a label does not cover another.
    const placed = [];
    const byId = new Map(nodes.map((d) => [d.id, d]));
    const labelled = new Set();
    for (const id of candidates) {
      const d = byId.get(id);
      if (!d || labelled.has(id)) continue;
      const text = shorten(d.name || d.id);
      // A generous width per character (capitals are wide): a label must fit inside the box.
      const w = text.length * 7 + 4;
      const right = cx(d) + r(d.events) + 3;
      const leftX = cx(d) - r(d.events) - 3 - w;
      let left;
      if (right + w <= width - 2) left = false;
      else if (leftX >= 2) left = true;
      else continue;  // no side has room: the node's title still names it
      const x0 = left ? leftX : right;
      const box = [x0, cy(d) - 8, x0 + w, cy(d) + 6];
      if (placed.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      placed.push(box);
      labelled.add(id);
      d.label = { text, left };
    }
    // Labels in a layer of their own, above every node and edge.
    svg.append("g").attr("class", "labels").attr("aria-hidden", "true")
      .selectAll("text").data(nodes.filter((d) => labelled.has(d.id))).join("text").attr("class", "node-label")
      .attr("transform", (d) => `translate(${cx(d)},${cy(d)})`)
      .attr("y", 4).text((d) => d.label.text)
      .attr("text-anchor", (d) => (d.label.left ? "end" : "start"))
      .attr("x", (d) => (d.label.left ? -(r(d.events) + 3) : r(d.events) + 3));
  }
}

function shorten(s) {
  return s.length > 22 ? s.slice(0, 21) + "…" : s;
}
