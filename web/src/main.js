// Dateline's web page: timeline, filters, event panel and map over one data source.
import "vis-timeline/styles/vis-timeline-graph2d.min.css";
import "leaflet/dist/leaflet.css";
import "./app.css";
import { openSource } from "./data.js";
import { fillChoices, passes, readFilters } from "./filters.js";
import { makeMap } from "./map.js";
import { showEvent } from "./panel.js";
import { makeTimeline } from "./timeline.js";

async function start() {
  const source = openSource(document);
  const status = document.getElementById("status");
  const panel = document.getElementById("panel");
  const form = document.getElementById("filters");
  let page;
  try {
    page = await source.page();
  } catch (error) {
    status.textContent = `Could not load the events: ${error.message}`;
    document.body.dataset.state = "failed";
    return;
  }
  if (page.title) {
    document.title = page.title;
    document.getElementById("title").textContent = page.title;
  }
  let timeline = null;
  let map = null;
  const select = (id) => {
    timeline.select(id);
    map.select(id);
    showEvent(panel, source, id).catch((error) => {
      panel.textContent = `Could not load event ${id}: ${error.message}`;
    });
  };
  timeline = makeTimeline(document.getElementById("timeline"), select);
  map = makeMap(document.getElementById("map"), select);
  fillChoices(form, page);
  const apply = () => {
    const f = readFilters(form);
    const shown = page.events.filter((e) => passes(e, f));
    timeline.show(shown);
    map.show(shown);
    const placed = shown.filter((e) => e.geo).length;
    status.textContent = `${shown.length} of ${page.events.length} events, ${placed} on the map`;
    document.body.dataset.shown = String(shown.length);
  };
  form.addEventListener("input", apply);
  form.addEventListener("reset", () => setTimeout(apply, 0));
  form.addEventListener("submit", (e) => e.preventDefault());
  apply();
  // Read by the browser tests (and handy in the console); the page itself never uses it.
  window.dateline = Object.freeze({ map: map.map, markers: map.markers, timeline: timeline.timeline });
  document.body.dataset.state = "ready";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
