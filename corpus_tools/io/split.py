"""Leakage-free splits: train/validation/test such that no duplicate cluster spans two of them."""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from corpus_tools.dates import NO_DATE, day_number
from corpus_tools.errors import CorpusError, OptionError
from corpus_tools.io.output import rewrite_shards
from corpus_tools.io.schema import FieldTypes, retyper
from corpus_tools.io.writer import OutputFile, ShardWriter, WriteConfig
from corpus_tools.record import Record
from corpus_tools.spool import RecordSpool

SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class SplitConfig:
    """How records are divided. `by=cluster` hashes each cluster (seeded) into a split by `ratios`;
    `by=date` puts a cluster before the first cutoff into train, before the second into validation,
    the rest into test, dating each cluster by its earliest member."""

    directory: str
    by: Literal["cluster", "date"] = "cluster"
    ratios: tuple[float, float, float] = (0.8, 0.1, 0.1)
    seed: int = 0
    cutoffs: tuple[str, ...] = ()
    shard_size: int = 100_000
    compress: Literal["none", "gzip", "zstd"] = "none"
    force: bool = False

    def validate(self) -> None:
        if len(self.ratios) != 3 or not all(math.isfinite(r) and r >= 0 for r in self.ratios) \
                or abs(sum(self.ratios) - 1) > 1e-6:
            raise OptionError("--ratios takes three shares that add up to 1, e.g. 0.8,0.1,0.1")
        if self.by == "date" and not 1 <= len(self.cutoffs) <= 2:
            raise OptionError("--by date takes --cutoff DATE (train before it, test after) or two cutoffs")
        for cutoff in self.cutoffs:
            if day_number(cutoff) == NO_DATE or not _ISO_DAY.fullmatch(cutoff):
                raise OptionError(f"--cutoff {cutoff!r} is not a date as YYYY-MM-DD")
        if self.by == "cluster" and self.cutoffs:
            raise OptionError("--cutoff splits by date: give --by date with it (--by cluster splits by --ratios)")
        if any(a >= b for a, b in zip(self.cutoffs, self.cutoffs[1:], strict=False)):
            raise OptionError("cutoffs must be in increasing order, and different")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def cluster_of(record: Record, command: str = "split") -> str:
    """The record's cluster, or an error that tells the user which step `command` needs first."""
    cluster = record.get("cluster_id")
    if not isinstance(cluster, str):
        raise CorpusError(f"record '{record['id']}' has no cluster_id (a string): run `dedup --mode mark` before "
                          f"`{command}`")
    return cluster


class SplitWriter:
    """One sharded writer per split. By date, records are spooled to disk until every cluster's
    earliest date is known; memory holds one date per cluster."""

    def __init__(self, directory: str, cfg: SplitConfig, warn: Callable[[str], None] = lambda _: None) -> None:
        cfg.validate()
        self.cfg = cfg
        self.directory = directory
        self.warn = warn
        self.types = FieldTypes()  # one type per field across the splits, so they load as one dataset
        self.counts: Counter[str] = Counter()
        self._clusters: dict[str, set[str]] = {name: set() for name in SPLITS}
        shard_cfg = WriteConfig(directory, cfg.shard_size, cfg.compress, cfg.force)
        self._writers = {}
        for name in SPLITS:
            os.makedirs(os.path.join(directory, name))
            self._writers[name] = ShardWriter(os.path.join(directory, name), shard_cfg)
        self._earliest: dict[str, str] = {}
        self._spool: RecordSpool | None = None
        if cfg.by == "date":
            self._spool = RecordSpool("corpus-split-")

    def write(self, record: Record) -> None:
        cluster = cluster_of(record)
        if self._spool is None:
            self._route(record, cluster, self._by_hash(cluster))
            return
        date = record.get("date")
        if not isinstance(date, str) or not date:
            raise CorpusError(f"record '{record['id']}' has no date; --by date needs one on every record")
        if day_number(date) == NO_DATE:
            raise CorpusError(f"record '{record['id']}' has the date {date!r}, which is not an ISO date "
                              f"(YYYY-MM-DD...); --by date compares dates")
        if cluster not in self._earliest or date < self._earliest[cluster]:
            self._earliest[cluster] = date
        self._spool.write(record)

    def _by_hash(self, cluster: str) -> str:
        digest = hashlib.blake2b(f"{self.cfg.seed}\x00{cluster}".encode(), digest_size=8).digest()
        point = int.from_bytes(digest, "big") / 2**64
        train, validation, _ = self.cfg.ratios
        return "train" if point < train else "validation" if point < train + validation else "test"

    def _by_date(self, cluster: str) -> str:
        date = self._earliest[cluster]
        cutoffs = self.cfg.cutoffs
        if date < cutoffs[0]:
            return "train"
        return "validation" if len(cutoffs) == 2 and date < cutoffs[1] else "test"

    def _route(self, record: Record, cluster: str, split: str) -> None:
        self.types.observe(record)
        self._writers[split].write(record)
        self.counts[f"{split}.records"] += 1
        self._clusters[split].add(cluster)

    def close(self) -> list[OutputFile]:
        if self._spool is not None:
            for record in self._spool:
                cluster = cluster_of(record)
                self._route(record, cluster, self._by_date(cluster))
            self._spool.close()
        for name in SPLITS:
            self.counts[f"{name}.clusters"] = len(self._clusters[name])
        train, validation, test = (self._clusters[name] for name in SPLITS)
        self.counts["clusters_in_two_splits"] = len((train & validation) | (train & test) | (validation & test))
        settled = self.types.settled()
        for field in settled:
            self.warn(field.describe())
        files = []
        for name in SPLITS:
            written = self._writers[name].close()
            if settled:
                written = rewrite_shards(os.path.join(self.directory, name), written, self._writers[name].cfg,
                                         retyper(settled), self.counts)
            for output in written:
                output.path = f"{name}/{output.path}"
                files.append(output)
        return files
