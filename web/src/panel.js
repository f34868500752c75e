// The event panel: what happened, every source with its sentence marked inside the
// article's text, and the conflicts that touch the event.
import { el, highlighted, safeUrl } from "./dom.js";

const MODALITY = { happened: "", planned: "planned", postponed: "postponed",
  cancelled: "cancelled", claimed: "claimed", denied: "denied", hypothetical: "hypothetical" };

function facts(event) {
  const kind = event.mode ? `${event.type}/${event.mode}` : event.type;
  const parts = [kind];
  if (event.modality && event.modality !== "happened") {
    parts.push(MODALITY[event.modality] || event.modality);
  }
  if (event.actors.length || event.recipients.length) {
    const who = event.actors.join(", ") || "?";
    parts.push(event.recipients.length ? `${who} → ${event.recipients.join(", ")}` : who);
  }
  if (event.place) parts.push(`in ${event.place}`);
  if (event.killed !== null && event.killed !== undefined) parts.push(`killed ${event.killed}`);
  if (event.injured !== null && event.injured !== undefined) parts.push(`injured ${event.injured}`);
  return parts.join(" · ");
}

function sourceItem(source, article) {
  const url = safeUrl(source.url);
  const published = source.published
    ? `published ${source.published}${source.published_source === "inferred" ? " (inferred)" : ""}`
    : "publication date unknown";
  const meta = el("div", { className: "source-meta" },
    el("strong", { text: source.outlet || "unknown outlet" }), " · ", published,
    source.copy_of ? el("span", { className: "copy", text: ` · copy of ${source.copy_of}` }) : null,
    url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank",
      text: "original" })] : null);
  const item = el("li", { className: "source", dataset: { article: source.article } }, meta);
  if (article && typeof article.text === "string") {
    if (article.title) item.append(el("div", { className: "article-title", text: article.title }));
    const { box, mark } = highlighted(article.text, source.start, source.end);
    item.append(box);
    if (!mark) item.append(el("blockquote", { text: source.sentence }));
    return { item, box, mark };
  }
  item.append(el("blockquote", { text: source.sentence }),
    el("p", { className: "note", text: `article ${source.article} is not available` }));
  return { item, box: null, mark: null };
}

function conflictItem(conflict) {
  if (conflict.kind === "printed date") {
    return el("li", {}, el("strong", { text: "Printed date corrected: " }),
      `“${conflict.text}” reads ${conflict.printed}, taken as ${conflict.corrected}`,
      ` (article ${conflict.article_id})`,
      conflict.evidence && conflict.evidence.length
        ? el("div", { className: "note", text: `evidence: ${conflict.evidence.join("; ")}` })
        : null);
  }
  const values = (conflict.values || []).map((v) =>
    el("li", {}, el("strong", { text: String(v.value) }),
      ` — ${(v.articles || []).length} article(s): ${(v.articles || []).join(", ")}`));
  return el("li", {}, el("strong", { text: `Sources disagree on ${conflict.field}: ` }),
    `shown ${conflict.shown}`, el("div", { className: "note", text: `rule: ${conflict.rule}` }),
    el("ul", {}, values));
}

export async function showEvent(panel, source, id) {
  panel.replaceChildren(el("p", { className: "hint", text: "Loading…" }));
  panel.dataset.event = id;
  const event = await source.event(id);
  if (panel.dataset.event !== id) return; // another click came first
  if (!event) {
    panel.replaceChildren(el("p", { className: "note", text: `No event ${id}.` }));
    return;
  }
  const ids = [...new Set(event.sources.map((s) => s.article))];
  const articles = new Map(await Promise.all(ids.map(async (a) => {
    try {
      return [a, await source.article(a)];
    } catch {
      return [a, null];
    }
  })));
  if (panel.dataset.event !== id) return;
  const when = event.end_date ? `${event.date} – ${event.end_date}` : event.date;
  const list = el("ol", { className: "sources" });
  const marks = [];
  for (const s of event.sources) {
    const { item, box, mark } = sourceItem(s, articles.get(s.article));
    list.append(item);
    if (box && mark) marks.push([box, mark]);
  }
  const conflicts = event.conflicts || [];
  panel.replaceChildren(
    el("h2", { text: `${when} · ${facts(event)}` }),
    el("p", { className: "summary", text: event.summary }),
    el("h3", { text: `Sources (${event.sources.length})` }), list,
    el("h3", { text: `Conflicts (${conflicts.length})` }),
    conflicts.length ? el("ul", { className: "conflicts" }, conflicts.map(conflictItem))
      : el("p", { className: "note", text: "The sources agree." }));
  // Each article box scrolls to its marked sentence.
  for (const [box, mark] of marks) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 24);
}
