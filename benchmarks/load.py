"""The HTTP API under load: concurrent clients against `dateline serve` on loopback.

Usage: python benchmarks/load.py [--db out/demo.db] [--clients 50] [--seconds 60]
                                 [--timeline] [--json OUT]

Starts ``dateline serve --db DB`` in a subprocess on a free loopback port (one uvicorn
worker, as a user runs it), waits until it answers, then runs ``--clients`` concurrent
clients (asyncio + httpx, one keep-alive connection each) for ``--seconds``. Each client
sends one request after another, cycling through a mix of events queries (the whole
first page, by type, by month, by words, a 200-row page) and, with ``--timeline``, the
whole timeline. A request counts as an error unless it gets a 200 with a JSON body.
Prints requests, errors, requests/s and the p50/p95/p99/max latency per endpoint; its last
line is the events endpoint's figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EVENT_QUERIES = ("/api/events", "/api/events?type=ASSAULT", "/api/events?from=2026-02&to=2026-02",
                 "/api/events?q=drone", "/api/events?limit=200")
TIMELINE = "/api/timeline"
START_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Figures:
    endpoint: str
    requests: int
    errors: int
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """`dateline serve` on loopback, from this checkout's source, logging only warnings."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--host",
               "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"dateline serve exited with code {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=1.0).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"dateline serve did not answer within {START_TIMEOUT_S:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


async def client(base: str, paths: list[str], offset: int, deadline: float,
                 found: dict[str, list[float]], errors: dict[str, int]) -> None:
    """One client: requests one after another on its own connection until the deadline."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits,
                                 timeout=REQUEST_TIMEOUT_S) as session:
        turn = offset
        while time.monotonic() < deadline:
            path = paths[turn % len(paths)]
            turn += 1
            endpoint = path.split("?")[0]
            began = time.perf_counter()
            try:
                response = await session.get(path)
                ok = response.status_code == 200 and isinstance(response.json(), dict)
            except (httpx.HTTPError, ValueError):
                ok = False
            found[endpoint].append(time.perf_counter() - began)
            if not ok:
                errors[endpoint] += 1


async def load(base: str, clients: int, seconds: float, paths: list[str]
               ) -> tuple[dict[str, list[float]], dict[str, int], float]:
    found: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    began = time.monotonic()
    deadline = began + seconds
    await asyncio.gather(*(client(base, paths, i, deadline, found, errors)
                           for i in range(clients)))
    return found, errors, time.monotonic() - began


def figures(endpoint: str, latencies: list[float], errors: int, elapsed: float) -> Figures:
    ms = sorted(x * 1000 for x in latencies)
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return Figures(endpoint, len(ms), errors, round(len(ms) / elapsed, 1), round(cuts[49], 1),
                   round(cuts[94], 1), round(cuts[98], 1), round(ms[-1], 1))


def run(db: Path, clients: int, seconds: float, timeline: bool) -> list[Figures]:
    """Serves ``db``, loads it, stops the server; the figures per endpoint, events last."""
    if not db.exists():
        raise SystemExit(f"no store at {db}; build the demo one with 'dateline demo'")
    paths = list(EVENT_QUERIES) + ([TIMELINE] if timeline else [])
    port = free_port()
    server = start_server(db, port)
    try:
        found, errors, elapsed = asyncio.run(load(f"http://127.0.0.1:{port}", clients,
                                                  seconds, paths))
    finally:
        stop_server(server)
    order = sorted(found, key=lambda e: e == "/api/events")
    return [figures(e, found[e], errors[e], elapsed) for e in order]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "demo.db")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--timeline", action="store_true",
                        help="also request the whole timeline (/api/timeline)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    results = run(args.db, args.clients, args.seconds, args.timeline)
    print(f"{args.clients} clients, {args.seconds:.0f} s, store {args.db}")
    for f in results:
        print(f"{f.endpoint:15} requests {f.requests:7d}  errors {f.errors}  "
              f"{f.per_second:7.1f}/s  p50 {f.p50_ms:.1f} ms  p95 {f.p95_ms:.1f} ms  "
              f"p99 {f.p99_ms:.1f} ms  max {f.max_ms:.1f} ms")
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in results], indent=2) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
