"""Bounded reading of untrusted input files.

Whatever a file holds, reading it costs at most a bounded amount of memory and time: only
regular files are opened (a link to ``/dev/zero`` or a pipe is refused, not read
forever), no more than the limit is ever read, gzip output is counted as it comes out (a
decompression bomb is stopped at the limit or as soon as its ratio gives it away), and
JSON lines are read one bounded line at a time, an over-long line drained in chunks and
skipped. Every refusal is a :class:`~dateline.errors.Skip` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, TypeVar

from dateline import errors
from dateline.errors import Skip

GZIP_SUFFIX = ".gz"
# Over-long lines are drained in pieces of this size, never held whole.
READ_CHUNK = 1 << 20
# gzip shrinks news text and HTML 3-5 times (the example corpus: 2.9x for its .txt and
# .html, 3.6x for its .jsonl) and a run of one repeated byte about 1,000 times. A stream
# that has come out more than MAX_GZIP_RATIO times larger than what was read of it, once
# past BOMB_FLOOR bytes (a quarter of a megabyte of text never shrinks to 2.6 KB), is a
# decompression bomb, not a collection of articles.
MAX_GZIP_RATIO = 100
BOMB_FLOOR = 1 << 18
# gzip input is read, and output made, in pieces of this size.
GZIP_PIECE = 1 << 16
# Only the start of a file is looked at for NUL bytes (binary files) and a <meta> charset.
SNIFF_BYTES = 8192

E090_GZIP_BOMB = (
    "[E090] is a gzip file that expands over {ratio}x (a decompression bomb); not read"
)
E091_GZIP_TOO_LARGE = (
    "[E091] decompresses to more than {limit:,} bytes, over the limit; split it or raise "
    "the limit"
)
E092_BAD_GZIP = "[E092] is not a readable gzip file ({detail}); check or re-compress it"
E094_NOT_REGULAR = (
    "[E094] is not a regular file (a device, pipe or socket); only files are read"
)
E095_LINK_LOOP = (
    "[E095] is a symbolic link that loops or leads nowhere; fix or remove the link"
)
E096_CANNOT_READ = "[E096] cannot be read ({detail}); check its permissions"

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


T = TypeVar("T")


def is_gzip(path: Path) -> bool:
    return path.suffix.lower() == GZIP_SUFFIX


def inner_suffix(path: Path) -> str:
    """The type suffix of a file, looking through ``.gz`` (``a.jsonl.gz`` is ``.jsonl``)."""
    if is_gzip(path):
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


class BoundedInput:
    """A file opened for reading at most ``limit`` bytes (of gzip output, for ``.gz``);
    reading past the limit, or a gzip bomb, raises a Skip. Use as a context manager."""

    def __init__(self, path: Path, limit: int) -> None:
        self.origin = str(path)
        self.limit = limit
        self.given = 0  # bytes handed out so far
        size = regular_size(path)
        if not is_gzip(path) and size > limit:
            raise Skip(self.origin, errors.E004_TOO_LARGE.format(size=size, limit=limit))
        self._raw: BinaryIO = _open(path)
        self._gzip = Gunzip(self._raw) if is_gzip(path) else None

    def __enter__(self) -> BoundedInput:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._raw.close()

    def read(self, size: int) -> bytes:
        return self._count(guard_gzip(self.origin, lambda: self._source().read(size)))

    def readline(self, size: int) -> bytes:
        return self._count(guard_gzip(self.origin, lambda: self._source().readline(size)))

    def _source(self) -> Gunzip | BinaryIO:
        return self._gzip if self._gzip is not None else self._raw

    def _count(self, data: bytes) -> bytes:
        self.given += len(data)
        if self.given > self.limit:
            message = E091_GZIP_TOO_LARGE if self._gzip is not None else errors.E004_TOO_LARGE
            raise Skip(self.origin, message.format(size=self.given, limit=self.limit))
        if self._gzip is not None and self.given > BOMB_FLOOR and (
                self.given > MAX_GZIP_RATIO * max(self._gzip.used, 1)):
            raise Skip(self.origin, E090_GZIP_BOMB.format(ratio=MAX_GZIP_RATIO))
        return data


class Gunzip:
    """gzip decompression that knows how many compressed bytes it has used, so that the
    ratio of a bomb shows after its first kilobytes (``gzip.GzipFile`` reads ahead)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(wbits=31)  # 16 + 15: a gzip header, any window
        self._input = b""  # compressed bytes read but not yet inflated
        self._buffer = bytearray()
        self._done = False
        self._read = 0

    @property
    def used(self) -> int:
        """Compressed bytes inflated so far (read-ahead not counted)."""
        return self._read - len(self._input)

    def read(self, size: int) -> bytes:
        self._fill(size)
        return self._take(size)

    def readline(self, size: int) -> bytes:
        scanned = 0
        while True:
            end = self._buffer.find(b"\n", scanned, size)
            if end >= 0:
                return self._take(end + 1)
            if len(self._buffer) >= size or self._done:
                return self._take(size)
            scanned = len(self._buffer)
            self._fill(len(self._buffer) + GZIP_PIECE)

    def _take(self, size: int) -> bytes:
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _fill(self, want: int) -> None:
        while len(self._buffer) < want and not self._done:
            if not self._input:
                self._input = self._raw.read(GZIP_PIECE)
                self._read += len(self._input)
                if not self._input:
                    if self._inflate.eof or self._read == 0:
                        self._done = True
                        return
                    raise EOFError("the compressed data end before the end-of-stream marker")
            if self._inflate.eof:  # one member ended; the next one (or zero padding)
                self._input = self._input.lstrip(b"\0")
                if not self._input:
                    continue
                self._inflate = zlib.decompressobj(wbits=31)
            self._buffer += self._inflate.decompress(self._input, GZIP_PIECE)
            self._input = self._inflate.unconsumed_tail or self._inflate.unused_data


