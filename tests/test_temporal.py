"""Temporal expressions: finding, resolving against the publication date, and tense."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time

import pytest

from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.model import Precision, TimeExpr

PAST, PRESENT, FUTURE = Tense.PAST, Tense.PRESENT, Tense.FUTURE
SUN = dt.date(2026, 2, 15)  # a Sunday
MON = dt.date(2026, 2, 16)
WED = dt.date(2026, 2, 4)
THU = dt.date(2026, 2, 12)
FEB1 = dt.date(2026, 2, 1)


def only(text: str, anchor: dt.date | None = SUN, tense: Tense = PAST) -> TimeExpr:
    found = find_times(text, anchor, tense)
    assert len(found) == 1, found
    return found[0]


def precision(t: TimeExpr) -> Precision | None:
    return t.date.precision if t.date else None


def iso(t: TimeExpr) -> str | None:
    return t.date.iso() if t.date else None


def dates(text: str, anchor: dt.date | None = SUN, tense: Tense = PAST) -> list[str]:
    """Each expression as 'text=iso' or 'text=iso..iso', for compact assertions."""
    out = []
    for t in find_times(text, anchor, tense):
        value = t.date.iso() if t.date else "None"
        out.append(f"{t.text}={value}" + (f"..{t.end_date.iso()}" if t.end_date else ""))
    return out


# --- tense -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ([("Ministers", "NNS"), ("will", "MD"), ("meet", "VB"), ("today", "NN")], FUTURE),
        ([("They", "PRP"), ("'ll", "MD"), ("vote", "VB")], FUTURE),
        ([("He", "PRP"), ("wo", "MD"), ("n't", "RB"), ("sign", "VB")], FUTURE),
        ([("They", "PRP"), ("are", "VBP"), ("going", "VBG"), ("to", "TO"), ("strike", "VB")],
         FUTURE),
        ([("Envoys", "NNS"), ("are", "VBP"), ("due", "JJ"), ("to", "TO"), ("land", "VB")],
         FUTURE),
        ([("The", "DT"), ("envoy", "NN"), ("is", "VBZ"), ("to", "TO"), ("visit", "VB")],
         FUTURE),
        ([("The", "DT"), ("upcoming", "JJ"), ("count", "NN"), ("matters", "VBZ")], FUTURE),
        ([("A", "DT"), ("vote", "NN"), ("is", "VBZ"), ("scheduled", "VBN")], FUTURE),
        ([("Talks", "NNS"), ("resume", "VBP"), ("next", "JJ"), ("week", "NN")], FUTURE),
        # A future cue beats a past reporting verb.
        ([("Aides", "NNS"), ("said", "VBD"), ("he", "PRP"), ("will", "MD"), ("go", "VB")],
         FUTURE),
        ([("The", "DT"), ("dam", "NN"), ("burst", "VBD"), ("overnight", "RB")], PAST),
        ([("Nine", "CD"), ("have", "VBP"), ("been", "VBN"), ("hurt", "VBN")], PAST),
        ([("It", "PRP"), ("'s", "VBZ"), ("been", "VBN"), ("a", "DT"), ("year", "NN")], PAST),
        ([("Crews", "NNS"), ("had", "VBD"), ("planned", "VBN"), ("it", "PRP")], PAST),
        ([("Roads", "NNS"), ("were", "VBD"), ("quickly", "RB"), ("closed", "VBN")], PAST),
        ([("Flights", "NNS"), ("were", "VBD"), ("delayed", "VBN"), ("due", "JJ"),
          ("to", "IN"), ("fog", "NN")], PAST),
        ([("The", "DT"), ("ferry", "NN"), ("sat", "VBD"), ("next", "JJ"), ("to", "IN"),
          ("the", "DT"), ("pier", "NN")], PAST),
        ([("Crews", "NNS"), ("are", "VBP"), ("searching", "VBG")], PRESENT),
        ([("The", "DT"), ("bridge", "NN"), ("is", "VBZ"), ("being", "VBG"),
          ("repaired", "VBN")], PRESENT),
        # A participle used as an adjective is no past main verb.
        ([("Injured", "VBN"), ("miners", "NNS"), ("are", "VBP"), ("resting", "VBG")], PRESENT),
        ([], PRESENT),
    ],
)
def test_tense_of(tokens: list[tuple[str, str]], expected: Tense) -> None:
    assert tense_of(tokens) is expected


# --- absolute dates --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge reopened on February 15, 2026 after repairs.", "February 15, 2026=2026-02-15"),
        ("The bridge reopened on 15 February 2026 after repairs.", "15 February 2026=2026-02-15"),
        ("The bridge reopened on Feb. 15, 2026.", "Feb. 15, 2026=2026-02-15"),
        ("The file was stamped 2025-11-03 by the clerk.", "2025-11-03=2025-11-03"),
        ("The file was stamped 11/3/2025 by the clerk.", "11/3/2025=2025-11-03"),
        ("The file was stamped 23/11/2025 by the clerk.", "23/11/2025=2025-11-23"),
        ("Ballots were printed on June 3 2024 in a hurry.", "June 3 2024=2024-06-03"),
        ("It was signed on the 4th of July, 2019.", "4th of July, 2019=2019-07-04"),
        ("A treaty dated SEPT 9, 1999 was found.", "SEPT 9, 1999=1999-09-09"),
        ("The mill closed in October 2025 for good.", "October 2025=2025-10"),
        ("The mill closed in late October 2025.", "late October 2025=2025-10"),
        ("The mill had opened in 1931.", "1931=1931"),
        ("Prices have doubled since mid-2023.", "mid-2023=2023"),
    ],
)
def test_dates_with_a_year(text: str, expected: str) -> None:
    assert dates(text) == [expected]


def test_precision_and_spans() -> None:
    text = "Trains stopped on March 9, 2025, in March 2025 and in 2025."
    found = find_times(text, SUN, PAST, offset=100)
    assert [precision(t) for t in found] == [
        Precision.DAY, Precision.MONTH, Precision.YEAR]
    for t in found:
        assert text[t.start - 100:t.end - 100] == t.text
    assert [t.relation for t in found] == ["past", "past", "past"]


def test_spans_leave_out_the_preposition_but_keep_the_modifier() -> None:
    assert only("The ferry sank on Sunday.").text == "Sunday"
    assert only("The ferry sank last Friday.").text == "last Friday"
    assert only("Fares rose in 2024.").text == "2024"
    assert only("Fares rose earlier in January.", FEB1).text == "earlier in January"


def test_invalid_calendar_days_are_not_dates() -> None:
    # The year alone is still a year.
    assert dates("It happened on February 30, 2026.") == ["2026=2026"]
    assert find_times("It happened on 2025-02-29.", SUN) == []
    assert find_times("It happened on 13/13/2025.", SUN) == []


# --- month and day without a year ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("The ferry left on Feb 1.", SUN, PAST, "Feb 1=2026-02-01"),
        ("Shelling resumed on Sept 3.", SUN, PAST, "Sept 3=2025-09-03"),
        # Year rollover, both ways.
        ("The warehouse burned on December 30.", dt.date(2026, 1, 3), PAST,
         "December 30=2025-12-30"),
        ("The count will end on January 2.", dt.date(2025, 12, 28), FUTURE,
         "January 2=2026-01-02"),
        # Half a year away either way: the tense decides.
        ("The dam failed on July 30.", FEB1, PAST, "July 30=2025-07-30"),
        ("The dam will open on July 30.", FEB1, FUTURE, "July 30=2026-07-30"),
        # A past-tense announcement of a near future date keeps the near date.
        ("The council announced a vote for March 3.", FEB1, PAST, "March 3=2026-03-03"),
        # ... but not one more than 73 days ahead.
        ("The pier collapsed on May 5.", SUN, PAST, "May 5=2025-05-05"),
        ("The board set the launch for April 20.", SUN, PAST, "April 20=2026-04-20"),
        ("Ministers meet on February 4th.", FEB1, PRESENT, "February 4th=2026-02-04"),
        ("Ministers met on the 4th of February.", SUN, PAST, "4th of February=2026-02-04"),
    ],
)
def test_yearless_dates(text: str, anchor: dt.date, tense: Tense, expected: str) -> None:
    assert dates(text, anchor, tense) == [expected]


# --- ranges ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("Polls open on February 4 and 5.", FEB1, FUTURE,
         "February 4 and 5=2026-02-04..2026-02-05"),
        ("The fair ran February 20-21, 2024.", SUN, PAST,
         "February 20-21, 2024=2024-02-20..2024-02-21"),
        ("Storms hit on 9-10 February.", SUN, PAST, "9-10 February=2026-02-09..2026-02-10"),
        ("Roads shut from Jan 28 to Feb 2.", SUN, PAST, "Jan 28 to Feb 2=2026-01-28..2026-02-02"),
        ("Roads shut from 28 January to 2 February 2026.", None, PAST,
         "28 January to 2 February 2026=2026-01-28..2026-02-02"),
        ("Ports closed December 30 to January 2.", dt.date(2026, 1, 10), PAST,
         "December 30 to January 2=2025-12-30..2026-01-02"),
        ("Ports closed December 30 to January 2, 2026.", None, PAST,
         "December 30 to January 2, 2026=2025-12-30..2026-01-02"),
    ],
)
def test_ranges(text: str, anchor: dt.date | None, tense: Tense, expected: str) -> None:
    assert dates(text, anchor, tense) == [expected]


def test_a_count_after_a_date_is_not_a_range_or_a_year() -> None:
    assert dates("On February 4 and 25 people fled.", SUN) == ["February 4=2026-02-04"]
    assert dates("By March 3, 2000 soldiers had left.", dt.date(2026, 3, 20)) == [
        "March 3=2026-03-03"]
    assert dates("On February 9 and 5 more were found.", SUN) == ["February 9=2026-02-09"]


def test_backwards_day_range_is_not_a_range() -> None:
    assert dates("It rained February 9 to 3 times a day.", SUN) == ["February 9=2026-02-09"]


# --- months ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected", "note"),
    [
        ("Fighting flared in January.", FEB1, PAST, "January=2026-01", ""),
        ("Fighting flared earlier in January.", FEB1, PAST, "earlier in January=2026-01", ""),
        ("Crops failed in November.", FEB1, PAST, "November=2025-11", ""),
        ("Crops will be sown in October.", FEB1, FUTURE, "October=2026-10", ""),
        ("Talks continue later in March.", FEB1, PRESENT, "later in March=2026-03", ""),
        ("The quay flooded last January.", dt.date(2026, 1, 20), PAST, "last January=2025-01", ""),
        ("The quay reopens next March.", dt.date(2026, 3, 20), FUTURE, "next March=2027-03", ""),
        ("Snow fell in mid-February.", SUN, PAST, "mid-February=2026-02", "mid"),
        ("Snow fell in early January.", SUN, PAST, "early January=2026-01", "early"),
        ("A deal is due by the end of March.", SUN, FUTURE, "the end of March=2026-03", "end of"),
        ("Bills rose last month.", dt.date(2026, 1, 10), PAST, "last month=2025-12", ""),
        ("Bills rose this month.", SUN, PAST, "this month=2026-02", ""),
        ("Bills rise next month.", dt.date(2025, 12, 5), FUTURE, "next month=2026-01", ""),
        ("Bills rose late last month.", SUN, PAST, "late last month=2026-01", "late"),
    ],
)
def test_months(text: str, anchor: dt.date, tense: Tense, expected: str, note: str) -> None:
    assert dates(text, anchor, tense) == [expected]
    assert precision(only(text, anchor, tense)) is Precision.MONTH
    assert only(text, anchor, tense).note == note


@pytest.mark.parametrize(
    "text",
    [
        "Residents may leave if they wish.",
        "May the talks succeed.",
        "Theresa May spoke at length.",
        "The envoy wrote to May about it.",
        "Protesters march through the square.",
        "May 5 people join?",
    ],
)
def test_month_names_that_are_not_months(text: str) -> None:
    assert find_times(text, SUN) == []


def test_may_as_a_month() -> None:
    assert dates("The pier collapsed in May.", SUN) == ["May=2025-05"]
    assert dates("The pier collapsed on May 5.", SUN) == ["May 5=2025-05-05"]
    assert dates("The pier reopens in May 2026.", SUN) == ["May 2026=2026-05"]


def test_year_and_month_beats_the_month_alone() -> None:
    found = find_times("Work began in January 2026 and slowed in 2024.", SUN)
    assert [t.text for t in found] == ["January 2026", "2024"]


# --- bare years ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Output fell in 2024.", ["2024=2024"]),
        ("Output has fallen since 1999.", ["1999=1999"]),
        ("Output fell in 2022-23.", ["2022-23=2022..2023"]),
        ("Output fell from 2019 to 2021.", ["2019 to 2021=2019..2021"]),
        ("Output fell between 2019 and 2021.", ["2019=2019", "2021=2021"]),
        ("A total of 1950 soldiers left.", []),
        ("Officials counted 2024 ballots.", []),
        ("The town was founded in 1850.", []),
        ("Fashions of the 1990s returned.", ["the 1990s=None"]),
        ("It cost 2024 euros in 2025.", ["2025=2025"]),
    ],
)
def test_bare_years(text: str, expected: list[str]) -> None:
    assert dates(text) == expected


# --- weekdays --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("Drones struck on Saturday.", SUN, PAST, "Saturday=2026-02-14"),
        ("Drones struck on Sunday.", SUN, PAST, "Sunday=2026-02-15"),
        ("Drones struck on Monday.", SUN, PAST, "Monday=2026-02-09"),
        ("The envoys met Wednesday.", WED, PAST, "Wednesday=2026-02-04"),
        ("The envoys will meet on Monday.", SUN, FUTURE, "Monday=2026-02-16"),
        ("The envoys will meet on Sunday.", SUN, FUTURE, "Sunday=2026-02-22"),
        ("The envoys meet Sunday.", SUN, PRESENT, "Sunday=2026-02-15"),
        ("The envoys meet Tuesday.", SUN, PRESENT, "Tuesday=2026-02-17"),
        ("The envoys meet Friday.", SUN, PRESENT, "Friday=2026-02-13"),
        ("The dam broke last Friday.", SUN, PAST, "last Friday=2026-02-13"),
        ("The dam broke last Sunday.", SUN, PAST, "last Sunday=2026-02-08"),
        ("The dam opens next Tuesday.", SUN, PRESENT, "next Tuesday=2026-02-17"),
        ("The dam opened this Wednesday.", SUN, PAST, "this Wednesday=2026-02-11"),
        ("The dam opens this Sunday.", SUN, FUTURE, "this Sunday=2026-02-15"),
        ("Sirens sounded late Saturday night.", SUN, PAST, "late Saturday night=2026-02-14"),
        ("Sirens sounded on Friday.", dt.date(2026, 1, 1), PAST, "Friday=2025-12-26"),
        # A deadline or an earliest date lies ahead, whatever the clause's tense.
        ("The ceasefire was extended until Tuesday.", SUN, PAST, "Tuesday=2026-02-17"),
        ("Troops could leave as soon as Friday.", SUN, PAST, "Friday=2026-02-20"),
        ("Nobody had named him until Sunday.", SUN, PAST, "Sunday=2026-02-15"),
        ("Shelling has not stopped since Friday.", SUN, PRESENT, "Friday=2026-02-13"),
    ],
)
def test_weekdays(text: str, anchor: dt.date, tense: Tense, expected: str) -> None:
    assert dates(text, anchor, tense) == [expected]


# --- days relative to publication ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected", "relation"),
    [
        ("Markets fell today.", "today=2026-02-15", "present"),
        ("Crowds gather tonight.", "tonight=2026-02-15", "present"),
        ("A shell hit this morning.", "this morning=2026-02-15", "present"),
        ("A shell hit earlier today.", "earlier today=2026-02-15", "past"),
        ("A shell hit yesterday.", "yesterday=2026-02-14", "past"),
        ("A shell hit yesterday afternoon.", "yesterday afternoon=2026-02-14", "past"),
        ("A shell hit last night.", "last night=2026-02-14", "past"),
        ("A shell hit the day before yesterday.", "the day before yesterday=2026-02-13", "past"),
        ("Talks resume tomorrow.", "tomorrow=2026-02-16", "future"),
        ("Talks resume the day after tomorrow.", "the day after tomorrow=2026-02-17", "future"),
    ],
)
def test_relative_days(text: str, expected: str, relation: str) -> None:
    assert dates(text) == [expected]
    assert only(text).relation == relation


def test_yesterday_across_new_year() -> None:
    assert dates("The vote was held yesterday.", dt.date(2026, 1, 1)) == [
        "yesterday=2025-12-31"]


def test_overnight_is_the_night_before_publication() -> None:
    assert dates("Rockets fell overnight on the port.") == ["overnight=2026-02-14..2026-02-15"]
    assert only("Rockets fell overnight on the port.").relation == "past"
    assert dates("Rain will fall overnight.", SUN, FUTURE) == ["overnight=2026-02-15..2026-02-16"]


# --- weeks, weekends, years ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("Grain prices rose last week.", SUN, PAST, "last week=2026-02-02..2026-02-08"),
        ("Grain prices rose this week.", SUN, PAST, "this week=2026-02-09..2026-02-15"),
        ("Grain prices rise next week.", SUN, FUTURE, "next week=2026-02-16..2026-02-22"),
        ("Grain prices rose last week.", MON, PAST, "last week=2026-02-09..2026-02-15"),
        ("Grain prices rose earlier this week.", THU, PAST,
         "earlier this week=2026-02-09..2026-02-12"),
        ("Riots broke out over the weekend.", MON, PAST, "the weekend=2026-02-14..2026-02-15"),
        ("Riots broke out last weekend.", MON, PAST, "last weekend=2026-02-14..2026-02-15"),
        ("Riots may erupt this weekend.", THU, PRESENT, "this weekend=2026-02-14..2026-02-15"),
        ("A march is planned for the weekend.", THU, FUTURE,
         "the weekend=2026-02-14..2026-02-15"),
        ("A march is planned for the weekend.", SUN, FUTURE,
         "the weekend=2026-02-21..2026-02-22"),
        ("Exports fell last year.", SUN, PAST, "last year=2025"),
        ("Exports fall this year.", SUN, PRESENT, "this year=2026"),
        ("Exports will fall next year.", SUN, FUTURE, "next year=2027"),
        ("Exports fell earlier this year.", SUN, PAST, "earlier this year=2026"),
        ("Exports fell late last year.", SUN, PAST, "late last year=2025"),
    ],
)
def test_weeks_and_years(text: str, anchor: dt.date, tense: Tense, expected: str) -> None:
    assert dates(text, anchor, tense) == [expected]


def test_week_notes_and_relations() -> None:
    week = only("Grain prices rose last week.")
    assert week.note == "week"
    assert precision(week) is Precision.DAY
    assert only("Exports fell earlier this year.").relation == "past"
    assert only("Grain prices rose earlier this week.", THU).relation == "past"
    assert only("Exports fell late last year.").note == "late"
    assert precision(only("Exports fell late last year.")) is Precision.YEAR


def test_the_year_alone_is_not_placed() -> None:
    found = find_times("It was the month of the year.", SUN)
    assert [t.text for t in found] == ["the month", "the year"]
    assert all(t.date is None for t in found)


# --- offsets from publication and durations --------------------------------------------------

@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("The levee failed two days ago.", PAST, "two days ago=2026-02-13"),
        ("The levee failed a week ago.", PAST, "a week ago=2026-02-08"),
        ("The levee failed three months ago.", PAST, "three months ago=2025-11"),
        ("The levee failed two-and-a-half years ago.", PAST,
         "two-and-a-half years ago=2023-08"),
        ("The levee failed 10 years ago.", PAST, "10 years ago=2016"),
        ("The levee failed a year and a half ago.", PAST, "a year and a half ago=2024-08"),
        ("The levee failed 2½ weeks ago.", PAST, "2½ weeks ago=2026-01-28"),
        ("The levee reopens in three days.", FUTURE, "three days=2026-02-18"),
        ("The levee reopens in two weeks.", PRESENT, "two weeks=2026-03-01"),
        ("The levee was rebuilt in two days.", PAST, "two days=None"),
        ("Over the past two weeks, prices rose.", PAST,
         "the past two weeks=2026-02-01..2026-02-15"),
        ("Prices will rise over the next three days.", FUTURE,
         "the next three days=2026-02-15..2026-02-18"),
        ("Prices rose over the past six months.", PAST,
         "the past six months=2025-08..2026-02"),
    ],
)
def test_offsets(text: str, tense: Tense, expected: str) -> None:
    assert dates(text, SUN, tense) == [expected]


@pytest.mark.parametrize(
    ("text", "span", "note"),
    [
        ("The siege has lasted nearly four years.", "nearly four years", "duration"),
        ("He led the port for two-and-a-half years.", "two-and-a-half years", "duration"),
        ("The strike lasted three weeks.", "three weeks", "duration"),
        ("Families have waited for decades.", "decades", "duration"),
        ("The talks ran for 48 hours.", "48 hours", "duration"),
        ("The truce held a year and a half.", "a year and a half", "duration"),
        ("The truce held 3 1/2 years.", "3 1/2 years", "duration"),
        ("Two days later, the bridge fell.", "Two days", "relative"),
        ("The bridge fell the next day.", "the next day", "anaphor+1 near"),
        ("The bridge fell a few days ago.", "a few days ago", "vague"),
        ("Prices have risen in recent weeks.", "recent weeks", "vague"),
    ],
)
def test_durations_are_kept_without_a_date(text: str, span: str, note: str) -> None:
    t = only(text)
    assert (t.text, t.date, t.end_date, t.note) == (span, None, None, note)


@pytest.mark.parametrize(
    "text",
    [
        "The plant makes $5bn a year.",
        "Patrols run twice a day.",
        "Output is 40 tonnes per day.",
        "Days grew shorter.",
    ],
)
def test_rates_and_lone_units_are_not_expressions(text: str) -> None:
    assert find_times(text, SUN) == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # A company's twelve months: a span of a year, not dated.
        ("The year ended in a loss.", "The year", "P1Y"),
        ("A 10-year sentence was passed.", "10-year", "P10Y"),
    ],
)
def test_spans_that_date_nothing(text: str, span: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.date, t.timex_type, t.value) == (span, None, "DURATION", value)


def test_the_year_alone_is_the_year_of_publication() -> None:
    t = only("Sales fell for the year.")
    assert (t.text, t.timex_type, t.value) == ("the year", "DATE", "2026")
    t = only("In June last year, the plant closed.")
    assert (t.text, t.timex_type, t.value) == ("June last year", "DATE", "2025-06")


# --- no anchor -------------------------------------------------------------------------------

def test_without_an_anchor_only_dates_with_a_year_are_placed() -> None:
    text = ("On Sunday, a day after a raid on December 30 and a week after talks in "
            "January, officials recalled the March 2, 2024 accord, last week's vote "
            "and a deal signed in 2019, two days ago.")
    found = {t.text: t for t in find_times(text, None, PAST)}
    assert iso(found["March 2, 2024"]) == "2024-03-02"
    assert iso(found["2019"]) == "2019"
    for text_ in ("Sunday", "December 30", "January", "last week", "two days ago"):
        assert found[text_].date is None, text_
    # With nothing to compare against, the relation is the sentence's tense.
    assert {t.relation for t in found.values()} == {"past"}


def test_no_anchor_future_tense_relation() -> None:
    assert only("Polls open on May 5, 2030.", None, FUTURE).relation == "future"


# --- several expressions, overlaps, offsets --------------------------------------------------

def test_several_expressions_in_order_without_overlap() -> None:
    text = ("Two days ago the envoy, who arrived on February 10, said talks held last "
            "Friday would resume next week, in March or by mid-2026.")
    found = find_times(text, SUN, FUTURE, offset=7)
    assert [t.text for t in found] == [
        "Two days ago", "February 10", "last Friday", "next week", "March", "mid-2026"]
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start
    for t in found:
        assert text[t.start - 7:t.end - 7] == t.text


def test_relations() -> None:
    found = find_times("It began on February 9, peaks on February 15 and ends on February 20.",
                       SUN, PRESENT)
    assert [t.relation for t in found] == ["past", "present", "future"]
    month = only("Rents rose in February.", SUN, PAST)
    assert month.relation == "present"


# --- robustness ------------------------------------------------------------------------------

@pytest.mark.parametrize("anchor", [dt.date(1, 1, 1), dt.date(9999, 12, 31),
                                    dt.date(2024, 2, 29), None])
def test_never_raises_at_the_edges_of_the_calendar(anchor: dt.date | None) -> None:
    text = ("last year, next year, yesterday, tomorrow, December 30, January 2, last week, "
            "next weekend, in 3 decades, 5 decades ago, the past 10 years, next month, "
            "last January, February 29, on Sunday, next Monday, in two weeks, this month, "
            "this week, this weekend, overnight, in December, 9999, the next 3 years")
    for tense in Tense:
        assert isinstance(find_times(text, anchor, tense), list)


def test_never_raises_on_random_text() -> None:
    pieces = ("on", "in", "last", "next", "this", "the", "February", "4", "and", "5", "-",
              "–", "20", "2024", ",", "May", "Sunday", "days", "ago", "for",
              "two-and-a-half", "years", "a", "few", "past", "week", "weekend", "today",
              "of", "to", "31st", "12/12/2020", "2026-02-30", "mid-", "early", "0", "99",
              "//", ".", "\n", "\t", "é", "日")
    rng = random.Random(7)
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        for t in find_times(text, SUN, rng.choice(list(Tense))):
            assert text[t.start:t.end] == t.text


def test_linear_time_on_adversarial_input() -> None:
    # Each of these repeats a prefix that almost matches; a backtracking blow-up would
    # take minutes, linear matching well under a second.
    for unit in ("February 4 and ", "1 ", "in ", "the past ", "for nearly about ", "9-"):
        text = unit * (40_000 // len(unit))
        started = time.perf_counter()
        find_times(text, SUN)
        assert time.perf_counter() - started < 5


# --- TimeML TIMEX3 attributes -----------------------------------------------------------------

OCT26 = dt.date(1989, 10, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Profit rose 5% in the third quarter.", PAST, "the third quarter DATE 1989-Q3"),
        ("Third-quarter profit rose 5%.", PAST, "Third-quarter DATE 1989-Q3"),
        ("Fourth-quarter results will be weak.", FUTURE, "Fourth-quarter DATE 1989-Q4"),
        ("Sales in fiscal 1988 fell.", PAST, "fiscal 1988 DATE 1988"),
        ("Net rose in the first half of 1990.", PAST, "the first half of 1990 DATE 1990-H1"),
        ("Net rose in the first nine months.", PAST, "the first nine months DURATION P9M"),
        ("Shares fell yesterday.", PAST, "yesterday DATE 1989-10-25"),
        ("Shares fell last week.", PAST, "last week DATE 1989-W42"),
        ("Shares fell last month.", PAST, "last month DATE 1989-09"),
        ("Shares fell over the weekend.", PAST, "the weekend DATE 1989-W42-WE"),
        ("Shares fell last fall.", PAST, "last fall DATE 1988-FA"),
        ("Shares fell this morning.", PAST, "this morning TIME 1989-10-26TMO"),
        ("Shares fell at 10:35 a.m. Wednesday in Tokyo.", PAST,
         "10:35 a.m. Wednesday TIME 1989-10-25T10:35"),
        ("Shares fell two weeks ago.", PAST, "two weeks ago DATE 1989-W41"),
        ("Shares fell for about two weeks.", PAST, "two weeks DURATION P2W"),
        ("Shares fell for more than four hours.", PAST, "more than four hours DURATION PT4H"),
        ("A five-year plan was set.", PAST, "five-year DURATION P5Y"),
        ("Over the past two years, shares fell.", PAST, "the past two years DURATION P2Y"),
        ("Over the past year, shares fell.", PAST, "the past year DATE 1988"),
        ("Shares fell in recent years.", PAST, "recent years DATE PAST_REF"),
        ("Shares fell over past years.", PAST, "past years DATE PAST_REF"),
        ("Shares fell in recent months.", PAST, "recent months DURATION PXM"),
        ("Shares are now falling.", PRESENT, "now DATE PRESENT_REF"),
        ("Shares fell recently.", PAST, "recently DATE PAST_REF"),
        ("Shares may fall in the near future.", PRESENT, "the near future DATE FUTURE_REF"),
        ("Dividends are paid annually.", PRESENT, "annually SET P1Y"),
        ("Talks are held every Thursday.", PRESENT, "every Thursday SET XXXX-WXX-4"),
        ("Shares peaked in the late 1970s.", PAST, "the late 1970s DATE 197"),
        ("Shares peaked in the 20th century.", PAST, "the 20th century DATE 19"),
        ("Shares peaked in nineteen ninety-six.", PAST, "nineteen ninety-six DATE 1996"),
        ("Shares peaked in 1987.", PAST, "1987 DATE 1987"),
        ("The 1987 crash hurt.", PAST, "1987 DATE 1987"),
    ],
)
def test_timex3_attributes(text: str, tense: Tense, expected: str) -> None:
    t = only(text, OCT26, tense)
    assert f"{t.text} {t.timex_type} {t.value}" == expected


def test_timex3_mods() -> None:
    assert only("It fell in late November.", OCT26).mod == "END"
    assert only("It fell in early 1990.", OCT26).mod == "START"
    assert only("It fell earlier this year.", OCT26).mod == "START"
    assert only("It lasted more than four hours.", OCT26).mod == "MORE_THAN"
    assert only("It lasted at least 72 hours.", OCT26).mod == "EQUAL_OR_MORE"


def test_every_expression_has_a_type_and_value() -> None:
    text = ("Two days ago the envoy, who arrived on February 10, said talks held last "
            "Friday would resume next week, in March or by mid-2026, for two years, now.")
    for anchor in (SUN, None):
        for t in find_times(text, anchor, FUTURE):
            assert t.timex_type in ("DATE", "TIME", "DURATION", "SET") and t.value, t


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("He was found on Thanksgiving Day.", dt.date(2000, 1, 7), PAST,
         ("Thanksgiving Day", "1999-11-25")),
        ("He drowned last Thanksgiving.", dt.date(2000, 2, 10), PRESENT,
         ("last Thanksgiving", "1999-11-25")),
        ("Voters go to the polls on Election Day.", dt.date(1998, 10, 26), FUTURE,
         ("Election Day", "1998-11-03")),
        ("Crowds gathered as Easter week began.", dt.date(2000, 4, 17), PAST,
         ("Easter week", "2000-W16")),
        ("The shops close on Christmas Eve 1999.", SUN, PAST, ("Christmas Eve 1999", "1999-12-24")),
        ("Markets shut on Good Friday.", SUN, FUTURE, ("Good Friday", "2026-04-03")),
        ("Parades mark Memorial Day.", SUN, FUTURE, ("Memorial Day", "2026-05-25")),
    ],
)
def test_holidays(text: str, anchor: dt.date, tense: Tense, expected: tuple[str, str]) -> None:
    t = only(text, anchor, tense)
    assert (t.text, t.value) == expected


def test_eastern_and_easter_island_are_no_holidays() -> None:
    assert find_times("Texas Eastern sold a stake in Easter Island resorts.", SUN) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Munero fled in June 1998 and returned later that year.", ("later that year", "1998")),
        ("He was made a general on May 22, 1995, and the following year he retired.",
         ("the following year", "1996")),
        ("A sniper struck last October, and the list was changed that same day.",
         ("that same day", "2025-10-XX")),
        ("The plant will be closed over the next year.", ("the next year", "2027")),
    ],
)
def test_anaphors_take_the_time_last_named(sentence: str, expected: tuple[str, str]) -> None:
    from dateline.analyze.timex_discourse import resolve_document

    times = resolve_document(find_times(sentence, dt.date(2026, 2, 15), PAST),
                             dt.date(2026, 2, 15), [0])
    assert (times[-1].text, times[-1].value) == expected


def test_a_next_day_far_from_any_date_counts_from_publication() -> None:
    from dateline.analyze.timex_discourse import resolve_document

    text = "Talks began on Feb. 2, 2026. They stalled. Envoys left the next day."
    times = resolve_document(find_times(text, SUN, PAST), SUN, [0, 29, 42])
    assert [(t.text, t.value) for t in times][-1] == ("the next day", "2026-02-16")
    times = resolve_document(find_times(text, SUN, PAST), SUN, [0, 42])
    assert [(t.text, t.value) for t in times][-1] == ("the next day", "2026-02-03")


@pytest.mark.parametrize(
    ("reference", "template", "step", "expected"),
    [
        ("1998-10-23", "XXXX-XX-XX", 1, "1998-10-24"),
        ("1998-12", "XXXX-XX", 1, "1999-01"),
        ("1998-10", "XXXX-XX-XX", 0, "1998-10-XX"),
        ("1998-10", "XXXX-XX-XX", 1, "XXXX-XX-XX"),
        ("1998-W52", "XXXX-WXX", 1, "1998-W53"),
        ("1998-10-23T10:35", "XXXX", -1, "1997"),
        ("PRESENT_REF", "XXXX", 0, "XXXX"),
    ],
)
def test_shift_value(reference: str, template: str, step: int, expected: str) -> None:
    from dateline.analyze.timex_anaphora import shift_value

    assert shift_value(reference, template, step) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police solved the October slaying.", [("October", "2025-10")]),
        ("Sales rose under a June agreement.", [("June", "2025-06")]),
        ("The figures for January were revised.", [("January", "2026-01")]),
        ("A revision to December's figures followed.", [("December", "2025-12")]),
        ("He left at the beginning of October.", [("the beginning of October", "2025-10")]),
        ("The May government fell.", []),
        ("Mr. Reupke, 52 years old, retired.", []),
        ("Baker spoke on ABC's \"This Week\" program.", []),
        ("The quarter-to-quarter comparison improved.", []),
        ("Now, he says, the talks are over.", []),
        ("It will pay off in the long run.", []),
        ("The strike lasted about three days.", [("three days", "P3D")]),
        ("The strike began about three days ago.", [("about three days ago", "2026-02-12")]),
    ],
)
def test_spans_follow_timebank(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_times(text, SUN, PAST)] == expected


def test_a_possessive_weekday_names_a_past_day() -> None:
    t = only("Officials will appeal Thursday's ruling.", THU, FUTURE)
    assert (t.text, t.value) == ("Thursday", "2026-02-12")
    t = only("Officials will appeal Wednesday's ruling.", THU, FUTURE)
    assert t.value == "2026-02-11"


def test_a_named_evening_carries_its_part_of_day() -> None:
    assert only("Talks ended Saturday evening.").value == "2026-02-14TEV"
    assert only("Talks ended Saturday night.").value == "2026-02-14"


def test_a_quarter_under_way_is_not_the_one_reported() -> None:
    from dateline.analyze.timex_discourse import resolve_document

    text = ("Third-quarter profit rose. A fourth-quarter charge is expected. "
            "Sales fell in the latest quarter from a year ago.")
    anchor = dt.date(2026, 11, 2)
    times = resolve_document(find_times(text, anchor, PAST), anchor, [0])
    assert [(t.text, t.value) for t in times][-2:] == [("the latest quarter", "2026-Q3"),
                                                       ("a year ago", "2025-Q3")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The calendar quarter holding most of the three months, whatever the fiscal number.
        ("Profit rose in the quarter ended Sept. 30.", "1989-Q3"),
        ("Profit rose in the quarter ended July 31.", "1989-Q2"),
        ("Profit rose in the quarter ended Dec. 31, 1988.", "1988-Q4"),
        # Without a year, the latest such day by publication.
        ("Profit rose in the quarter ended Dec. 31.", "1988-Q4"),
        # A numbered quarter keeps its number.
        ("Profit rose in the fiscal first quarter ended Sept. 30.", "1989-Q1"),
    ],
)
def test_a_quarter_ended_on_a_date(text: str, expected: str) -> None:
    from dateline.analyze.timex_discourse import resolve_document

    times = resolve_document(find_times(text, OCT26, PAST), OCT26, [0])
    assert times[0].value == expected


def test_since_a_month_looks_back_whatever_the_tense() -> None:
    t = only("The carrier has been at sea since March.", SUN, FUTURE)
    assert (t.text, t.value) == ("March", "2025-03")


@pytest.mark.parametrize("text", [
    "The summit opened on 3 March and ran until the weekend.",
    "No dates here, only words about the harvest.",
    "Every Tuesday since late 1990s the market closes at 5 p.m.",
    "A YEAR-END review is due before Christmas, officials said at midnight.",
    "",
])
def test_rules_tried_are_those_whose_keys_occur(text: str) -> None:
    """find_times looks each trigger key up once per text; a rule is tried exactly when
    one of its own keys occurs ("#digit": any digit)."""
    import re

    from dateline.analyze import temporal
    from dateline.analyze import timex_patterns as tp

    present = temporal._triggers_in(text)
    for name, keys in tp.TRIGGERS.items():
        expected = any(re.search(r"\d", text) if key == "#digit" else key in text.lower()
                       for key in keys)
        assert (not present.isdisjoint(keys)) == expected, name
