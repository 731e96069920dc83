"""Runs fused per-record stages in a process pool, in batches, keeping input order and bounded memory."""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from corpus_tools.record import Record
from corpus_tools.stats import StageStats

if TYPE_CHECKING:
    from corpus_tools.pipeline import RecordStage

BATCH_SIZE = 256
_worker_stages: Sequence[RecordStage] = ()


def _init_worker(stages: Sequence[RecordStage]) -> None:
    global _worker_stages
    _worker_stages = stages
    # Ctrl-C is the main process's to handle: it stops the pool and removes partial output.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _process_batch(batch: list[Record]) -> tuple[list[Record], list[StageStats]]:
    return _run_batch(_worker_stages, batch)


def _run_batch(stages: Sequence[RecordStage], batch: list[Record]) -> tuple[list[Record], list[StageStats]]:
    from corpus_tools.pipeline import apply_record_stage

    stats = [StageStats(stage.name) for stage in stages]
    stream: Iterable[Record] = batch
    for stage, stage_stats in zip(stages, stats, strict=True):
        stream = apply_record_stage(stage, stream, stage_stats)
    return list(stream), stats


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def apply_record_stages_parallel(
    stages: Sequence[RecordStage],
    records: Iterable[Record],
    stats: Sequence[StageStats],
    workers: int,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Record]:
    """Yield what the stages would yield in one process, in the same order.

    Pool.imap would drain the whole input into its task queue; here at most two batches per worker
    are in flight, so memory stays flat however large the corpus.
    """
    batches = _batches(records, batch_size)
    head = list(islice(batches, 2))
    if len(head) < 2:  # a small input is done before a pool would have started
        for batch in head:
            yield from _collect(_run_batch(stages, batch), stats)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with context.Pool(workers, initializer=_init_worker, initargs=(list(stages),)) as pool:
        pending: deque[AsyncResult[tuple[list[Record], list[StageStats]]]] = deque()
        for batch in chain(head, batches):
            pending.append(pool.apply_async(_process_batch, (batch,)))
            if len(pending) >= 2 * workers:
                yield from _collect(pending.popleft().get(), stats)
        while pending:
            yield from _collect(pending.popleft().get(), stats)


def _collect(result: tuple[list[Record], list[StageStats]], stats: Sequence[StageStats]) -> list[Record]:
    records, batch_stats = result
    for total, part in zip(stats, batch_stats, strict=True):
        total.merge(part)
    return records
