from __future__ import annotations

import pytest

from dateline.analyze.quantities import find_quantities


@pytest.mark.parametrize(
    ("sentence", "killed", "injured", "kq", "iq"),
    [
        ("The shelling of the market injured at least four shoppers.", None, 4, "", "at least"),
        ("At least 12 people were killed and 30 wounded in the blast.", 12, 30, "at least", ""),
        ("The raid left nine people dead, officials said.", 9, None, "", ""),
        ("It caused the deaths of at least a dozen miners.", 12, None, "at least", ""),
        ("Dozens of people were injured when the roof fell.", None, 24, "", "at least"),
        ("About 1,200 soldiers have been killed since spring.", 1200, None, "about", ""),
        ("Two workers were hurt and one died later in hospital.", 1, 2, "", ""),
        ("The minister was injured in 2022 during a visit.", None, None, "", ""),
        ("Talks resumed on Monday.", None, None, "", ""),
    ],
)
def test_counts(sentence: str, killed: int | None, injured: int | None, kq: str,
                iq: str) -> None:
    q = find_quantities(sentence)
    assert (q.killed, q.injured) == (killed, injured)
    if killed is not None:
        assert q.killed_qualifier == kq
    if injured is not None:
        assert q.injured_qualifier == iq


def test_adversarial_line_is_fast() -> None:
    import time

    start = time.perf_counter()
    find_quantities("at least " * 5000 + "people " * 5000)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police arrested at least 30 protesters outside parliament.",
         {"arrested": 30, "arrested_qualifier": "at least"}),
        ("Some 200 people were detained overnight.",
         {"arrested": 200, "arrested_qualifier": "some"}),
        ("The air force said it shot down 38 of the 52 cruise missiles fired.",
         {"missiles": 52}),
        ("The army said it launched 120 attack drones and nine ballistic missiles.",
         {"drones": 120, "missiles": 9}),
        ("More than 300 drones struck the grid, injuring six workers.",
         {"drones": 300, "drones_qualifier": "more than", "injured": 6}),
        ("The drone flew 300 kilometres before it crashed.", {}),
    ],
)
def test_arrests_and_weapons_are_counted(sentence: str, expected: dict[str, object]) -> None:
    assert find_quantities(sentence).as_dict() == expected


# Sentences written for these tests: every kind of count, in several word orders and cases.
_CUE_SENTENCES = [
    "At least 12 people were killed and 30 wounded in the blast.",
    "The deaths of at least a dozen miners were confirmed.",
    "Police ROUNDED UP about 40 protesters and made 15 arrests overnight.",
    "The army said it shot down 71 ballistic missiles and some 450 attack drones.",
    "Officials reported injuries of nearly 300 people, some of them detained later.",
    "Rebels fired a barrage of 40 rockets; three UAVs were also launched.",
    "Talks resumed on Monday in a quiet mood.",
]


def test_each_pattern_needs_its_cue() -> None:
    """The cheap cue test skips a kind's patterns: it must hold wherever one matches."""
    from dateline.analyze import quantities as q

    kinds = (q._KILLED, q._INJURED, q._ARRESTED, q._MISSILES, q._DRONES)
    matched = 0
    for kind in kinds:
        for sentence in _CUE_SENTENCES:
            if any(p.search(sentence) for p in kind.patterns):
                matched += 1
                assert kind.cue.search(sentence), (kind.cue.pattern, sentence)
    assert matched >= len(kinds)  # every kind was exercised
