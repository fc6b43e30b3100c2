// The map: country polygons from world-atlas (no tile server) shaded by event counts, and the
// events as points coloured by type, clustered (each cluster a ring of its types' shares).
/* global L, topojson, d3 */
import { typeColor } from "./colors.js";
import { el } from "./highlight.js";

export class EventMap {
  constructor(container, legend, { countries, onCountry, onEvent }) {
    this.legend = legend;
    this.countries = countries; // alpha-3 -> {numeric, name}
    this.byNumeric = new Map(Object.entries(countries).map(([a3, c]) => [c.numeric, a3]));
    this.onCountry = onCountry;
    this.onEvent = onEvent;
    this.counts = new Map();
    this.selectedCountry = null;
    this.fitted = false;
    this.map = L.map(container, {
      worldCopyJump: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.25,
      attributionControl: true, preferCanvas: false,
    }).setView([15, 20], 2);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Countries: Natural Earth via world-atlas");
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 40, animate: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: (c) => this.clusterIcon(c),
    });
    this.bboxLayer = L.layerGroup();
  }

  async loadCountries(url) {
    const topo = await (await fetch(url)).json();
    const geo = topojson.feature(topo, topo.objects.countries);
    for (const f of geo.features) unwrapAntimeridian(f.geometry);
    this.countryLayer = L.geoJSON(geo, {
      style: (f) => this.countryStyle(f),
      onEachFeature: (f, layer) => {
        const a3 = this.byNumeric.get(f.id);
        layer.on("click", () => { if (a3) this.onCountry(a3); });
        layer.bindTooltip(() => {
          const n = a3 ? this.counts.get(a3) || 0 : 0;
          return `${f.properties.name}: ${n} event${n === 1 ? "" : "s"}`;
        }, { sticky: true });
        if (a3 && layer.getElement) layer.once("add", () => layer.getElement()?.setAttribute("data-country", a3));
      },
    }).addTo(this.map);
    this.cluster.addTo(this.map);
    this.bboxLayer.addTo(this.map);
  }

  countryStyle(f) {
    const a3 = this.byNumeric.get(f.id);
    const n = a3 ? this.counts.get(a3) || 0 : 0;
    const selected = a3 && a3 === this.selectedCountry;
    return {
      fillColor: n ? this.scale(n) : "#f4f1ea",
      fillOpacity: 1,
      color: selected ? "#111" : "#b9b2a4",
      weight: selected ? 2.5 : 0.6,
    };
  }

  // counts: alpha-3 -> events (with every filter but country and map box).
  setCounts(counts, selectedCountry) {
    this.counts = counts;
    this.selectedCountry = selectedCountry || null;
    const max = Math.max(1, ...counts.values());
    this.scale = d3.scaleSequentialLog([1, Math.max(2, max)], (t) => d3.interpolateOrRd(0.12 + 0.78 * t));
    if (this.countryLayer) {
      this.countryLayer.setStyle((f) => this.countryStyle(f));
      this.countryLayer.eachLayer((layer) => {
        const a3 = this.byNumeric.get(layer.feature.id);
        const path = layer.getElement && layer.getElement();
        if (path && a3) {
          path.setAttribute("data-country", a3);
          path.classList.toggle("country-selected", a3 === this.selectedCountry);
          path.classList.toggle("country-has-events", (counts.get(a3) || 0) > 0);
        }
      });
    }
    this.drawLegend(max);
  }

  drawLegend(max) {
    const steps = [1, Math.round(Math.sqrt(max)), max].filter((v, i, a) => a.indexOf(v) === i);
    this.legend.replaceChildren(
      el("span", { class: "legend-title" }, "events per country:"),
      ...steps.map((v) => el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background:${this.scale(v)}` }), String(v))),
    );
  }

  setEvents(events) {
    this.cluster.clearLayers();
    const markers = [];
    for (const e of events) {
      const p = e.place;
      if (!p || p.lat === null || p.lat === undefined || p.lon === null || p.lon === undefined) continue;
      const m = L.circleMarker([p.lat, p.lon], {
        radius: 7, color: "#fff", weight: 1.5, fillColor: typeColor(e.type), fillOpacity: 0.95,
        className: `event-point type-${e.type}`,
      });
      m.eventType = e.type;
      m.bindTooltip(`${e.type}${e.status !== "asserted" ? ` (${e.status})` : ""} · ${p.name || p.text}${e.date ? " · " + e.date.value : ""}`);
      m.on("click", () => this.onEvent(e.id));
      markers.push(m);
    }
    this.cluster.addLayers(markers);
    this.pointCount = markers.length;
    if (!this.fitted && markers.length) {
      this.fitted = true;
      const b = L.latLngBounds(markers.map((m) => m.getLatLng()));
      this.map.fitBounds(b.pad(0.15), { maxZoom: 5, animate: false });
    }
  }

  clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const byType = d3.rollups(children, (v) => v.length, (m) => m.eventType).sort((a, b) => b[1] - a[1]);
    let acc = 0;
    const stops = byType.map(([t, n]) => {
      const from = (acc / children.length) * 360;
      acc += n;
      return `${typeColor(t)} ${from}deg ${(acc / children.length) * 360}deg`;
    });
    const n = children.length;
    const size = n < 10 ? 30 : n < 50 ? 38 : 46;
    return L.divIcon({
      html: `<div class="cluster-ring" style="background:conic-gradient(${stops.join(",")})"><span>${n}</span></div>`,
      className: "event-cluster",
      iconSize: L.point(size, size),
    });
  }

  bounds() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const r = (v) => Math.round(v * 1000) / 1000;
    return [r(clamp(b.getWest(), -180, 180)), r(clamp(b.getSouth(), -90, 90)), r(clamp(b.getEast(), -180, 180)), r(clamp(b.getNorth(), -90, 90))].join(",");
  }

  showBbox(bbox) {
    this.bboxLayer.clearLayers();
    if (!bbox) return;
    const [w, s, e, n] = bbox.split(",").map(Number);
    if ([w, s, e, n].some(Number.isNaN)) return;
    L.rectangle([[s, w], [n, e]], { color: "#333", weight: 1.5, dashArray: "5 4", fill: false, interactive: false }).addTo(this.bboxLayer);
  }

  invalidate() { this.map.invalidateSize(); }
}

// Rings that cross the 180th meridian (Russia's Chukotka, Fiji, Alaska's Aleutians) would be drawn
// as bands across the whole map in Leaflet's flat projection: move their western part past 180°.
// Antarctica's ring legitimately runs round the globe and is left alone.
function unwrapAntimeridian(geometry) {
  if (!geometry) return;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      if (ring.some(([, lat]) => lat < -60)) continue;
      let crosses = false;
      for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { crosses = true; break; }
      if (crosses) for (const point of ring) if (point[0] < 0) point[0] += 360;
    }
  }
}
