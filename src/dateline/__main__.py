"""``python -m dateline``: the same command line as ``dateline``."""

from dateline.cli import run

run()
