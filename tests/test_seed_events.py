"""Issue-4 acceptance on the seed articles (read from ../shared/seeds, never copied): what
each event mention carries, checked on the stored mentions."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from dateline.model import Mention
from dateline.store.db import connect
from dateline.store.repo import row_to_mention

from .conftest import SEEDS
from .test_seeds import TEASER_WORDS, ingest_seeds

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
TAMAN = (45.21, 36.72)


@pytest.fixture(scope="module")
def mentions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[str, Mention]]]:
    conn = connect(tmp_path_factory.mktemp("seed-events") / "s.db")
    ingest_seeds(conn, SEEDS)
    rows = conn.execute("SELECT m.*, a.origin FROM mentions m JOIN articles a "
                        "ON a.id = m.article_id ORDER BY m.id").fetchall()
    yield [(r["origin"].rsplit("/", 1)[-1][:3], row_to_mention(r)) for r in rows]
    conn.close()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def test_the_taman_strike(mentions: list[tuple[str, Mention]]) -> None:
    taman = [m for seed, m in mentions if seed == "000" and m.type == "ASSAULT"
             and "Taman" in m.sentence.text]
    assert taman
    strike = taman[0]
    assert strike.mode == "drone"
    assert any(a.country == "UKR" for a in strike.actor_refs)
    assert strike.geo is not None and strike.geo.name == "Taman"
    assert strike.geo.country == "RU" and "Krasnodar" in strike.geo.admin1
    assert km((strike.geo.lat, strike.geo.lon), TAMAN) < 30
    assert (strike.quantities.injured or 0) >= 2
    assert strike.acled == ("Explosions/Remote violence", "Air/drone strike")


def test_the_miners_bus_strike_killed_at_least_a_dozen(
        mentions: list[tuple[str, Mention]]) -> None:
    bus = [m for seed, m in mentions if seed == "001" and m.type == "ASSAULT"
           and (m.quantities.killed or 0) >= 12]
    assert bus


def test_the_talks_are_mediated_consultations_with_named_delegates(
        mentions: list[tuple[str, Mention]]) -> None:
    talks = [m for seed, m in mentions if m.type == "CONSULT"
             and m.mode in ("third-party", "multilateral")]
    mediated = [m for m in talks if any(a.country == "USA" and a.role == "mediator"
                                        for a in m.actor_refs)]
    for place in ("Abu Dhabi", "Geneva"):
        assert any(m.geo and m.geo.name == place for m in mediated), place
    names = {a.name for m in mediated for a in m.actor_refs if a.kind == "person"}
    for delegate in ("Umerov", "Witkoff", "Kostyukov", "Dmitriev"):
        assert any(delegate in name for name in names), delegate


def test_statements_carry_speaker_and_quote(mentions: list[tuple[str, Mention]]) -> None:
    said = [m for _, m in mentions if m.speaker and m.quote]
    for speaker in ("Zelensk", "Rutte", "Kallas", "Shmyhal"):
        assert any(speaker in (m.speaker or "") for m in said), speaker


def test_missiles_and_drones_are_counted(mentions: list[tuple[str, Mention]]) -> None:
    counts = [m.quantities for seed, m in mentions if seed == "002"]
    assert any(q.missiles == 71 for q in counts)
    assert any(q.drones == 450 for q in counts)


def test_no_event_from_the_teasers(mentions: list[tuple[str, Mention]]) -> None:
    for _, m in mentions:
        assert not any(word in m.sentence.text for word in TEASER_WORDS), m.sentence.text
