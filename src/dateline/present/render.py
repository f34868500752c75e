"""Timeline renderings: terminal table, Markdown, JSON and a self-contained HTML page."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from importlib import resources

from dateline.present.timeline import Entry

MODALITY_MARK = {"happened": "", "planned": " (planned)", "postponed": " (postponed)",
                 "cancelled": " (cancelled)", "claimed": " (claimed)", "denied": " (denied)",
                 "hypothetical": " (hypothetical)"}


def date_span(entry: Entry) -> str:
    return f"{entry.date}/{entry.end_date}" if entry.end_date else entry.date


def headline(entry: Entry) -> str:
    """TYPE/mode, modality, actors -> recipients, place, counts: one line of facts."""
    kind = f"{entry.type}/{entry.mode}" if entry.mode else entry.type
    parts = [kind + MODALITY_MARK.get(entry.modality, f" ({entry.modality})")]
    if entry.actors or entry.recipients:
        who = ", ".join(entry.actors) or "?"
        parts.append(who + (" -> " + ", ".join(entry.recipients) if entry.recipients else ""))
    if entry.place:
        parts.append(f"in {entry.place}")
    if entry.killed is not None:
        parts.append(f"killed {entry.killed}")
    if entry.injured is not None:
        parts.append(f"injured {entry.injured}")
    return "; ".join(parts)


def to_json(entries: Sequence[Entry]) -> str:
    return json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2)


def to_markdown(entries: Sequence[Entry], title: str = "Timeline") -> str:
    lines = [f"# {title}", ""]
    current = None
    for entry in entries:
        if entry.date != current:
            current = entry.date
            lines += [f"## {date_span(entry)}", ""]
        lines.append(f"- **{headline(entry)}** — {entry.summary.strip()}")
        for source in entry.sources:
            where = source.url or source.article
            lines.append(f"  - source: {source.outlet or '?'} ({where})")
        lines.append("")
    return "\n".join(lines)


def to_table(entries: Sequence[Entry]) -> object:
    """A rich Table of the timeline for the terminal."""
    from rich.table import Table

    table = Table(title="Dateline timeline", show_lines=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("what", ratio=2)
    table.add_column("summary", ratio=3)
    table.add_column("src", justify="right")
    for entry in entries:
        table.add_row(date_span(entry), headline(entry), entry.summary.strip(),
                      str(len(entry.sources)))
    return table


def to_html(entries: Sequence[Entry], title: str = "Dateline timeline") -> str:
    """One HTML file with inline style, no script and no outside resource: it opens
    anywhere, and article text (escaped everywhere) cannot run in it."""
    style = resources.files("dateline.present").joinpath("timeline.css").read_text("utf-8")
    items = "\n".join(_html_entry(e) for e in entries)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{html.escape(title)}</title><style>{style}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=\"count\">{len(entries)} events</p>"
        f"<ol class=\"timeline\">{items}</ol></body></html>\n"
    )


def _html_entry(entry: Entry) -> str:
    esc = html.escape
    sources = "".join(
        f"<li><span class=\"outlet\">{esc(s.outlet or s.article)}</span> "
        + (f"<a href=\"{esc(s.url)}\">{esc(s.url)}</a> " if s.url and _safe_url(s.url) else "")
        + (f"<span class=\"copy\">copy of {esc(s.copy_of)}</span> " if s.copy_of else "")
        + (f"<span class=\"copy\">published {esc(s.published or '?')}"
           f"{' (inferred)' if s.published_source == 'inferred' else ''}</span> ")
        + f"<q>{esc(s.sentence.strip())}</q> <span class=\"offsets\">"
        f"{esc(s.article)} [{s.start}:{s.end}]</span></li>"
        for s in entry.sources
    )
    return (
        f"<li class=\"event {esc(entry.modality)}\" id=\"{esc(entry.id)}\">"
        f"<time datetime=\"{esc(entry.date)}\">{esc(date_span(entry))}</time>"
        f"<div class=\"what\">{esc(headline(entry))}</div>"
        f"<p class=\"summary\">{esc(entry.summary.strip())}</p>"
        f"<details><summary>{len(entry.sources)} source(s)</summary><ul>{sources}</ul>"
        "</details></li>"
    )


def _safe_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
