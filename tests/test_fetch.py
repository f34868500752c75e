"""``dateline ingest URL`` against a local server: refused on loopback unless allowed,
bounded in size and time, checked again on every redirect. No real internet."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import EXIT_SKIPPED, main
from dateline.errors import Skip
from dateline.ingest import fetch as fetching
from dateline.ingest.fetch import fetch, is_url, refusal
from dateline.settings import Settings

from .conftest import ARTICLE

MB = 1 << 20
PAGE = ("<html><head><title>Harbour fire after overnight raid</title>"
        '<meta property="article:published_time" content="2026-03-04"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:]) + "</article></body></html>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:  # keep the test output clean
        pass

    def _head(self, status: int, kind: str, length: int | None = None,
              more: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for key, value in (more or {}).items():
            self.send_header(key, value)
        self.end_headers()

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        routes = {
            "/page.html": lambda: self._send(PAGE.encode("utf-8")),
            "/moved": lambda: self._head(302, "text/html", 0, {"Location": "/page.html"}),
            "/to-file": lambda: self._head(302, "text/html", 0, {"Location": "file:///etc/hosts"}),
            "/to-other": lambda: self._head(
                302, "text/html", 0, {"Location": f"http://127.0.0.2:{port}/page.html"}),
            "/loop": lambda: self._head(302, "text/html", 0, {"Location": "/loop"}),
            "/pdf": lambda: self._send(b"%PDF-1.4", "application/pdf"),
            "/missing": lambda: self._head(404, "text/html", 0),
            "/declared-huge": lambda: self._head(200, "text/html", 50 * MB),
            "/endless": self._endless,
            "/slow": self._slow,
            "/drip": self._drip,
        }
        # the client gives up first in some tests, as it should
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            routes.get(self.path, lambda: self._head(404, "text/html", 0))()

    def _send(self, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self._head(200, kind, len(body))
        self.wfile.write(body)

    def _endless(self) -> None:  # no Content-Length: the size shows only while reading
        self._head(200, "text/html")
        for _ in range(64):
            self.wfile.write(b"<p>" + b"x" * (MB // 8) + b"</p>")

    def _slow(self) -> None:
        time.sleep(3)
        self._send(PAGE.encode("utf-8"))

    def _drip(self) -> None:  # every read is quick, the whole never ends
        self._head(200, "text/html")
        for _ in range(100):
            self.wfile.write(b"<p>a</p>")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


ALLOWED = replace(Settings(), allow_private_urls=True)


def _refused(url: str, settings: Settings = ALLOWED) -> Skip:
    with pytest.raises(Skip) as caught:
        fetch(url, settings)
    assert caught.value.origin == url
    return caught.value


def test_urls_are_told_from_paths() -> None:
    assert is_url("https://example.org/a.html") and is_url("HTTP://x")
    assert not is_url("news/a.html") and not is_url("C:/news") and not is_url("://x")


@pytest.mark.parametrize("address, why", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.10", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1%eth0", "link-local"), ("224.0.0.251", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "reserved"), ("240.0.0.1", "reserved"), ("100.64.0.1", "not a public"),
    ("::ffff:127.0.0.1", "loopback"), ("fc00::1", "private"),
    ("93.184.215.14", ""), ("2606:4700::1111", "")])
def test_address_classes(address: str, why: str) -> None:
    found = refusal(address)
    assert (why in found) if why else found == ""


def test_loopback_is_refused_unless_allowed(server: str, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    url = f"{server}/page.html"
    refused = CliRunner().invoke(main, ["ingest", url, "--db", db, "--quiet"])
    assert refused.exit_code == EXIT_SKIPPED
    [line] = [x for x in refused.output.splitlines() if x.startswith("skipped")]
    assert url in line and "E098" in line and "loopback" in line and "--allow-private" in line
    fetched = CliRunner().invoke(main, ["ingest", url, "--db", db, "--quiet", "--allow-private"])
    assert fetched.exit_code == 0, fetched.output
    assert "read 1, new 1," in fetched.output


def test_redirects_are_followed_and_checked_again(server: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = fetch(f"{server}/moved", ALLOWED)
    assert page.html is not None and "Portavel" in page.html
    assert page.origin == f"{server}/moved" and page.url == f"{server}/page.html"
    to_file = _refused(f"{server}/to-file")  # a redirect out of http(s)
    assert "E098" in to_file.reason and "redirected to file:///etc/hosts" in to_file.reason
    assert "E099" in _refused(f"{server}/loop").reason
    # the first hop is allowed, the address the redirect leads to is not
    monkeypatch.setattr(fetching, "refusal",
                        lambda a: "a test-refused address" if a == "127.0.0.2" else "")
    skip = _refused(f"{server}/to-other", Settings())
    assert "E098" in skip.reason and "127.0.0.2" in skip.reason


def test_other_schemes_and_answers(server: str) -> None:
    assert "E098" in _refused("file:///etc/hosts").reason
    assert "E098" in _refused("ftp://127.0.0.1/a.txt").reason
    assert "application/pdf" in _refused(f"{server}/pdf").reason
    assert "404" in _refused(f"{server}/missing").reason
    assert "not found" in _refused("http://no-such-host.invalid/a").reason


def test_size_is_bounded_declared_or_not(server: str) -> None:
    small = replace(ALLOWED, max_file_bytes=MB)
    declared = _refused(f"{server}/declared-huge", small)
    assert "E099" in declared.reason and "52,428,800" in declared.reason
    start = time.perf_counter()
    streamed = _refused(f"{server}/endless", small)
    assert "E099" in streamed.reason and "1,048,576-byte limit" in streamed.reason
    assert time.perf_counter() - start < 5  # stopped after the first megabyte, not 8


def test_time_is_bounded_per_read_and_in_all(server: str) -> None:
    quick = replace(ALLOWED, fetch_read_timeout_s=0.5, fetch_deadline_s=1.5)
    start = time.perf_counter()
    slow = _refused(f"{server}/slow", quick)
    assert "E099" in slow.reason and "no answer within 0.5 s" in slow.reason
    assert time.perf_counter() - start < 2
    start = time.perf_counter()
    drip = _refused(f"{server}/drip", quick)
    assert "E099" in drip.reason and "not done within 1.5 s" in drip.reason
    assert time.perf_counter() - start < 3
