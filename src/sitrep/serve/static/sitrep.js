// sitrep dashboard: filters in the URL, an SVG map and timeline, tables, and the claims of an event with their
// evidence highlighted in the article. Talks only to the server it came from.
"use strict";

const FIELDS = ["since", "until", "type", "actor", "side", "outlet", "place", "text"];
let COLORS = {};  // event type -> colour, in the order of /api/types (data/event_types.tsv)
let typesLoaded = null;
const SIDE_COLORS = {RU: "#c0392b", UA: "#2471a3"};
const SVG = "http://www.w3.org/2000/svg";
let outlines = null;
let selected = null;

function params() { return new URLSearchParams(location.search); }

function filterQuery(extra = {}, without = []) {
  const q = new URLSearchParams();
  for (const f of FIELDS) {
    const v = params().get(f);
    if (v && !without.includes(f)) q.set(f, v);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

async function api(path, query = "") {
  const response = await fetch(`/api/${path}${query ? "?" + query : ""}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function el(tag, attrs = {}, text = "") {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "style") node.style.cssText = v;  // through the CSSOM: the page's policy allows no style attributes
    else node.setAttribute(k, v);
  }
  if (text) node.textContent = text;
  return node;
}

function table(id, rows, columns, onClick) {
  const t = document.getElementById(id);
  t.replaceChildren();
  const head = el("tr");
  for (const [, label] of columns) head.appendChild(el("th", {}, label));
  t.appendChild(head);
  for (const row of rows) {
    const tr = el("tr", onClick ? {class: "clickable", "data-id": row.id ?? ""} : {});
    for (const [key] of columns) {
      const value = row[key] ?? "";
      const td = el("td", key === "status" ? {class: `status-${value}`} : {}, String(value));
      tr.appendChild(td);
    }
    if (onClick) tr.addEventListener("click", () => onClick(row));
    t.appendChild(tr);
  }
}

// The event types come from the server (the one list of them is the package's data/event_types.tsv): their
// colours for the map, legend and timeline, and the options of the type filter, once per page.
async function loadTypes(select) {
  const types = await api("types");
  COLORS = Object.fromEntries(types.map(t => [t.type, t.colour]));
  select.append(...types.map(t => el("option", {}, t.type)));
}

// --- map -------------------------------------------------------------------------------------------------

function projection(svg) {
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const f of outlines.features) {
    for (const ring of rings(f.geometry)) {
      for (const [x, y] of ring) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
  }
  const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
  const width = svg.clientWidth || 800, height = svg.clientHeight || 480;
  const scale = Math.min(width / ((x1 - x0) * k), height / (y1 - y0)) * 0.96;
  const dx = (width - (x1 - x0) * k * scale) / 2, dy = (height - (y1 - y0) * scale) / 2;
  return ([lon, lat]) => [dx + (lon - x0) * k * scale, dy + (y1 - lat) * scale];
}

function rings(geometry) {
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  return [];
}

function drawMap(events, places) {
  const svg = document.getElementById("map");
  svg.replaceChildren();
  const project = projection(svg);
  for (const f of outlines.features) {
    const d = rings(f.geometry).map(r => "M" + r.map(p => project(p).map(n => n.toFixed(1)).join(",")).join("L") + "Z").join("");
    const path = el("svg:path", {d, class: "oblast", "data-iso": f.properties.iso});
    path.appendChild(el("svg:title", {}, f.properties.name));
    svg.appendChild(path);
  }
  for (const p of places) {
    if (p.lat == null || !p.control || p.precision !== "settlement") continue;
    const [x, y] = project([p.lon, p.lat]);
    const rect = el("svg:rect", {x: x - 3, y: y - 3, width: 6, height: 6, class: "control",
                                 fill: SIDE_COLORS[p.control] || "#999"});
    rect.appendChild(el("svg:title", {}, `${p.place}: held by ${p.control} per ${p.control_claimant || "?"} (${p.control_date || "undated"})`));
    svg.appendChild(rect);
  }
  for (const e of events) {
    if (e.lat == null) continue;
    const [x, y] = project([e.lon, e.lat]);
    const c = el("svg:circle", {cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + 2.5 * Math.sqrt(e.sources)).toFixed(1),
                                fill: COLORS[e.type] || "#555", class: "event", "data-id": e.id, "data-type": e.type});
    c.appendChild(el("svg:title", {}, `${e.type} at ${e.place} (${e.date_start || "undated"}), ${e.sources} source(s)`));
    c.addEventListener("click", () => showEvent(e.id));
    svg.appendChild(c);
  }
  const legend = document.getElementById("legend");
  legend.replaceChildren();
  for (const [type, color] of Object.entries(COLORS)) {
    const item = el("span", {style: `color:${color};margin-right:1em`}, `● ${type}`);
    legend.appendChild(item);
  }
  legend.appendChild(el("span", {}, "  ■ latest control claim (red RU, blue UA); marker size: independent sources"));
}

// --- timeline ----------------------------------------------------------------------------------------------

async function drawTimeline() {
  const data = await api("timeline", filterQuery({}, ["since", "until"]));
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  if (!data.days.length) return;
  const day = s => Date.parse(s + "T00:00:00Z") / 86400000;
  const first = day(data.days[0].date), last = day(data.days[data.days.length - 1].date) + 1;
  const width = svg.clientWidth || 800, height = svg.clientHeight || 120;
  const x = d => 10 + (d - first) / Math.max(1, last - first) * (width - 20);
  const perDay = {};
  for (const d of data.days) perDay[d.date] = (perDay[d.date] || 0) + d.events;
  const top = Math.max(...Object.values(perDay));
  const stacked = {};
  for (const d of data.days) {
    const below = stacked[d.date] || 0;
    const h = d.events / top * (height - 25);
    const bar = el("svg:rect", {x: x(day(d.date)).toFixed(1), width: Math.max(2, (width - 20) / (last - first) - 1).toFixed(1),
                                y: (height - 15 - below - h).toFixed(1), height: h.toFixed(1), fill: COLORS[d.type],
                                class: "day", "data-date": d.date, "data-type": d.type});
    bar.appendChild(el("svg:title", {}, `${d.date}: ${d.events} ${d.type}`));
    svg.appendChild(bar);
    stacked[d.date] = below + h;
  }
  const label = (d, anchor) => svg.appendChild(el("svg:text", {x: x(day(d)), y: height - 2, "font-size": 10,
                                                               "text-anchor": anchor}, d));
  label(data.days[0].date, "start");
  label(data.days[data.days.length - 1].date, "end");
  const since = params().get("since"), until = params().get("until");
  if (since || until) {
    const a = x(since ? day(since) : first), b = x(until ? day(until) + 1 : last);
    svg.appendChild(el("svg:rect", {x: a, y: 0, width: Math.max(1, b - a), height: height - 15, class: "brush"}));
  }
  const toDate = px => new Date((first + (px - 10) / (width - 20) * (last - first)) * 86400000).toISOString().slice(0, 10);
  let start = null;
  svg.onmousedown = ev => { start = ev.offsetX; };
  svg.onmouseup = ev => {
    if (start === null) return;
    const [a, b] = [Math.min(start, ev.offsetX), Math.max(start, ev.offsetX)];
    start = null;
    if (b - a < 3) return;
    setFilters({since: toDate(a), until: toDate(b)});
  };
}

// --- events ------------------------------------------------------------------------------------------------

async function showEvents() {
  const [events, places] = await Promise.all([api("events", filterQuery({limit: 1000})),
                                              api("places", filterQuery({limit: 1000}))]);
  drawMap(events.items, places.items);
  await drawTimeline();
  table("events-table", events.items, [["date_start", "Date"], ["type", "Type"], ["actor", "Actor"],
        ["place", "Place"], ["admin1", "Oblast"], ["status", "Status"], ["sources", "Sources"],
        ["claimants", "Claimed by"]], row => showEvent(row.id));
  document.getElementById("events-table").dataset.count = events.total;
}

async function showEvent(id) {
  selected = id;
  for (const c of document.querySelectorAll("#map circle.event")) c.classList.toggle("selected", c.dataset.id == id);
  const detail = await api(`events/${id}`);
  const panel = document.getElementById("event-panel");
  panel.replaceChildren();
  const e = detail.event;
  panel.appendChild(el("h2", {}, `${e.type} · ${e.place || "no place"} · ${e.date_start || "undated"}`));
  panel.appendChild(el("p", {class: `status-${e.status}`},
    `${e.status}: ${e.claims} claim(s), ${e.sources} independent source(s), ${e.outlets} outlet(s)`));
  for (const claim of detail.claims) {
    const box = el("div", {class: "claim"});
    box.appendChild(el("p", {}, `${claim.claimant || (claim.outlet || "outlet") + ", own voice"} ` +
      `(${claim.claimant_side || "?"}, ${claim.certainty}) · ${claim.outlet || "?"} ${claim.published || ""}`));
    const doc = await api(`documents/${claim.document_id}`);
    const text = el("div", {class: "text"});
    const [s, t] = [claim.start ?? -1, claim.end ?? -1];
    if (s >= 0 && t > s && doc.text.slice(s, t) === claim.evidence) {
      text.append(doc.text.slice(Math.max(0, s - 300), s));
      text.appendChild(el("mark", {class: "evidence"}, doc.text.slice(s, t)));
      text.append(doc.text.slice(t, t + 300));
    } else {
      text.appendChild(el("mark", {class: "evidence"}, claim.evidence));
    }
    box.appendChild(text);
    panel.appendChild(box);
  }
  panel.querySelector("mark.evidence")?.scrollIntoView({block: "nearest"});
}

// --- other views -------------------------------------------------------------------------------------------

async function showPlaces() {
  const places = await api("places", filterQuery({limit: 1000}));
  table("places-table", places.items, [["place", "Place"], ["admin1", "Oblast"], ["events", "Events"],
        ["claims", "Claims"], ["control", "Held by"], ["control_date", "Since"], ["control_claimant", "By whose account"]],
        async row => {
          const ledger = await api("control", filterQuery({name: row.place, limit: 1000}, ["place"]));
          const box = document.getElementById("place-ledger");
          box.replaceChildren(el("h2", {}, `Control ledger: ${row.place}`), el("table", {id: "ledger-table"}));
          table("ledger-table", ledger.items, [["date", "Date"], ["published", "Reported"], ["type", "Type"],
                ["side", "Side"], ["claimant", "Claimant"], ["certainty", "Certainty"], ["outlet", "Outlet"],
                ["evidence", "Evidence"]]);
        });
}

async function showGains() {
  const gains = await api("gains", filterQuery({limit: 1000}));
  table("gains-table", gains.items, [["counter", "Counter"], ["period_start", "From"], ["period_end", "To"],
        ["value", "Value"], ["unit", "Unit"], ["reports", "Reports"], ["outlets", "Outlets"]]);
  const svg = document.getElementById("gains-chart");
  svg.replaceChildren();
  const rows = gains.items.filter(r => r.period_start && r.unit === "km2");
  if (!rows.length) return;
  const width = svg.clientWidth || 800, height = svg.clientHeight || 260;
  const periods = [...new Set(rows.map(r => r.period_start))].sort();
  const counters = [...new Set(rows.map(r => r.counter))];
  const top = Math.max(...rows.map(r => r.value));
  const band = (width - 60) / periods.length, bar = band / (counters.length + 1);
  rows.forEach(r => {
    const i = periods.indexOf(r.period_start), j = counters.indexOf(r.counter);
    const h = r.value / top * (height - 40);
    const rect = el("svg:rect", {x: 50 + i * band + j * bar, y: height - 20 - h, width: bar - 1, height: h,
                                 fill: `hsl(${j * 67 % 360},55%,50%)`});
    rect.appendChild(el("svg:title", {}, `${r.counter}, ${r.period_start}..${r.period_end}: ${r.value} ${r.unit}`));
    svg.appendChild(rect);
  });
  periods.forEach((p, i) => svg.appendChild(el("svg:text", {x: 50 + i * band, y: height - 5, "font-size": 10}, p)));
  counters.forEach((c, j) => svg.appendChild(el("svg:text", {x: 55, y: 14 + j * 13, "font-size": 11,
                                                             fill: `hsl(${j * 67 % 360},55%,40%)`}, `■ ${c}`)));
}

async function showList(name, columns) {
  const data = await api(name, filterQuery({limit: 1000}));
  table(`${name}-table`, data.items, columns);
}

const VIEWS = {
  events: showEvents,
  places: showPlaces,
  gains: showGains,
  talks: () => showList("talks", [["date", "Date"], ["type", "Type"], ["place", "Place"], ["parties", "Parties"],
                                   ["what", "What"], ["sources", "Sources"], ["claimants", "By whose account"]]),
  sources: () => showList("sources", [["outlet", "Outlet"], ["documents", "Documents"], ["slant", "Slant"],
                                       ["label", "Label"], ["claims", "Claims"], ["own_voice_share", "Own voice"],
                                       ["relies_on", "Relies on"]]),
  contradictions: () => showList("contradictions", [["kind", "Kind"], ["what", "What"], ["a_outlet", "Source A"],
                                                     ["a_date", "Date A"], ["b_outlet", "Source B"], ["b_date", "Date B"]]),
};

function currentView() { return (location.hash || "#events").slice(1) in VIEWS ? (location.hash || "#events").slice(1) : "events"; }

function setFilters(changes) {
  const q = params();
  for (const [k, v] of Object.entries(changes)) { if (v) q.set(k, v); else q.delete(k); }
  history.pushState(null, "", `?${q.toString()}${location.hash}`);
  render();
}

async function render() {
  const view = currentView();
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.view === view);
  for (const s of document.querySelectorAll(".view")) s.classList.toggle("active", s.id === `view-${view}`);
  const form = document.getElementById("filters");
  document.body.dataset.loading = "1";
  try {
    typesLoaded = typesLoaded || loadTypes(form.elements.type).catch(err => { typesLoaded = null; throw err; });
    await typesLoaded;
    for (const f of FIELDS) form.elements[f].value = params().get(f) || "";
    outlines = outlines || await api("outlines");
    await VIEWS[view]();
  } finally {
    delete document.body.dataset.loading;
  }
}

document.getElementById("filters").addEventListener("submit", ev => {
  ev.preventDefault();
  const form = ev.target;
  setFilters(Object.fromEntries(FIELDS.map(f => [f, form.elements[f].value.trim()])));
});
document.getElementById("reset").addEventListener("click", () => setFilters(Object.fromEntries(FIELDS.map(f => [f, ""]))));
window.addEventListener("popstate", render);
window.addEventListener("hashchange", render);
render();
