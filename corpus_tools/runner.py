"""Runs a whole chain: read, stages, write (or stdout), rejects and manifest, atomically."""

from __future__ import annotations

import _weakrefset
import functools
import multiprocessing
import os
import queue
import re
import shutil
import signal
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from itertools import chain
from types import FrameType
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from corpus_tools.errors import OptionError, OutputError
from corpus_tools.executors import Executor, make_executor
from corpus_tools.io.commit import MANIFEST, RunLock, finish_file, recover_file, sibling
from corpus_tools.io.modes import is_device, named_error, named_errors
from corpus_tools.io.output import ShardSink, open_shard_writer, run_directories
from corpus_tools.io.readers import ReadConfig, Reader
from corpus_tools.io.rejects import REJECTS_FILE, OnError, RejectPolicy
from corpus_tools.io.sources import input_files, input_size, is_url
from corpus_tools.io.split import SPLITS, SplitConfig, SplitWriter
from corpus_tools.io.writer import SHARD_NAME, OutputFile, StagingDir, WriteConfig, sha256_of
from corpus_tools.manifest import build_manifest, write_manifest
from corpus_tools.pipeline import Stage, apply_stages
from corpus_tools.record import Record, dump_record
from corpus_tools.stats import StageStats

if TYPE_CHECKING:
    from corpus_tools.dedup.index import Staged


@dataclass
class LiveRun:
    """What a progress display may poll while the run goes on: counters only, updated in place."""

    reader: Reader
    stages: list[StageStats]
    total_bytes: int | None


Watcher = Callable[[LiveRun], None]
"""Called once, before the first record is read, with the live counters of the run."""


@dataclass
class RunSpec:
    """Everything one run needs, as the CLI parsed it."""

    inputs: list[tuple[str, ReadConfig]] = field(default_factory=list)
    stages: Sequence[Stage] = ()
    write: WriteConfig | SplitConfig | None = None
    on_error: OnError = "fail"
    rejects_path: str | None = None
    manifest_path: str | None = None
    drops_path: str | None = None
    """Where to list each dropped record (id, stage, reason), as the manifest counts them."""
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    command: Sequence[str] = ()
    records: Iterable[Mapping[str, Any]] | None = None
    """Records handed over in memory (the Python API) instead of `inputs`."""


@dataclass
class RunResult:
    manifest: dict[str, Any]
    stages: list[StageStats]
    rejects: RejectPolicy


