"""Builds manifest.json: what ran, on what, with which options, and where every input record went."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

import corpus_tools
from corpus_tools.io.modes import replaced_whole
from corpus_tools.io.readers import InputStats
from corpus_tools.io.rejects import RejectPolicy
from corpus_tools.io.writer import OutputFile
from corpus_tools.record import json_bytes
from corpus_tools.stats import StageStats


def build_manifest(
    *,
    command: Sequence[str],
    started: str,
    finished: str,
    read_options: dict[str, Any],
    inputs: Sequence[InputStats],
    skipped: Sequence[dict[str, str]],
    stages: Sequence[StageStats],
    outputs: Sequence[OutputFile],
    audit: Sequence[OutputFile],
    written: int,
    rejects: RejectPolicy,
    write_options: dict[str, Any] | None,
    engine: dict[str, Any],
) -> dict[str, Any]:
    records_read = sum(i.records for i in inputs)
    dropped: Counter[str] = Counter()
    for stage in stages:
        dropped.update(stage.dropped)
    accounted = written + sum(dropped.values()) + rejects.count
    # What the inputs held, as their parsers counted it: never what was yielded, which a loss would match.
    input_records = sum(i.seen for i in inputs)
    return {
        "tool": {"name": "corpus-tools", "version": corpus_tools.__version__},
        "command": list(command),
        "started": started,
        "finished": finished,
        "engine": engine,
        "read": {**read_options, "files": [i.to_json() for i in inputs], "skipped": list(skipped)},
        "stages": [s.to_json() for s in stages],
        "write": {"options": write_options, "outputs": [o.to_json() for o in outputs],
                  "audit": [a.to_json() for a in audit]},
        "rejected": {
            "count": rejects.count,
            "by_reason": dict(sorted(rejects.by_reason.items())),
            "file": os.path.basename(rejects.rejects_path) if rejects.rejects_path else None,
        },
        "balance": {
            "input_records": input_records,
            "written": written,
            "dropped": dict(sorted(dropped.items())),
            "rejected": rejects.count,
            "balanced": accounted == input_records and records_read + rejects.count == input_records,
        },
    }


def write_manifest(manifest: dict[str, Any], path: str) -> None:
    """Write atomically: a reader never sees half a manifest."""
    data = json_bytes(manifest, indent=True)  # an option may be an integer beyond 64 bits
    with replaced_whole(path, ".manifest-") as out:
        out.write(data + b"\n")
