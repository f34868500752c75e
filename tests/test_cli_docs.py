"""Every command is documented: help with an example, and a mention in the README."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from dateline.cli import main

from .conftest import ROOT

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"dateline {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_command(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"dateline {name}" in readme


def test_bad_published_date_is_a_usage_error(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["ingest", "x.txt", "--published", "15/02/2026"])
    assert result.exit_code == 2 and "E010" in result.output


def test_commands_are_thin() -> None:
    assert isinstance(main, click.Group) and {"ingest", "timeline", "events", "articles",
                                              "show", "demo"} <= set(main.commands)
