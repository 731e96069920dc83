"""Progress and summaries on stderr, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from corpus_tools.runner import ProgressHook
from corpus_tools.stats import StageStats


def stderr_console() -> Console:
    return Console(file=sys.stderr, highlight=False)


def interactive(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@contextmanager
def run_progress(enabled: bool) -> Iterator[ProgressHook | None]:
    """A live line with records, records/s and bytes read; stdout is never redirected (it carries data)."""
    if not enabled:
        yield None
        return
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.fields[records]:,} records"),
        TextColumn("{task.fields[rate]:,.0f}/s"), TextColumn("{task.fields[mb]:,.1f} MB read"), TimeElapsedColumn(),
        console=stderr_console(), redirect_stdout=False, redirect_stderr=False, transient=True,
    )
    task = progress.add_task("running", records=0, rate=0.0, mb=0.0)
    started = time.perf_counter()

    def hook(records: int, bytes_read: int) -> None:
        elapsed = max(time.perf_counter() - started, 1e-9)
        progress.update(task, records=records, rate=records / elapsed, mb=bytes_read / 1e6)

    with progress:
        yield hook


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
