// The filters: type, story, date range and words, applied to the loaded events.
import { el } from "./dom.js";

export function readFilters(form) {
  const value = (name) => form.elements[name].value.trim();
  return { type: value("type"), story: value("story"), from: value("from"), to: value("to"),
    words: value("q").toLowerCase().split(/\s+/).filter(Boolean) };
}

function haystack(event) {
  return [event.summary, event.type, event.mode, event.place, ...event.actors,
    ...event.recipients, ...event.sources.map((s) => `${s.sentence} ${s.outlet || ""}`)]
    .join(" ").toLowerCase();
}

// Dates compare as ISO prefixes: "2026-02" is inside from=2026-02-01 .. to=2026-02-28.
export function passes(event, f) {
  if (f.type && event.type !== f.type) return false;
  if (f.story && event.story_id !== f.story) return false;
  const last = event.end_date || event.date;
  if (f.from && last < f.from.slice(0, last.length)) return false;
  if (f.to && event.date > f.to.slice(0, event.date.length)) return false;
  if (f.words.length) {
    const text = haystack(event);
    if (!f.words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export function fillChoices(form, page) {
  const types = [...new Set(page.events.map((e) => e.type))].sort();
  form.elements.type.append(...types.map((t) => el("option", { value: t, text: t })));
  const stories = page.stories.filter((s) => s.events > 0);
  form.elements.story.append(...stories.map((s) => el("option", { value: s.id,
    text: `${s.title || s.id} (${s.events} events)` })));
}