class Interrupted(Exception):
    """The run stopped early (Ctrl-C or SIGTERM). Nothing was committed, unless the signal came during
    the commit, which then finished first (`committed`)."""

    def __init__(self, records_written: int, to_stdout: bool, exit_code: int = 130, committed: bool = False) -> None:
        super().__init__(f"interrupted after {records_written} records")
        self.records_written = records_written
        self.to_stdout = to_stdout
        self.exit_code = exit_code
        self.committed = committed


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is so that it cleans up exactly as after Ctrl-C."""


_LIBRARY_FILES = frozenset(os.path.realpath(path) for path in (threading.__file__, weakref.__file__,
                                                                 _weakrefset.__file__, queue.__file__))
_LIBRARY_DIRECTORY = os.path.realpath(os.path.dirname(multiprocessing.__file__))


PENDING_GRACE = 2.0
"""Seconds a signal deferred to the next checkpoint waits for one before it is raised wherever the run is."""
LIBRARY_FRAMES = 3
"""How many of the innermost frames `_inside_library` looks at: a lock's or a finalizer's code and what it calls."""


def _inside_library(frame: FrameType | None) -> bool:
    """Whether the signal came while Python's own threading, queue, weak-reference or multiprocessing code ran:
    an exception raised there may leave a lock it took held (a pool's shutdown then waits for it forever), or be
    swallowed when that code is a finalizer, and the run would go on to commit."""
    for _ in range(LIBRARY_FRAMES):
        if frame is None:
            return False
        path = os.path.realpath(frame.f_code.co_filename)
        if path in _LIBRARY_FILES or os.path.dirname(path) == _LIBRARY_DIRECTORY:
            return True
        frame = frame.f_back
    return False


class _Interrupts:
    """Ctrl-C and SIGTERM during a run: raised where the run is, so that it cleans up; where that is inside
    Python's threading or multiprocessing code, at the run's next checkpoint instead (a record written, a batch
    back from a worker, the commit about to start), or at once on a second signal. While the commit runs they
    wait until it has ended, since a commit cut short is left for the next run to finish."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.holding = False
        self.deferred: int | None = None
        self.pending: int | None = None

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.holding:
            self.deferred = self.deferred or signum
            return
        if self.pending is None and _inside_library(frame):
            self.pending = signum
            signal.setitimer(signal.ITIMER_REAL, PENDING_GRACE)  # `overdue`, should no checkpoint come
            return
        self._stop(signum)

    def checkpoint(self) -> None:
        """Raise a signal that came where raising was unsafe."""
        if self.pending is not None and not self.holding:
            self._stop(self.pending)

    def overdue(self, _signum: int, _frame: FrameType | None) -> None:
        """A signal deferred PENDING_GRACE ago is raised wherever the run is: waiting for a result that will
        not come (a Dask worker the same Ctrl-C killed), it would never reach a checkpoint."""
        self.checkpoint()

    def _stop(self, signum: int) -> None:
        self.holding = True  # a second signal must not cut the clean-up short
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt

    @staticmethod
    def exit_code(signum: int) -> int:
        return 128 + signum

    @contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {signum: signal.signal(signum, self.handle) for signum in self.SIGNALS}
        previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, self.overdue)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def run(spec: RunSpec, stdout: BinaryIO | Callable[[Record], object], warn: Callable[[str], None],
        watch: Watcher | None = None) -> RunResult:
    """Execute the chain. Output, side files and index segments are staged, and made live together only
    when the whole run has succeeded; with no `write`, records go to `stdout` as JSONL, or to a function
    that takes each record."""
    interrupts = _Interrupts()
    with interrupts.installed():
        return _run(spec, stdout, warn, watch, interrupts)


