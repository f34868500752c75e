"""The per-article stage on a Dask cluster; the linking stage stays in this process.

``dateline ingest PATH --workers N`` starts a local cluster of N worker processes (one
thread each); ``--scheduler tcp://HOST:PORT`` uses a running one. Reading, cleaning and
de-duplication run here, because de-duplication decides which articles are analysed at
all (a copy or an article already stored costs no analysis) and they are about 0.1% of
the per-article time (100 T17 articles: 0.08 s to prepare, 120 s to analyse). The
batches the single-process run would analyse go to the workers as they fill
(:func:`dateline.pipeline.analyze_batch`, a pure function of the articles); their
results are written here in input order, so the store is the one a single process
builds. At most ``IN_FLIGHT_PER_WORKER`` batches per worker wait for analysis or writing,
which bounds the memory of a long run. Dask is imported only on this path.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dateline.errors import DatelineError
from dateline.link.stories import StoryDoc
from dateline.model import Analysis, Article
from dateline.pipeline import Ingestor, Pending, analyze_batch
from dateline.settings import Settings

# Two batches per worker: one being analysed, one queued so the worker never waits for
# this process to send the next; more only holds memory (a batch is FLUSH_EVERY articles).
IN_FLIGHT_PER_WORKER = 2
# A worker computes with one thread: the cluster already has a process per core, and
# torch's own thread pool in each would make them fight over the cores.
WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
# How long to wait for a scheduler named by --scheduler before giving up.
CONNECT_TIMEOUT_S = 5

E100_NO_DASK = ("[E100] --workers and --scheduler need Dask's distributed scheduler, which "
                "is not installed; run: pip install 'dask[distributed]'")
E101_NO_SCHEDULER = ("[E101] cannot reach the Dask scheduler at {address} ({error}); start "
                     "one ('dask scheduler') or check the address")
E102_BAD_ADDRESS = ("[E102] '{address}' is not a scheduler address; use tcp://HOST:PORT "
                    "(or tls://HOST:PORT)")
E103_WORKER_IMPORT = ("[E103] a Dask worker cannot run Dateline's analysis ({error}); install "
                      "this Dateline, with its models, on every worker of the cluster")
E104_BOTH = ("[E104] use --workers N (a local cluster) or --scheduler ADDRESS (a running "
             "one), not both")

Results = list[tuple[Analysis, StoryDoc]]


@dataclass(frozen=True)
class DaskSpec:
    """Where the analysis runs: a local cluster of ``workers`` processes, or a scheduler."""

    workers: int = 1
    scheduler: str | None = None


def check_address(address: str) -> str:
    """The scheduler address, or a DatelineError saying what one looks like."""
    scheme, _, rest = address.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("tcp", "tls") or not host or not port.isdigit():
        raise DatelineError(E102_BAD_ADDRESS.format(address=address))
    return address


def spec_of(workers: int | None, scheduler: str | None) -> DaskSpec | None:
    """The cluster the command-line options ask for; None for the single-process path."""
    if workers is not None and scheduler is not None:
        raise DatelineError(E104_BOTH)
    if scheduler is not None:
        return DaskSpec(scheduler=check_address(scheduler))
    if workers is not None:
        return DaskSpec(workers=workers)
    return None


def analyze_on_worker(articles: list[Article], settings: Settings) -> Results:
    """:func:`~dateline.pipeline.analyze_batch` in a worker (which also keeps torch to one
    thread); its models load on the first batch and stay (module-level caches, once per
    worker process)."""
    for key, value in WORKER_ENV.items():  # a worker of a cluster started elsewhere
        os.environ.setdefault(key, value)
    return analyze_batch(articles, settings)


class DaskIngestor(Ingestor):
    """An :class:`Ingestor` whose batches are analysed on a Dask cluster.

    Every write (a batch, a copy, a progress step) waits in one queue behind the batches
    sent before it, so the store sees the same writes in the same order as in one process.
    """

    def __init__(self, conn: sqlite3.Connection, settings: Settings, client: Any) -> None:
        super().__init__(conn, settings)
        self._client = client
        workers = max(1, sum(client.nthreads().values()))
        self._in_flight = IN_FLIGHT_PER_WORKER * workers
        self._queue: deque[tuple[Any, Callable[[Results], None]]] = deque()

    def _submit(self, pending: Pending) -> None:
        future = self._client.submit(analyze_on_worker, [a for a, _ in pending],
                                     self.settings, pure=False)
        self._queue.append((future, functools.partial(self._write_batch, pending)))
        self._drain(self._in_flight)

    def _after(self, step: Callable[[], None]) -> None:
        if not self._queue:
            step()
        else:
            self._queue.append((None, lambda _results: step()))

    def finish(self) -> None:
        self.flush()
        self._drain(0)
        super().finish()

    def _drain(self, keep: int) -> None:
        """Writes finished batches in order; waits while more than ``keep`` are out."""
        while self._queue:
            future, write = self._queue[0]
            outstanding = sum(1 for f, _ in self._queue if f is not None)
            if future is not None and outstanding <= keep and not future.done():
                return
            self._queue.popleft()
            write(_result(future) if future is not None else [])

    def cancel(self) -> None:
        """Drops the batches not yet written (an interrupted run keeps what it wrote)."""
        for future, _ in self._queue:
            if future is not None:
                future.cancel()
        self._queue.clear()


def _result(future: Any) -> Results:
    try:
        results: Results = future.result()
    except ImportError as exc:
        raise DatelineError(E103_WORKER_IMPORT.format(error=exc)) from exc
    return results


@contextlib.contextmanager
def client_for(spec: DaskSpec) -> Iterator[Any]:
    """A Dask client on a new local cluster or on the named scheduler, closed afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DatelineError(E100_NO_DASK) from exc
    # the scheduler's and nannies' start and stop notices are noise beside the progress bar
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if spec.scheduler is not None:
        try:
            client = Client(spec.scheduler, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise DatelineError(E101_NO_SCHEDULER.format(address=spec.scheduler,
                                                         error=exc)) from exc
        with client:
            yield client
        return
    # dashboard on a free port: a fixed one clashes with any other cluster on the machine
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=spec.workers, threads_per_worker=1, processes=True,
        dashboard_address=":0", silence_logs=logging.ERROR, env=WORKER_ENV)
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


@contextlib.contextmanager
def ingestor_for(conn: sqlite3.Connection, settings: Settings,
                 spec: DaskSpec | None) -> Iterator[Ingestor]:
    """The single-process :class:`Ingestor`, or one that analyses on the cluster of ``spec``."""
    if spec is None:
        yield Ingestor(conn, settings)
        return
    with client_for(spec) as client:
        ingestor = DaskIngestor(conn, settings, client)
        try:
            yield ingestor
        finally:
            ingestor.cancel()
