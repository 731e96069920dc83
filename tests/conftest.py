"""Shared test helpers: a record factory, a CLI runner that parses JSONL, and the shared data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from corpus_tools.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_record(text: str = "A sentence of news.", id: str = "r1", **fields: Any) -> dict[str, Any]:
    return {"id": id, "text": text, **fields}


def to_jsonl(records: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def parse_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def invoke(args: Sequence[str], input: str | bytes | None = None) -> Result:
    """Run `corpus ARGS` in-process with stdout and stderr kept apart."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test where a clone has no shared data."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {'/'.join(parts)}")
    return path


def start_writing_run(args: Sequence[str], records: Sequence[dict[str, Any]], out: Path,
                      timeout: float = 60) -> subprocess.Popen[bytes]:
    """`corpus ARGS write OUT` in a process group of its own, as a terminal or a scheduler starts one, with the
    records on its stdin (left open), once the run has begun writing OUT."""
    process = subprocess.Popen([sys.executable, "-m", "corpus_tools", *args, "write", str(out)],
                               stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert process.stdin is not None
    process.stdin.write(to_jsonl(records).encode())
    process.stdin.flush()
    deadline = time.monotonic() + timeout
    while not any(name.startswith(f".{out.name}.partial-") for name in os.listdir(out.parent)):
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.05)
    return process
