// The zoomable timeline (vis-timeline); items are DOM elements built from text, never
// HTML strings, so vis-timeline's own HTML path is not used for store data.
// The esnext builds: the default "peer" builds carry core-js polyfills that no browser the
// page supports needs (app.js 877 KB -> 694 KB). Both must be esnext, so that vis-timeline
// and this file share one vis-data module.
import { DataSet } from "vis-data/esnext";
import { Timeline } from "vis-timeline/esnext";
import { el, token } from "./dom.js";

// "2026-02-15" -> that day; "2026-02" -> the month; "2026" -> the year: [start, end).
export function span(date, endDate) {
  const parts = date.split("-").map(Number);
  // Local midnight: vis-timeline draws its axis in local time.
  const start = new Date(parts[0], (parts[1] || 1) - 1, parts[2] || 1);
  let end;
  if (endDate) {
    end = span(endDate).end;
  } else if (parts.length === 1) {
    end = new Date(parts[0] + 1, 0, 1);
  } else if (parts.length === 2) {
    end = new Date(parts[0], parts[1], 1);
  } else {
    end = null; // one day: a point
  }
  return { start, end };
}

// The first view: from the 10th-percentile date to the last, so a few old events (a war's
// start in 2022 recalled in 2026 reports) do not squeeze the rest into one column.
export function view(events) {
  const starts = events.map((e) => span(e.date, e.end_date).start.getTime()).sort((a, b) => a - b);
  const ends = events.map((e) => {
    const { start, end } = span(e.date, e.end_date);
    return (end || start).getTime() + 86400000;
  });
  const first = starts[Math.floor(starts.length * 0.1)];
  const last = Math.max(...ends);
  const pad = Math.max((last - first) * 0.05, 86400000);
  return [new Date(first - pad), new Date(last + pad)];
}

function content(event) {
  const label = event.summary.length > 60 ? `${event.summary.slice(0, 57)}…` : event.summary;
  return el("span", { className: "item", dataset: { event: event.id, date: event.date } },
    el("b", { text: event.type }), " ", label);
}

export function makeTimeline(container, onSelect) {
  const items = new DataSet();
  const timeline = new Timeline(container, items, {
    stack: true, zoomKey: "", horizontalScroll: false, zoomMin: 1000 * 60 * 60 * 24,
    margin: { item: 4 }, orientation: "top", maxHeight: "100%",
    template: (item) => content(item.event),
  });
  timeline.on("select", ({ items: chosen }) => {
    if (chosen.length) onSelect(chosen[0]);
  });
  return {
    timeline,
    show(events) {
      items.clear();
      items.add(events.map((event) => {
        const { start, end } = span(event.date, event.end_date);
        const item = { id: event.id, event, start, type: end ? "range" : "box",
          className: `t-${token(event.type)} m-${token(event.modality)}` };
        if (end) item.end = end; // a key with no value breaks vis-timeline's focus()
        return item;
      }));
      if (events.length) timeline.setWindow(...view(events), { animation: false });
    },
    // Marks the item; brings it into view (same zoom) only when it is outside.
    select(id) {
      timeline.setSelection([id]);
      const item = items.get(id);
      const { start, end } = timeline.getWindow();
      if (item && (item.start < start || item.start > end)) {
        timeline.moveTo(item.start, { animation: false });
      }
    },
  };
}
