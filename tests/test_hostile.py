"""Hostile input: bombs, deep nesting, huge lines, bad encodings, links that loop. Each is
refused with one line naming the file and the reason, in bounded memory and time."""

from __future__ import annotations

import gzip
import json
import os
import random
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import EXIT_SKIPPED, main
from dateline.errors import Skip
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import iter_files, read_documents
from dateline.model import RawDocument
from dateline.settings import Settings

from .conftest import ARTICLE

MB = 1 << 20


def _read(path: Path, settings: Settings | None = None) -> list[RawDocument | Skip]:
    return list(read_documents(path, settings or Settings()))


def _skips(found: list[RawDocument | Skip]) -> list[Skip]:
    return [f for f in found if isinstance(f, Skip)]


def _gzip_stream(path: Path, chunk: bytes, times: int) -> None:
    with gzip.open(path, "wb", compresslevel=1) as handle:
        for _ in range(times):
            handle.write(chunk)


def test_gzipped_text_and_jsonl_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    lines = [json.dumps({"id": f"n{i}", "text": ARTICLE}) for i in range(3)]
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    (tmp_path / "c.bin.gz").write_bytes(gzip.compress(b"x"))
    assert list(iter_files([tmp_path])) == [tmp_path / "a.txt.gz", tmp_path / "b.jsonl.gz"]
    [doc] = _read(tmp_path / "a.txt.gz")
    assert isinstance(doc, RawDocument) and doc.text == ARTICLE
    docs = _read(tmp_path / "b.jsonl.gz")
    assert [d.id for d in docs if isinstance(d, RawDocument)] == ["n0", "n1", "n2"]
    assert docs[0].origin == f"{tmp_path / 'b.jsonl.gz'}:1"


@pytest.mark.parametrize("name, chunk", [("bomb.txt.gz", b" " * MB), ("bomb.html.gz", b"<" * MB),
                                         ("bomb.jsonl.gz", b"\n" * MB),
                                         ("wide.jsonl.gz", b"{" * MB)])
def test_a_decompression_bomb_is_stopped_early(tmp_path: Path, name: str, chunk: bytes) -> None:
    bomb = tmp_path / name
    _gzip_stream(bomb, chunk, 64)  # 64 MB once expanded, under 0.5 MB on disk
    assert bomb.stat().st_size < MB // 2
    start = time.perf_counter()
    found = _read(bomb)
    assert time.perf_counter() - start < 10  # stopped at the first quarter megabyte
    [skip] = _skips(found)
    assert skip.origin == str(bomb) and "E090" in skip.reason and "bomb" in skip.reason


def test_gzip_output_is_bounded_like_a_file(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = " ".join(rng.choice(["harbour", "port", "fire", "talks", "envoy", "strike", "rail"])
                     + str(rng.randrange(1000)) for _ in range(400_000))
    big = tmp_path / "big.txt.gz"
    big.write_bytes(gzip.compress(words.encode("ascii")))  # under 100x: not a bomb, just big
    [skip] = _read(big, replace(Settings(), max_file_bytes=MB))
    assert isinstance(skip, Skip) and "E091" in skip.reason and "1,048,576" in skip.reason


def test_corrupt_and_truncated_gzip_are_named(tmp_path: Path) -> None:
    (tmp_path / "junk.txt.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(64))
    rng = random.Random(3)
    lines = [json.dumps({"id": f"n{i}", "text": ARTICLE + f" {rng.random()}" * 50})
             for i in range(200)]
    whole = gzip.compress("\n".join(lines).encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "plain.txt.gz").write_bytes(ARTICLE.encode("utf-8"))
    for name in ("junk.txt.gz", "plain.txt.gz"):
        [skip] = _read(tmp_path / name)
        assert isinstance(skip, Skip) and skip.origin == str(tmp_path / name), name
        assert "E092" in skip.reason, name
    *docs, skip = _read(tmp_path / "cut.jsonl.gz")  # what came before the cut is kept
    assert 20 < len(docs) < 200 and all(isinstance(d, RawDocument) for d in docs)
    assert isinstance(skip, Skip) and skip.origin == str(tmp_path / "cut.jsonl.gz")
    assert "E092" in skip.reason and "end-of-stream" in skip.reason


def test_a_100_mb_line_is_skipped_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "first", "text": ARTICLE}).encode("utf-8") + b"\n"
    with path.open("wb") as handle:
        handle.write(good)
        handle.write(b'{"id": "huge", "text": "')
        for _ in range(100):
            handle.write(b"a" * MB)
        handle.write(b'"}\n')
        handle.write(good.replace(b"first", b"last"))
    tracemalloc.start()
    start = time.perf_counter()
    try:
        found = _read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - start < 20
    assert peak < 48 * MB  # the line cap (20 MB) plus change, never the 100 MB
    assert [d.id for d in found if isinstance(d, RawDocument)] == ["first", "last"]
    [skip] = _skips(found)
    assert skip.origin == f"{path}:2" and "E004" in skip.reason and "104,857,6" in skip.reason


