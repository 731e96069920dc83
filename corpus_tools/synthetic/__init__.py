"""Labeled synthetic corpora from texts the team wrote, with seeded randomness: for `generate`, `eval` and tests."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any, Protocol

from corpus_tools.errors import CorpusError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

GENERATORS = ("strip", "dedup", "langid")


class Generator(Protocol):
    def __call__(self, count: int, seed: int) -> Iterator[dict[str, Any]]: ...


def generator(kind: str) -> Generator:
    """`generate(count, seed)` from corpus_tools.synthetic.<kind>."""
    if kind not in GENERATORS and kind != "strip_unseen":
        raise CorpusError(f"unknown generator '{kind}'; choose from {', '.join(GENERATORS)}")
    module = importlib.import_module(f"corpus_tools.synthetic.{kind}")
    return module.generate  # type: ignore[no-any-return]


def package_table(name: str) -> dict[str, Any]:
    """A TOML data file shipped in this package (sentences, vocabularies, wordings), parsed."""
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
