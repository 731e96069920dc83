"""dedup's options: how copies are found and which one survives, as one frozen config."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from corpus_tools.errors import CorpusError

Keep = Literal["complete", "longest", "earliest", "first", "wire"]
KEEP_POLICIES: tuple[str, ...] = ("complete", "longest", "earliest", "first", "wire")


MAX_NGRAM = 64
"""Words a shingle may hold: more is no shingle of a news story, and the count must stay a machine integer."""
MAX_NUM_PERM = 1024
"""Permutations a signature may hold: four KB a record already, eight times the default."""
MAX_SEED = 2**32 - 1
"""The largest seed of datasketch's permutations (numpy's legacy seeding)."""


@dataclass(frozen=True)
class DedupConfig:
    """How copies are found and which one survives. `bands`/`rows` of None are chosen from the threshold."""

    threshold: float = 0.4
    containment: float = 0.6
    num_perm: int = 128
    ngram: int = 3
    seed: int = 1
    bands: int | None = None
    rows: int | None = None
    keep: Keep = "complete"
    mode: Literal["drop", "mark"] = "drop"
    clusters: str | None = None
    window_days: int | None = None
    same_domain: Literal["compare", "skip"] = "compare"
    min_tokens: int = 10
    short_match: Literal["title", "text"] = "title"
    outlet_boilerplate: int = 5
    calibrate: bool = False
    index: str | None = None
    side_files: ClassVar[tuple[str, ...]] = ("clusters",)
    """Fields that name a file the stage writes beside the output: the runner writes it with the corpus."""

    def validate(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise CorpusError(f"threshold must be between 0 and 1, got {self.threshold}")
        if not 0.0 < self.containment <= 1.0:
            raise CorpusError(f"containment must be in (0, 1], got {self.containment}")
        if not 16 <= self.num_perm <= MAX_NUM_PERM:
            raise CorpusError(f"num-perm must be between 16 and {MAX_NUM_PERM}, got {self.num_perm}")
        if (self.bands is None) != (self.rows is None):
            raise CorpusError("give both --bands and --rows, or neither")
        if self.bands is not None and self.rows is not None and (
                self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.num_perm):
            raise CorpusError(f"bands x rows ({self.bands} x {self.rows}) must be at most num-perm "
                              f"({self.num_perm})")
        if self.keep not in KEEP_POLICIES:
            raise CorpusError(f"keep must be one of {', '.join(KEEP_POLICIES)}")
        if self.window_days is not None and self.window_days < 0:
            raise CorpusError("window-days must not be negative")
        if not 1 <= self.ngram <= MAX_NGRAM:
            raise CorpusError(f"ngram must be between 1 and {MAX_NGRAM}, got {self.ngram}")
        if not 0 <= self.seed <= MAX_SEED:
            raise CorpusError(f"seed must be between 0 and {MAX_SEED}, got {self.seed}")
        if self.min_tokens < 1:
            raise CorpusError(f"min-tokens must be at least 1, got {self.min_tokens}")
        if self.outlet_boilerplate < 0:
            raise CorpusError(f"outlet-boilerplate must not be negative, got {self.outlet_boilerplate}")
        for name, allowed in (("mode", ("drop", "mark")), ("same_domain", ("compare", "skip")),
                              ("short_match", ("title", "text"))):
            if getattr(self, name) not in allowed:
                raise CorpusError(f"{name.replace('_', '-')} must be one of {', '.join(allowed)}, "
                                  f"got {getattr(self, name)!r}")
        if not isinstance(self.calibrate, bool):
            raise CorpusError(f"calibrate must be true or false, got {self.calibrate!r}")

    @property
    def candidate_threshold(self) -> float:
        """The Jaccard similarity the LSH bands aim at: the lower of --threshold and that of a copy half as
        long as its original with --containment of it inside (J = c/2 / (1 + 1/2 - c/2)), so that abridged
        copies, which have a low Jaccard, still become candidates."""
        half_copy = self.containment * 0.5 / (1.5 - self.containment * 0.5)
        return min(self.threshold, half_copy)

    def banding(self) -> tuple[int, int]:
        """The given bands and rows, else those that suit `candidate_threshold` best."""
        if self.bands is not None and self.rows is not None:
            return self.bands, self.rows
        # Here, not at the top: the CLI builds this config, and numpy would slow every `corpus --help`.
        from corpus_tools.dedup.lsh import optimal_bands

        return optimal_bands(self.candidate_threshold, self.num_perm)
