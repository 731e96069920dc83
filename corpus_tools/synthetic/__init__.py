"""Labeled synthetic corpora from texts the team wrote, with seeded randomness: for `generate`, `eval` and tests."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any, Protocol

from corpus_tools.errors import CorpusError

GENERATORS = ("strip", "dedup", "langid")


class Generator(Protocol):
    def __call__(self, count: int, seed: int) -> Iterator[dict[str, Any]]: ...


def generator(kind: str) -> Generator:
    """`generate(count, seed)` from corpus_tools.synthetic.<kind>."""
    if kind not in GENERATORS and kind != "strip_unseen":
        raise CorpusError(f"unknown generator '{kind}'; choose from {', '.join(GENERATORS)}")
    module = importlib.import_module(f"corpus_tools.synthetic.{kind}")
    return module.generate  # type: ignore[no-any-return]
