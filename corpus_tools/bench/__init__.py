"""Benchmarks: the whole chain and each stage against the tools users would otherwise reach for."""

from __future__ import annotations

import os
from pathlib import Path


def shared_data() -> Path | None:
    """$CORPUS_SHARED_DATA, or ../shared/data next to a source checkout; None when neither exists."""
    configured = os.environ.get("CORPUS_SHARED_DATA")
    path = Path(configured) if configured else Path(__file__).resolve().parents[3] / "shared" / "data"
    return path if path.is_dir() else None