def _run(spec: RunSpec, stdout: BinaryIO | Callable[[Record], object], warn: Callable[[str], None],
         watch: Watcher | None, interrupts: _Interrupts) -> RunResult:
    started = _now()
    inputs = spec.inputs or [("-", ReadConfig())]
    _refuse_overwriting_inputs(spec, [path for path, _ in inputs])
    _refuse_colliding_outputs(spec)
    staging: StagingDir | None = None
    side = SideFiles(warn)
    written = 0
    executor: Executor | None = None
    policy = RejectPolicy(spec.on_error, None)
    try:
        staging = StagingDir(spec.write.directory, spec.write.force, warn) if spec.write else None
        final = spec.write.directory if spec.write else None
        rejects_path = side.stage(spec.rejects_path, final, staging) if spec.rejects_path else None
        if rejects_path is None and staging is not None and spec.on_error == "skip":
            rejects_path = os.path.join(staging.path, REJECTS_FILE)
        policy = RejectPolicy(spec.on_error, rejects_path)
        manifest_tmp = side.stage(spec.manifest_path, None, None) if spec.manifest_path else None
        drops_tmp = side.stage(spec.drops_path, final, staging) if spec.drops_path else None
        reader = Reader(policy, warn)
        read_options = {"inputs": [{"path": path, **asdict(cfg)} for path, cfg in inputs]}
        read_stats = StageStats("read", read_options)
        write_stats = StageStats("write", asdict(spec.write) if spec.write else {"destination": "stdout"})
        executor = make_executor(spec.engine, spec.workers, spec.scheduler, interrupts.checkpoint)
        source = reader.read_records(spec.records, inputs[0][1]) if spec.records is not None else \
            chain.from_iterable(reader.read(path, cfg) for path, cfg in inputs)
        records = _counted(source, read_stats)
        stream, stage_stats = apply_stages(spec.stages, records, executor, list_drops=drops_tmp is not None)
        # After apply_stages has taken the options for the manifest, before the stages start.
        audit_files = _stage_audit_files(spec.stages, side, final, staging)
        if drops_tmp is not None and staging is not None and _inside(drops_tmp, staging.path):
            audit_files.append(drops_tmp)
        outputs: list[OutputFile] = []
        audit: list[OutputFile] = []
        writer = _open_writer(staging.path, spec.write, warn) if staging and spec.write else None
        sink: Callable[[Record], object] = writer.write if writer else stdout if callable(stdout) else \
            functools.partial(_to_stdout, stdout)
        all_stats = [read_stats, *stage_stats, write_stats]
        if watch is not None:
            watch(LiveRun(reader, all_stats, input_bytes([path for path, _ in inputs])))
        clock = time.perf_counter
        for record in stream:
            interrupts.checkpoint()
            started_record = clock()
            sink(record)
            written += 1  # first after the record went out: a Ctrl-C reports what was written
            write_stats.seconds += clock() - started_record
            write_stats.records_in += 1
        if drops_tmp is not None:
            _write_drops(drops_tmp, stage_stats)
        if writer:
            started_close = clock()
            outputs = writer.close()  # Parquet shards, and retyped JSONL shards, are written here
            write_stats.seconds += clock() - started_close
            audit = [_described(path, staging.path) for path in audit_files if staging]
            write_stats.counts.update(writer.counts)
        elif not callable(stdout):
            with named_errors("stdout"):
                stdout.flush()
        write_stats.records_out = written
        policy.close()
        manifest = build_manifest(
            command=spec.command, started=started, finished=_now(), read_options=read_options,
            inputs=reader.inputs, skipped=reader.skipped, stages=all_stats, outputs=outputs, audit=audit,
            written=written,
            rejects=policy, write_options=asdict(spec.write) if spec.write else None,
            engine={"name": spec.engine, "workers": executor.workers, "scheduler": spec.scheduler},
        )
        if not manifest["balance"]["balanced"]:
            raise OutputError(f"records do not balance, so some were lost: {manifest['balance']}")
        if staging:
            write_manifest(manifest, os.path.join(staging.path, "manifest.json"))
        if manifest_tmp:
            write_manifest(manifest, manifest_tmp)
        indexing = [stage for stage in spec.stages if _pending(stage) is not None]
        interrupts.checkpoint()
        interrupts.holding = True
        if staging:
            staging.commit([staged.part() for stage in indexing if (staged := _pending(stage))], side.parts())
            staging = None
        for stage in indexing:
            staged = _pending(stage)
            if staged is not None:
                staged.commit()
            setattr(stage, "pending", None)  # noqa: B010 - only stages that index have it
        side.commit()
        if interrupts.deferred is not None:
            raise Interrupted(written, spec.write is None, interrupts.exit_code(interrupts.deferred), committed=True)
    except BaseException as err:
        if staging:
            staging.abort()
        side.discard()
        for stage in spec.stages:
            staged = _pending(stage)
            if staged is not None:
                staged.discard()
                setattr(stage, "pending", None)  # noqa: B010 - only stages that index have it
        if isinstance(err, KeyboardInterrupt):
            code = interrupts.exit_code(signal.SIGTERM if isinstance(err, Terminated) else signal.SIGINT)
            raise Interrupted(written, spec.write is None, code) from None
        raise
    finally:
        if executor is not None:
            executor.close()
        policy.close()
    return RunResult(manifest, all_stats, policy)


def _write_drops(path: str, stats: Sequence[StageStats]) -> None:
    """One JSON line per dropped record, stage after stage, each in the order the stage dropped them."""
    with named_errors(path), open(path, "wb") as handle:
        for stage in stats:
            for record_id, reason in stage.dropped_ids or ():
                handle.write(dump_record({"id": record_id, "stage": stage.name, "reason": reason}))


def _to_stdout(stdout: BinaryIO, record: Record) -> None:
    try:  # not `named_errors`: its context manager cost half as much again as the write, once per record
        stdout.write(dump_record(record))
    except OSError as err:
        raise named_error(err, "stdout") from None


def _pending(stage: Stage) -> Staged | None:
    """Index segments a stage (dedup --index) staged, to be made live with the output."""
    return cast("Staged | None", getattr(stage, "pending", None))


