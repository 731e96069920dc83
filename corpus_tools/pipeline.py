"""Folds stages over a stream of records and keeps each stage's counts.

Two kinds of stage exist. A RecordStage looks at one record at a time, so a run of them can be
fused and handed to worker processes. A StreamStage needs the stream as a whole (dedup, learned
boilerplate) and runs in the main process.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any, NamedTuple, Protocol, runtime_checkable

from corpus_tools.executors import Executor, InProcess, batched
from corpus_tools.record import Record
from corpus_tools.stats import StageStats


class Drop(NamedTuple):
    """A record a stage removes, with the reason the manifest counts it under."""

    reason: str


@runtime_checkable
class RecordStage(Protocol):
    """A per-record stage. `process` returns the record itself when it changes nothing, a new dict
    when it changes something, or a Drop. `counts` collects the stage's own tallies."""

    name: str
    config: Any

    def process(self, record: Record, counts: Counter[str]) -> Record | Drop: ...


@runtime_checkable
class StreamStage(Protocol):
    """A stage that needs the whole stream; it reports drops through `stats.drop(reason, record_id)`.

    `executor` runs batch work (signatures, say) where the run's per-record stages run."""

    name: str
    config: Any

    def run(self, records: Iterable[Record], stats: StageStats, executor: Executor) -> Iterator[Record]: ...


Stage = RecordStage | StreamStage


def config_of(stage: Stage) -> dict[str, Any]:
    cfg = stage.config
    return asdict(cfg) if is_dataclass(cfg) and not isinstance(cfg, type) else {}


def apply_record_stage(stage: RecordStage, records: Iterable[Record], stats: StageStats) -> Iterator[Record]:
    """Run a per-record stage and count what it does."""
    clock = time.perf_counter
    for record in records:
        stats.records_in += 1
        started = clock()
        result = stage.process(record, stats.counts)
        stats.seconds += clock() - started
        if isinstance(result, Drop):
            stats.drop(result.reason, record["id"])
            continue
        if result is not record:
            stats.modified += 1
        stats.records_out += 1
        yield result


def apply_stream_stage(stage: StreamStage, records: Iterable[Record], stats: StageStats,
                       executor: Executor | None = None) -> Iterator[Record]:
    """Run a whole-stream stage; its seconds exclude the time spent waiting on the stages before it."""
    clock = time.perf_counter
    upstream_seconds = 0.0

    def counted_input() -> Iterator[Record]:
        nonlocal upstream_seconds
        iterator = iter(records)
        while True:
            started = clock()
            try:
                record = next(iterator)
            except StopIteration:
                upstream_seconds += clock() - started
                return
            upstream_seconds += clock() - started
            stats.records_in += 1
            yield record

    output = stage.run(counted_input(), stats, executor or InProcess())
    while True:
        started = clock()
        before = upstream_seconds
        try:
            record = next(output)
        except StopIteration:
            stats.seconds += (clock() - started) - (upstream_seconds - before)
            return
        stats.seconds += (clock() - started) - (upstream_seconds - before)
        stats.records_out += 1
        yield record


BATCH_SIZE = 256


def run_batch(stages: Sequence[RecordStage], batch: list[Record], list_drops: bool = False
              ) -> tuple[list[Record], list[StageStats]]:
    """Fused per-record stages over one batch, with the batch's own counts (merged by the caller), and the ids of
    the records they drop where `list_drops`."""
    stats = [StageStats(stage.name, dropped_ids=[] if list_drops else None) for stage in stages]
    stream: Iterable[Record] = batch
    for stage, stage_stats in zip(stages, stats, strict=True):
        stream = apply_record_stage(stage, stream, stage_stats)
    return list(stream), stats


def apply_record_stages(stages: Sequence[RecordStage], records: Iterable[Record], stats: Sequence[StageStats],
                        executor: Executor) -> Iterator[Record]:
    """Yield what the stages yield in one process, in the same order, wherever the batches run."""
    batch_fn = functools.partial(run_batch, list_drops=stats[0].dropped_ids is not None)
    for batch_records, batch_stats in executor.map_ordered(batch_fn, list(stages), batched(records, BATCH_SIZE)):
        for total, part in zip(stats, batch_stats, strict=True):
            total.merge(part)
        yield from batch_records


def apply_stages(
    stages: Sequence[Stage], records: Iterable[Record], executor: Executor | None = None, list_drops: bool = False
) -> tuple[Iterator[Record], list[StageStats]]:
    """Chain the stages lazily; the returned stats fill in as the stream is consumed (with the ids of the records
    each drops, where `list_drops`)."""
    executor = executor or InProcess()
    all_stats = [StageStats(stage.name, config_of(stage), dropped_ids=[] if list_drops else None) for stage in stages]
    stream: Iterable[Record] = records
    index = 0
    while index < len(stages):
        stage = stages[index]
        if isinstance(stage, StreamStage):
            stream = apply_stream_stage(stage, stream, all_stats[index], executor)
            index += 1
            continue
        end = index
        while end < len(stages) and not isinstance(stages[end], StreamStage):
            end += 1
        fused = [s for s in stages[index:end] if isinstance(s, RecordStage)]
        if isinstance(executor, InProcess):
            for offset, record_stage in enumerate(fused):
                stream = apply_record_stage(record_stage, stream, all_stats[index + offset])
        else:
            stream = apply_record_stages(fused, stream, all_stats[index:end], executor)
        index = end
    return iter(stream), all_stats
