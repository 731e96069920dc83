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
