"""TimeML conventions of English news that the temporal engine follows, on hand-made text."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.analyze.light import clause_tense, rough_tags
from dateline.analyze.temporal import Tense, find_times
from dateline.evaluate.tagger import tag_text

PAST, PRESENT, FUTURE = Tense.PAST, Tense.PRESENT, Tense.FUTURE
THU = dt.date(1989, 10, 26)  # a Thursday


def timexes(text: str, anchor: dt.date | None = THU, tense: Tense = PAST) -> list[str]:
    return [f"{t.text} {t.timex_type} {t.value}" for t in find_times(text, anchor, tense)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three days later, the ferry sank.", "Three days DURATION P3D"),
        ("A few weeks later the mill shut.", "A few weeks DURATION PXW"),
        ("Just an hour later, he resigned.", "an hour DURATION PT1H"),
        ("A minute and a half later, the alarm rang.",
         "A minute and a half DURATION PT1M30S"),
        ("Two months afterwards the board quit.", "Two months DURATION P2M"),
        ("A day earlier, the trucks had crossed.", "A day earlier DURATION P1D"),
    ],
)
def test_an_offset_from_another_event_is_a_duration(text: str, expected: str) -> None:
    assert timexes(text) == [expected]


def test_a_year_earlier_stays_the_comparison_date() -> None:
    assert timexes("Net fell from $4 million a year earlier.") == [
        "a year earlier DATE 1988"]
    assert timexes("Net fell from $4 million a year earlier.", None) == [
        "a year earlier DATE XXXX"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares were bought from Aug. 26 to Oct. 20.",
         [("Aug. 26", "1989-08-26"), ("Oct. 20", "1989-10-20")]),
        ("He drove drunk twice from 1981 to 1987.", [("1981", "1981"), ("1987", "1987")]),
        ("The fair ran on June 4 and 5, 1988.", [("June 4", "1988-06-04"), ("5, 1988",
                                                                              "1988-06-05")]),
        ("The fair ran in 1986-87.", [("1986-87", "1986")]),
        ("Over the past two weeks, prices rose.", [("the past two weeks", "P2W")]),
    ],
)
def test_timeml_output_tags_each_end_of_a_range(text: str,
                                                expected: list[tuple[str, str]]) -> None:
    found = tag_text(text, THU)
    assert [(t.text, t.value) for t in found] == expected
    assert all(text[t.start:t.end] == t.text for t in found)


def test_a_day_after_its_month_is_a_date_before_a_participle() -> None:
    assert timexes("The blasts on Aug. 7 killed 40 people.") == [
        "Aug. 7 DATE 1989-08-07"]
    assert timexes("On March 3 soldiers left.") == []
    assert timexes("On February 9 and 5 killed were found.") == [
        "February 9 DATE 1989-02-09"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The offer had been due to expire Friday.", Tense.PAST),
        ("The vote had been scheduled to take place Friday.", Tense.PAST),
        ("The offer is due to expire Friday.", Tense.FUTURE),
        ("The vote has been scheduled to take place Friday.", Tense.FUTURE),
    ],
)
def test_a_plan_told_in_the_pluperfect_is_past(sentence: str, expected: Tense) -> None:
    start = sentence.index("Friday")
    assert clause_tense(sentence, start, start + len("Friday")) is expected


def test_until_a_day_is_a_deadline_unless_it_opens_the_clause() -> None:
    # THU is a Thursday: the deadline is the Tuesday ahead, the frame the Tuesday before.
    assert timexes("The firm was given until Tuesday to sign.") == [
        "Tuesday DATE 1989-10-31"]
    assert timexes("The firm was given until 9 a.m. Tuesday to sign.") == [
        "9 a.m. Tuesday TIME 1989-10-31T09:00"]
    assert timexes("Until Tuesday, the firm had not signed.") == ["Tuesday DATE 1989-10-24"]
    assert timexes("Up until Tuesday, however, it had not signed.") == [
        "Tuesday DATE 1989-10-24"]


def test_an_irregular_participle_after_have_is_past() -> None:
    tags = dict(rough_tags("Police have been searching since then."))
    assert tags["been"] == "VBN"
    assert dict(rough_tags("The risk is well known."))["known"] == "NN"
    sentence = "Police have been searching since shortly after the Oct. 23 raid."
    start = sentence.index("Oct. 23")
    assert clause_tense(sentence, start, start + 7) is Tense.PAST


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("He will be named commander for a flight in December.", "December", Tense.FUTURE),
        ("He was named commander for a flight in December.", "December", Tense.PAST),
        ("In January, the mill hired a new manager, who will stay on.", "January", Tense.PAST),
        ("In January, the mill will hire a manager, who joined in 1980.", "January",
         Tense.FUTURE),
    ],
)
def test_passives_and_opening_phrases(sentence: str, word: str, expected: Tense) -> None:
    start = sentence.index(word)
    assert clause_tense(sentence, start, start + len(word)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Net rose in the third quarter from $5 million in the same period last year.",
        "Net rose in the third quarter. For the quarter a year ago, it was $5 million.",
        "Net rose in the third quarter from $5 million for the comparable period a year "
        "earlier.",
    ],
)
def test_the_same_period_last_year_is_one_expression(text: str) -> None:
    found = [(t.text, t.value) for t in tag_text(text, THU)]
    assert found[0] == ("the third quarter", "1989-Q3")
    assert found[1][1] == "1988-Q3" and len(found) == 2
    assert found[1][0].endswith(("last year", "a year ago", "a year earlier"))


def test_every_quarter_recurs_by_the_quarter() -> None:
    assert timexes("Interest is paid every quarter.", THU, PRESENT) == [
        "every quarter SET P1Q"]


def test_a_fiscal_year_ended_on_a_date_is_twelve_months() -> None:
    assert timexes("In the fiscal year ended Jan. 31, sales rose.") == [
        "the fiscal year DURATION P1Y", "Jan. 31 DATE 1989-01-31"]
    assert timexes("Sales rose in fiscal 1988.") == ["fiscal 1988 DATE 1988"]


def test_the_week_of_a_day_is_its_iso_week() -> None:
    assert timexes("A hearing is set for the week of Nov. 6.", THU, FUTURE) == [
        "the week of Nov. 6 DATE 1989-W45"]
    assert timexes("A hearing was held the week of March 6, 1988.") == [
        "the week of March 6, 1988 DATE 1988-W09"]  # a Sunday
    assert timexes("A hearing is set for the week of Nov. 6.", None, FUTURE) == [
        "the week of Nov. 6 DATE XXXX-WXX"]
