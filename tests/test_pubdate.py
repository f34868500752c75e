"""Publication dates: parsing strings, URLs and datelines, and the precedence of sources."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dateline.ingest.pubdate import (
    date_from_dateline,
    date_from_string,
    date_from_url,
    resolve_pubdate,
)
from dateline.model import DateSource, FuzzyDate, Precision, PubDate

BODY = "Crews worked through the night to shore up the levee after three days of rain."


def _iso(found: FuzzyDate | None) -> str | None:
    return None if found is None else found.iso()


# --- strings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-07", "2025-03-07"),
        ("2025-03-07T23:15:00Z", "2025-03-07"),
        ("2025-03-07T23:15:00-05:00", "2025-03-07"),  # the publisher's own day, not UTC's
        ("2025-03-07 08:05", "2025-03-07"),
        ("2025/03/07", "2025-03-07"),
        ("20250307", "2025-03-07"),
        ("2025-03", "2025-03"),
        ("2025", "2025"),
        ("Mar 7, 2025", "2025-03-07"),
        ("March 7 2025", "2025-03-07"),
        ("Sept. 21st, 2024", "2024-09-21"),
        ("7 March 2025", "2025-03-07"),
        ("7th of March 2025", "2025-03-07"),
        ("Friday, March 7, 2025 at 6:40 p.m. EST", "2025-03-07"),
        ("March 2025", "2025-03"),
        ("Fri, 07 Mar 2025 18:40:00 GMT", "2025-03-07"),
        ("Fri, 07 Mar 2025 18:40:00 +0100", "2025-03-07"),
        ("  2025-03-07\n", "2025-03-07"),
    ],
)
def test_date_strings_are_read(value: str, expected: str) -> None:
    assert _iso(date_from_string(value)) == expected


def test_precision_follows_what_the_string_says() -> None:
    assert date_from_string("2025") == FuzzyDate(dt.date(2025, 1, 1), Precision.YEAR)
    assert date_from_string("2025-03") == FuzzyDate(dt.date(2025, 3, 1), Precision.MONTH)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "yesterday",
        "today",
        "n/a",
        "March 7",
        "7 March",
        "03/07/2025",
        "2025-02-30",
        "2025-13-01",
        "0001-01-01",
        "9999-12-31",
        "1970-01-01T00:00:00Z",
        "March 32, 2025",
        "Smarch 7, 2025",
        "2025 was a busy year for the river authority",
        "12345",
        "2025-03-07-08",
        "\x00\x01\x02",
        "🙂 2025 🙂",
        "Maybe 7, 2025",
        "March 7, 2025 and then some words after it",
        "x" * 10_000,
    ],
)
def test_garbage_strings_give_none(value: str) -> None:
    assert date_from_string(value) is None


def test_random_junk_never_raises() -> None:
    rng = random.Random(20250307)
    alphabet = "0123456789 -/:,.TZ+()abcdefgmnoprstuyJFMASOND\u00e9\u2014\n"
    for _ in range(3000):
        junk = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        found = date_from_string(junk)
        assert found is None or 1900 <= found.value.year <= 2100
        date_from_url(junk)
        date_from_dateline(junk, reference=dt.date(2025, 3, 7))


# --- URLs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://herald.example/2025/03/07/levee-holds/", "2025-03-07"),
        ("https://herald.example/news/2025-03-07-levee-holds", "2025-03-07"),
        ("https://herald.example/a/20250307/levee.html", "2025-03-07"),
        ("https://herald.example/world/2025/mar/07/levee", "2025-03-07"),
        ("https://herald.example/2025/03/levee-holds", "2025-03"),
        ("https://herald.example/2025/03/7712345/levee", "2025-03"),
        ("herald.example/2025/3/7/levee", "2025-03-07"),
    ],
)
def test_url_dates_are_read(url: str, expected: str) -> None:
    assert _iso(date_from_url(url)) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://herald.example/story/12345678",
        "https://herald.example/1985/03/07/archive",
        "https://herald.example/2150/03/07/future",
        "https://herald.example/2025/13/07/bad-month",
        "https://herald.example/img/2025x03x07.jpg",
        "https://herald.example/?date=2025-03-07",
        "http://[::1",
        "",
        "not a url at all",
    ],
)
def test_urls_without_a_plausible_date_give_none(url: str) -> None:
    assert date_from_url(url) is None


# --- datelines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        (f"VALLETTA, March 7, 2025 (AP) — {BODY}", "2025-03-07", "VALLETTA, March 7, 2025 (AP) —"),
        (
            f"LA PAZ, Bolivia, Mar 7, 2025 (Reuters) - {BODY}",
            "2025-03-07",
            "LA PAZ, Bolivia, Mar 7, 2025 (Reuters) -",
        ),
        (f"Mar. 7, 2025 — {BODY}", "2025-03-07", "Mar. 7, 2025 —"),
        (f"7 March 2025\n\n{BODY}", "2025-03-07", "7 March 2025"),
        (
            f"Published: March 7, 2025 | 6:40 PM\n{BODY}",
            "2025-03-07",
            "Published: March 7, 2025 | 6:40 PM",
        ),
        (
            f"Levee holds as river rises\n\nUpdated on 2025-03-07\n\n{BODY}",
            "2025-03-07",
            "Updated on 2025-03-07",
        ),
    ],
)
def test_datelines_with_a_year_are_read(text: str, expected: str, evidence: str) -> None:
    found = date_from_dateline(text)
    assert found is not None
    assert (found[0].iso(), found[1]) == (expected, evidence)


def test_yearless_wire_dateline_needs_a_reference() -> None:
    text = f"VALLETTA, Mar 7 (Reuters) - {BODY}"
    assert date_from_dateline(text) is None
    found = date_from_dateline(text, reference=dt.date(2025, 3, 8))
    assert found == (FuzzyDate(dt.date(2025, 3, 7), Precision.DAY), "VALLETTA, Mar 7 (Reuters) -")


def test_yearless_dateline_takes_the_year_closest_to_the_reference() -> None:
    found = date_from_dateline(f"OSLO, Dec 30 (Reuters) - {BODY}", reference=dt.date(2025, 1, 2))
    assert found is not None and found[0].iso() == "2024-12-30"
    found = date_from_dateline(
        f"OSLO, 2 January (Reuters) - {BODY}", reference=dt.date(2024, 12, 30)
    )
    assert found is not None and found[0].iso() == "2025-01-02"
    assert (
        date_from_dateline(f"OSLO, Feb 30 (Reuters) - {BODY}", reference=dt.date(2025, 1, 2))
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        f"{BODY} The river crested on March 7, 2025 — a day late.",
        f"In Valletta, March 7 was cold and wet. {BODY}",
        f"1991\n\n{BODY}",
        "x" * 400 + "\nVALLETTA, March 7, 2025 (AP) — late dateline",
        "",
    ],
)
def test_text_without_a_dateline_on_top_gives_none(text: str) -> None:
    assert date_from_dateline(text, reference=dt.date(2025, 3, 7)) is None


# --- resolving -----------------------------------------------------------------------------

URL = "https://herald.example/2025/03/06/levee"
DATELINE_TEXT = f"VALLETTA, March 5, 2025 (AP) — {BODY}"


def test_metadata_wins_over_everything() -> None:
    found = resolve_pubdate(
        metadata="2025-03-07T10:00:00Z", url=URL, text=DATELINE_TEXT, user="2025-03-04"
    )
    assert found == PubDate(
        FuzzyDate(dt.date(2025, 3, 7), Precision.DAY), DateSource.METADATA, "2025-03-07T10:00:00Z"
    )


def test_each_source_is_used_when_the_ones_above_are_missing_or_unreadable() -> None:
    found = resolve_pubdate(metadata="not a date", url=URL, text=DATELINE_TEXT, user="2025-03-04")
    assert (found.source, _iso(found.date), found.evidence) == (DateSource.URL, "2025-03-06", URL)
    found = resolve_pubdate(
        metadata=None, url="https://herald.example/levee", text=DATELINE_TEXT, user="2025-03-04"
    )
    assert (found.source, _iso(found.date)) == (DateSource.DATELINE, "2025-03-05")
    assert found.evidence == "VALLETTA, March 5, 2025 (AP) —"
    found = resolve_pubdate(metadata="", url=None, text=BODY, user="2025-03-04")
    assert (found.source, _iso(found.date), found.evidence) == (
        DateSource.USER,
        "2025-03-04",
        "2025-03-04",
    )


def test_no_source_gives_unknown_never_today() -> None:
    found = resolve_pubdate(metadata=None, url=None, text=BODY, user=None)
    assert found == PubDate(None, DateSource.UNKNOWN, "")
    found = resolve_pubdate(metadata="soon", url="https://herald.example/x", text="", user="")
    assert found.date is None and found.source is DateSource.UNKNOWN


def test_a_more_precise_source_that_agrees_refines_a_coarse_one() -> None:
    found = resolve_pubdate(metadata="2025-03", url=URL, text=BODY, user=None)
    assert (found.source, _iso(found.date)) == (DateSource.URL, "2025-03-06")


def test_a_more_precise_source_that_disagrees_is_ignored() -> None:
    found = resolve_pubdate(metadata="2024", url=URL, text=BODY, user=None)
    assert (found.source, _iso(found.date)) == (DateSource.METADATA, "2024")


def test_yearless_dateline_gets_its_year_from_a_known_date() -> None:
    text = f"OSLO, Mar 7 (Reuters) - {BODY}"
    found = resolve_pubdate(
        metadata=None, url="https://herald.example/2025/03/levee", text=text, user=None
    )
    assert (found.source, _iso(found.date)) == (DateSource.DATELINE, "2025-03-07")
    found = resolve_pubdate(metadata=None, url=None, text=text, user="2025-03-09")
    assert (found.source, _iso(found.date)) == (DateSource.DATELINE, "2025-03-07")
    found = resolve_pubdate(metadata=None, url=None, text=text, user=None)
    assert found.source is DateSource.UNKNOWN
