"""conflicts: duplicate clusters whose copies disagree on a label (the same story filed as fake and real)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import orjson

from corpus_tools.errors import OutputError
from corpus_tools.executors import Executor
from corpus_tools.io.split import cluster_of
from corpus_tools.record import Record, json_bytes
from corpus_tools.spool import RecordSpool
from corpus_tools.stats import StageStats


@dataclass(frozen=True)
class ConflictsConfig:
    """Which field holds the label, whether to drop conflicting clusters, where to list them."""

    label_field: str = "type"
    drop_conflicting: bool = False
    report: str | None = None
    side_files: ClassVar[tuple[str, ...]] = ("report",)
    """Fields that name a file the stage writes beside the output: the runner writes it with the corpus."""


class Conflicts:
    """Fake-news corpora label records by outlet, so one syndicated story can carry both labels.

    Two passes over a spool: the first counts labels per cluster (memory: the labels of each cluster),
    the second lists or drops the clusters with more than one label, keeping input order.
    """

    name = "conflicts"

    def __init__(self, config: ConflictsConfig | None = None) -> None:
        self.config = config or ConflictsConfig()

    def run(self, records: Iterable[Record], stats: StageStats, executor: Executor) -> Iterator[Record]:
        labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
        unlabelled: Counter[str] = Counter()
        with RecordSpool("corpus-conflicts-") as spool:
            for record in records:
                label, cluster = self._label(record), cluster_of(record, "conflicts")
                if label is None:
                    # A copy without the label disagrees with nothing: it is counted, not a side of a conflict;
                    # counted in the manifest too, so that a --label-field no record has (a typo) shows.
                    unlabelled[cluster] += 1
                    stats.counts["records_without_label"] += 1
                else:
                    labels[cluster][label] += 1
                spool.write(record)
            conflicting = {cluster for cluster, counts in labels.items() if len(counts) > 1}
            stats.counts["clusters_conflicting"] = len(conflicting)
            members: defaultdict[str, list[str]] = defaultdict(list)
            for record in spool:
                cluster = cluster_of(record, "conflicts")
                if cluster in conflicting:
                    stats.counts["records_in_conflicting_clusters"] += 1
                    members[cluster].append(record["id"])
                    if self.config.drop_conflicting:
                        stats.drop("label_conflict", record["id"])
                        continue
                yield record
        for cluster in conflicting:
            pair = " vs ".join(sorted(labels[cluster]))
            stats.counts[f"labels.{pair}"] += 1
        if self.config.report:
            self._write_report(conflicting, labels, unlabelled, members)

    def _label(self, record: Record) -> str | None:
        value = record.get(self.config.label_field)
        if value is None or value == "":
            return None
        # A number and its digits are one label (a CSV and a JSONL source of one corpus); a list or an object
        # reads as JSON.
        return value if isinstance(value, str) else json_bytes(value).decode()

    def _write_report(self, conflicting: set[str], labels: dict[str, Counter[str]], unlabelled: Counter[str],
                      members: dict[str, list[str]]) -> None:
        assert self.config.report is not None
        try:
            with open(self.config.report, "wb") as out:
                for cluster in sorted(conflicting, key=lambda c: (-len(members[c]), c)):
                    entry = {"cluster_id": cluster, "labels": dict(sorted(labels[cluster].items())),
                             "without_label": unlabelled[cluster], "members": members[cluster]}
                    out.write(orjson.dumps(entry) + b"\n")
        except OSError as err:
            raise OutputError(f"{self.config.report}: cannot write the conflicts report ({err.strerror})") from None
