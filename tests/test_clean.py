"""Cleaning: each rule on small hand-written texts, then the scraped seeds as golden tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest.clean import clean_text

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SCRAPED_SEED = "003_2502d95e1ed462e7.txt"
CLEAN_SEEDS = ("000_199ab945a7d24b6d.txt", "001_830d5c1692baf6d5.txt", "002_8f453393c0e5582e.txt")

BODY_ONE = (
    "Crews in the valley town of Marrow worked through the night to shore up the levee, "
    "which had started to leak after three days of rain."
)
BODY_TWO = (
    "The mayor said on Thursday that about 400 households had been asked to leave and that "
    "the school gym would stay open as a shelter until the water went down."
)
BODY_THREE = (
    "Engineers expect the river to crest on Saturday morning, a day later than first "
    "forecast, and warned that the older northern section remained the weakest point."
)


def _seed(name: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return (SEEDS / name).read_text(encoding="utf-8")


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- whitespace and invisible characters -------------------------------------------------


def test_line_endings_and_spaces_are_normalised_and_paragraphs_kept() -> None:
    raw = f"\ufeff{BODY_ONE}\r\n\r\n\r\n{BODY_TWO}\r{BODY_THREE}\n"
    raw = raw.replace("the levee", "the\t \u00a0levee")
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BODY_ONE}\n\n{BODY_TWO}\n\n{BODY_THREE}"


def test_control_and_zero_width_characters_are_dropped() -> None:
    raw = f"Lev\u200bee re\u00adpairs\x07 go on\u2028{BODY_ONE}\x00"
    cleaned = clean_text(raw)
    assert cleaned.text == f"Levee repairs go on\n\n{BODY_ONE}"


def test_hard_wrapped_paragraphs_are_joined_but_one_line_paragraphs_are_not() -> None:
    wrapped = (
        "Crews in the valley town of Marrow worked through the\n"
        "night to shore up the levee, which had started to leak\n"
        "after three days of rain."
    )
    cleaned = clean_text(f"{wrapped}\n\n{BODY_TWO}\n{BODY_THREE}")
    assert cleaned.text == f"{BODY_ONE}\n\n{BODY_TWO}\n\n{BODY_THREE}"


def test_empty_and_blank_input_give_empty_result() -> None:
    assert clean_text("") == clean_text(" \n\t\r\n ")
    assert clean_text("").text == "" and clean_text("").title == ""


# --- title ---------------------------------------------------------------------------------


def test_short_first_line_without_period_is_the_title() -> None:
    cleaned = clean_text(f"Levee holds as river rises\n\n{BODY_ONE}")
    assert cleaned.title == "Levee holds as river rises"
    assert cleaned.text.startswith("Levee holds as river rises\n\n")


def test_first_line_ending_in_period_is_not_a_title() -> None:
    assert clean_text(f"{BODY_ONE}\n{BODY_TWO}").title == ""
    assert clean_text(f"Rain fell.\n\n{BODY_ONE}").title == ""


def test_a_date_or_byline_on_top_is_not_a_title() -> None:
    assert clean_text(f"Published: March 3, 2025\n\n{BODY_ONE}").title == ""
    assert clean_text(f"By Ada Lindqvist\n\n{BODY_ONE}").title == ""
    assert clean_text(f"Opinion\n\n{BODY_ONE}").title == ""


def test_given_title_wins_over_detection() -> None:
    cleaned = clean_text(f"Section: Weather\n\n{BODY_ONE}", title="  Levee holds\n as river rises ")
    assert cleaned.title == "Levee holds as river rises"
    assert "Section: Weather" in cleaned.text


def test_repeated_title_copies_at_the_top_are_removed_even_when_edited() -> None:
    raw = (
        "Marrow residents were told to leave as 'levee starts to leak'\n\n"
        "Marrow residents told to leave as ‘levee starts to leak’\n\n"
        "MARROW RESIDENTS WERE TOLD TO LEAVE AS 'LEVEE STARTS TO LEAK'\n\n"
        f"{BODY_ONE}"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Marrow residents were told to leave as 'levee starts to leak'"
    assert cleaned.text == f"{cleaned.title}\n\n{BODY_ONE}"
    assert len(cleaned.removed) == 2


def test_a_different_second_headline_is_kept() -> None:
    raw = f"Levee holds as river rises\n\nShelters open in school gyms\n\n{BODY_ONE}"
    assert "Shelters open in school gyms" in clean_text(raw).text


def test_copies_of_a_given_title_are_removed_but_one_is_kept() -> None:
    raw = f"Levee holds as river rises\n\nLevee holds as the river rises\n\n{BODY_ONE}"
    cleaned = clean_text(raw, title="Levee holds as river rises")
    assert cleaned.text == f"Levee holds as river rises\n\n{BODY_ONE}"


# --- boilerplate lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT",
        "Advertisement",
        "Advertisement - scroll to continue",
        "Image: Flooded road near the Marrow bridge",
        "Photo: Ada Lindqvist/Valley Herald",
        "(Photo by Ada Lindqvist/Valley Herald)",
        "Read more: How levees are inspected",
        "READ MORE",
        "Sign up for our morning briefing",
        "Share this article",
        "Share on Facebook",
        "Follow us on Telegram",
        "Skip to content",
        "© 2025 Valley Herald Media",
        "Copyright 2025 Valley Herald. All rights reserved.",
        "Reporting by Ada Lindqvist; Editing by Tom Weir",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    cleaned = clean_text(f"{BODY_ONE}\n\n{line}\n\n{BODY_TWO}")
    assert cleaned.text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert cleaned.removed == (line,)


@pytest.mark.parametrize(
    "line",
    [
        "Copyright lawsuits against the levee builder are still pending, lawyers said.",
        "Photos of the breach spread quickly on social media.",
        "(c) a ban on building below the flood line",
        "Sign up for the volunteer rota was slow at first, but by noon the list was full and "
        "the organisers were turning people away, sending them to help at the shelter instead "
        "of on the levee, where the army had taken over the sandbag lines and asked civilians "
        "to keep clear.",
    ],
)
def test_prose_that_resembles_boilerplate_is_kept(line: str) -> None:
    cleaned = clean_text(f"{BODY_ONE}\n\n{line}")
    assert line in cleaned.text
    assert cleaned.removed == ()


# --- the teaser tail -----------------------------------------------------------------------

TEASERS = (
    "Council votes to rebuild the old mill bridge before winter\n\n"
    "“We cannot wait another season for a crossing that people depend on every d...\n\n"
    "FARM REPORT: Late frost threatens the apple harvest in the upper valley\n\n"
    "Growers say the blossom was further ahead than usual when the cold arrived on Tu…"
)


def test_section_header_followed_by_teasers_is_cut_with_everything_after() -> None:
    raw = f"{BODY_ONE}\n\n{BODY_TWO}\n\nMost Read\n\nView All\n\n{TEASERS}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert cleaned.removed[-1].startswith("Most Read\n\nView All")
    assert cleaned.removed[-1].endswith("arrived on Tu…")


def test_section_header_followed_by_prose_is_kept() -> None:
    raw = f"{BODY_ONE}\n\nRelated\n\n{BODY_TWO}\n\n{BODY_THREE}"
    assert clean_text(raw).text == raw


def test_subheadings_in_a_normal_article_stay() -> None:
    raw = f"{BODY_ONE}\n\nDeep Divisions Remain\n\n{BODY_TWO}\n\nWhat Comes Next\n\n{BODY_THREE}"
    cleaned = clean_text(raw)
    assert cleaned.text == raw
    assert cleaned.removed == ()


def test_trailing_teaser_pairs_are_cut_without_a_header() -> None:
    cleaned = clean_text(f"{BODY_ONE}\n\n{BODY_TWO}\n\n{TEASERS}")
    assert cleaned.text == f"{BODY_ONE}\n\n{BODY_TWO}"


def test_a_single_subheading_over_a_trailing_quote_is_kept() -> None:
    ending = "What Comes Next\n\n“We will hold the line as long as the sandbags last...”"
    raw = f"{BODY_ONE}\n\n{BODY_TWO}\n\n{ending}"
    assert clean_text(raw).text == raw


def test_a_dangling_header_at_the_very_end_is_dropped() -> None:
    cleaned = clean_text(f"{BODY_ONE}\n\n{BODY_TWO}\n\nRecommended")
    assert cleaned.text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert cleaned.removed == ("Recommended",)


# --- golden tests on the seeds -------------------------------------------------------------


def test_scraped_seed_keeps_its_article_and_loses_the_page_furniture() -> None:
    cleaned = clean_text(_seed(SCRAPED_SEED))
    assert cleaned.text.endswith("does not make any compromises under pressure,” the person noted.")
    for junk in ("school district", "DHS", "New Zealand", "ADVERTISEMENT", "View All", "Image:"):
        assert junk not in cleaned.text
    assert cleaned.title.startswith("Ukraine, Russia")
    assert cleaned.text.count("heading for partial ceasefire talks") == 1


@pytest.mark.parametrize("name", CLEAN_SEEDS)
def test_clean_seeds_are_not_damaged(name: str) -> None:
    raw = _seed(name)
    cleaned = clean_text(raw)
    text = _squash(cleaned.text)
    lines = [line for line in raw.splitlines() if line.strip()]
    for line in lines:
        if line.strip() == cleaned.title:
            continue
        assert _squash(line) in text