class SideFiles:
    """Files a run writes beside its output (rejects, audit files, the manifest copy). Each is written
    under a staging name and renamed into place in the output's commit (its journal names them), so a failed
    run leaves an existing file as it was and one killed mid-commit is finished by the next; one inside the
    output directory is written inside its staging instead. Each is locked like an output directory, and what
    a dead run left beside it is finished or removed."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.staged: list[tuple[str, str, RunLock]] = []
        self.warn = warn

    def parts(self) -> list[dict[str, str]]:
        """What the output's commit journal records of each side file."""
        return [{"final": os.path.abspath(path), "staged": staged} for staged, path, _ in self.staged]

    def stage(self, path: str, final: str | None, staging: StagingDir | None) -> str:
        if is_device(path):
            return path
        if os.path.islink(path):
            path = os.path.realpath(path)  # replace what the link names, not the link
        if final is not None and staging is not None and _inside(path, final):
            staged = os.path.join(staging.path, os.path.relpath(os.path.abspath(path), os.path.abspath(final)))
            os.makedirs(os.path.dirname(staged), exist_ok=True)
            return staged
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            raise OutputError(f"{path}: no such directory {directory}; create it first")
        lock = RunLock(path)
        try:
            found = recover_file(path)
            if found:
                self.warn(f"{path}: cleaned up after an interrupted run: {', '.join(found)}")
            holder = tempfile.mkdtemp(prefix=f".{os.path.basename(path)}.partial-", dir=directory)
        except OSError as err:
            lock.release()
            raise OutputError(f"{path}: cannot write here ({err.strerror})") from None
        staged = os.path.join(holder, os.path.basename(path))
        self.staged.append((staged, path, lock))
        return staged

    def commit(self) -> None:
        """Put each file in place (after a commit with the output, whose journal moved them, only let go)."""
        for part, (_, _, lock) in zip(self.parts(), self.staged, strict=True):
            finish_file(part)
            lock.release()
        self.staged = []

    def discard(self) -> None:
        """Give up each staged file, unless a commit journal names it: the next run finishes that commit."""
        for staged, path, lock in self.staged:
            if not os.path.exists(sibling(path, ".pending.json")):
                shutil.rmtree(os.path.dirname(staged), ignore_errors=True)
            lock.release()
        self.staged = []


def _inside(path: str, directory: str) -> bool:
    path, directory = os.path.realpath(path), os.path.realpath(directory)
    return os.path.commonpath([path, directory]) == directory


def _run_files(spec: RunSpec) -> list[tuple[str, str]]:
    """The files the run-wide options name: (option, path)."""
    return [(name, path) for name, path in (("rejects", spec.rejects_path), ("manifest", spec.manifest_path),
                                            ("drops", spec.drops_path)) if path]


def _refuse_overwriting_inputs(spec: RunSpec, inputs: list[str]) -> None:
    """A run must not replace, truncate or delete what it reads."""
    local = [path for path in inputs if path != "-" and not is_url(path) and os.path.exists(path)]
    targets = [(spec.write.directory, "the output directory")] if spec.write else []
    targets += [(path, f"--{name}") for name, path in _run_files(spec)]
    targets += [(path, f"--{name}") for name, path in _audit_paths(spec.stages)]
    for target, what in targets:
        for path in local:
            if _inside(path, target):
                raise OptionError(f"{target}: {what} is or holds the input {path}, which the run would "
                                  f"replace while reading it; write somewhere else")
            if (what != "the output directory" and os.path.isdir(path) and _inside(target, path)
                    and (os.path.lexists(target) or run_directories(path))):
                raise OptionError(f"{target}: {what} lies inside the input directory {path} and would replace a file "
                                  f"of it, or add one to a run's output that it reads; write it somewhere else")
    for index in filter(None, (index_of(stage.config) for stage in spec.stages)):
        if spec.write and (_inside(index, spec.write.directory) or _inside(spec.write.directory, index)):
            raise OptionError(f"{index}: the index and the output directory {spec.write.directory} lie one inside "
                              f"the other, and the run replaces its output whole; keep the index elsewhere")


_WRITER_FILE = re.compile(rf"(?:(?:{'|'.join(SPLITS)})/)?{SHARD_NAME.pattern}")


