// The timeline: events per day/week/month stacked by type; brushing across it sets the date range.
/* global d3 */
import { typeColor, sortTypes } from "./colors.js";

const DAY = 86400000;
const parseDay = d3.utcParse("%Y-%m-%d");
const fmtDay = d3.utcFormat("%Y-%m-%d");

function intervalOf(name) {
  return name === "day" ? d3.utcDay : name === "week" ? d3.utcMonday : d3.utcMonth;
}

export class Timeline {
  constructor(container, { onRange }) {
    this.container = container;
    this.onRange = onRange;
    this.data = null;
    this.range = null;
    new ResizeObserver(() => this.draw()).observe(container);
  }

  set(data, range) {
    this.data = data;
    this.range = range; // {start, end} strings or nulls
    this.draw();
  }

  draw() {
    const data = this.data;
    const root = d3.select(this.container);
    root.selectAll("*").remove();
    if (!data) return;
    const width = this.container.clientWidth || 600;
    const height = this.container.clientHeight || 160;
    const margin = { top: 8, right: 12, bottom: 22, left: 34 };
    const svg = root.append("svg").attr("width", width).attr("height", height)
      .attr("role", "img").attr("aria-label", `Events per ${data.interval}, stacked by ${data.split}`);
    const series = data.series.map((s) => ({ ...s, date: parseDay(s.period.slice(0, 10)) })).filter((s) => s.date);
    if (!series.length) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle").text("No dated events for these filters");
      return;
    }
    const interval = intervalOf(data.interval);
    const keys = data.split === "type" ? sortTypes(data.keys) : data.keys;
    const lo = d3.min(series, (s) => s.date);
    const hi = interval.offset(d3.max(series, (s) => s.date), 1);
    const x = d3.scaleUtc([lo, hi], [margin.left, width - margin.right]);
    const maxY = d3.max(series, (s) => d3.sum(Object.values(s.counts))) || 1;
    const y = d3.scaleLinear([0, maxY], [height - margin.bottom, margin.top]).nice();
    this.x = x;
    this.interval = interval;

    svg.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
    svg.append("g").attr("class", "axis y-axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(Math.max(2, Math.floor(height / 40))).tickFormat(d3.format("d")))
      .call((g) => g.select(".domain").remove());

    const bars = svg.append("g").attr("class", "bars");
    for (const s of series) {
      const x0 = x(s.date);
      const x1 = x(interval.offset(s.date, 1));
      const w = Math.max(1.5, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
      let acc = 0;
      for (const k of keys) {
        const n = s.counts[k] || 0;
        if (!n) continue;
        bars.append("rect").attr("class", `bar key-${k}`)
          .attr("x", x0).attr("width", w)
          .attr("y", y(acc + n)).attr("height", Math.max(0.5, y(acc) - y(acc + n)))
          .attr("fill", data.split === "type" ? typeColor(k) : null)
          .append("title").text(`${s.period.slice(0, 10)}: ${k} ${n}`);
        acc += n;
      }
    }

    const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (event) => {
        if (!event.sourceEvent) return; // moved by code, not by the user
        if (!event.selection) { this.onRange(null, null); return; }
        const [a, b] = event.selection.map(x.invert);
        const start = interval.floor(a);
        let end = interval.ceil(b);
        if (+end <= +start) end = interval.offset(start, 1);
        this.onRange(fmtDay(start), fmtDay(new Date(+end - DAY)));
      });
    const gBrush = svg.append("g").attr("class", "brush").call(brush);
    gBrush.select(".overlay").attr("aria-label", "Drag to select a date range");
    const r = this.range || {};
    if (r.start || r.end) {
      const a = r.start ? parseDay(r.start) : lo;
      const b = r.end ? new Date(+parseDay(r.end) + DAY) : hi;
      if (a && b) {
        const px = [Math.max(margin.left, x(a)), Math.min(width - margin.right, x(b))];
        if (px[1] > px[0]) gBrush.call(brush.move, px);
      }
    }
  }
}

function toDay(value) {
  let s = String(value || "").slice(0, 10);
  if (/^\d{4}$/.test(s)) s += "-01-01";
  else if (/^\d{4}-\d{2}$/.test(s)) s += "-01";
  return parseDay(s);
}

// The bar width that keeps the whole date range readable: months past two years, weeks past four months.
export function autoInterval(dateMin, dateMax) {
  const a = toDay(dateMin);
  const b = toDay(dateMax);
  if (!a || !b) return "month";
  const days = (b - a) / DAY;
  return days > 730 ? "month" : days > 120 ? "week" : "day";
}
