"""Progress and summaries on stderr, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from corpus_tools.runner import LiveRun, Watcher
from corpus_tools.stats import StageStats

REFRESH_SECONDS = 0.25


def stderr_console() -> Console:
    return Console(file=sys.stderr, highlight=False)


def interactive(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@contextmanager
def run_progress(enabled: bool) -> Iterator[Watcher | None]:
    """A bar for the input (bytes, with ETA) and a line per stage (records in, out, rate).

    A thread polls the run's counters, so stages that hold records back (dedup) still show life.
    stdout is never redirected: it carries the data.
    """
    if not enabled:
        yield None
        return
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(bar_width=24), DownloadColumn(),
        TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=stderr_console(), redirect_stdout=False, redirect_stderr=False, transient=True,
    )
    stop = threading.Event()

    def watch(live: LiveRun) -> None:
        read_task = progress.add_task("read", total=live.total_bytes, detail="")
        stage_tasks = [progress.add_task(s.name, total=None, detail="") for s in live.stages[1:]]
        thread = threading.Thread(target=poll, args=(live, read_task, stage_tasks), daemon=True)
        thread.start()

    def poll(live: LiveRun, read_task: TaskID, stage_tasks: list[TaskID]) -> None:
        while not stop.wait(REFRESH_SECONDS):
            progress.update(read_task, completed=live.reader.bytes_read,
                            detail=f"{live.reader.records:,} records")
            for task, stats in zip(stage_tasks, live.stages[1:], strict=True):
                dropped = sum(stats.dropped.values())
                progress.update(task, detail=f"{stats.records_in:,} in, {stats.records_out:,} out"
                                + (f", {dropped:,} dropped" if dropped else ""))

    with progress:
        try:
            yield watch
        finally:
            stop.set()


def print_summary(stages: Sequence[StageStats], rejected: int) -> None:
    table = Table(title="corpus run", title_justify="left")
    for column in ("stage", "in", "out", "modified", "dropped", "seconds"):
        table.add_column(column, justify="left" if column in ("stage", "dropped") else "right")
    for stage in stages:
        dropped = ", ".join(f"{reason} {n:,}" for reason, n in sorted(stage.dropped.items())) or "-"
        table.add_row(stage.name, f"{stage.records_in:,}", f"{stage.records_out:,}", f"{stage.modified:,}",
                      dropped, f"{stage.seconds:.2f}")
    console = stderr_console()
    console.print(table)
    if rejected:
        console.print(f"rejected input lines: {rejected:,}")