@pytest.mark.parametrize("depth, reason", [(100_000, "200,006 tags"), (20_000, "255 levels")])
def test_deeply_nested_html_is_refused_in_bounded_time(tmp_path: Path, depth: int,
                                                       reason: str) -> None:
    page = tmp_path / "deep.html"
    body = "<p>" + "The port of Kestrel reopened on Monday after the fire. " * 20 + "</p>"
    page.write_text("<html><body>" + "<div>" * depth + body + "</div>" * depth
                    + "</body></html>", encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(tmp_path / "s.db"),
                                       "--quiet"])
    assert time.perf_counter() - start < 60
    assert result.exit_code == EXIT_SKIPPED, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("skipped")]
    assert str(page) in line and "E097" in line and reason in line


def test_a_page_of_endless_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    page = tmp_path / "many.html"
    page.write_text("<html><body>" + "<p>x" * 500_000 + "</body></html>", encoding="utf-8")
    start = time.perf_counter()
    [doc] = _read(page)
    assert isinstance(doc, RawDocument) and doc.html is not None
    with pytest.raises(Skip) as caught:
        prepare(doc, Settings())
    assert time.perf_counter() - start < 5  # parsing it would take minutes
    assert "E097" in caught.value.reason and "500,004 tags" in caught.value.reason


def test_encodings(tmp_path: Path) -> None:
    text = "Café owners in Łódź said the strike ended on Monday."
    (tmp_path / "latin.html").write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head><body><p>'
        + "Café au lait".encode("latin-1") + b"</p></body></html>")
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))  # with its BOM
    (tmp_path / "latin.txt").write_bytes("Café".encode("latin-1"))
    (tmp_path / "bogus.html").write_bytes(b'<meta charset="hex"><p>caf\xe9</p>')
    lines = [json.dumps({"id": "ok", "text": ARTICLE}).encode("utf-8"),
             b'{"id": "bad", "text": "caf\xe9"}']
    (tmp_path / "mixed.jsonl").write_bytes(b"\n".join(lines))
    [html] = _read(tmp_path / "latin.html")
    assert isinstance(html, RawDocument) and html.html and "Café au lait" in html.html
    [u16] = _read(tmp_path / "u16.txt")
    assert isinstance(u16, RawDocument) and u16.text == text
    for name in ("latin.txt", "bogus.html"):
        [skip] = _read(tmp_path / name)
        assert isinstance(skip, Skip) and "E005" in skip.reason, name
    ok, bad = _read(tmp_path / "mixed.jsonl")
    assert isinstance(ok, RawDocument) and ok.id == "ok"
    assert isinstance(bad, Skip) and bad.origin.endswith("mixed.jsonl:2") and "E005" in bad.reason


def test_links_that_loop_and_files_that_are_not_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "far.txt").write_text(ARTICLE.replace("Portavel", "Brannock"), encoding="utf-8")
    (folder / "linked").symlink_to(other, target_is_directory=True)
    (folder / "again").symlink_to(other, target_is_directory=True)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["ingest", str(folder), str(tmp_path / "loop.txt"),
                                       "--db", str(tmp_path / "s.db"), "--quiet",
                                       "--published", "2026-03-04"])
    assert time.perf_counter() - start < 120
    assert result.exit_code == EXIT_SKIPPED, result.output
    skipped = {line.split(": [")[0].removeprefix("skipped "): line.split("[")[1][:4]
               for line in result.output.splitlines() if line.startswith("skipped ")}
    assert skipped == {str(folder / "a.txt"): "E095", str(folder / "b.txt"): "E095",
                       str(folder / "gone.txt"): "E095", str(folder / "zero.txt"): "E094",
                       str(folder / "pipe.txt"): "E094", str(folder / "sub" / "up"): "E093",
                       str(folder / "linked"): "E093", str(tmp_path / "loop.txt"): "E095"}
    assert "read 2," in result.output  # good.txt, and far.txt once (through "again")
