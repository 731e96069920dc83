"""Runs a whole chain: read, stages, write (or stdout), rejects and manifest, atomically."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass, replace
from datetime import datetime, timezone
from itertools import chain
from typing import Any, BinaryIO

from corpus_tools.errors import OutputError
from corpus_tools.executors import make_executor
from corpus_tools.io.modes import follow_umask
from corpus_tools.io.output import ShardSink, open_shard_writer
from corpus_tools.io.readers import ReadConfig, Reader, input_files, input_size
from corpus_tools.io.rejects import OnError, RejectPolicy
from corpus_tools.io.split import SplitConfig, SplitWriter
from corpus_tools.io.writer import OutputFile, StagingDir, WriteConfig, sha256_of
from corpus_tools.manifest import build_manifest, write_manifest
from corpus_tools.pipeline import Stage, apply_stages
from corpus_tools.record import Record, dump_record
from corpus_tools.stats import StageStats


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
    """The run stopped early; nothing was written to the output directory."""

    def __init__(self, records_written: int) -> None:
        super().__init__(f"interrupted after {records_written} records")
        self.records_written = records_written


def run(spec: RunSpec, stdout: BinaryIO | Callable[[Record], object], warn: Callable[[str], None],
        watch: Watcher | None = None) -> RunResult:
    """Execute the chain. Output goes to a staging directory renamed into place only on success; with no
    `write`, to `stdout` as JSONL, or to a function that takes each record."""
    started = _now()
    staging = StagingDir(spec.write.directory, spec.write.force) if spec.write else None
    rejects_path = spec.rejects_path
    if rejects_path is None and staging is not None and spec.on_error == "skip":
        rejects_path = os.path.join(staging.path, "rejects.jsonl")
    policy = RejectPolicy(spec.on_error, rejects_path)
    reader = Reader(policy, warn)
    inputs = spec.inputs or [("-", ReadConfig())]
    read_options = {"inputs": [{"path": path, **asdict(cfg)} for path, cfg in inputs]}
    read_stats = StageStats("read", read_options)
    write_stats = StageStats("write", asdict(spec.write) if spec.write else {"destination": "stdout"})
    written = 0
    executor = make_executor(spec.engine, spec.workers, spec.scheduler)
    try:
        source = reader.read_records(spec.records, inputs[0][1]) if spec.records is not None else \
            chain.from_iterable(reader.read(path, cfg) for path, cfg in inputs)
        records = _counted(source, read_stats)
        stream, stage_stats = apply_stages(spec.stages, records, executor)
        audit_files = _audit_into_staging(spec.stages, spec.write.directory, staging.path) \
            if staging and spec.write else []
        outputs: list[OutputFile] = []
        audit: list[OutputFile] = []
        writer = _open_writer(staging.path, spec.write, warn) if staging and spec.write else None
        sink: Callable[[Record], object] = writer.write if writer else stdout if callable(stdout) else \
            (lambda r: stdout.write(dump_record(r)))
        all_stats = [read_stats, *stage_stats, write_stats]
        if watch is not None:
            watch(LiveRun(reader, all_stats, input_bytes([path for path, _ in inputs])))
        clock = time.perf_counter
        for record in stream:
            started_record = clock()
            sink(record)
            write_stats.seconds += clock() - started_record
            write_stats.records_in += 1
            written += 1
        if writer:
            started_close = clock()
            outputs = writer.close()  # Parquet shards, and retyped JSONL shards, are written here
            write_stats.seconds += clock() - started_close
            for path in audit_files:  # dedup writes clusters.jsonl through tempfile, which makes it 0600
                if os.path.exists(path):
                    follow_umask(path)
            audit = [_described(path, staging.path) for path in audit_files if staging]
            write_stats.counts.update(writer.counts)
        elif not callable(stdout):
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
            raise OutputError(f"internal error: records do not balance: {manifest['balance']}")
        if staging:
            write_manifest(manifest, os.path.join(staging.path, "manifest.json"))
        if spec.manifest_path:
            write_manifest(manifest, spec.manifest_path)
        if staging:
            staging.commit()
    except BaseException as err:
        if staging:
            staging.abort()
        if isinstance(err, KeyboardInterrupt):
            raise Interrupted(written) from None
        raise
    finally:
        executor.close()
        policy.close()
    return RunResult(manifest, all_stats, policy)


def _open_writer(directory: str, cfg: WriteConfig | SplitConfig,
                 warn: Callable[[str], None]) -> ShardSink | SplitWriter:
    if isinstance(cfg, SplitConfig):
        return SplitWriter(directory, cfg, warn)
    return open_shard_writer(directory, cfg, warn)


AUDIT_FIELDS = ("removed", "clusters", "report")
"""Stage options that name a side file; one inside the output directory is written with the corpus."""


def _audit_into_staging(stages: Sequence[Stage], directory: str, staging: str) -> list[str]:
    """Point audit files that belong in the output directory at the staging directory, so they appear
    (or not) together with the corpus. The manifest keeps the paths the user gave."""
    final = os.path.abspath(directory)
    moved = []
    for stage in stages:
        config = stage.config
        if not is_dataclass(config) or isinstance(config, type):
            continue
        changes = {}
        for name in AUDIT_FIELDS:
            value = getattr(config, name, None)
            if isinstance(value, str) and os.path.commonpath([final, os.path.abspath(value)]) == final:
                relative = os.path.relpath(os.path.abspath(value), final)
                changes[name] = os.path.join(staging, relative)
                os.makedirs(os.path.dirname(changes[name]), exist_ok=True)
                moved.append(changes[name])
        if changes:
            stage.config = replace(config, **changes)
    return moved


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
