"""Labeled corpus generators (texts the team writes, seeded randomness) and the benchmark."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from corpus_tools.errors import CorpusError

GENERATORS = ("strip", "dedup", "langid")


class Generator(Protocol):
    def __call__(self, count: int, seed: int) -> Iterator[dict[str, Any]]: ...


def generator(kind: str) -> Generator:
    """`generate(count, seed)` from corpus_tools.bench.gen_<kind>."""
    if kind not in GENERATORS and kind != "strip_unseen":
        raise CorpusError(f"unknown generator '{kind}'; choose from {', '.join(GENERATORS)}")
    module = importlib.import_module(f"corpus_tools.bench.gen_{kind}")
    return module.generate  # type: ignore[no-any-return]


def shared_data() -> Path | None:
    """$CORPUS_SHARED_DATA, or ../shared/data next to a source checkout; None when neither exists."""
    configured = os.environ.get("CORPUS_SHARED_DATA")
    path = Path(configured) if configured else Path(__file__).resolve().parents[3] / "shared" / "data"
    return path if path.is_dir() else None
