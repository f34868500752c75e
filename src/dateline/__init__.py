"""Dateline: a sourced, de-duplicated, dated record of what happened, read from news."""

__version__ = "0.1.0"
