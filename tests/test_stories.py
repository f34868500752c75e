"""Story clustering on hand-written reports: what joins, what stays apart, in any order."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import numpy as np
import pytest

from dateline.analyze.article import analyze_articles
from dateline.extract import Record, as_article
from dateline.link.stories import (
    Features,
    StoryDoc,
    StoryIndex,
    StoryWeights,
    story_docs,
)
from dateline.settings import Settings

STRIKE = (
    "Drones hit the port of Portavel, fuel depot ablaze\n"
    "A swarm of Ruritanian drones struck the Black Sea port of Portavel overnight on "
    "Tuesday, setting a fuel depot on fire and killing four dock workers, the regional "
    "governor Anton Beletsky said. Firefighters fought the blaze at the oil terminal until "
    "dawn. The port authority said tanker loading had been halted and that two berths were "
    "damaged. Beletsky said 23 drones were shot down over the Portavel district."
)
STRIKE_AGAIN = (
    "Portavel oil terminal burns after overnight drone raid\n"
    "Four workers died when drones attacked the oil terminal in Portavel on Tuesday night, "
    "governor Anton Beletsky told reporters, and the fire at the fuel depot burned for "
    "hours. Air defences downed 23 drones over the district, he said. Loading of tankers at "
    "the port was suspended while engineers inspected the damaged berths."
)
STRIKE_LATER = (
    "New drone strike on Portavel port kills eleven\n"
    "Drones struck the port of Portavel again on Thursday, hitting a grain warehouse and a "
    "ferry pier and killing eleven people, governor Anton Beletsky said. It was the "
    "heaviest attack on the port since the war began. Beletsky said 41 drones had been "
    "launched and that a passenger ferry was damaged at the pier."
)
UNRELATED = (
    "Central bank holds rates as inflation cools\n"
    "The Valdorian central bank kept its key interest rate at 4.5 percent on Wednesday, "
    "saying consumer prices rose more slowly in the autumn. Governor Elena Marsh told a news "
    "conference that the bank would watch wage growth closely before any cut next year. "
    "The currency barely moved after the decision."
)
DATES = {"strike": "2026-02-04", "again": "2026-02-04", "later": "2026-03-06",
         "bank": "2026-02-05"}
TEXTS = {"strike": STRIKE, "again": STRIKE_AGAIN, "later": STRIKE_LATER, "bank": UNRELATED}


@pytest.fixture(scope="module")
def docs() -> dict[str, StoryDoc]:
    records = [Record(k, TEXTS[k], dt.date.fromisoformat(DATES[k])) for k in TEXTS]
    articles = [as_article(r) for r in records]
    pairs = list(zip(articles, analyze_articles(articles, Settings()), strict=True))
    return {d.article_id: d for d in story_docs(pairs)}


def partition(index: StoryIndex, ids: list[str]) -> set[frozenset[str]]:
    groups: dict[str | None, set[str]] = {}
    for article in ids:
        groups.setdefault(index.story_of(article), set()).add(article)
    return {frozenset(g) for g in groups.values()}


EXPECTED = {frozenset({"strike", "again"}), frozenset({"later"}), frozenset({"bank"})}


def test_two_reports_of_one_strike_join(docs: dict[str, StoryDoc]) -> None:
    index = StoryIndex()
    first = index.add(docs["strike"])
    second = index.add(docs["again"])
    assert first.created and not second.created
    assert second.story_id == first.story_id


def test_a_second_strike_a_month_later_stays_apart(docs: dict[str, StoryDoc]) -> None:
    index = StoryIndex()
    story = index.add(docs["strike"]).story_id
    index.add(docs["again"])
    later = index.add(docs["later"])
    assert later.created and later.story_id != story
    rival = next(c for c in later.candidates if c.story_id == story)
    assert rival.features.gap_days == 30


def test_undated_reports_are_dated_by_their_own_text() -> None:
    # No publication dates given: the dates printed in the texts are inferred as theirs.
    texts = {"strike": STRIKE.replace("on Tuesday", "on Tuesday, February 3, 2026"),
             "again": STRIKE_AGAIN.replace("on Tuesday", "on Tuesday, February 3, 2026"),
             "later": STRIKE_LATER.replace("on Thursday", "on Thursday, March 5, 2026")}
    articles = [as_article(Record(k, t, None)) for k, t in texts.items()]
    pairs = list(zip(articles, analyze_articles(articles, Settings()), strict=True))
    index = StoryIndex()
    placed = [index.add(doc) for doc in story_docs(pairs)]
    assert [p.created for p in placed] == [True, False, True]


def test_an_unrelated_article_starts_its_own_story(docs: dict[str, StoryDoc]) -> None:
    index = StoryIndex()
    index.add(docs["strike"])
    bank = index.add(docs["bank"])
    assert bank.created
    assert all(c.logit < index.weights.join for c in bank.candidates)


@pytest.mark.parametrize("order", list(itertools.permutations(TEXTS)))
def test_the_order_of_addition_does_not_change_the_stories(
        docs: dict[str, StoryDoc], order: tuple[str, ...]) -> None:
    index = StoryIndex()
    for key in order:
        index.add(docs[key])
    assert partition(index, list(TEXTS)) == EXPECTED
    assert len(index) == 3 and index.articles == 4


def test_a_label_names_the_story_and_its_dates(docs: dict[str, StoryDoc]) -> None:
    index = StoryIndex()
    story = index.add(docs["strike"]).story_id
    index.add(docs["again"])
    label = index.label(story)
    assert label.size == 2
    assert "portavel" in label.terms
    assert label.first == label.last == dt.date(2026, 2, 4)
    assert label.years == (2026,)
    assert label.title.startswith("Drones hit the port of Portavel")


def test_the_state_round_trips_through_a_file(docs: dict[str, StoryDoc],
                                              tmp_path: Path) -> None:
    index = StoryIndex()
    for key in ("strike", "bank", "again"):
        index.add(docs[key])
    path = tmp_path / "stories.npz"
    index.save(path)
    loaded = StoryIndex.load(path)
    assert loaded.labels() == index.labels()
    assert loaded.story_of("again") == index.story_of("again")
    here, there = index.add(docs["later"]), loaded.add(docs["later"])
    assert [(c.story_id, round(c.logit, 6)) for c in here.candidates] == \
        [(c.story_id, round(c.logit, 6)) for c in there.candidates]


def test_a_forced_story_is_created_or_joined(docs: dict[str, StoryDoc]) -> None:
    index = StoryIndex()
    assert index.add(docs["strike"], into="gold-1").created
    assert not index.add(docs["bank"], into="gold-1").created
    assert index.story_of("bank") == "gold-1"


def test_publication_days_outside_the_window_cost_logit() -> None:
    weights = StoryWeights()
    base = Features(0.5, 0.8, 0.3, 0.0, 0.0, None)
    near = Features(0.5, 0.8, 0.3, 0.0, 0.0, 7)
    month = Features(0.5, 0.8, 0.3, 0.0, 0.0, 30)
    assert base.logit(weights) == near.logit(weights)
    assert month.logit(weights) < base.logit(weights) - 10


def test_a_bad_state_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    np.savez(path, nothing=np.zeros(1))
    with pytest.raises(Exception, match=r"\[E041\].*broken.npz"):
        StoryIndex.load(path)
