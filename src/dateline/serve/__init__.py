"""The HTTP API: JSON over the store (FastAPI), ingest as background jobs, the timeline page.

Reads open their own read-only connection per request, so they never wait for an ingest
(the store is in WAL mode); one writer thread runs the ingest jobs one after another.
"""
