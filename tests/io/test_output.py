"""Every output format loads as written with pyarrow, pandas, DuckDB and `datasets.load_dataset`."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

from corpus_tools.io.output import shard_lines
from tests.conftest import invoke, parse_jsonl, to_jsonl

# A feed with `tags` as lists and a scrape with `tags` as a string: the mix pyarrow cannot load as it is.
FEED = [{"id": f"feed-{i}", "text": f"The harbour report number {i}.", "tags": ["harbour", "port"],
         "wordcount": 120 + i} for i in range(4)]
SCRAPE = [{"id": "scrape-1", "text": "A market opened in the old town.", "tags": "markets", "wordcount": 98.5}]

FORMATS = [
    ("jsonl", "none", "part-00000.jsonl"),
    ("jsonl", "gzip", "part-00000.jsonl.gz"),
    ("jsonl", "zstd", "part-00000.jsonl.zst"),
    ("parquet", "none", "part-00000.parquet"),
    ("parquet", "zstd", "part-00000.parquet"),
]


@pytest.fixture
def written(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, str, str]:
    fmt, compress, first = request.param
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl(FEED + SCRAPE))
    out = tmp_path / "clean"
    result = invoke(["read", str(source), "write", str(out), "--format", fmt, "--compress", compress,
                     "--shard-size", "3"])
    assert result.exit_code == 0, result.stderr
    assert "field 'tags' is a list in 4 record(s) (first: 'feed-0') and a string in 1 record(s) " \
           "(first: 'scrape-1')" in result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stages"][-1]["counts"] == {"retyped.tags": 1, "retyped.wordcount": 4}
    assert [o["path"] for o in manifest["write"]["outputs"]][0] == first
    return out, fmt, first


def expected_tags() -> list[Any]:
    return [["harbour", "port"]] * 4 + [["markets"]]


def shard_glob(out: Path, first: str) -> str:
    return str(out / first.replace("00000", "*"))


@pytest.mark.parametrize("written", FORMATS, indirect=True, ids=[f"{f}-{c}" for f, c, _ in FORMATS])
def test_pyarrow_loads_every_shard(written: tuple[Path, str, str]) -> None:
    import pyarrow as pa
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    out, fmt, _ = written
    paths = sorted(str(out / name) for name in os.listdir(out) if name.startswith("part-"))
    if fmt == "parquet":
        table = pq.read_table(paths)
    else:
        table = pa.concat_tables([pj.read_json(pa.input_stream(p, compression="detect")) for p in paths])
    assert table.column("tags").to_pylist() == expected_tags()
    assert table.column("wordcount").type == pa.float64()


@pytest.mark.parametrize("written", FORMATS, indirect=True, ids=[f"{f}-{c}" for f, c, _ in FORMATS])
def test_pandas_loads_every_shard(written: tuple[Path, str, str]) -> None:
    pd = pytest.importorskip("pandas")
    out, fmt, _ = written
    paths = sorted(out / name for name in os.listdir(out) if name.startswith("part-"))
    frames = [pd.read_parquet(p) if fmt == "parquet" else pd.read_json(p, lines=True) for p in paths]
    frame = pd.concat(frames, ignore_index=True)
    assert [list(tags) for tags in frame["tags"]] == expected_tags()
    assert list(frame["id"]) == [r["id"] for r in FEED + SCRAPE]


@pytest.mark.parametrize("written", FORMATS, indirect=True, ids=[f"{f}-{c}" for f, c, _ in FORMATS])
def test_duckdb_loads_every_shard(written: tuple[Path, str, str]) -> None:
    duckdb = pytest.importorskip("duckdb")
    out, fmt, first = written
    reader = "read_parquet" if fmt == "parquet" else "read_json_auto"
    rows = duckdb.sql(f"SELECT id, tags FROM {reader}('{shard_glob(out, first)}') ORDER BY id").fetchall()
    assert [(i, list(t)) for i, t in rows] == sorted(
        zip([r["id"] for r in FEED + SCRAPE], expected_tags(), strict=True))


@pytest.mark.parametrize("written", FORMATS, indirect=True, ids=[f"{f}-{c}" for f, c, _ in FORMATS])
def test_datasets_loads_every_shard(written: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch,
                                    tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    out, fmt, first = written
    loaded = datasets.load_dataset("parquet" if fmt == "parquet" else "json", data_files=shard_glob(out, first),
                                   split="train", cache_dir=str(tmp_path / "hf-cache"))
    assert loaded["tags"] == expected_tags()
    assert loaded["id"] == [r["id"] for r in FEED + SCRAPE]


@pytest.mark.parametrize("compress", ["none", "gzip", "zstd"])
def test_jsonl_shards_are_rewritten_only_where_types_disagreed(tmp_path: Path, compress: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl(FEED + SCRAPE))
    out = tmp_path / "clean"
    assert invoke(["read", str(source), "write", str(out), "--compress", compress]).exit_code == 0
    (name,) = [n for n in os.listdir(out) if n.startswith("part-")]
    lines = [json.loads(line) for line in shard_lines(str(out / name), compress)]
    assert [r["tags"] for r in lines] == expected_tags()
    assert [r["wordcount"] for r in lines] == [120.0, 121.0, 122.0, 123.0, 98.5]
    assert all(isinstance(r["wordcount"], float) for r in lines)
    assert sorted(os.listdir(out)) == ["manifest.json", name]


def test_an_integer_a_float_cannot_hold_makes_its_field_a_string_not_another_number(tmp_path: Path) -> None:
    """Written as floats beside a float, 9007199254740993 became 9007199254740992.0 and 10**23 became 1e+23."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "x", "ref": 9007199254740993}\n{"id": "b", "text": "y", "ref": 1.5}\n'
                      '{"id": "c", "text": "z", "ref": 100000000000000000000000}\n{"id": "d", "text": "w", "ref": 7}\n')
    out = tmp_path / "clean"
    result = invoke(["read", str(source), "write", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "written as a string, each other value as its JSON text (an integer of it is beyond what a float holds " \
           "exactly)" in result.stderr
    lines = [json.loads(line) for line in shard_lines(str(out / "part-00000.jsonl"), "none")]
    assert [r["ref"] for r in lines] == ["9007199254740993", "1.5", "100000000000000000000000", "7"]


def test_agreeing_fields_leave_the_shards_as_written(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl(FEED))
    out = tmp_path / "clean"
    result = invoke(["read", str(source), "write", str(out), "--compress", "gzip"])
    assert result.exit_code == 0 and "field" not in result.stderr
    assert gzip.decompress((out / "part-00000.jsonl.gz").read_bytes()).decode() == source.read_text().replace(
        ", ", ",").replace(": ", ":")


def test_reading_a_run_back_refuses_a_missing_or_cut_shard_and_names_files_its_manifest_does_not_list(
        tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl([{"id": f"r{n}", "text": f"The ferry left at {n} o'clock."} for n in range(30)]))
    out = tmp_path / "out"
    assert invoke(["read", str(source), "write", str(out), "--shard-size", "10"]).exit_code == 0
    (out / "arrivals.jsonl").write_text(to_jsonl([{"id": "x", "text": "Not in the run."}]))
    back = invoke(["read", str(out)])
    assert back.exit_code == 0 and len(back.stdout.splitlines()) == 30
    assert "arrivals.jsonl" in back.stderr and "does not list" in back.stderr
    shard = out / "part-00001.jsonl"
    lines = shard.read_text().splitlines(keepends=True)
    shard.write_text("".join(lines[:5]))
    cut = invoke(["read", str(out)])
    assert cut.exit_code == 1 and "part-00001.jsonl" in cut.stderr and "the manifest says" in cut.stderr
    shard.unlink()
    missing = invoke(["read", str(out)])
    assert missing.exit_code == 1 and "listed in the manifest but missing" in missing.stderr


@pytest.mark.parametrize("split", [False, True])
def test_a_damaged_manifest_beside_shards_is_an_error_not_records(tmp_path: Path, split: bool) -> None:
    """Without its manifest a run's shards cannot be checked, and its audit files would be read as records."""
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl([{"id": f"r{n}", "text": f"The ferry left at {n} o'clock.\n\nAdvertisement"}
                                for n in range(20)]))
    out = tmp_path / "out"
    writer = ["dedup", "--mode", "mark", "split", str(out)] if split else ["write", str(out)]
    assert invoke(["read", str(source), "strip", "--removed", str(out / "removed.jsonl"), *writer]).exit_code == 0
    manifest = out / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])
    for on_error in ("fail", "skip"):
        result = invoke(["--on-error", on_error, "read", str(out)])
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith(f"Error: {manifest}: damaged (") and "restore it" in result.stderr
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "manifest.json").write_text("{not a manifest")
    (plain / "stories.jsonl").write_text(to_jsonl([{"id": "a", "text": "A story."}]))
    result = invoke(["read", str(plain)])
    assert result.exit_code == 1 and f"{plain / 'manifest.json'}:1: invalid JSON" in result.stderr


