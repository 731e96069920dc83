"""Outputs named by a device or a FIFO are written in place, never renamed over (as root, /dev/null itself)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from corpus_tools.io.modes import is_device, replaced_whole
from tests.conftest import invoke, parse_jsonl, to_jsonl


def _drained(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader on the other end of the FIFO, as a user's `cat` would be."""
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as end:
            received.append(end.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, received


def test_devices_and_fifos_are_told_from_files_and_directories(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "plain.jsonl").write_text("")
    assert is_device(str(fifo)) and is_device(os.devnull)
    assert not is_device(str(tmp_path / "plain.jsonl")) and not is_device(str(tmp_path))
    assert not is_device(str(tmp_path / "missing.jsonl"))


def test_a_file_written_whole_into_a_fifo_leaves_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, received = _drained(fifo)
    with replaced_whole(str(fifo), ".model-") as out:
        out.write(b"learned lines\n")
    reader.join(timeout=10)
    assert received == [b"learned lines\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("audit_option", ["--removed", "--clusters"])
def test_an_audit_file_on_a_fifo_is_written_into_it(tmp_path: Path, audit_option: str) -> None:
    fifo = tmp_path / "audit"
    os.mkfifo(fifo)
    reader, received = _drained(fifo)
    records = [{"id": "a", "text": "By Jane Roe\n\nThe ferry left at noon.\n\nShare this story"},
               {"id": "b", "text": "By Jane Roe\n\nThe ferry left at noon.\n\nShare this story"}]
    result = invoke(["-q", "strip", "--no-learn", *(["--removed", str(fifo)] if audit_option == "--removed" else []),
                     "dedup", *(["--clusters", str(fifo)] if audit_option == "--clusters" else [])],
                    input=to_jsonl(records))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and parse_jsonl(received[0].decode())


def test_generate_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "truth"
    os.mkfifo(fifo)
    reader, received = _drained(fifo)
    result = invoke(["generate", "dedup", str(fifo), "--count", "5", "--seed", "1"])
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert len(parse_jsonl(received[0].decode())) == 5 and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_generate_into_a_missing_directory_names_the_file_not_a_temporary(tmp_path: Path) -> None:
    target = tmp_path / "nodir" / "x.jsonl"
    result = invoke(["generate", "dedup", str(target), "--count", "5"])
    assert result.exit_code == 1 and result.stderr == f"Error: {target}: No such file or directory\n"
