"""dedup: group copies of one story (exact, re-wrapped, abridged, edited) with MinHash LSH and keep one copy.

Records stream through once: each is spooled to a temporary file in arrival order while only its
signature and a few numbers stay in memory (`corpus_tools.dedup.table`). At the end of the input the
clusters are formed (`corpus_tools.dedup.engine`), then the spool is read back in order and each record
leaves with `cluster_id` and `dup_count` (or is dropped).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import IO

from corpus_tools.dedup.calibrate import calibration_report
from corpus_tools.dedup.cluster import Clustering, write_clusters
from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.engine import DedupEngine
from corpus_tools.dedup.index import DedupIndex, Staged
from corpus_tools.dedup.lsh import pair_search_for
from corpus_tools.dedup.table import SignedCorpus, sign_corpus
from corpus_tools.executors import Executor
from corpus_tools.record import Record
from corpus_tools.stats import StageStats


class Dedup:
    """The dedup stage: a stream stage, since a copy can arrive after the record it copies."""

    name = "dedup"

    def __init__(self, config: DedupConfig | None = None, report: IO[str] | None = None) -> None:
        self.config = config or DedupConfig()
        self.config.validate()
        self.report = report
        self.held_bytes = 0
        self.pending: Staged | None = None

    def run(self, records: Iterable[Record], stats: StageStats,
            executor: Executor | None = None) -> Iterator[Record]:
        cfg = self.config
        index = DedupIndex.open_for(cfg.index, cfg) if cfg.index else None
        staged = None
        signed = None
        try:
            if index is not None:
                cfg = index.settle(cfg)
            signed = sign_corpus(records, cfg, executor)
            stats.counts["boilerplate_lines"] = signed.table.boilerplate_line_count
            if not cfg.calibrate:
                signed.table.release()
            # The arrays, the ids, and per record a spool offset and a pointer to its wire credit.
            self.held_bytes = signed.frozen.nbytes() + len(signed.frozen.ids) * (signed.spool.offsets.itemsize + 8)
            engine = DedupEngine(cfg, signed.frozen, keep_pairs=cfg.calibrate, pair_search=pair_search_for(executor))
            result = engine.run()
            stats.counts.update(result.counts)
            if cfg.clusters:
                write_clusters(cfg.clusters, signed.frozen.ids, result, signed.spool)
            if cfg.calibrate:
                calibration_report(engine, result, signed.spool, self.report or sys.stderr, signed.table)
            indexed: list[str | None] = [None] * len(signed.frozen.ids)
            if index is not None:
                indexed = index.match_batch(cfg, signed.frozen, result.kept)
                stats.counts["indexed_before"] = index.records
                staged = index.stage(signed.frozen, result.kept, indexed)
            yield from self._emit(signed, result, indexed, cfg.mode == "mark" or cfg.calibrate, stats)
            if staged is not None:
                # The runner makes it live in the same commit as the run's output: a chain that fails or
                # stops before that leaves the index as it was.
                stats.counts["indexed_added"] = staged.records
                self.pending, staged = staged, None
        finally:
            if staged is not None:
                staged.discard()
            if index is not None and self.pending is None:
                index.release()
            if signed is not None:
                signed.close()

    @staticmethod
    def _emit(signed: SignedCorpus, result: Clustering, indexed: list[str | None], mark: bool,
              stats: StageStats) -> Iterator[Record]:
        """The spooled records in arrival order, each with its cluster, or counted as a dropped copy."""
        ids, wires = signed.frozen.ids, signed.table.wires
        for row, record in enumerate(signed.spool):
            kept = int(result.kept[row])
            old = indexed[row]
            reason = "duplicate_indexed" if old is not None else None if kept == row else \
                "duplicate_exact" if result.exact[row] else "duplicate_near"
            if reason is not None and not mark:
                stats.drop(reason, record["id"])
                continue
            if reason is not None:
                stats.counts[f"marked.{reason}"] += 1  # what drop mode would have dropped, and why
            record["cluster_id"] = old if old is not None else ids[kept]
            record["dup_count"] = int(result.size[row])
            if wires[row] is not None:
                record["wire"] = wires[row]
            yield record


def dedup(records: Iterable[Record], cfg: DedupConfig | None = None,
          stats: StageStats | None = None) -> Iterator[Record]:
    """Deduplicate a stream of records; see Dedup."""
    return Dedup(cfg).run(records, stats or StageStats("dedup"))
