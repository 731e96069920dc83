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


def test_a_record_is_read_back_by_its_place_and_writing_goes_on_after_it() -> None:
    with RecordSpool("test-") as spool:
        for i in range(4):
            spool.write({"id": f"r{i}", "text": "\u00e9" * i})
        assert spool.read(2) == {"id": "r2", "text": "\u00e9\u00e9"}
        spool.write({"id": "r4", "text": "last"})
        assert spool.read(0)["id"] == "r0" and spool.read(4)["id"] == "r4"
        assert [r["id"] for r in spool] == ["r0", "r1", "r2", "r3", "r4"]


def test_a_small_input_stays_in_memory_and_never_touches_the_disk(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": "word " * 10} for i in range(3)]
    with RecordSpool(".spool-", str(tmp_path), memory=10_000) as spool:
        for record in records:
            spool.write(record)
        assert list(tmp_path.iterdir()) == []
        assert list(spool) == records and list(spool) == records
        assert spool.read(1) is records[1]
        assert spool.held_bytes >= sum(len(r["text"]) for r in records)


def test_past_its_memory_a_spool_moves_every_record_to_its_file_in_order() -> None:
    records = [{"id": f"r{i}", "text": "\u00e9" * 300 * i} for i in range(6)]
    with RecordSpool("test-", memory=2_000) as spool:
        for record in records[:3]:
            spool.write(record)
        assert spool.read(2) is records[2]
        for record in records[3:]:
            spool.write(record)
        assert spool.records == 6
        assert spool.read(2) == records[2] and spool.read(2) is not records[2]
        assert list(spool) == records
        assert spool.held_bytes == 8 * 6
