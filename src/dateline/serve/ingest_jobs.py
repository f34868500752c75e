"""Ingest jobs run by one writer thread with its own connection, one job at a time."""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from dateline.errors import Skip
from dateline.ingest.prepare import prepare
from dateline.model import RawDocument
from dateline.pipeline import FLUSH_EVERY, Ingestor
from dateline.serve.config import ServeConfig
from dateline.store.db import connect

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One ingest request and how far it has got; read by the API while the writer runs."""

    id: str
    documents: list[RawDocument]  # emptied once the job ends, to free the texts
    total: int
    state: str = "queued"  # queued -> running -> done | failed
    done: int = 0
    new: int = 0
    duplicates: int = 0
    unchanged: int = 0
    events: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    created: str = field(default_factory=lambda: _now())
    finished: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"job": self.id, "state": self.state, "total": self.total,
                "done": self.done, "new": self.new, "duplicates": self.duplicates,
                "unchanged": self.unchanged, "skipped": list(self.skipped),
                "events": self.events, "error": self.error, "created": self.created,
                "finished": self.finished}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class JobRunner:
    """Queues jobs for the single writer thread, started on the first job."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, documents: list[RawDocument]) -> Job:
        job = Job(uuid.uuid4().hex[:16], documents, len(documents))
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="dateline-writer",
                                                daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> dict[str, object] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.to_json() if job is not None else None

    def stop(self, timeout: float = 30.0) -> None:
        """Lets the running job finish, then ends the writer thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - self.config.jobs_kept)]:
            del self._jobs[key]

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            self._set(job, state="running")
            try:
                self._run(job)
                self._set(job, state="done")
            except Exception as exc:  # the job fails, the server and later jobs go on
                log.exception("ingest job %s failed", job.id)
                self._set(job, state="failed", error=f"{type(exc).__name__}: {exc}")
            self._set(job, finished=_now(), documents=[])

    def _run(self, job: Job) -> None:
        conn = connect(self.config.db_path)
        try:
            ingestor = Ingestor(conn, self.config.settings)
            report = ingestor.report
            for start in range(0, len(job.documents), FLUSH_EVERY):
                chunk = job.documents[start:start + FLUSH_EVERY]
                for doc in chunk:
                    report.read += 1
                    try:
                        ingestor.add(prepare(doc, self.config.settings))
                    except Skip as skip:
                        report.skipped.append(skip)
                ingestor.flush()
                self._set(job, done=start + len(chunk), new=report.new,
                          duplicates=report.duplicates, unchanged=report.unchanged,
                          events=report.events,
                          skipped=[{"article": s.origin, "reason": s.reason}
                                   for s in report.skipped])
            ingestor.finish()
        finally:
            conn.close()

    def _set(self, job: Job, **values: object) -> None:
        with self._lock:
            for key, value in values.items():
                setattr(job, key, value)
