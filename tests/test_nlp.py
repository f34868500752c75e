"""The cheaper attribute ruler and the lemmatizer on demand give spaCy's own results."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.analyze import light, nlp
from dateline.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def stock() -> object:
    """The model exactly as spaCy loads it, with our one-sentence component."""
    import spacy
    from spacy.language import Language

    pipeline = spacy.load(Settings().spacy_model)
    if nlp.ONE_SENTENCE not in Language.factories:
        Language.component(nlp.ONE_SENTENCE, func=nlp.one_sentence)
    pipeline.add_pipe(nlp.ONE_SENTENCE, before="parser")
    return pipeline


def _sentences() -> list[str]:
    """Every sentence of the example corpus (our own text), and a few odd ones."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out.extend(s for _, s in light.article_sentences(path.read_text(encoding="utf-8")))
    return [*out, "", " ", "I'd say they'd gone.", "Who's there?  It's us -- the U.S. team.",
            "He can't, won't and shouldn't go 'cause it's late.", "\n\nSo   it goes\t."]


def test_our_pipeline_reads_every_token_as_spacy_does(stock: object) -> None:
    ours = nlp.load(Settings().spacy_model)
    assert "lemmatizer" not in ours.pipe_names  # lemmas are made on demand
    assert type(ours.get_pipe("attribute_ruler")) is nlp.FastRuler
    sentences = _sentences()
    assert len(sentences) > 100
    compared = 0
    for a, b in zip(stock.pipe(sentences), ours.pipe(sentences), strict=True):  # type: ignore[attr-defined]
        assert [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph), t.lemma_)
                for t in a] == [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph),
                                 nlp.lemma(t)) for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents]
        compared += len(a)
    assert compared > 2000


def test_lemma_of_a_token_from_a_pipeline_that_lemmatized(stock: object) -> None:
    doc = stock("The talks were postponed.")  # type: ignore[operator]
    assert [nlp.lemma(t) for t in doc] == [t.lemma_ for t in doc]
    assert nlp.lemma(doc[3]) == "postpone"


def test_a_ruler_pattern_it_cannot_read_keeps_spacy_s_ruler() -> None:
    import spacy

    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}, {"OP": "?"}]], {"POS": "DET"})  # type: ignore[attr-defined]
    assert nlp.FastRuler.of(ruler) is None
    plain = spacy.blank("en").add_pipe("attribute_ruler")
    plain.add([[{"LOWER": {"REGEX": "^kyi"}}]], {"POS": "PROPN"})  # type: ignore[attr-defined]
    plain.add([[{"LOWER": "in"}, {"LOWER": "kyiv"}]], {"POS": "ADP"}, index=0)  # type: ignore[attr-defined]
    fast = nlp.FastRuler.of(plain)
    assert fast is not None
    text = "Strikes in Kyiv and kyiv"
    doc = fast(spacy.blank("en")(text))
    assert [t.pos_ for t in doc] == ["", "ADP", "PROPN", "", "PROPN"]
    assert [t.pos_ for t in plain(spacy.blank("en")(text))] == [t.pos_ for t in doc]
