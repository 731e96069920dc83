"""Every command has help with a real example, and the README documents it."""

from __future__ import annotations

import pytest
from corpus_tools.cli.main import cli

from tests.conftest import ROOT, invoke

COMMANDS = sorted(cli.commands)
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_purpose_and_example(name: str) -> None:
    result = invoke([name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"corpus {name}" in result.stdout.split("Example:")[1] or f" {name} " in result.stdout.split("Example:")[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_command(name: str) -> None:
    assert f"corpus {name}" in README or f" {name} " in README


def test_group_help_and_version() -> None:
    assert invoke(["--help"]).exit_code == 0
    assert invoke(["--version"]).stdout.startswith("corpus, version ")


def test_readme_gives_the_two_setup_commands() -> None:
    assert "make demo" in README and "make test" in README
