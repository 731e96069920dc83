"""What a run would do, said before it does anything: `--dry-run` prints this and touches nothing."""

from __future__ import annotations

import os
from dataclasses import asdict, is_dataclass
from typing import Any

from corpus_tools.errors import CorpusError
from corpus_tools.io.formats import detect_format, is_legacy_excel
from corpus_tools.io.readers import ReadConfig
from corpus_tools.io.rejects import REJECTS_FILE
from corpus_tools.io.sources import input_files
from corpus_tools.io.split import SPLITS, SplitConfig
from corpus_tools.io.writer import SHARD_SUFFIXES, WriteConfig
from corpus_tools.runner import RunSpec, index_of, side_files

WOULD_FAIL = "would fail: "
"""What marks a line of the plan that a real run would refuse."""


def refused(plan: list[str]) -> bool:
    """Whether a plan holds a line a real run would refuse: the dry run then ends as the run would, exit 1."""
    return any(WOULD_FAIL in line for line in plan)


def describe(spec: RunSpec) -> list[str]:
    """The plan of a run as lines of text: inputs with their formats, stages with their options, outputs."""
    lines = ["Inputs:"]
    for path, cfg in spec.inputs or [("-", ReadConfig())]:
        lines.extend(_inputs(path, cfg.format))
    lines.append("Stages:")
    lines.extend(f"  {stage.name}{_options(stage.config)}" for stage in spec.stages)
    if not spec.stages:
        lines.append("  (none)")
    lines.append("Outputs:")
    lines.extend(_outputs(spec))
    return lines


def _inputs(path: str, fmt: str) -> list[str]:
    if path == "-":
        return [f"  <stdin> ({'jsonl' if fmt == 'auto' else fmt})"]
    lines = [f"  {path}:"]
    try:
        files = list(input_files(path))
    except CorpusError as err:
        return [f"  {path}: {WOULD_FAIL}{err}"]
    for file_path, _ in files:
        detected = fmt if fmt != "auto" else detect_format(file_path)
        unread = "old binary .xls: skipped" if is_legacy_excel(file_path) else "unknown format: skipped"
        lines.append(f"    {file_path} ({detected or unread})")
    return lines


def _options(config: Any) -> str:
    if not is_dataclass(config) or isinstance(config, type):
        return ""
    return " " + " ".join(f"{name}={value!r}" for name, value in asdict(config).items())


def _outputs(spec: RunSpec) -> list[str]:
    lines = []
    write = spec.write
    if write is None:
        lines.append("  JSONL on stdout")
    else:
        lines.extend(_directory(write))
    for stage in spec.stages:
        for name, value in side_files(stage.config):
            lines.append(f"  {value} ({stage.name} --{name})")
        index = index_of(stage.config)
        if index is not None:
            lines.append(f"  {index} ({stage.name} --index: {_index_plan(index, stage.config)})")
    if spec.manifest_path:
        lines.append(f"  {spec.manifest_path} (--manifest)")
    if spec.drops_path:
        lines.append(f"  {spec.drops_path} (--drops: each dropped record's id, stage and reason)")
    if spec.on_error == "skip":
        rejects = spec.rejects_path or (os.path.join(write.directory, REJECTS_FILE) if write else None)
        lines.append(f"  {rejects} (bad input lines)" if rejects else "  bad input lines counted, not kept")
    return lines


def _directory(write: WriteConfig | SplitConfig) -> list[str]:
    directory = write.directory.rstrip("/") or write.directory  # `clean/` as typed, not `clean//part-...`
    exists = os.path.exists(directory)
    if exists and not write.force:
        return [f"  {directory}: {WOULD_FAIL}it exists and --force is not given"]
    if isinstance(write, SplitConfig) or write.format == "jsonl":
        shard = f"part-NNNNN.jsonl{SHARD_SUFFIXES[write.compress]}"
    else:
        shard = "part-NNNNN.parquet" + (f" ({write.compress} inside)" if write.compress != "none" else "")
    where = [f"{directory}/{split}/" for split in SPLITS] if isinstance(write, SplitConfig) else [f"{directory}/"]
    action = "replaced" if exists else "created"
    lines = [f"  {directory}/ ({action} when the run succeeds)"]
    lines.extend(f"    {place}{shard}, up to {write.shard_size:,} records each" for place in where)
    lines.append(f"    {directory}/manifest.json")
    return lines


def _index_plan(directory: str, config: Any) -> str:
    """What a run would do to a dedup index: start one, add a segment, or fail on opening it. Read only: a
    commit a dead run left half done is not finished here, as a real run would."""
    from corpus_tools.dedup.index import DedupIndex, read_header

    try:
        header = read_header(directory)
        if header is None:
            return "a new index, its first segment added when the run succeeds"
        index = DedupIndex(directory, header)
        index.settle(config)
    except CorpusError as err:
        return f"{WOULD_FAIL}{err}"
    return f"{index.records:,} records in {len(index.segments)} segment(s); one segment added when the run succeeds"
