"""A fresh install must import every runtime dependency (trafilatura 2.x needs lxml_html_clean)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import corpus_tools

DEPENDENCIES = ["click", "trafilatura", "lxml_html_clean", "datasketch", "ftfy", "langdetect", "rich", "numpy",
                "orjson", "zstandard"]


@pytest.mark.parametrize("module", DEPENDENCIES)
def test_dependency_imports(module: str) -> None:
    importlib.import_module(module)


def test_trafilatura_extracts_after_install() -> None:
    import trafilatura

    html = "<html><body><article><p>" + "The ferry left the harbour at dawn. " * 20 + "</p></article></body></html>"
    assert "ferry left the harbour" in (trafilatura.extract(html) or "")


def test_python_m_and_version() -> None:
    result = subprocess.run([sys.executable, "-m", "corpus_tools", "--version"], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == f"corpus, version {corpus_tools.__version__}"


def test_help_does_not_import_heavy_modules() -> None:
    code = ("import sys; from corpus_tools.cli.main import cli; "
            "heavy = [m for m in ('trafilatura', 'langdetect', 'datasketch', 'ftfy', 'pyarrow', 'warcio', 'openpyxl', "
            "'pandas', 'datasets') if m in sys.modules]; "
            "print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_every_data_file_of_the_package_is_declared_package_data() -> None:
    """A wheel carries only the data files pyproject.toml names: a file left out works here and fails installed."""
    import fnmatch
    import sys
    from pathlib import Path

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    root = Path(corpus_tools.__file__).resolve().parent
    declared = tomllib.loads((root.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    data_files = [path for path in root.rglob("*") if path.is_file() and path.suffix not in (".py", ".pyc", ".typed")]
    assert data_files
    for path in data_files:
        package = ".".join(("corpus_tools", *path.parent.relative_to(root).parts))
        assert any(fnmatch.fnmatch(path.name, pattern) for pattern in declared.get(package, [])), path