def read_bounded(path: Path, limit: int) -> bytes:
    """The whole content of a file (decompressed if ``.gz``), or a Skip past ``limit``."""
    parts: list[bytes] = []
    with BoundedInput(path, limit) as source:
        while chunk := source.read(READ_CHUNK):
            parts.append(chunk)
    return b"".join(parts)


def regular_size(path: Path) -> int:
    """The size of a regular file, following links; a Skip for anything else."""
    origin = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.ENOENT and path.is_symlink()):
            raise Skip(origin, E095_LINK_LOOP) from exc
        raise Skip(origin, E096_CANNOT_READ.format(detail=exc.strerror or exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise Skip(origin, E094_NOT_REGULAR)
    return info.st_size


def _open(path: Path) -> BinaryIO:
    try:
        # O_NONBLOCK: should the file have been swapped for a pipe since the check, the
        # open does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except OSError as exc:
        raise Skip(str(path), E096_CANNOT_READ.format(detail=exc.strerror or exc)) from exc


def guard_gzip(origin: str, step: Callable[[], T]) -> T:
    """``step()``, with a corrupt or truncated gzip stream turned into a Skip."""
    try:
        return step()
    except (EOFError, zlib.error) as exc:
        raise Skip(origin, E092_BAD_GZIP.format(detail=str(exc) or type(exc).__name__)) from exc


def lines(source: BoundedInput, limit: int) -> Iterator[tuple[int, bytes | Skip]]:
    """Numbered lines of at most ``limit`` bytes each; a longer line is drained in
    ``READ_CHUNK`` pieces (never held whole) and given as a Skip with its size."""
    number = 0
    while True:
        line = source.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or (line.endswith(b"\n") and len(line) == limit + 1):
            yield number, line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = source.readline(READ_CHUNK)
            if not line:
                break
            size += len(line)
        where = f"{source.origin}:{number}"
        yield number, Skip(where, errors.E004_TOO_LARGE.format(size=size, limit=limit))


def decode(data: bytes, origin: str, *, html: bool = False, charset: str | None = None) -> str:
    """Bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or for HTML the
    charset its server or its <meta> declares; a Skip for binary data or a bad encoding."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Skip(origin, errors.E005_ENCODING.format(offset=exc.start)) from exc
    if b"\x00" in data[:SNIFF_BYTES]:
        raise Skip(origin, errors.E002_BINARY)
    declared = charset or (_meta_charset(data) if html else None)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if declared is not None:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):  # LookupError: "hex" is no text codec
                pass
        raise Skip(origin, errors.E005_ENCODING.format(offset=exc.start)) from exc


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None
