from __future__ import annotations

from dateline.ingest.dedup import NearDuplicateIndex, content_hash
from dateline.settings import Settings

from .conftest import ARTICLE


def test_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("A drone, hit the PORT.") == content_hash("a drone hit   the port")
    assert content_hash("A drone hit the port") != content_hash("A drone hit the dock")


LONGER = ARTICLE + (
    "\n\nThe governor said the damaged tanks held diesel for the fishing fleet and that "
    "the harbour's two cranes were not hit. Residents of the nearby streets were told to keep "
    "their windows closed while the smoke cleared, and schools in the district stayed shut. "
    "The defence ministry said air defences had shot down eleven drones over the coast "
    "during the night, and that debris had fallen on an empty warehouse."
)


def test_near_duplicate_found_and_different_report_not() -> None:
    index = NearDuplicateIndex(Settings())
    index.add("orig", index.signature(LONGER))
    copy = LONGER.replace("the regional governor said", "the governor of the region said")
    found = index.find(index.signature(copy + "\n\nReporting by a wire service."))
    assert found is not None and found[0] == "orig" and found[1] >= 0.8
    other = ("Negotiators from both sides met in a lakeside hotel on Friday and agreed to "
             "exchange prisoners before the end of the month, the mediators said.")
    assert index.find(index.signature(other)) is None


def test_signatures_survive_the_store_round_trip() -> None:
    index = NearDuplicateIndex(Settings())
    signature = index.signature(ARTICLE)
    assert isinstance(signature, bytes) and len(signature) == 4 * Settings().minhash_perm
    index.add("a", signature)
    assert index.find(signature) == ("a", 1.0)
