"""Place resolution: phrases to gazetteer entries, and the place of a sentence's event."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from dateline.analyze import places
from dateline.analyze.places import Place, country_code, event_place, place_mentions, resolve
from dateline.model import Entity, Sentence


def km(place: Place, lat: float, lon: float) -> float:
    """Great-circle distance from a place to a point."""
    p1, p2 = math.radians(place.lat), math.radians(lat)
    dlat, dlon = p2 - p1, math.radians(lon - place.lon)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def at(phrase: str, context: str = "", countries_hint: Sequence[str] = ()) -> Place:
    place = resolve(phrase, context, countries_hint)
    assert place is not None, phrase
    return place


def name_at(sentence: Sentence, trigger: int) -> str:
    place = event_place(sentence, trigger=trigger)
    assert place is not None
    return place.name


def test_key_folds_accents_case_and_punctuation() -> None:
    assert places.key("Genève") == places.key("GENEVE") == "geneve"
    assert places.key("Kurs'k") == "kursk"
    assert places.key("St. Petersburg") == "saint petersburg"
    assert places.key("Straße") == "strasse"


def test_small_town_with_its_region_as_container() -> None:
    taman = at("Taman port in Russia's Krasnodar region")
    assert (taman.name, taman.country, taman.admin1, taman.kind) == (
        "Taman", "RU", "Krasnodar Krai", "city")
    assert km(taman, 45.21, 36.72) < 30
    assert at("the port of Taman").country == "RU"  # not one of Indonesia's villages


@pytest.mark.parametrize(("phrase", "country", "code", "name"), [
    ("Krasnodar region", "RU", "RU.38", "Krasnodar Krai"),
    ("Dnipropetrovsk region", "UA", "UA.04", "Dnipropetrovsk Oblast"),
    ("the Kursk region of Russia", "RU", "RU.41", "Kursk Oblast"),
    ("Kyiv region", "UA", "UA.13", "Kyiv Oblast"),  # not the division of Kyiv City
    ("Moscow Oblast", "RU", "RU.47", "Moscow Oblast"),
    ("Ukraine's Odesa region", "UA", "UA.17", "Odesa Oblast"),
    ("Hatay province", "TR", "TR.31", "Hatay Province"),
])
def test_region_phrases_name_first_level_divisions(
        phrase: str, country: str, code: str, name: str) -> None:
    place = at(phrase)
    assert (place.kind, place.country, place.admin1_code, place.name) == (
        "admin1", country, code, name)


def test_bare_names_are_cities_before_namesake_divisions() -> None:
    for name, country in [("Abu Dhabi", "AE"), ("Geneva", "CH"), ("Munich", "DE"),
                          ("Kyiv", "UA"), ("Washington", "US"), ("Zaporizhzhia", "UA")]:
        place = at(name)
        assert (place.kind, place.country) == ("city", country), name
    florida = at("Florida")  # a US state, not a village of Cuba or New York
    assert (florida.kind, florida.country) == ("admin1", "US")


def test_same_name_cities_by_container_then_hint_then_population() -> None:
    assert at("Geneva").country == "CH"
    assert at("Geneva", context="The United States brokered the deal.").country == "CH"
    assert at("Geneva", countries_hint=["US"]).country == "US"
    assert at("Geneva, New York").admin1 == "New York"
    assert at("Odessa, Texas").admin1 == "Texas"
    assert at("Doha, Qatar").country == "QA"
    assert at("the Ukrainian city of Dnipro").country == "UA"


def test_transliteration_variants_reach_one_entry() -> None:
    pairs = [("Kiev", "Kyiv"), ("Odessa", "Odesa"), ("Kharkov", "Kharkiv"),
             ("Dnepr", "Dnipro")]
    for variant, name in pairs:
        assert at(variant).geonameid == at(name).geonameid, variant
    assert at("Odessa").country == "UA"  # not the larger of the Texan Odessas


def test_countries_by_name_alias_and_demonym() -> None:
    for text in ("US", "U.S.", "United States", "the United States", "America"):
        assert at(text).country == "US", text
    for text in ("UK", "Britain", "Great Britain"):
        assert at(text).country == "GB", text
    assert at("UAE").kind == "country"
    assert country_code("Russia's") == "RU"
    assert country_code("Ukrainian") == "UA"
    assert country_code("us") is None  # the pronoun
    assert resolve("Ukrainian") is None  # an adjective is not a place


def test_country_centre_stays_right_across_the_antimeridian() -> None:
    assert abs(at("Fiji").lon) > 170


@pytest.mark.parametrize("sentence", [
    "The talks were cancelled due to the situation in the Middle East.",
    "Lawmakers in Congress approved the bill on Friday.",
    "The leaders met at the White House on Monday.",
    "Ships came under fire in the Red Sea.",
    "The vote took place in March.",
])
def test_institutions_seas_and_wide_regions_are_not_places(sentence: str) -> None:
    assert event_place(sentence) is None


@pytest.mark.parametrize(("sentence", "name", "country"), [
    ("Talks between the two delegations, brokered by the United States, began in Geneva on "
     "Tuesday.", "Geneva", "CH"),
    ("A drone attack set fire to a fuel depot in the port of Novorossiysk overnight.",
     "Novorossiysk", "RU"),
    ("Rebels shelled Goma on Friday, the Congolese army said.", "Goma", "CD"),
    ("The earthquake struck near the Turkish city of Gaziantep before dawn.", "Gaziantep", "TR"),
    ("Envoys of both sides met in Florida without the third delegation.", "Florida", "US"),
    ("An airstrike hit a clinic north of Khan Younis, Palestinian officials said.",
     "Khān Yūnis", "PS"),
    ("Floods in Pakistan's Sindh province displaced thousands of families.",
     "Sindh Province", "PK"),
    ("Troops pushed deeper into Russian territory on Monday.", "Russia", "RU"),
    ("In Lima, thousands marched against the new law.", "Lima", "PE"),  # not "In Lima"
    ("The envoy spoke at the United Nations in New York.", "New York City", "US"),
    ("The blast at the Port of Beirut damaged the old town.", "Beirut", "LB"),
    ("Floods swept through Valencia, Spain, on Tuesday.", "Valencia", "ES"),
])
def test_event_place_prefers_the_locative_complement(
        sentence: str, name: str, country: str) -> None:
    place = event_place(sentence)
    assert place is not None and (place.name, place.country) == (name, country)


def test_names_spacy_mislabels_still_count_in_a_strong_frame() -> None:
    text = "Missiles targeted Kyiv overnight."
    kyiv = Entity("Kyiv", "PERSON", text.index("Kyiv"), text.index("Kyiv") + 4)
    place = event_place(text, [kyiv])
    assert place is not None and place.name == "Kyiv"
    text = "Officials spoke with Chad Smith at length."
    chad = Entity("Chad Smith", "PERSON", text.index("Chad"), text.index("Chad") + 10)
    assert event_place(text, [chad]) is None


def test_venues_named_after_their_city() -> None:
    text = "The president addressed the Munich Security Conference on Saturday."
    venue = Entity("the Munich Security Conference", "ORG", text.index("the Munich"),
                   text.index(" on Saturday"))
    place = event_place(text, [venue])
    assert place is not None and place.name == "Munich"


def test_trigger_picks_between_two_events_and_offsets_are_the_articles() -> None:
    text = "The strike in Kharkiv came a day after talks in Geneva."
    sentence = Sentence(1000, 1000 + len(text), text)
    strike, talks = 1000 + text.index("strike"), 1000 + text.index("talks")
    assert name_at(sentence, strike) == "Kharkiv"
    assert name_at(sentence, talks) == "Geneva"
    found = place_mentions(sentence, trigger=talks)
    assert [m.place.name for m in found] == ["Geneva", "Kharkiv"]
    assert sentence.text[found[0].start - 1000:found[0].end - 1000] == "Geneva"


def test_owners_of_things_are_weak_and_actors_by_agent_are_not_places() -> None:
    found = place_mentions("Ukraine has targeted Russia's oil facilities.")
    assert found[0].place.country == "RU" and found[0].owner
    assert event_place("The talks were brokered by the United States.") is None


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# seed file -> (a word of the sentence, the place its event happened at: name, country)
SEED_PLACES = {
    "000_199ab945a7d24b6d.txt": [("Taman", "Taman", "RU"), ("Geneva", "Geneva", "CH"),
                                 ("Abu Dhabi", "Abu Dhabi", "AE"), ("Munich", "Munich", "DE"),
                                 ("Odesa", "Odesa Oblast", "UA"), ("Sochi", "Sochi", "RU")],
    "001_830d5c1692baf6d5.txt": [("Florida", "Florida", "US"), ("Dnipro ", "Dnipro", "UA"),
                                 ("Dnipropetrovsk", "Dnipropetrovsk Oblast", "UA"),
                                 ("maternity", "Zaporizhzhya", "UA")],
    "002_8f453393c0e5582e.txt": [("began in", "Abu Dhabi", "AE"), ("Kyiv", "Kyiv", "UA")],
    "003_2502d95e1ed462e7.txt": [("Doha", "Doha", "QA"), ("Kursk region", "Kursk Oblast", "RU")],
}


@pytest.mark.parametrize("seed", sorted(SEED_PLACES))
def test_seed_sentences(seed: str) -> None:
    if not (SEEDS / seed).is_file():
        pytest.skip("../shared/seeds is not beside the repository")
    text = (SEEDS / seed).read_text(encoding="utf-8")
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    for word, name, country in SEED_PLACES[seed]:
        sentence = next(s for s in sentences if word in s)
        place = event_place(sentence)
        assert place is not None and (place.name, place.country) == (name, country), word
    if seed.startswith("000"):
        taman = event_place(next(s for s in sentences if "Taman" in s))
        assert taman is not None and taman.admin1 == "Krasnodar Krai"
        assert km(taman, 45.21, 36.72) < 30


@pytest.mark.parametrize("text", ["", "   ", ", ,", "region", "the city of", "Port", "123"])
def test_empty_and_generic_phrases_resolve_to_nothing(text: str) -> None:
    assert resolve(text) is None


def test_trailing_possessive_is_the_owner() -> None:
    assert at("Kyiv’s").name == "Kyiv"
    assert at("Russia's").kind == "country"


def _places_of(text: str) -> list[tuple[str, str | None]]:
    import datetime as dt

    from dateline.extract import Record, extract
    from dateline.settings import Settings

    found = next(iter(extract([Record("t", text, dt.date(2026, 5, 6))], Settings())))
    return [(m["trigger"], m["place"]) for m in found["mentions"]]


def test_a_place_of_another_event_noun_is_not_the_events_place() -> None:
    found = dict(_places_of("The summit took place on Monday, two days before a planned "
                            "conference in Oslo."))
    assert found.get("summit") is None


def test_a_place_inside_the_triggers_own_phrase_is_its_place() -> None:
    found = dict(_places_of("Rebel and government envoys opened a third round of "
                            "negotiations in Nairobi on Tuesday, a day after shelling hit "
                            "Goma."))
    assert found.get("round") == "Nairobi"
