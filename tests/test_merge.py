"""The cross-article merging rule, on hand-made mentions."""

from __future__ import annotations

import datetime as dt

from dateline.link.merge import EventView, best_event, canonical_fields, match_score
from dateline.model import FuzzyDate, Mention, Modality, Precision, Quantities, Sentence


def day(text: str) -> FuzzyDate:
    return FuzzyDate(dt.date.fromisoformat(text), Precision.DAY)


def mention(kind: str = "ASSAULT", date: str | None = "2026-03-10", place: str | None = "Portavel",
            actors: tuple[str, ...] = ("Ruritania",), modality: Modality = Modality.HAPPENED,
            article: str = "a1", killed: int | None = None, confidence: float = 0.6,
            date_text: str = "on Tuesday") -> Mention:
    return Mention(
        article_id=article, sentence=Sentence(0, 10, f"{kind} in {place}"), type=kind, mode="",
        trigger="x", actors=actors, recipients=(), place=place,
        date=day(date) if date else None, end_date=None, date_text=date_text, modality=modality,
        quantities=Quantities(killed=killed), confidence=confidence,
    )


def view(kind: str = "ASSAULT", date: str = "2026-03-10", place: str | None = "Portavel",
         actors: tuple[str, ...] = ("Ruritania",), modality: Modality = Modality.HAPPENED,
         event_id: str = "e1") -> EventView:
    return EventView(event_id, kind, day(date), place, actors, modality)


def test_same_type_date_place_and_actor_merge() -> None:
    assert match_score(mention(), view(), 1) is not None


def test_dates_a_day_apart_merge_but_not_two() -> None:
    assert match_score(mention(date="2026-03-11"), view(), 1) is not None
    assert match_score(mention(date="2026-03-12"), view(), 1) is None


def test_different_type_or_place_or_actor_stay_apart() -> None:
    assert match_score(mention(kind="CONSULT"), view(), 1) is None
    assert match_score(mention(place="Kelvane"), view(), 1) is None
    assert match_score(mention(actors=("Freedonia",)), view(), 1) is None


def test_place_names_match_by_stem_and_ignore_generic_words() -> None:
    assert match_score(mention(place="Portavel region"), view(place="port of Portavel"), 1)
    assert match_score(mention(place="Dnipro"), view(place="Dnipropetrovsk region"), 1)


def test_missing_place_or_actor_does_not_block_but_scores_lower() -> None:
    full = match_score(mention(), view(), 1)
    bare = match_score(mention(place=None, actors=()), view(), 1)
    assert full is not None and bare is not None and full > bare


def test_plans_and_facts_are_different_events() -> None:
    assert match_score(mention(modality=Modality.PLANNED), view(), 1) is None
    assert match_score(mention(modality=Modality.CLAIMED), view(), 1) is not None
    planned = view(modality=Modality.POSTPONED)
    assert match_score(mention(modality=Modality.PLANNED), planned, 1) is not None


def test_a_meeting_that_was_planned_and_then_held_is_one_event() -> None:
    planned = view(kind="CONSULT", modality=Modality.POSTPONED)
    assert match_score(mention(kind="CONSULT"), planned, 1) is not None
    elsewhere = mention(kind="CONSULT", place="Lindmark")
    assert match_score(elsewhere, planned, 1) is None
    undated = mention(kind="CONSULT", date_text="")
    assert match_score(undated, planned, 1) is None
    fields = canonical_fields([mention(kind="CONSULT", modality=Modality.POSTPONED),
                               mention(kind="CONSULT", article="a2"),
                               mention(kind="CONSULT", article="a3",
                                       modality=Modality.POSTPONED)],
                              {"a1": "2026-03-08", "a2": "2026-03-10", "a3": "2026-03-09"})
    assert fields["modality"] == "happened"  # the report from the day knows more


def test_undated_mentions_never_merge() -> None:
    assert match_score(mention(date=None), view(), 1) is None


def test_best_event_prefers_the_closest_fit() -> None:
    near = view(event_id="e-near")
    vague = view(event_id="e-vague", place=None, actors=())
    assert best_event(mention(), [vague, near], 1) is near


def test_canonical_fields_follow_agreement() -> None:
    mentions = [mention(article="a1", killed=12, confidence=0.5),
                mention(article="a2", killed=15, confidence=0.9),
                mention(article="a3", killed=12, confidence=0.4)]
    fields = canonical_fields(mentions)
    assert fields["killed"] == 12
    assert fields["date"] == "2026-03-10"
    assert fields["summary"] == mentions[1].sentence.text
    assert 0.9 < float(str(fields["confidence"])) < 1.0


def test_a_place_on_one_side_only_needs_the_same_day() -> None:
    assert match_score(mention(place=None), view(), 1) is not None
    assert match_score(mention(place=None, date="2026-03-11"), view(), 1) is None


def test_meetings_compare_all_participants() -> None:
    met = EventView("e1", "CONSULT", day("2026-03-10"), "Lisbon", ("Envoy A",), Modality.HAPPENED,
                    recipients=("Envoy B",))
    other_side = mention(kind="CONSULT", place="Lisbon", actors=("Envoy B",))
    assert match_score(other_side, met, 1) is not None
    strike = view(actors=("Ruritania",))
    assert match_score(mention(actors=("Freedonia",)), strike, 1) is None


def test_a_mention_dated_only_by_publication_must_name_the_place() -> None:
    assert match_score(mention(date_text=""), view(), 1) is not None
    assert match_score(mention(date_text="", place=None), view(), 1) is None


def test_an_undated_report_looks_back_two_days_not_forward() -> None:
    assert match_score(mention(date_text="", date="2026-03-12"), view(), 1) is not None
    assert match_score(mention(date_text="", date="2026-03-13"), view(), 1) is None
    assert match_score(mention(date_text="", date="2026-03-09"), view(), 1) is None


def test_an_undated_meeting_joins_by_its_people() -> None:
    meeting = EventView("e1", "CONSULT", day("2026-03-10"), None, ("Envoy A",),
                        Modality.HAPPENED, recipients=("Envoy B",))
    later = mention(kind="CONSULT", date="2026-03-11", date_text="", place=None,
                    actors=("Envoy B",))
    assert match_score(later, meeting, 1) is not None
    strike = mention(date="2026-03-11", date_text="", place=None)
    assert match_score(strike, view(place=None), 1) is None  # "Ruritania" alone: too little


def test_a_vaguer_date_needs_a_shared_place_or_party() -> None:
    january = mention(place=None, actors=())
    january = Mention(**{**january.__dict__, "date": FuzzyDate(dt.date(2026, 3, 1),
                                                                Precision.MONTH)})
    assert match_score(january, view(place=None, actors=()), 1) is None
    assert match_score(january, view(actors=()), 1) is None
    named = Mention(**{**january.__dict__, "place": "Portavel"})
    assert match_score(named, view(), 1) is not None


def test_a_speech_is_not_the_meeting_beside_it() -> None:
    speech = EventView("e1", "CONSULT", day("2026-03-10"), "Lisbon", ("Envoy A",),
                       Modality.HAPPENED, mode="speech")
    meeting = mention(kind="CONSULT", place="Lisbon", actors=("Envoy A",))
    assert match_score(meeting, speech, 1) is None
    also_speech = Mention(**{**meeting.__dict__, "mode": "speech"})
    assert match_score(also_speech, speech, 1) is not None
