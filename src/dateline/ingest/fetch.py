"""Fetching one page for ``dateline ingest URL``, safely.

Only http and https are fetched. Every address a host name resolves to is checked before
connecting, on every redirect too, and the connection goes to one of the checked
addresses (a second lookup could answer otherwise): private, loopback, link-local,
multicast, reserved and other non-global addresses are refused unless the user allows
them (``--allow-private``), so a URL cannot make Dateline read the user's own network.
The answer is read in pieces up to the file size limit, each read bounded by a timeout and
the whole fetch by a deadline. The standard library's http.client is used directly: no
proxy settings from the environment, no automatic redirects, no hidden retries.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from dateline.errors import Skip
from dateline.ingest import safety
from dateline.model import RawDocument
from dateline.settings import Settings

SCHEMES = ("http", "https")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PIECE = 1 << 16
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
USER_AGENT = "dateline/0.1 (+https://pypi.org/project/dateline/)"

E098_REFUSED = "[E098] refused: {reason}"
E099_FETCH = "[E099] could not be fetched: {reason}"
_PRIVATE_HINT = "; pass --allow-private to fetch from your own machine or network"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether a command-line input is a URL (``scheme://...``) rather than a path."""
    return _URL.match(text) is not None


def fetch(url: str, settings: Settings) -> RawDocument:
    """The page at ``url`` as a raw document, or a Skip naming the URL and the reason."""
    deadline = time.monotonic() + settings.fetch_deadline_s
    current = url
    for _ in range(settings.max_redirects + 1):
        try:
            found = _get(current, settings, deadline)
        except Skip as skip:
            if current == url:
                raise
            raise Skip(url, f"{skip.reason} (redirected to {current})") from skip
        except (OSError, http.client.HTTPException) as exc:
            raise Skip(url, E099_FETCH.format(reason=_failure(exc, settings, deadline))) from exc
        if isinstance(found, RawDocument):
            return RawDocument(origin=url, text=found.text, html=found.html, url=found.url)
        current = found
    raise Skip(url, E099_FETCH.format(reason=f"more than {settings.max_redirects} redirects"))


def _failure(exc: OSError | http.client.HTTPException, settings: Settings,
             deadline: float) -> str:
    if time.monotonic() >= deadline:  # the watchdog cut the connection, or the last read
        return f"not done within {settings.fetch_deadline_s:g} s"
    if isinstance(exc, TimeoutError):
        return f"no answer within {settings.fetch_read_timeout_s:g} s"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return f"TLS failed ({exc})"
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP answer ({exc!r})"
    return exc.strerror or str(exc) or type(exc).__name__


def _get(url: str, settings: Settings, deadline: float) -> RawDocument | str:
    """The document, or the URL a redirect points to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise Skip(url, E098_REFUSED.format(
            reason=f"the scheme '{scheme}' is not fetched; use http or https"))
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise Skip(url, E099_FETCH.format(reason=f"bad address ({exc})")) from exc
    if not host:
        raise Skip(url, E099_FETCH.format(reason="no host name"))
    kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    conn = kind(host, port, timeout=min(settings.fetch_connect_timeout_s, _left(deadline)))
    connector = _Connector(url, settings)
    conn._create_connection = connector  # type: ignore[attr-defined]
    # Timeouts bound each read; this bounds them all, headers included, by closing the
    # connection at the deadline whatever the server drips.
    watchdog = threading.Timer(_left(deadline), connector.cut)
    watchdog.daemon = True
    watchdog.start()
    response: http.client.HTTPResponse | None = None
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", target, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8",
            "Accept-Encoding": "identity"})
        connector.bound(settings, deadline)
        response = conn.getresponse()
        if response.status in REDIRECTS and response.getheader("Location"):
            return urljoin(url, response.getheader("Location", ""))
        if response.status != 200:
            raise Skip(url, E099_FETCH.format(
                reason=f"the server answered {response.status} {response.reason}"))
        return _document(url, response, connector, settings, deadline)
    finally:
        watchdog.cancel()
        if response is not None:
            response.close()
        conn.close()
        connector.close()


def _document(url: str, response: http.client.HTTPResponse, connector: _Connector,
              settings: Settings, deadline: float) -> RawDocument:
    header = Message()
    header["content-type"] = response.getheader("Content-Type", "text/html")
    kind = header.get_content_type()
    if kind not in HTML_TYPES | TEXT_TYPES:
        raise Skip(url, E099_FETCH.format(reason=f"it is {kind}, not HTML or plain text"))
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise Skip(url, E099_FETCH.format(reason=f"it came {encoding}-encoded though not asked"))
    limit = settings.max_file_bytes
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise Skip(url, E099_FETCH.format(reason=_too_large(int(length), limit)))
    body = bytearray()
    while True:
        connector.bound(settings, deadline)
        piece = response.read1(PIECE)  # what has come, not a wait for a whole piece
        if not piece:
            _left(deadline)  # an end made by the watchdog is no end of the page
            break
        body += piece
        if len(body) > limit:
            raise Skip(url, E099_FETCH.format(reason=_too_large(len(body), limit, more=True)))
    charset = header.get_param("charset")
    text = safety.decode(bytes(body), url, html=kind in HTML_TYPES,
                         charset=charset if isinstance(charset, str) else None)
    if kind in HTML_TYPES:
        return RawDocument(origin=url, html=text, url=url)
    return RawDocument(origin=url, text=text, url=url)


def _too_large(size: int, limit: int, more: bool = False) -> str:
    return f"it is {'over ' if more else ''}{size:,} bytes, over the {limit:,}-byte limit"


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline")
    return left


class _Connector:
    """Connects http.client to a checked address of the host, and keeps the socket: the
    connection lets go of it once a response is under way, the bounds still need it."""

    def __init__(self, url: str, settings: Settings) -> None:
        self.url = url
        self.settings = settings
        self.sock: socket.socket | None = None

    def __call__(self, address: tuple[str, int], timeout: float | None = None,
                 source_address: Any = None) -> socket.socket:
        host, port = address
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise Skip(self.url, E099_FETCH.format(
                reason=f"the host {host} was not found ({exc.strerror})")) from exc
        if not self.settings.allow_private_urls:
            for *_, sockaddr in infos:
                why = refusal(str(sockaddr[0]))
                if why:
                    raise Skip(self.url, E098_REFUSED.format(
                        reason=f"{host} is {sockaddr[0]}, {why}{_PRIVATE_HINT}"))
        error: OSError = OSError(f"no address for {host}")
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                sock.connect(sockaddr)  # a checked address, never a new lookup
            except OSError as exc:
                sock.close()
                error = exc
                continue
            self.sock = sock
            return sock
        raise error

    def bound(self, settings: Settings, deadline: float) -> None:
        """The next read waits at most the read timeout, and never past the deadline."""
        if self.sock is not None:
            self.sock.settimeout(min(settings.fetch_read_timeout_s, _left(deadline)))

    def cut(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()


def refusal(address: str) -> str:
    """Why an address is not fetched from by default ("" for a public one)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (("a loopback address", ip.is_loopback), ("a link-local address", ip.is_link_local),
              ("a multicast address", ip.is_multicast),
              ("a reserved address", ip.is_reserved or ip.is_unspecified),
              ("a private address", ip.is_private), ("not a public address", not ip.is_global))
    return next((why for why, hit in checks if hit), "")
