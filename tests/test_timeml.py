"""TimeML reading, writing, tagging and TempEval-3 scoring, on tiny hand-written documents."""

from __future__ import annotations

import datetime as dt
import xml.dom.minidom
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.analyze import timex_patterns as tp
from dateline.analyze.light import clause_tense, rough_tags, sentences
from dateline.analyze.temporal import Tense, find_times
from dateline.cli import main
from dateline.evaluate.score import count, scores
from dateline.evaluate.tagger import tag_document
from dateline.evaluate.timeml import TimemlError, Timex, parse_timeml, write_timeml

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-02-13" temporalFunction="false" \
functionInDocument="CREATION_TIME">02/13/2026</TIMEX3></DCT>
<TEXT>
Ferry crews <EVENT eid="e1" class="OCCURRENCE">walked out</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2026-02-11">Wednesday</TIMEX3> &amp; said the strike \
would last <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.

Talks <EVENT eid="e2" class="OCCURRENCE">resume</EVENT> \
<TIMEX3 tid="t3" type="DATE" value="2026-02-16">next Monday</TIMEX3>, union leaders \
said <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""

TE3INPUT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T2</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1999-10-26" functionInDocument="CREATION_TIME">\
1999-10-26</TIMEX3></DCT>
<TITLE>Harbour tolls rise</TITLE>
<TEXT>
The harbour board raised tolls by 4% in the third quarter, and will review them again \
in March. Tolls had fallen a year earlier.
</TEXT>
</TimeML>
"""


def test_reads_text_offsets_and_gold() -> None:
    doc = parse_timeml(DOC, "t1.tml")
    assert doc.dct == dt.date(2026, 2, 13)
    assert "&amp;" not in doc.text and " & said" in doc.text
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Wednesday", "DATE", "2026-02-11"), ("three days", "DURATION", "P3D"),
        ("next Monday", "DATE", "2026-02-16"), ("now", "DATE", "PRESENT_REF")]
    for gold in doc.gold:
        assert doc.text[gold.start:gold.end] == gold.text
    assert "02/13/2026" not in doc.text  # the DCT is not part of the text


def test_te3input_has_no_gold() -> None:
    doc = parse_timeml(TE3INPUT, "t2.TE3input")
    assert doc.gold == () and doc.dct == dt.date(1999, 10, 26)
    assert doc.text.startswith("\nThe harbour board")


def test_a_file_without_text_is_an_error() -> None:
    with pytest.raises(TimemlError, match="no <TEXT>"):
        parse_timeml("<TimeML><DCT></DCT></TimeML>", "x.tml")


def _text_of(raw: str) -> str:
    """The TEXT element with every TIMEX3 tag removed, other tags and entities kept."""
    import re

    body = raw[raw.index("<TEXT>"):raw.index("</TEXT>")]
    return re.sub(r"</?TIMEX3[^>]*>", "", body)


def test_writer_keeps_text_and_other_tags_byte_identical() -> None:
    doc = parse_timeml(DOC, "t1.tml")
    ours = [Timex(doc.gold[0].start, doc.gold[0].end, "Wednesday", "DATE", "2026-02-11"),
            Timex(doc.gold[1].start, doc.gold[1].end, "three days", "DURATION", "P3D",
                  "APPROX")]
    out = write_timeml(doc, ours)
    assert _text_of(out) == _text_of(DOC)
    assert out[:out.index("<TEXT>")] == DOC[:DOC.index("<TEXT>")]
    assert '<TIMEX3 tid="t2" type="DURATION" value="P3D" mod="APPROX">three days</TIMEX3>' in out
    assert "now</TIMEX3>" not in out  # gold tags we did not produce are gone
    xml.dom.minidom.parseString(out.encode("utf-8"))
    again = parse_timeml(out)
    assert [(g.start, g.end, g.value) for g in again.gold] == [
        (t.start, t.end, t.value) for t in ours]


def test_writer_grows_a_span_that_would_cut_an_element() -> None:
    doc = parse_timeml(DOC, "t1.tml")
    start = doc.text.index("out Wednesday")  # inside the EVENT "walked out"
    out = write_timeml(doc, [Timex(start, start + 13, "out Wednesday", "DATE", "X")])
    xml.dom.minidom.parseString(out.encode("utf-8"))
    assert '<TIMEX3 tid="t1" type="DATE" value="X"><EVENT eid="e1"' in out
    assert _text_of(out) == _text_of(DOC)


def test_scorer_strict_relaxed_and_attributes() -> None:
    gold = [Timex(0, 9, "last week", "DATE", "2026-W06"),
            Timex(20, 30, "three days", "DURATION", "P3D"),
            Timex(40, 43, "now", "DATE", "PRESENT_REF")]
    system = [Timex(5, 9, "week", "DATE", "2026-W06"),  # relaxed only, value right
              Timex(20, 30, "three days", "DATE", "P3D"),  # strict, type wrong
              Timex(50, 55, "today", "DATE", "2026-02-13")]  # spurious
    s = scores(count(gold, system))
    assert (s.strict_p, s.strict_r) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert (s.relaxed_p, s.relaxed_r) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert s.type_accuracy == pytest.approx(1 / 2) and s.value_accuracy == 1.0
    assert s.type_f1 == pytest.approx(0.5 * s.relaxed_f1)
    assert s.value_f1 == pytest.approx(s.relaxed_f1)


def test_relaxed_matching_is_one_to_one() -> None:
    gold = [Timex(0, 20, "Monday, Feb. 16, 2026", "DATE", "2026-02-16")]
    system = [Timex(0, 6, "Monday", "DATE", "2026-02-16"),
              Timex(8, 20, "Feb. 16, 2026", "DATE", "2026-02-16")]
    s = scores(count(gold, system))
    assert (s.relaxed_p, s.relaxed_r) == (0.5, 1.0)


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = "Tolls rose on Feb. 3 at 9 a.m. Monday. Mr. Ode said so. Then they fell."
    assert [s for _, s in sentences(text)] == [
        "Tolls rose on Feb. 3 at 9 a.m. Monday.", "Mr. Ode said so.", "Then they fell."]


def test_rough_tags_feed_the_tense() -> None:
    from dateline.analyze.temporal import tense_of

    assert tense_of(rough_tags("The board will meet on Monday.")) is Tense.FUTURE
    assert tense_of(rough_tags("The board raised tolls on Monday.")) is Tense.PAST
    sentence = "The board said Monday that it will review tolls."
    start = sentence.index("Monday")
    assert clause_tense(sentence, start, start + 6) is Tense.PAST


def test_tagger_on_a_te3_input() -> None:
    doc = parse_timeml(TE3INPUT, "t2.TE3input")
    found = {(t.text, t.type, t.value) for t in tag_document(doc)}
    assert ("the third quarter", "DATE", "1999-Q3") in found
    assert ("March", "DATE", "2000-03") in found
    # A year before the quarter the report is about.
    assert ("a year earlier", "DATE", "1998-Q3") in found


def test_cli_tags_a_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "t1.tml").write_text(DOC, encoding="utf-8")
    (tmp_path / "in" / "t2.TE3input").write_text(TE3INPUT, encoding="utf-8")
    (tmp_path / "in" / "notes.txt").write_text("not TimeML", encoding="utf-8")
    result = CliRunner().invoke(main, ["timeml", str(tmp_path / "in"), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["t1.tml", "t2.TE3input"]
    out = (tmp_path / "out" / "t1.tml").read_text(encoding="utf-8")
    assert _text_of(out) == _text_of(DOC)
    assert 'value="P3D">three days</TIMEX3>' in out
    assert 'value="2026-02-16">next Monday</TIMEX3>' in out


def test_trigger_filter_changes_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [DOC, TE3INPUT, "It rose 5% in the mid-1990s, at 10:35 a.m. EST Nov. 9 and "
             "every Thursday; nineteen ninety-six was a hard year; fiscal 1989 too; now.",
             "The last  night of the fall; the  year-end; each   month; the full year."]
    anchor = dt.date(2026, 2, 13)
    filtered = [find_times(t, anchor, Tense.PAST) for t in texts]
    monkeypatch.setattr(tp, "TRIGGERS", {k: ("",) for k in tp.TRIGGERS})
    assert [find_times(t, anchor, Tense.PAST) for t in texts] == filtered


def test_external_annotations_are_scored_on_gold_offsets(tmp_path: Path) -> None:
    import json

    from dateline.evaluate.external import SystemFileError, read_system, system_timexes

    doc = parse_timeml(DOC, "t1.tml")
    lines = [{"file": "x/t1.tml", "timexes": [
        {"start": g.start, "end": g.end, "type": g.type, "value": g.value} for g in doc.gold]}]
    path = tmp_path / "sys.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    found = system_timexes(doc, "x/t1.tml", read_system(path))
    assert [t.text for t in found] == [g.text for g in doc.gold]
    assert scores(count(doc.gold, found)).value_f1 == 1.0
    assert system_timexes(doc, "y/t1.tml", read_system(path)) == []  # another document
    assert system_timexes(doc, "x/t1.tml", {"t1.tml": lines[0]["timexes"]}) == found
    bad = {"x/t1.tml": [{"start": 0, "end": 10_000, "type": "DATE", "value": "X"}]}
    with pytest.raises(SystemFileError, match="outside the document text"):
        system_timexes(doc, "x/t1.tml", bad)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(SystemFileError, match=r"sys\.jsonl:1"):
        read_system(path)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("A court Thursday refused, though he will remain for weeks.", "Thursday", Tense.PAST),
        ("The team planned to leave Nairobi on Thursday.", "Thursday", Tense.FUTURE),
        ("He said the father would be traveling to the United States Thursday.", "Thursday",
         Tense.FUTURE),
        ("The group said it would be ready as soon as Tuesday.", "Tuesday", Tense.FUTURE),
        ("It agreed to pay down the loan by February.", "February", Tense.FUTURE),
        ("Until Thursday they had not called him a suspect.", "Thursday", Tense.PAST),
    ],
)
def test_clause_tense_is_that_of_the_nearest_cue(sentence: str, word: str,
                                                 expected: Tense) -> None:
    start = sentence.index(word)
    assert clause_tense(sentence, start, start + len(word)) is expected