def _refuse_colliding_outputs(spec: RunSpec) -> None:
    """Each file a run writes must be its own: a side file that is another side file, or a file the output
    directory's writer makes (a shard, the manifest, the default rejects), would be replaced by the one
    committed last, and the run would report success over the loss."""
    named = [(f"--{name}", path) for name, path in _run_files(spec) if not is_device(path)]
    named += [(f"--{name}", path) for name, path in _audit_paths(spec.stages) if not is_device(path)]
    for option, path in named:
        if os.path.abspath(path).startswith(_STREAM_NAMES) and os.path.lexists(path):
            # /dev/stdout redirected to a file is that file: written through the name it was truncated under
            # the records going there, and staged beside it the name itself was replaced.
            raise OptionError(f"{path}: {option} names the file {os.path.realpath(path)} through a stream's "
                              f"name; give the file's own name (or a terminal, a pipe, /dev/null)")
    seen: dict[str, str] = {}
    for option, path in named:
        real = os.path.realpath(path)
        if real in seen:
            raise OptionError(f"{path}: {seen[real]} and {option} both name this file; give each its own")
        seen[real] = option
    if spec.write is None:
        return
    directory = spec.write.directory
    reserved = {MANIFEST} | ({REJECTS_FILE} if spec.on_error == "skip" and not spec.rejects_path else set())
    for option, path in named:
        if not _inside(path, directory):
            continue
        relative = os.path.relpath(os.path.realpath(path), os.path.realpath(directory))
        if relative == "." or relative in reserved or _WRITER_FILE.match(relative):
            what = "is the output directory" if relative == "." else "is a file the output directory's writer makes"
            raise OptionError(f"{path}: {option} {what} ({directory}); name another file")
        if isinstance(spec.write, SplitConfig) and relative.split(os.sep)[0] in SPLITS:
            raise OptionError(f"{path}: {option} lies in a split's own directory ({relative.split(os.sep)[0]}/), "
                              f"which holds its shards only; put it beside them in {directory}")


_STREAM_NAMES = ("/dev/", "/proc/")
"""Where a name stands for a process's stream or a device, not a file of its own."""


def _audit_paths(stages: Sequence[Stage]) -> list[tuple[str, str]]:
    return [found for stage in stages for found in side_files(stage.config)]


def index_of(config: object) -> str | None:
    """The dedup index directory a stage's config names (`dedup --index`), or None."""
    index = getattr(config, "index", None)
    return index if isinstance(index, str) else None


def side_files(config: object) -> list[tuple[str, str]]:
    """(option, path) of each file a stage's config names for it to write beside the output: the fields the
    config declares in `side_files`, where they are set."""
    return [(name, value) for name in getattr(config, "side_files", ())
            if isinstance(value := getattr(config, name), str)]


def _open_writer(directory: str, cfg: WriteConfig | SplitConfig,
                 warn: Callable[[str], None]) -> ShardSink | SplitWriter:
    if isinstance(cfg, SplitConfig):
        return SplitWriter(directory, cfg, warn)
    return open_shard_writer(directory, cfg, warn)


def _stage_audit_files(stages: Sequence[Stage], side: SideFiles, final: str | None,
                       staging: StagingDir | None) -> list[str]:
    """Point each stage's audit files at staging names, so they appear (or not) together with the corpus.
    The manifest keeps the paths the user gave. Returns the staged names inside the output directory."""
    inside = []
    for stage in stages:
        changes = {}
        for name, value in side_files(stage.config):
            changes[name] = side.stage(value, final, staging)
            if staging is not None and changes[name].startswith(staging.path + os.sep):
                inside.append(changes[name])
        if changes:
            stage.config = replace(stage.config, **changes)
    return inside


def _described(path: str, staging: str) -> OutputFile:
    if not os.path.exists(path):
        return OutputFile(os.path.relpath(path, staging))
    with open(path, "rb") as handle:
        records = sum(1 for _ in handle)
    return OutputFile(os.path.relpath(path, staging), records, os.path.getsize(path), sha256_of(path))


def input_bytes(paths: Sequence[str]) -> int | None:
    """Total size of the files the inputs name, for an ETA; None when one of them is stdin."""
    if "-" in paths:
        return None
    return sum(input_size(file_path) for path in paths for file_path, _ in input_files(path))


def _counted(records: Iterable[Record], stats: StageStats) -> Iterator[Record]:
    for record in records:
        stats.records_in += 1
        stats.records_out += 1
        yield record


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
