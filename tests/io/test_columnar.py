"""Parquet and Arrow IPC in, `datasets.save_to_disk` directories in, Parquet shards out."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

from corpus_tools.errors import OutputError
from corpus_tools.io.columnar import ParquetShardWriter
from corpus_tools.io.readers import ReadConfig
from corpus_tools.io.writer import WriteConfig
from tests.conftest import invoke
from tests.io.test_readers import read_all

ROWS = [
    {"id": "tide-1", "text": "The ferry ran late because of the spring tide.", "tags": ["ferry", "tide"]},
    {"id": "tide-2", "text": "Fishermen moved their boats before the storm.", "tags": []},
]


def write_parquet(path: Path, table: Any) -> Path:
    pq.write_table(table, path)
    return path


def test_parquet_rows_become_records(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "news.parquet", pa.Table.from_pylist(ROWS))
    records, reader, _ = read_all(path)
    assert records == ROWS
    (stats,) = reader.inputs
    assert stats.format == "parquet" and stats.records == 2 and stats.bytes == path.stat().st_size


def test_parquet_types_json_lacks_become_json_values(tmp_path: Path) -> None:
    table = pa.table({
        "content": ["Council met on Monday."],
        "published": pa.array([datetime.datetime(2024, 5, 13, 22, 15)], pa.timestamp("s")),
        "day": pa.array([datetime.date(2024, 5, 13)]),
        "raw": pa.array([b"plain bytes"]),
        "score": pa.array([None], pa.float64()),
    })
    records, _, _ = read_all(write_parquet(tmp_path / "t.parquet", table), ReadConfig(date_field="published"))
    assert records == [{"id": "t.parquet#1", "text": "Council met on Monday.", "date": "2024-05-13T22:15:00",
                        "day": "2024-05-13", "raw": "plain bytes"}]


def test_arrow_file_and_stream_layouts(tmp_path: Path) -> None:
    table = pa.Table.from_pylist(ROWS)
    with ipc.new_file(tmp_path / "a.arrow", table.schema) as writer:
        writer.write_table(table)
    with ipc.new_stream(tmp_path / "b.feather", table.schema) as stream_writer:
        stream_writer.write_table(table)
    for name in ("a.arrow", "b.feather"):
        records, _, _ = read_all(tmp_path / name, ReadConfig(dedupe_ids="suffix"))
        assert [r["text"] for r in records] == [r["text"] for r in ROWS]


def test_saved_dataset_directory(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    datasets.Dataset.from_list(ROWS).save_to_disk(str(tmp_path / "saved"))
    records, reader, warnings = read_all(tmp_path / "saved")
    assert records == ROWS
    assert [s.path for s in reader.inputs] == [str(tmp_path / "saved" / "data-00000-of-00001.arrow")]
    assert warnings == []


def test_saved_dataset_dict_reads_each_split(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    splits = datasets.DatasetDict({"train": datasets.Dataset.from_list(ROWS[:1]),
                                   "test": datasets.Dataset.from_list(ROWS[1:])})
    splits.save_to_disk(str(tmp_path / "dd"))
    records, reader, _ = read_all(tmp_path / "dd")
    assert [r["id"] for r in records] == ["tide-1", "tide-2"]
    assert [os.path.basename(os.path.dirname(s.path)) for s in reader.inputs] == ["train", "test"]


def test_row_without_text_names_file_and_row(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "bad.parquet", pa.Table.from_pylist([{"id": "a", "body": None, "x": 1}]))
    records, reader, _ = read_all(path, on_error="skip")
    assert records == [] and reader.policy.count == 1
    assert reader.policy.examples[0].startswith(f"{path}:1: missing field 'text'")


def test_truncated_parquet_is_a_bad_input(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "cut.parquet", pa.Table.from_pylist(ROWS))
    path.write_bytes(path.read_bytes()[:40])
    _, reader, _ = read_all(path, on_error="skip")
    assert reader.policy.count == 1 and "unreadable Parquet file" in reader.policy.examples[0]


def shards(tmp_path: Path, records: list[dict[str, Any]], **options: Any) -> tuple[list[Any], list[str]]:
    warnings: list[str] = []
    writer = ParquetShardWriter(str(tmp_path), WriteConfig(str(tmp_path), **options), warnings.append)
    for record in records:
        writer.write(record)
    return writer.close(), warnings


def test_every_shard_has_one_schema_even_when_a_field_appears_late(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": "Storm warning."} for i in range(5)] + [
        {"id": "r5", "text": "Storm warning.", "rainfall_mm": 12.5}]
    files, warnings = shards(tmp_path, records, shard_size=2)
    assert [f.records for f in files] == [2, 2, 2] and warnings == []
    schemas = {str(pq.read_schema(tmp_path / f.path)) for f in files}
    assert len(schemas) == 1 and "rainfall_mm: double" in schemas.pop()
    assert sorted(os.listdir(tmp_path)) == [f.path for f in files]  # the spool is gone


def test_mixed_field_is_written_as_one_type_with_a_warning(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "x", "tags": ["port"]}, {"id": "b", "text": "y", "tags": "weather"},
               {"id": "c", "text": "z", "edition": 3}, {"id": "d", "text": "w", "edition": "late"}]
    writer_files, warnings = shards(tmp_path, records)
    table = pq.read_table(tmp_path / writer_files[0].path)
    assert table.column("tags").to_pylist() == [["port"], ["weather"], None, None]
    assert table.column("edition").to_pylist() == [None, None, "3", "late"]
    assert warnings == [
        "field 'tags' is a list in 1 record(s) (first: 'a') and a string in 1 record(s) (first: 'b'): "
        "written as a list, each other value as a one-element list",
        "field 'edition' is an integer in 1 record(s) (first: 'c') and a string in 1 record(s) (first: 'd'): "
        "written as a string, each other value as its JSON text",
    ]


def test_conflict_inside_lists_is_an_error_naming_the_field(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "x", "scores": [1, 2]}, {"id": "b", "text": "y", "scores": ["high"]}]
    with pytest.raises(OutputError, match="field 'scores'"):
        shards(tmp_path, records)


def test_parquet_shards_are_reproducible(tmp_path: Path) -> None:
    digests = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        files, _ = shards(tmp_path / name, [dict(r) for r in ROWS], compress="zstd")
        digests.append([f.sha256 for f in files])
    assert digests[0] == digests[1]
    assert json.loads(json.dumps(pq.read_table(tmp_path / "a" / "part-00000.parquet").to_pylist())) == ROWS


def test_saved_dataset_inside_a_directory_walk(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    datasets.DatasetDict({"train": datasets.Dataset.from_list(ROWS)}).save_to_disk(str(tmp_path / "corpus" / "dd"))
    (tmp_path / "corpus" / "extra.jsonl").write_text('{"id": "x", "text": "One more story."}\n')
    records, reader, warnings = read_all(tmp_path / "corpus")
    assert sorted(r["id"] for r in records) == ["tide-1", "tide-2", "x"]
    assert sorted(os.path.basename(s["path"]) for s in reader.skipped) == [
        "dataset_dict.json", "dataset_info.json", "state.json"]
    assert warnings == []


def test_an_integer_beyond_64_bits_is_named_when_parquet_cannot_store_it(tmp_path: Path) -> None:
    result = invoke(["write", str(tmp_path / "out"), "--format", "parquet"],
                    input='{"id": "a", "text": "t", "n": 9223372036854775808}\n')
    assert result.exit_code == 1
    assert "field 'n' holds an integer beyond 64 bits, which Parquet cannot store" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("meta", ['{}', '[{}]', '{"a": {}}', '[[{}]]'])
def test_an_empty_object_parquet_cannot_store_is_named_not_a_traceback(tmp_path: Path, meta: str) -> None:
    result = invoke(["write", str(tmp_path / "out"), "--format", "parquet"],
                    input=f'{{"id": "a", "text": "t", "meta": {meta}}}\n')
    assert result.exit_code == 1, result.stderr
    assert "field 'meta' holds an empty object ({}) where no record gives one a field" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_damaged_row_group_says_how_many_rows_it_loses(tmp_path: Path) -> None:
    table = pa.table({"id": [f"r{i}" for i in range(3000)], "text": [f"story number {i} " * 5 for i in range(3000)]})
    path = tmp_path / "damaged.parquet"
    pq.write_table(table, path, row_group_size=1000, compression="none", use_dictionary=False)
    data = bytearray(path.read_bytes())
    start = pq.ParquetFile(path).metadata.row_group(1).column(1).data_page_offset
    data[start:start + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    records, reader, _ = read_all(path, on_error="skip")
    (example,) = reader.policy.examples
    assert "unreadable Parquet file (" in example and f"rows {len(records) + 1} to 3000 of 3000 are not read" in example
    assert "\n" not in example
