"""Reading inputs: each bad input becomes one clear skip naming the file and the reason."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.errors import Skip
from dateline.ingest.sources import iter_files, read_documents
from dateline.model import RawDocument
from dateline.settings import Settings


def _read(path: Path, settings: Settings | None = None) -> list[RawDocument | Skip]:
    return list(read_documents(path, settings or Settings()))


def test_folders_are_walked_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    found = list(iter_files([tmp_path]))
    assert found == [tmp_path / "a.html", tmp_path / "b" / "two.txt"]


def test_missing_and_unsupported_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    odd = tmp_path / "data.bin"
    odd.write_bytes(b"abc")
    found = list(iter_files([tmp_path / "nope.txt", odd]))
    assert all(isinstance(f, Skip) for f in found)
    reasons = [f.reason for f in found if isinstance(f, Skip)]
    assert "E001" in reasons[0] and "E009" in reasons[1]


def test_symlink_loop_does_not_trap_the_walk(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "x" / "a.txt").write_text("x")
    found = list(iter_files([tmp_path]))
    assert found[1:] == [tmp_path / "x" / "a.txt"]
    assert isinstance(found[0], Skip) and found[0].origin == str(tmp_path / "x" / "loop")
    assert "E093" in found[0].reason and "loop" in found[0].reason


def test_binary_empty_and_bad_utf8_files(tmp_path: Path) -> None:
    cases = {"bin.txt": b"\x89PNG\x00\x00data", "empty.txt": b"  \n", "latin.txt": b"caf\xe9"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    codes = {name: _read(tmp_path / name)[0] for name in cases}
    assert all(isinstance(s, Skip) for s in codes.values())
    assert "E002" in str(codes["bin.txt"]) and "bin.txt" in str(codes["bin.txt"])
    assert "E003" in str(codes["empty.txt"])
    assert "E005" in str(codes["latin.txt"]) and "offset 3" in str(codes["latin.txt"])


def test_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    [skip] = _read(big)
    assert isinstance(skip, Skip) and "E004" in skip.reason and "52,428,800" in skip.reason


def test_jsonl_lines_are_documents_and_bad_lines_skips(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "n1", "text": "Some text", "url": "https://x.test/a", "published":
                    "2026-02-01", "outlet": "X"}),
        "{not json",
        json.dumps({"id": "n2", "title": "no body"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"html": "<p>Body</p>"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    docs = _read(path)
    assert isinstance(docs[0], RawDocument) and docs[0].id == "n1"
    assert docs[0].published == "2026-02-01" and docs[0].origin.endswith("batch.jsonl:1")
    assert isinstance(docs[1], Skip) and docs[1].origin.endswith(":2") and "E006" in docs[1].reason
    assert isinstance(docs[2], Skip) and "E007" in docs[2].reason
    assert isinstance(docs[3], Skip) and "E011" in docs[3].reason
    assert isinstance(docs[4], RawDocument) and docs[4].html == "<p>Body</p>"
    assert docs[4].origin.endswith(":6")
