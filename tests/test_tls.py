"""Timeline summarisation: the selection on small hand-written stories, and the benchmark's
layout reader and scorer on a tiny Timeline17-layout folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from dateline.present.tls import DatedSentence, TlsSettings, datewise, rank_days, summarise
from dateline.present.tls_input import dated_sentences

from .conftest import benchmark

D = dt.date


def _bench() -> ModuleType:
    return benchmark("tls")


def _s(text: str, article: str, published: D, *dates: D, position: int = 3) -> DatedSentence:
    return DatedSentence(text, article, 0, len(text), published, position, tuple(dates))


# A made-up story: a dam breaks on 3 May, a relief fund on 9 May, a minor visit on 6 May.
DAM = D(2031, 5, 3)
FUND = D(2031, 5, 9)
VISIT = D(2031, 5, 6)


def _story() -> list[DatedSentence]:
    out = []
    for n in range(6):
        out.append(_s(f"The Kellan dam burst on 3 May and flooded the valley villages {n} .",
                      f"a{n}", D(2031, 5, 4 + n), DAM))
    for n in range(4):
        out.append(_s(f"Donors pledged a relief fund for the flooded valley villages {n} .",
                      f"b{n}", D(2031, 5, 10 + n), FUND))
    out.append(_s("The minister toured a school far from the valley on 6 May .", "c0",
                  D(2031, 5, 7), VISIT))
    return out


def test_returns_l_days_and_at_most_k_sentences_each() -> None:
    timeline = summarise(_story(), n_days=2, per_day=2)
    assert len(timeline) == 2
    assert all(1 <= len(day.sentences) <= 2 for day in timeline)
    assert [day.date for day in timeline] == sorted(day.date for day in timeline)


def test_day_cited_by_many_articles_beats_day_cited_once() -> None:
    days = [day.date for day in summarise(_story(), n_days=2, per_day=1)]
    assert days == [DAM, FUND]
    assert VISIT not in days
    assert rank_days(_story(), TlsSettings())[0][0] == DAM


def test_baseline_also_prefers_the_much_mentioned_day() -> None:
    assert [day.date for day in datewise(_story(), n_days=1, per_day=1)] == [DAM]


def test_span_limits_the_days() -> None:
    timeline = summarise(_story(), n_days=3, per_day=1, span=(D(2031, 5, 5), D(2031, 5, 31)))
    assert DAM not in [day.date for day in timeline]
    assert FUND in [day.date for day in timeline]


def test_near_duplicates_are_not_both_picked() -> None:
    day = D(2031, 8, 1)
    sentences = [
        _s("Rebels seized the northern airport of Tamsin after a night of shelling .", "x1",
           day, day),
        _s("Rebels seized the northern airport of Tamsin after a night of heavy shelling .",
           "x2", day, day),
        _s("Aid agencies said the road to the coast was closed to trucks and buses .", "x3",
           day, day),
    ]
    picked = summarise(sentences, n_days=1, per_day=2)[0].sentences
    assert {s.article for s in picked} in ({"x1", "x3"}, {"x2", "x3"})


def test_undated_lead_counts_for_its_publication_day() -> None:
    day = D(2031, 9, 2)
    lead = _s("Troops crossed the river into the border town of Ostrel overnight .", "p1",
              day, position=0)
    deep = _s("Troops crossed the river into the border town of Ostrel at dawn .", "p2",
              day, position=30)
    (entry,) = summarise([lead, deep], n_days=1, per_day=1)
    # Papers report yesterday's news: the lead stands for its day or the day before.
    assert entry.date in (day, day - dt.timedelta(days=1))
    assert [s.article for s in entry.sentences] == ["p1"]


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match=r"\[E050\]"):
        summarise(_story(), n_days=0, per_day=1)


def test_dated_sentences_are_traceable_and_resolved() -> None:
    text = ("Portavel , Norland -LRB- CNN -RRB- -- The ferry sank on May 24 , 2030 near the "
            "cape .\nOfficials said on Tuesday that divers had found the hull .\n")
    found = dated_sentences("doc1", text, D(2031, 1, 9))
    assert [s.text for s in found] == [
        "The ferry sank on May 24 , 2030 near the cape .",
        "Officials said on Tuesday that divers had found the hull ."]
    assert all(text[s.start:s.end] == s.text and s.article == "doc1" for s in found)
    assert found[0].dates == (D(2030, 5, 24),)
    assert found[1].dates == (D(2031, 1, 7),)  # the Tuesday before publication
    assert [s.position for s in found] == [0, 1]


def test_selected_sentences_point_back_to_their_article() -> None:
    articles = {
        "n1": "The Kellan dam burst on 3 May 2031 and flooded the valley villages .\n",
        "n2": "Water from the Kellan dam , which burst on 3 May 2031 , reached the sea .\n",
    }
    sentences = [s for aid, text in articles.items()
                 for s in dated_sentences(aid, text, D(2031, 5, 5))]
    for day in summarise(sentences, n_days=1, per_day=2):
        for s in day.sentences:
            assert articles[s.article][s.start:s.end] == s.text


# ------------------------------------------------------------------- the benchmark


def _layout(root: Path) -> None:
    """Two source folders of one topic 'quake', one gold timeline each."""
    for folder, day, text in [
        ("quake_one", "2032-02-01", "A strong earthquake struck the port of Velm on "
                                    "February 1 , 2032 , toppling the old lighthouse .\n"),
        ("quake_two", "2032-02-03", "Rescuers pulled twelve people from the rubble of Velm "
                                    "on February 3 , 2032 .\n"),
    ]:
        docs = root / folder / "InputDocs" / day
        docs.mkdir(parents=True)
        (docs / "1.htm.txt").write_text(text, encoding="utf-8")
        (root / folder / "timelines").mkdir()
    (root / "quake_one" / "timelines" / "tl.txt").write_text(
        "2032-02-01\nAn earthquake strikes Velm and topples the lighthouse .\n"
        "--------------------------------\n"
        "2032-02-0\nA line under a broken date .\n"
        "--------------------------------\n"
        "2032-02-03\nRescuers pull twelve people from the rubble .\n"
        "--------------------------------\n"
        "2032-02-03\nThe port reopens .\n"
        "--------------------------------\n", encoding="utf-8")
    (root / "quake_two" / "timelines" / "tl.txt").write_text(
        "2032-02-03\nRescuers pull twelve people from the rubble .\n"
        "--------------------------------\n", encoding="utf-8")


def test_layout_reader_merges_folders_and_reads_gold(tmp_path: Path) -> None:
    bench = _bench()
    _layout(tmp_path)
    notes: list[str] = []
    (topic,) = bench.read_layout(tmp_path, notes)
    assert topic.name == "quake"
    assert len(topic.sources) == 2 and len(topic.timelines) == 2
    gold = topic.timelines[0].days
    assert sorted(gold) == [D(2032, 2, 1), D(2032, 2, 3)]  # the broken date is left out
    assert len(gold[D(2032, 2, 3)]) == 2  # a repeated day keeps both entries
    assert any("[E052]" in note and "2032-02-0" in note for note in notes)
    assert bench.task_size(gold) == (2, 2)


def test_layout_reader_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"\[E051\]"):
        _bench().read_layout(tmp_path, [])


def test_scorer_rewards_the_gold_and_nothing_else() -> None:
    bench = _bench()
    gold = {D(2032, 2, 1): ("An earthquake strikes Velm and topples the lighthouse .",),
            D(2032, 2, 3): ("Rescuers pull twelve people from the rubble .",)}
    perfect = bench.score({d: list(s) for d, s in gold.items()}, gold)
    assert perfect.r1_f1 == pytest.approx(1.0) and perfect.r2_f1 == pytest.approx(1.0)
    assert perfect.date_f1 == 1.0
    wrong = bench.score({D(2032, 5, 9): ["Parliament debated the fishing quotas ."]}, gold)
    assert wrong.r1_f1 == 0.0 and wrong.date_f1 == 0.0
    # The right words a day off earn part of the credit (align+ m:1 divides by 1 + days).
    shifted = bench.score({D(2032, 2, 2): list(gold[D(2032, 2, 1)])}, gold)
    assert 0.0 < shifted.r1_p < 1.0 and shifted.date_f1 == 0.0


def test_protocol_runs_end_to_end_on_the_layout(tmp_path: Path) -> None:
    bench = _bench()
    _layout(tmp_path)
    (topic,) = bench.read_layout(tmp_path, [])
    sentences = bench.topic_sentences(topic, tmp_path / "cache", lambda done, total: None)
    again = bench.topic_sentences(topic, tmp_path / "cache", lambda done, total: None)
    assert again == sentences  # read back from the cache
    timeline, scores = bench.run_task(summarise, sentences, topic.timelines[0].days)
    assert {day.date for day in timeline} <= {D(2032, 2, 1), D(2032, 2, 3)}
    assert scores.date_p == 1.0 and scores.r1_f1 > 0.2
    overall = bench.mean_scores([scores, scores])
    assert overall.r1_f1 == pytest.approx(scores.r1_f1)


def test_a_weekday_before_its_date_and_a_bare_clock_time_add_no_day() -> None:
    text = ("Tuesday , March 4 , 2031 ; 4:30 PM The council met again in Velm .\n"
            "At 9:15 am the mayor spoke to the council .\n")
    stamp, clock = dated_sentences("d", text, D(2031, 3, 20))
    # The weekday is the date beside it, not the Tuesday before publication (18 March).
    assert stamp.dates == (D(2031, 3, 4),)
    # A clock time alone is placed on the publication day by the tagger: not a mention.
    assert clock.dates == ()
    assert stamp.heading == 0 and clock.heading == 0


def test_a_chronology_entry_is_marked_with_its_heading() -> None:
    text = ("Key dates in the Velm flood :\n"
            "* March 3 - The Kellan dam bursts and floods the valley .\n"
            "March 9 : Donors pledge a relief fund for the valley villages .\n"
            "The dam burst on March 3 - after days of rain - and flooded the valley .\n")
    _, first, second, prose = dated_sentences("d", text, D(2031, 3, 20))
    assert first.dates == (D(2031, 3, 3),) and first.text[first.heading:].startswith("The ")
    assert second.dates == (D(2031, 3, 9),) and second.text[second.heading:].startswith("Don")
    assert prose.dates == (D(2031, 3, 3),) and prose.heading == 0


def test_a_chronology_entry_for_the_day_is_preferred_and_shown_without_its_date() -> None:
    day = D(2031, 6, 2)
    entry = "June 2 - Rebels take the port of Tamsin after a night of shelling ."
    heading = len("June 2 - ")
    sentences = [
        _s("Rebels fought for the port of Tamsin all night , residents of Tamsin said .", "r1",
           day, day),
        _s("The port of Tamsin saw rebels and shelling on June 2 , residents of Tamsin said .",
           "r2", D(2031, 6, 3), day),
        replace(_s(entry, "r3", D(2031, 6, 20), day), heading=heading),
    ]
    (chosen,) = summarise(sentences, n_days=1, per_day=1)[0].sentences
    assert chosen.article == "r3"
    assert chosen.text == entry[heading:] and chosen.start == heading
    plain = summarise(sentences, n_days=1, per_day=1, settings=TlsSettings(entry_bonus=0.0))
    assert plain[0].sentences[0].text != entry[heading:]
