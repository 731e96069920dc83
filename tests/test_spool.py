from __future__ import annotations

import errno
from pathlib import Path

import pytest

from corpus_tools.spool import RecordSpool


def test_records_come_back_in_the_order_written_on_every_pass() -> None:
    records = [{"id": f"r{i}", "text": f"Story {i}.", "tags": ["a", i]} for i in range(5)]
    with RecordSpool("test-") as spool:
        for record in records:
            spool.write(record)
        assert list(spool) == records
        assert list(spool) == records
        assert spool.records == 5


def test_a_spool_in_a_directory_leaves_no_file_behind(tmp_path: Path) -> None:
    with RecordSpool(".spool-", str(tmp_path)) as spool:
        spool.write({"id": "a", "text": "x"})
        assert [r["id"] for r in spool] == ["a"]
    assert list(tmp_path.iterdir()) == []


def test_a_record_is_read_back_by_its_place_and_writing_goes_on_after_it() -> None:
    with RecordSpool("test-") as spool:
        for i in range(4):
            spool.write({"id": f"r{i}", "text": "\u00e9" * i})
        assert spool.read(2) == {"id": "r2", "text": "\u00e9\u00e9"}
        spool.write({"id": "r4", "text": "last"})
        assert spool.read(0)["id"] == "r0" and spool.read(4)["id"] == "r4"
        assert [r["id"] for r in spool] == ["r0", "r1", "r2", "r3", "r4"]


class FullDisk:
    """A spool's file on a disk that has filled up: what it writes out fails; closing it throws it away."""

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def seek(self, *_: int) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_names_the_directory_the_spool_fills_and_how_to_move_it(tmp_path: Path) -> None:
    """The run's output may be on another disk with room: "No space left on device" alone pointed there."""
    spool = RecordSpool("test-", str(tmp_path))
    spool._file._file = FullDisk()  # type: ignore[assignment]
    with pytest.raises(OSError) as raised:
        spool.write({"id": "a", "text": "x"})
    assert raised.value.filename == f"{tmp_path} (the temporary directory records are spilled to; TMPDIR moves it)"
    with pytest.raises(OSError, match="TMPDIR moves it"):
        list(spool)
    spool.close()  # a spool thrown away loses nothing, and must not hide the error that ended the run
