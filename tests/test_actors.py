"""Canonical actors: name variants, titles and sectors, nationality, metonymy, compounds.

Hand-written sentences about invented or widely known people, plus the seed articles read
from ../shared/seeds when present (never copied). No spaCy model is loaded: labels are
given as the NER would give them.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from pathlib import Path

import pytest

from dateline.analyze.actors import (
    DATA_FILE,
    Actor,
    ActorRegistry,
    as_agent,
    canonical_key,
    canonicalize,
    has_name,
    mention_role,
    merge_keys,
    split_compound,
)


def code(actor: Actor | None) -> tuple[str | None, str | None]:
    assert actor is not None
    return actor.country, actor.sector


# ---------------------------------------------------------------------------- name keys


@pytest.mark.parametrize("variants", [
    ["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi", "Zelenski"],
    ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "President Volodymyr Zelenskiy"],
    ["Mohammed bin Salman", "Muhammad bin Salman", "Mohamed bin Salman"],
    ["Bashar al-Assad", "Bashar Assad", "Bashar el-Assad", "Bashar Al-Assad"],
    ["Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "RECEP TAYYIP ERDOGAN"],
    ["Dmitry Peskov", "Dmitriy Peskov", "Dmitrii Peskov"],
    ["Abdel Fattah el-Sisi", "Abdul Fattah al-Sisi", "Abdel Fattah al Sisi"],
    ["Saddam Hussein", "Saddam Husayn", "Saddam Hussain"],
])
def test_transliteration_variants_share_one_key(variants: list[str]) -> None:
    assert len({canonical_key(v, "PERSON") for v in variants}) == 1


@pytest.mark.parametrize("one, other", [
    ("Donald Trump", "Melania Trump"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Al Gore", "Gore"),
    ("Ahmed Hassan", "Ahmed Hussein"),
])
def test_different_people_keep_different_keys(one: str, other: str) -> None:
    assert canonical_key(one, "PERSON") != canonical_key(other, "PERSON")


def test_titles_are_stripped_from_the_name_and_read_for_sector_and_country() -> None:
    cases = {
        "Kenyan Defence Minister Amos Wekesa": ("Amos Wekesa", "KEN", "GOV"),
        "General Tomas Rivera": ("Tomas Rivera", None, "MIL"),
        "Senator Ruth Calloway": ("Ruth Calloway", None, "LEG"),
        "Judge Hana Sato": ("Hana Sato", None, "JUD"),
        "South African President Thabo Nkosi": ("Thabo Nkosi", "ZAF", "GOV"),
        "Saudi Crown Prince Faisal bin Nasser": ("Faisal bin Nasser", "SAU", "GOV"),
        "U.S. Secretary of State Dana Whitfield": ("Dana Whitfield", "USA", "GOV"),
        "UN envoy Lars Holm": ("Lars Holm", None, "IGO"),
        "Kremlin spokesman Pavel Orlov": ("Pavel Orlov", "RUS", "GOV"),
    }
    for text, (name, country, sector) in cases.items():
        actor = canonicalize(text, "PERSON")
        assert (actor.name, actor.kind, actor.country, actor.sector) == (
            name, "person", country, sector), text


# ---------------------------------------------------------------------------- groups


@pytest.mark.parametrize("text, country, sector", [
    ("Ukrainian officials", "UKR", "GOV"),
    ("Russian forces", "RUS", "MIL"),
    ("a US delegation", "USA", "GOV"),
    ("Syrian rebels", "SYR", "REB"),
    ("Sudanese protesters", "SDN", "CVL"),
    ("Israeli troops", "ISR", "MIL"),
    ("Brazil's Supreme Court", "BRA", "JUD"),
    ("the Kenyan parliament", "KEN", "LEG"),
    ("Chinese authorities", "CHN", "GOV"),
    ("Nigerian police", "NGA", "COP"),
    ("Colombian miners", "COL", "CVL"),
    ("the U.S. Senate", "USA", "LEG"),
    ("Iran's Foreign Ministry", "IRN", "GOV"),
    ("Kyiv officials", "UKR", "GOV"),
    ("Hamas militants", "PSE", "REB"),
])
def test_nationality_and_sector_of_collective_actors(
        text: str, country: str, sector: str) -> None:
    assert code(canonicalize(text)) == (country, sector)


def test_same_state_actor_merges_across_its_names() -> None:
    keys = {canonicalize(t, label).key for t, label in [
        ("Ukraine", "GPE"), ("Kyiv", "GPE"), ("Ukrainian officials", ""),
        ("the Ukrainian", "NORP")]}
    assert keys == {"UKR:GOV"}
    assert canonicalize("Russian forces").key != canonicalize("Russia", "GPE").key


@pytest.mark.parametrize("text, name", [
    ("the UN", "United Nations"), ("U.N.", "United Nations"), ("NATO", "NATO"),
    ("the EU", "European Union"), ("the African Union", "African Union"),
    ("UN peacekeepers", "United Nations"),
    ("The World Health Organization", "World Health Organization"),
])
def test_international_organisations(text: str, name: str) -> None:
    actor = canonicalize(text, "ORG")
    assert (actor.name, actor.kind, actor.country, actor.sector) == (name, "org", None, "IGO")


def test_named_armed_groups_and_media() -> None:
    assert code(canonicalize("Hezbollah fighters")) == ("LBN", "REB")
    assert canonicalize("Reuters", "ORG").sector == "MED"
    assert canonicalize("ISIL", "ORG").key == canonicalize("Islamic State", "ORG").key


def test_demonym_takes_the_sector_of_the_noun_it_modifies() -> None:
    sentence = "A Ukrainian drone strike set a depot on fire, and Ukrainian officials said so."
    assert code(canonicalize("Ukrainian", "NORP", sentence)) == ("UKR", "MIL")
    assert code(canonicalize("Ukrainian", "NORP", "Ukrainian officials said")) == (
        "UKR", "GOV")
    assert code(canonicalize("Ukrainians", "NORP")) == ("UKR", None)


# ---------------------------------------------------------------------------- metonymy


@pytest.mark.parametrize("name, country, sector", [
    ("Kyiv", "UKR", "GOV"), ("Moscow", "RUS", "GOV"), ("Washington", "USA", "GOV"),
    ("Beijing", "CHN", "GOV"), ("Tehran", "IRN", "GOV"), ("the Kremlin", "RUS", "GOV"),
    ("the White House", "USA", "GOV"), ("Downing Street", "GBR", "GOV"),
    ("the Pentagon", "USA", "MIL"), ("Nairobi", "KEN", "GOV"), ("Russia", "RUS", "GOV"),
])
def test_capitals_and_seats_stand_for_their_state(
        name: str, country: str, sector: str) -> None:
    assert code(as_agent(name, "actor")) == (country, sector)
    assert code(as_agent(name, "recipient")) == (country, sector)
    assert as_agent(name, "place") is None


def test_other_places_are_not_agents() -> None:
    assert as_agent("Dnipro") is None
    assert as_agent("Victoria") is None  # a capital too small to be read as a state
    assert canonicalize("Victoria", "PERSON").kind == "person"


@pytest.mark.parametrize("name, sentence, role", [
    ("Kyiv", "Russian drones hit Kyiv overnight.", "place"),
    ("Kyiv", "Kyiv said it would answer the proposal.", "actor"),
    ("Moscow", "Talks were held in Moscow on Friday.", "place"),
    ("Kyiv", "Missile strikes on the capital Kyiv continued.", "place"),
    ("Moscow", "Washington imposed new sanctions on Moscow.", "actor"),
])
def test_mention_role_tells_places_from_agents(name: str, sentence: str, role: str) -> None:
    assert mention_role(name, sentence) == role


def test_spacy_person_label_on_a_capital_is_overridden() -> None:
    assert code(canonicalize("Kyiv", "PERSON")) == ("UKR", "GOV")


# ---------------------------------------------------------------------------- compounds


@pytest.mark.parametrize("text, parts", [
    ("Russia and Ukraine", ["Russia", "Ukraine"]),
    ("the US, Ukraine and Russia", ["the US", "Ukraine", "Russia"]),
    ("Ukrainian and Russian negotiators", ["Ukrainian negotiators", "Russian negotiators"]),
    ("both Ethiopia and Eritrea", ["Ethiopia", "Eritrea"]),
    ("Bosnia and Herzegovina", ["Bosnia and Herzegovina"]),
    ("Trinidad and Tobago", ["Trinidad and Tobago"]),
    ("Food and Agriculture Organization", ["Food and Agriculture Organization"]),
    ("Liu Wei, the Chinese envoy", ["Liu Wei, the Chinese envoy"]),
])
def test_split_compound(text: str, parts: list[str]) -> None:
    assert split_compound(text) == parts


def test_split_compound_needs_the_article_for_bare_surnames() -> None:
    assert split_compound("Okafor and Lindqvist") == ["Okafor and Lindqvist"]
    registry = ActorRegistry()
    registry.observe("Chidi Okafor", "PERSON")
    registry.observe("Eva Lindqvist", "PERSON")
    assert split_compound("Okafor and Lindqvist", registry) == ["Okafor", "Lindqvist"]


# ---------------------------------------------------------------------------- the article


def test_registry_resolves_surnames_and_keeps_what_the_text_said() -> None:
    registry = ActorRegistry()
    first = registry.observe(
        "Chidi Okafor", "PERSON", "Nigerian Foreign Minister Chidi Okafor arrived on Monday.")
    later = registry.resolve("Okafor", "PERSON", "Okafor told reporters the talks went well.")
    assert later == first
    assert (later.name, later.country, later.sector) == ("Chidi Okafor", "NGA", "GOV")
    assert registry.resolve("Okafor").key == first.key  # no label: still the person
    assert registry.resolve("Okafor", "ORG").kind == "person"  # a mislabelled surname
    assert registry.resolve("Amaka Okafor", "PERSON").key != first.key


def test_registry_joins_a_surname_seen_before_the_full_name() -> None:
    registry = ActorRegistry()
    early = registry.observe("Okafor", "PERSON", "Okafor arrived first.")
    full = registry.observe("Chidi Okafor", "PERSON", "Nigeria's envoy, Chidi Okafor, spoke.")
    assert registry[early.key] == registry[full.key] == registry.resolve("Okafor")
    assert list(registry) == [full.key] and registry[early.key].country == "NGA"


def test_registry_resolves_family_name_first_and_acronyms_and_short_titles() -> None:
    registry = ActorRegistry()
    registry.observe("Xi Jinping", "PERSON", "Chinese President Xi Jinping spoke.")
    assert code(registry.resolve("Xi", "PERSON")) == ("CHN", "GOV")
    front = registry.observe("the National Unity Front", "ORG")
    assert registry.resolve("NUF", "ORG") == front
    post = registry.observe("The Washington Post", "ORG")
    assert registry.resolve("the Post", "ORG") == post


@pytest.mark.parametrize("name, sentence, country, sector", [
    ("Lena Park", "Lena Park, South Korea's trade envoy, arrived late.", "KOR", "GOV"),
    ("Kofi Mensah", "Kofi Mensah is also a Ghanaian diplomat.", "GHA", "GOV"),
    ("Ana Souza", "Brazil's delegation is led by Ana Souza, officials said.", "BRA", "GOV"),
    ("Ivan Horak", "The Czech team includes Ivan Horak.", "CZE", None),
    ("Peter Novak", "Peter Novak represents Slovak interests at the table.", "SVK", None),
    ("Mirela Dinu", "Romania's largest bank, Mirela Dinu said, would cut jobs.", None, None),
])
def test_the_sentence_gives_a_person_a_country(
        name: str, sentence: str, country: str | None, sector: str | None) -> None:
    actor = canonicalize(name, "PERSON", sentence)
    assert (actor.kind, actor.country, actor.sector) == ("person", country, sector)


def test_a_following_clause_with_another_name_is_not_an_apposition() -> None:
    sentence = "In talks with Okafor, French Foreign Minister Claire Dubois urged restraint."
    assert code(canonicalize("Okafor", "PERSON", sentence)) == (None, None)
    assert code(canonicalize("Claire Dubois", "PERSON", sentence)) == ("FRA", "GOV")


def test_organisation_gets_its_country_from_a_description() -> None:
    sentence = "The plant, run by Chile's largest mining company, Andes Cobre, was shut."
    assert code(canonicalize("Andes Cobre", "ORG", sentence)) == ("CHL", "BUS")


def test_an_org_tagged_name_led_by_wording_is_a_person() -> None:
    actor = canonicalize("Ana Souza", "ORG", "Brazil's delegation is led by Ana Souza.")
    assert (actor.kind, actor.country) == ("person", "BRA")
    assert canonicalize("Google Search", "ORG", "Links on Google Search vanished.").kind == "org"


def test_merge_keys_joins_a_surname_to_the_one_full_name_elsewhere() -> None:
    pooled = [canonicalize("Zelenskyy", "PERSON"),
              canonicalize("Ukrainian President Volodymyr Zelensky", "PERSON"),
              canonicalize("Trump", "PERSON"), canonicalize("Donald Trump", "PERSON"),
              canonicalize("Melania Trump", "PERSON")]
    moves = merge_keys(pooled)
    assert moves == {pooled[0].key: pooled[1].key}  # "Trump" is ambiguous: left alone


def test_pro_and_anti_phrases_are_groups_not_persons() -> None:
    registry = ActorRegistry()
    registry.observe("Juan Morales", "PERSON", "Venezuelan President Juan Morales spoke.")
    actor = registry.resolve("pro-Morales", "NORP", "pro-Morales troops advanced.")
    assert code(actor) == ("VEN", "MIL")
    assert canonicalize("anti-government", "NORP", "anti-government protesters").kind == "group"


def test_errors_and_shape() -> None:
    with pytest.raises(ValueError, match="has no name left"):
        canonicalize(" ' ")
    actor = canonicalize("Russia", "GPE")
    with pytest.raises(dataclasses.FrozenInstanceError):
        actor.name = "x"  # type: ignore[misc]


def test_tables_cover_every_country_once() -> None:
    raw = json.loads(Path(DATA_FILE).read_text(encoding="utf-8"))
    assert len(raw["demonyms"]) >= 193
    for iso, words in raw["demonyms"].items():
        for word in words:
            assert canonicalize(word, "NORP").country == iso, word
    assert all(re.fullmatch(r"[A-Z]{3}", v) for v in raw["country_aliases"].values())


def test_fast_enough_to_call_per_mention() -> None:
    canonicalize("warm up", "ORG")
    sentence = ("The meeting between Lena Park, South Korea's trade envoy, and Ukrainian "
                "officials in Geneva ended without a statement.")
    start = time.perf_counter()
    for _ in range(1000):
        canonicalize("Lena Park", "PERSON", sentence)
        canonicalize("Ukrainian officials", "", sentence)
    assert time.perf_counter() - start < 2.0


# ---------------------------------------------------------------------------- seeds


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”])\s+|\n+", text) if s.strip()]


def _observe(text: str, surname: str, registry: ActorRegistry) -> list[Actor]:
    """Every mention of a surname (with a capitalised first name before it, if any)."""
    found = []
    for sentence in _sentences(text):
        for m in re.finditer(rf"(?:[A-Z][a-z]+ )?{surname}\w*", sentence):
            found.append(registry.observe(m.group(), "PERSON", sentence))
    return found


def test_seeds_every_zelensky_spelling_resolves_to_one_key(seeds_dir: Path) -> None:
    pooled: list[Actor] = []
    spellings = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spellings |= set(re.findall(r"Zelensk\w*", text))
        pooled += _observe(text, "Zelensk", ActorRegistry())
    assert len(spellings) >= 2 and len(pooled) >= 5
    moves = merge_keys(pooled)
    assert len({moves.get(a.key, a.key) for a in pooled}) == 1
    assert {a.country for a in pooled if " " in a.name} == {"UKR"}


@pytest.mark.parametrize("surname, country", [
    ("Umerov", "UKR"), ("Witkoff", "USA"), ("Kostyukov", "RUS"), ("Dmitriev", "RUS"),
    ("Kushner", None),  # the seeds never say which country he acts for
])
def test_seeds_negotiators_are_persons_with_the_country_the_text_gives(
        seeds_dir: Path, surname: str, country: str | None) -> None:
    said = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        registry = ActorRegistry()
        mentions = _observe(text, surname, registry) if surname in text else []
        if not mentions:
            continue
        assert {a.kind for a in mentions} == {"person"}, path.name
        assert len({a.key for a in mentions}) == 1, path.name  # "Umerov" is "Rustem Umerov"
        final = registry[mentions[0].key]
        assert " " in final.name, path.name
        said.add(final.country)
    assert said, f"no seed names {surname}"
    assert said - {None} == ({country} if country else set())


def test_a_name_of_punctuation_alone_resolves_without_error() -> None:
    # a tokenised URL ("/ _ news /") gives spaCy entities that fold to no words at all
    registry = ActorRegistry()
    registry.observe("Cap", "PERSON", "Cap said so.")
    actor = registry.resolve("_", "", "http : / / example . com / _ news / 2013")
    assert actor.kind != "person"


def test_nameless_text_is_told_apart_before_it_is_resolved() -> None:
    assert not has_name("\"\"") and not has_name(" . ")
    assert has_name("Kyiv")


def test_memoized_readers_hand_out_fresh_lists() -> None:
    """The token and scan readers keep their answers; a caller changing a list it got
    must not change what the next caller reads."""
    from dateline.analyze import actor_reading as ar

    text = "Ukrainian army officers met the UN envoy in Geneva."
    toks = ar._tokens(text)
    hits = ar._scan(toks)
    assert hits, "the sentence names a sector and a body"
    toks.clear()
    hits.clear()
    assert [t.text for t in ar._tokens(text)][:3] == ["Ukrainian", "army", "officers"]
    assert ar._scan(ar._tokens(text)) == list(ar._scan_words.__wrapped__(
        tuple((t.text, t.possessive) for t in ar._tokens(text))))