def test_reading_back_a_run_that_wrote_no_record_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(["strip", "write", str(out)], input=to_jsonl([{"id": "a", "text": "Advertisement"}])).exit_code == 0
    result = invoke(["read", str(out)])
    assert result.exit_code == 1 and "its manifest lists no shard (the run wrote an empty corpus)" in result.stderr


def test_a_run_directory_inside_a_directory_that_is_read_gives_its_shards_only(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl([{"id": f"r{n}", "text": f"The ferry left at {n} o'clock.\n\nAdvertisement"}
                                for n in range(5)]))
    runs = tmp_path / "runs"
    day = runs / "day1"
    made = invoke(["read", str(source), "strip", "--removed", str(day / "removed.jsonl"), "write", str(day)])
    assert made.exit_code == 0
    (runs / "extra.jsonl").write_text(to_jsonl([{"id": "x", "text": "A story kept beside the runs."}]))
    result = invoke(["read", str(runs)])
    assert result.exit_code == 0, result.stderr
    texts = [record["text"] for record in parse_jsonl(result.stdout)]
    assert len(texts) == 6 and "A story kept beside the runs." in texts
    assert not any("Advertisement" in text for text in texts)


def test_a_manifest_that_lists_a_file_outside_its_run_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.jsonl").write_text(to_jsonl([{"id": "z", "text": "Not the run's."}]))
    run = tmp_path / "run"
    run.mkdir()
    manifest = {"tool": {"name": "corpus-tools"}, "write": {"outputs": [{"path": "../elsewhere.jsonl"}]}}
    (run / "manifest.json").write_text(json.dumps(manifest))
    result = invoke(["read", str(run)])
    assert result.exit_code == 1 and "outside the run directory" in result.stderr


@pytest.mark.parametrize("outputs", [[5], [{"path": 5}], [{"name": "part-00000.jsonl"}]])
def test_a_run_manifest_whose_outputs_name_no_file_is_a_one_line_error(tmp_path: Path, outputs: list[Any]) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text(json.dumps({"tool": {"name": "corpus-tools"}, "write": {"outputs": outputs}}))
    result = invoke(["read", str(run)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {run / 'manifest.json'}: not a manifest this version can read")
