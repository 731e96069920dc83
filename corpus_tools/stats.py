"""Per-stage counters, kept in one place so that every manifest balances."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class StageStats:
    """What one stage saw and did: records in, out, modified, dropped by reason, and its own counts."""

    name: str
    config: dict[str, Any] = field(default_factory=dict)
    records_in: int = 0
    records_out: int = 0
    modified: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    dropped_ids: list[tuple[str, str]] | None = None
    """(id, reason) of each record dropped, in the order they went, where the run lists its drops (`--drops`)."""

    def drop(self, reason: str, record_id: str) -> None:
        self.dropped[reason] += 1
        if self.dropped_ids is not None:
            self.dropped_ids.append((record_id, reason))

    def merge(self, other: StageStats) -> None:
        """Add another worker's counts for the same stage."""
        self.records_in += other.records_in
        self.records_out += other.records_out
        self.modified += other.modified
        self.dropped.update(other.dropped)
        if self.dropped_ids is not None and other.dropped_ids is not None:
            self.dropped_ids.extend(other.dropped_ids)
        self.counts.update(other.counts)
        self.seconds += other.seconds

    @property
    def balanced(self) -> bool:
        return self.records_in == self.records_out + sum(self.dropped.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "options": self.config,
            "records_in": self.records_in,
            "records_out": self.records_out,
            "modified": self.modified,
            "dropped": dict(sorted(self.dropped.items())),
            "counts": dict(sorted(self.counts.items())),
            "seconds": round(self.seconds, 3),
        }
