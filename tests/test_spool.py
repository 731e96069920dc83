from __future__ import annotations

from pathlib import Path

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
