"""Every command has help with a real example, the README documents it, and its layout table maps the tree."""

from __future__ import annotations

import re

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


LAYOUT = README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]


def _layout_paths() -> set[str]:
    """The paths the layout table names; `io/x.py` and `x.py` after a full path are relative to its package."""
    paths = set()
    for row in LAYOUT.splitlines():
        cell = row.split(" | ")[0]
        base = ""
        for name in re.findall(r"`([^`]+)`", cell):
            if name.startswith(("corpus_tools/", "cli/", "tests/")) or name.endswith("/"):
                path = name
                base = path.rsplit("/", 1)[0] + "/" if not path.endswith("/") else path
            else:
                path = ("corpus_tools/" + name) if name.startswith("io/") else base + name
            paths.add(path.rstrip("/"))
    return paths


def test_the_readme_layout_names_every_module_and_package_of_the_library() -> None:
    named = _layout_paths()
    library = ROOT / "corpus_tools"
    modules = {f"corpus_tools/{path.name}" for path in library.glob("*.py") if not path.name.startswith("__")}
    modules |= {f"corpus_tools/io/{path.name}" for path in (library / "io").glob("*.py") if path.name != "__init__.py"}
    packages = {f"corpus_tools/{path.parent.name}" for path in library.glob("*/__init__.py")} - {"corpus_tools/io"}
    assert sorted((modules | packages) - named) == []
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
